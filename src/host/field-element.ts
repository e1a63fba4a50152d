import { ReactiveElement, css, type PropertyValues } from '@lit/reactive-element';
import { property } from '@lit/reactive-element/decorators.js';
import {
  resolveLocale,
  PROTOCOL_VERSION,
  type Appearance,
  type ChangeDetail,
  type ElementOptions,
  type ElementStyle,
  type ElementType,
  type FrameMessage,
  type HostStrings,
  type ProtocolError,
  type TokenKind,
} from '../protocol/index.js';
import {
  TesseraBlurEvent,
  TesseraChangeEvent,
  TesseraEscapeEvent,
  TesseraFocusEvent,
  TesseraLoadErrorEvent,
  TesseraReadyEvent,
} from './events.js';
import { FormController } from './form-controller.js';
import { FrameController } from './frame-controller.js';
import type { TokenResult } from './frame-connection.js';
import type { FieldOptions } from './field-options.js';
import { elementWords, loadFailureMessage, type HostWords } from './messages.js';
import { unwatchPage, watchPage } from './page-watch.js';
import { initialHeight, plainData, stylingOptions } from './styling-options.js';
import type { TesseraClient } from './tessera.js';

/**
 * What every Tessera element shares: configuration, the iframe on the vault origin (through
 * the {@link FrameController}), the methods (`focus`, `blur`, `clear`, `updateOptions`), typed
 * events and form association (through the {@link FormController}). Each element only says
 * what it shows.
 *
 * @fires {TesseraReadyEvent} tessera-ready - The frame is loaded and accepts input.
 * @fires {TesseraChangeEvent} tessera-change - Completeness, brand or error changed (never digits).
 * @fires {TesseraFocusEvent} tessera-focus - A field in the frame gained focus.
 * @fires {TesseraBlurEvent} tessera-blur - Focus left the frame.
 * @fires {TesseraEscapeEvent} tessera-escape - Escape was pressed in the frame.
 * @fires {TesseraLoadErrorEvent} tessera-loaderror - No usable key, or the frame did not load or answer in time.
 * @csspart frame - The iframe (it reaches 4px beyond the element on every side, room for the focus ring).
 * @cssprop --tessera-color - Text colour of the inputs.
 * @cssprop --tessera-background-color - Background of the inputs.
 * @cssprop --tessera-font-family - Font family of the inputs.
 * @cssprop --tessera-font-size - Font size of the inputs.
 * @cssprop --tessera-font-weight - Font weight of the inputs.
 * @cssprop --tessera-letter-spacing - Letter spacing of the inputs.
 * @cssprop --tessera-line-height - Line height of the inputs.
 * @cssprop --tessera-padding - Padding of the inputs.
 * @cssprop --tessera-text-transform - Text transform of the inputs.
 * @cssprop --tessera-icon-color - Colour of the brand icon.
 * @cssprop --tessera-placeholder-color - Placeholder colour.
 * @cssprop --tessera-invalid-color - Text colour when invalid.
 * @cssprop --tessera-complete-color - Text colour when complete.
 */
export abstract class TesseraFieldElement extends ReactiveElement {
  static formAssociated = true;

  static override styles = css`
    :host {
      display: block;
    }
    :host([hidden]) {
      display: none;
    }
    iframe {
      display: block;
      width: calc(100% + 8px);
      margin: -4px;
      border: 0;
      background: transparent;
      color-scheme: normal;
    }
  `;

  /** What the frame shows. */
  abstract readonly elementType: ElementType;
  /** The token this element creates on form submit. */
  abstract readonly submitKind: TokenKind;

  /** Publishable key, when no `tessera` instance is given. */
  @property({ attribute: 'publishable-key' }) publishableKey?: string;
  /** Vault origin, when no `tessera` instance is given and not loaded by script tag. */
  @property({ attribute: 'vault-origin' }) vaultOrigin?: string;
  /** The Tessera instance this element belongs to (wins over the attributes). */
  @property({ attribute: false }) tessera?: TesseraClient;
  /** Form field name: the form submits `name=tok_…`. Unnamed elements take no part in forms. */
  @property({ reflect: true }) name?: string;
  /** Placeholder of the (first) input. */
  @property() placeholder?: string;
  /** Disables input; a disabled element does not hold up its form. */
  @property({ type: Boolean, reflect: true }) disabled = false;
  /**
   * Language of labels and messages: `auto` (the browser's languages) or a BCP 47 tag, which
   * falls back from region to language to English (`pt-BR`, `pt`, `en`).
   */
  @property() locale?: string;
  /** Stripe's theme for pages without JavaScript; `appearance.theme` wins over it. */
  @property() theme?: 'stripe' | 'night' | 'flat';
  /** Stripe's Appearance API (`theme`, `variables`, `rules`, `labels`, `inputs`), over the instance's. */
  @property({ attribute: false }) appearance?: Appearance;
  /** Your own wording of messages, by code, over the instance's. */
  @property({ attribute: false }) messages?: Record<string, string>;
  /** The iframe's accessible name, instead of the short localised one. */
  @property({ attribute: 'frame-title' }) frameTitle?: string;
  /** How long the frame may take to load before `tessera-loaderror` (ms). */
  @property({ type: Number, attribute: 'load-timeout' }) loadTimeout = 10_000;
  /** Styling in Stripe's shape: `{ base, complete, empty, invalid }`, allowlisted. */
  @property({ attribute: false }) fieldStyle?: ElementStyle;

  /** Form association (ElementInternals). */
  readonly internals: ElementInternals;
  /** Resolves when the frame is first ready; rejects if it cannot be set up or load. */
  readonly ready: Promise<void>;
  /** The last state the frame reported. */
  lastChange: ChangeDetail | null = null;

  #resolveReady!: () => void;
  #rejectReady!: (error: ProtocolError) => void;
  #formDisabled = false;
  #loadFailed = false;
  #announceReset = false;
  /** The frame's words for this element, once it sent them. */
  #strings: HostStrings | null = null;
  readonly #frame: FrameController;
  readonly #form: FormController;

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.ready = new Promise<void>((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    this.ready.catch(() => undefined);
    this.#frame = new FrameController(this);
    this.#form = new FormController(this);
  }

  /** The iframe, once mounted. */
  get frame(): HTMLIFrameElement | undefined {
    return this.#frame.iframe;
  }

  /** The iframe anchors the browser's validation bubble. */
  get validationAnchor(): HTMLElement | undefined {
    return this.#frame.iframe;
  }

  /** True when every field is filled in and valid. */
  get complete(): boolean {
    return this.lastChange?.complete ?? false;
  }

  /** True when the element is disabled itself or by a disabled `<fieldset>`. */
  get isDisabled(): boolean {
    return this.disabled || this.#formDisabled;
  }

  /**
   * The form's validation message while this element is incomplete, in its language (that the
   * form could not load, once it could not).
   */
  get incompleteMessage(): string {
    const words = this.words();
    return this.#loadFailed
      ? loadFailureMessage(words)
      : elementWords(this.elementType, words).prompt;
  }

  /**
   * @internal The options the frame shows now. Styling goes as given (as plain data): the
   * frame holds the allowlist, and warns back about what it drops.
   */
  frameOptions(): ElementOptions {
    const client = this.#frame.client;
    const computed = getComputedStyle(this);
    const { style, appearance } = stylingOptions(computed, this, client?.appearance);
    const messages = { ...client?.messages, ...this.messages };
    const dir = this.getAttribute('dir') ? undefined : client?.dir;
    return {
      ...(this.placeholder === undefined ? {} : { placeholder: this.placeholder }),
      disabled: this.isDisabled,
      style,
      appearance,
      messages: plainData(messages) as Record<string, string>,
      locale: this.locale ?? client?.locale ?? 'auto',
      dir: dir === 'ltr' || dir === 'rtl' ? dir : computed.direction === 'rtl' ? 'rtl' : 'ltr',
      hostColor: computed.color,
    };
  }

  /** @internal What the element knows to say, in its language. */
  words(): HostWords {
    const client = this.#frame.client;
    return {
      locale: resolveLocale(this.locale ?? client?.locale, navigator.languages),
      strings: this.#strings,
      messages: { ...client?.messages, ...this.messages },
    };
  }

  /** @internal The iframe's accessible name: the `frame-title`, else the frame's own words. */
  iframeTitle(): string {
    return this.frameTitle ?? elementWords(this.elementType, this.words()).title;
  }

  /** Focuses the first field in the frame. */
  override focus(): void {
    const iframe = this.#frame.iframe;
    // Focusing an iframe that already has focus moves focus to its document, which can land
    // after the frame focused its field and undo it: only focus the iframe when it lacks focus.
    if (iframe && this.shadowRoot?.activeElement !== iframe) iframe.focus();
    this.#post('focus');
  }

  /** Takes focus out of the frame. */
  override blur(): void {
    this.#post('blur');
  }

  /** Empties every field. */
  clear(): void {
    this.#post('clear');
    this.#form.reset();
  }

  /**
   * Changes options at run time: placeholder, disabled, style, locale, and the card element's
   * `hidePostalCode` and `value.postalCode`. Stripe calls this `element.update(options)`; here
   * `update` is Lit's rendering method, so it has its own name.
   */
  updateOptions(options: FieldOptions): void {
    if (options.placeholder !== undefined) this.placeholder = options.placeholder;
    if (options.disabled !== undefined) this.disabled = options.disabled;
    if (options.locale !== undefined) this.locale = options.locale;
    if (options.style !== undefined) this.fieldStyle = options.style;
    if (options.appearance !== undefined) this.appearance = options.appearance;
    if (options.messages !== undefined) this.messages = options.messages;
    if (options.frameTitle !== undefined) this.frameTitle = options.frameTitle;
    // The native attribute: the element observes it (and `auto` follows the page again).
    if (options.dir === 'auto') this.removeAttribute('dir');
    else if (options.dir !== undefined) this.dir = options.dir;
  }

  /** Re-reads the `--tessera-*` custom properties (call after changing them). */
  refreshStyle(): void {
    this.requestUpdate();
  }

  /** Tokenizes through this element's frame. Resolves with `{ token }` or `{ error }`. */
  tokenize(kind: TokenKind, data: Record<string, unknown>): Promise<TokenResult> {
    return this.#frame.tokenize(kind, data);
  }

  /** Renders its one iframe (Lit's reactive base, no templates: the script tag stays small). */
  protected override update(changed: PropertyValues): void {
    super.update(changed);
    const iframe = this.#frame.iframe;
    if (iframe?.parentNode !== this.renderRoot)
      this.renderRoot.replaceChildren(...(iframe ? [iframe] : []));
  }

  /** The native `dir` too: the element's own direction changes its layout. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'dir'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'dir') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    watchPage(this);
    this.addEventListener('click', this.#onClick);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    unwatchPage(this);
    this.removeEventListener('click', this.#onClick);
    // Re-inserting the iframe reloads it empty: the old frame's state must not linger, and
    // listeners hear that it was reset once the new frame is ready.
    this.#announceReset = this.lastChange !== null && !this.lastChange.empty;
    this.lastChange = null;
    this.#form.reset();
  }

  /** Resets the fields when the form is reset. */
  formResetCallback(): void {
    this.clear();
  }

  /** Follows a disabled `<fieldset>` (and the element's own `disabled` attribute). */
  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    // The browser calls this while Lit reflects `disabled` during a render, when a request for
    // another render would be dropped: ask once this one is over.
    queueMicrotask(() => {
      this.requestUpdate();
    });
  }

  /** @internal The bridge mounted a new iframe. */
  frameMounted(iframe: HTMLIFrameElement): void {
    iframe.setAttribute('part', 'frame');
    const appearance = this.frameOptions().appearance ?? {};
    iframe.style.height = `${String(initialHeight(this.elementType, appearance))}px`;
  }

  /**
   * A click on the element itself, not inside its frame: an outer `<label for>` naming the
   * element (it is form-associated, so labelable) focuses its first field, as Stripe's do.
   */
  readonly #onClick = (event: MouseEvent): void => {
    if (event.target === this) this.focus();
  };

  /** @internal The element cannot show its frame: no or a bad key, or a load that failed. */
  frameFailed(error: ProtocolError): void {
    // Once per failure: a frame that loads late and stays silent must not report twice.
    if (this.#loadFailed) return;
    this.#loadFailed = true;
    this.#rejectReady(error);
    // The form's prompt now says the form could not load.
    this.requestUpdate();
    this.dispatchEvent(new TesseraLoadErrorEvent(this.elementType, error));
  }

  /** @internal A message from the frame. */
  frameMessage(message: FrameMessage): void {
    switch (message.type) {
      case 'ready':
        this.#loadFailed = false;
        this.#resolveReady();
        this.dispatchEvent(new TesseraReadyEvent(this.elementType));
        if (this.#announceReset) {
          this.#announceReset = false;
          this.dispatchEvent(
            new TesseraChangeEvent({ elementType: this.elementType, empty: true, complete: false }),
          );
        }
        return;
      case 'resize':
        if (this.#frame.iframe) {
          this.#frame.iframe.style.height = `${String(Math.ceil(message.height))}px`;
        }
        return;
      case 'change':
        this.lastChange = message.detail;
        this.#form.changed(message.detail);
        this.dispatchEvent(new TesseraChangeEvent(message.detail));
        return;
      case 'focus':
        this.dispatchEvent(new TesseraFocusEvent(this.elementType));
        return;
      case 'blur':
        this.dispatchEvent(new TesseraBlurEvent(this.elementType));
        return;
      case 'escape':
        this.dispatchEvent(new TesseraEscapeEvent(this.elementType));
        return;
      case 'locale':
        // A render follows: the iframe's title and the form's prompt in the new words.
        this.#strings = message.strings;
        this.requestUpdate();
        return;
      case 'warning':
        // One warning per options change, naming everything the frame dropped.
        console.warn(
          `Tessera: dropped from the options of <${this.localName}>:\n- ${message.messages.join('\n- ')}`,
        );
        return;
      case 'tokenized':
        return;
    }
  }

  #post(type: 'focus' | 'blur' | 'clear'): void {
    this.#frame.send({ version: PROTOCOL_VERSION, type });
  }
}
