/**
 * The frame's look and words as a reactive controller: the merchant's styling options become
 * the frame's last style sheet and its layout (`look`), the requested language's catalogue with
 * the merchant's messages laid over it becomes its words (`catalogue`). Both load lazily (the
 * styling checks and every catalogue but English are chunks of their own); options applied
 * later win over earlier ones still loading, and the host re-renders when either changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveLocale, type ElementOptions, type Locale } from '../protocol/index.js';
import { asksForStyling, DEFAULT_STYLING, sheetText, type Look } from './appearance-sheet.js';
import type { Catalogue } from './i18n/catalogue.js';
import { en, loadCatalogue, sayIn, withMessages, type Say } from './i18n/words.js';

/** How long the first render waits for its language's catalogue before it shows English. */
const CATALOGUE_WAIT_MS = 3000;

/** The browser's own CSS parser: values the appearance filter let through must also parse. */
const supports = (property: string, value: string): boolean => CSS.supports(property, value);

/** What the controller needs of the component it styles. */
export interface LookHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export class LookController implements ReactiveController {
  /** The layout the fields render with. */
  look: Look = DEFAULT_STYLING.look;
  /** The words, with the merchant's messages laid over them. */
  catalogue: Catalogue = en;
  /** The language of {@link catalogue}. */
  locale: Locale = 'en';

  readonly #host: LookHost;
  /** Called when the words changed after {@link apply} resolved (a catalogue came late). */
  readonly #late: () => void;
  readonly #sheet = new CSSStyleSheet();
  /** The catalogue of {@link locale}, before the merchant's messages. */
  #base: Catalogue = en;
  #messages: ElementOptions['messages'];
  #applyRequest = 0;
  #localeRequest = 0;

  constructor(host: LookHost, late: () => void) {
    this.#host = host;
    this.#late = late;
    host.addController(this);
  }

  hostConnected(): void {
    this.#adopt();
  }

  /** Says the message of a code in the current words. */
  readonly say: Say = (code) => sayIn(this.catalogue)(code);

  /**
   * Applies options: the style sheet and look from `appearance` and `style`, the merchant's
   * messages, and (when `reload`) the catalogue of the requested language. Resolves with what
   * the options dropped, once both are in.
   */
  async apply(options: ElementOptions, reload: boolean): Promise<string[]> {
    const dropped: string[] = [];
    const request = ++this.#applyRequest;
    this.#messages = options.messages;
    const words = reload ? this.#loadLocale(options.locale) : Promise.resolve();
    const styling = asksForStyling(options)
      ? (await import('./styling.js')).checkStyling(options, supports, dropped)
      : DEFAULT_STYLING;
    // Options applied since (the checker's chunk loading) win over these.
    if (request !== this.#applyRequest) return dropped;
    this.look = styling.look;
    this.#sheet.replaceSync(sheetText(styling, options.hostColor));
    this.#adopt();
    await words;
    this.catalogue = withMessages(this.#base, options.messages, dropped);
    this.#host.requestUpdate();
    return dropped;
  }

  /** The merchant's sheet, last among the component's style sheets. */
  #adopt(): void {
    const root = this.#host.renderRoot;
    if (!(root instanceof ShadowRoot)) return;
    const sheets = root.adoptedStyleSheets.filter((sheet) => sheet !== this.#sheet);
    root.adoptedStyleSheets = [...sheets, this.#sheet];
  }

  /**
   * Loads the catalogue of `requested` (`auto`: the browser's languages). Waits for it at most
   * {@link CATALOGUE_WAIT_MS}, showing English after that until it arrives; a request made
   * since wins over this one.
   */
  async #loadLocale(requested: string | undefined): Promise<void> {
    const request = ++this.#localeRequest;
    const locale = resolveLocale(requested, navigator.languages);
    let late = false;
    const loading = loadCatalogue(locale).then((catalogue) => {
      if (request !== this.#localeRequest) return;
      this.locale = locale;
      this.#base = catalogue;
      this.catalogue = withMessages(catalogue, this.#messages);
      this.#host.requestUpdate();
      if (late) this.#late();
    });
    await Promise.race([loading, new Promise((resolve) => setTimeout(resolve, CATALOGUE_WAIT_MS))]);
    late = true;
  }
}
