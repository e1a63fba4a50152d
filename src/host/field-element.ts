import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import {
  CUSTOM_PROPERTIES,
  FRAME_TITLES,
  resolveLocale,
  PROTOCOL_VERSION,
  type ChangeDetail,
  type ElementOptions,
  type ElementStyle,
  type ElementType,
  type FrameMessage,
  type Locale,
  type ProtocolError,
  type StyleRules,
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
import { clientMessage, INCOMPLETE_CODES } from './messages.js';
import type { TesseraClient } from './tessera.js';

/** Heights before the frame reports its own, so the page does not jump when it does. */
const INITIAL_HEIGHT: Readonly<Record<ElementType, number>> = {
  card: 116,
  cardNumber: 68,
  cardExpiry: 68,
  cardCvc: 68,
  bankAccount: 230,
  controller: 0,
};

/** Reads the `--tessera-*` custom properties into a style object (empty values skipped). */
function customPropertyStyle(element: HTMLElement): ElementStyle {
  const computed = getComputedStyle(element);
  const style: Record<string, Record<string, unknown>> = {};
  for (const [name, variant, property, pseudo] of CUSTOM_PROPERTIES) {
    const value = computed.getPropertyValue(name).trim();
    if (!value) continue;
    const rules = (style[variant] ??= {});
    if (pseudo) ((rules[pseudo] ??= {}) as Record<string, string>)[property] = value;
    else rules[property] = value;
  }
  return style;
}

/**
 * A style the frame can be sent: nested objects (three levels at most, as the style's shape has)
 * of strings. Anything else becomes text for the frame to judge, and to warn about.
 */
function plainData(value: unknown, depth = 0): ElementStyle {
  if (typeof value !== 'object' || value === null) return {};
  // fromEntries defines own keys, so a `__proto__` key stays a key (for the frame to drop).
  return Object.fromEntries(
    Object.entries(value).map(([key, item]: [string, unknown]) => [
      key,
      typeof item === 'object' && item !== null && depth < 2
        ? plainData(item, depth + 1)
        : String(item),
    ]),
  );
}

/** `explicit` wins over `fallback`, per variant and per pseudo-class. */
function mergeStyles(fallback: ElementStyle, explicit: ElementStyle): ElementStyle {
  const merged: Record<string, StyleRules> = { ...fallback };
  for (const [variant, rules] of Object.entries(explicit)) {
    const base = merged[variant] ?? {};
    const combined: Record<string, unknown> = { ...base, ...rules };
    for (const [key, value] of Object.entries(rules)) {
      const under = (base as Record<string, unknown>)[key];
      if (typeof value === 'object' && typeof under === 'object') {
        combined[key] = { ...under, ...value };
      }
    }
    merged[variant] = combined;
  }
  return merged;
}

/** What `updateOptions()` takes: every element's options (the card element adds its own). */
export type FieldOptions = ElementOptions;

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
 * @csspart frame - The iframe.
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
export abstract class TesseraFieldElement extends LitElement {
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
      width: 100%;
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
  /** Language of labels and messages (`auto`, `en`, `fr`). */
  @property() locale?: string;
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

  /** The form's validation message while this element is incomplete, in its language. */
  get incompleteMessage(): string {
    return clientMessage(INCOMPLETE_CODES[this.elementType], this.resolvedLocale());
  }

  /**
   * @internal The options the frame shows now. The style goes as given (as plain data): the
   * frame holds the allowlist, and warns back about what it drops.
   */
  frameOptions(): ElementOptions {
    const style = plainData(mergeStyles(customPropertyStyle(this), this.fieldStyle ?? {}));
    return {
      ...(this.placeholder === undefined ? {} : { placeholder: this.placeholder }),
      disabled: this.isDisabled,
      style,
      locale: this.locale ?? this.#frame.client?.locale ?? 'auto',
    };
  }

  /** @internal The element's language: its `locale`, else its instance's, `auto` the browser's. */
  resolvedLocale(): Locale {
    return resolveLocale(this.locale ?? this.#frame.client?.locale, navigator.languages);
  }

  /** @internal The iframe's accessible name, in the element's language. */
  frameTitle(): string {
    return FRAME_TITLES[this.resolvedLocale()][this.elementType];
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
  }

  /** Re-reads the `--tessera-*` custom properties (call after changing them). */
  refreshStyle(): void {
    this.requestUpdate();
  }

  /** Tokenizes through this element's frame. Resolves with `{ token }` or `{ error }`. */
  tokenize(kind: TokenKind, data: Record<string, unknown>): Promise<TokenResult> {
    return this.#frame.tokenize(kind, data);
  }

  override render() {
    return html`${this.#frame.iframe}`;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
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
    iframe.style.height = `${String(INITIAL_HEIGHT[this.elementType])}px`;
  }

  /** @internal The element cannot show its frame: no or a bad key, or a load that failed. */
  frameFailed(error: ProtocolError): void {
    // Once per failure: a frame that loads late and stays silent must not report twice.
    if (this.#loadFailed) return;
    this.#loadFailed = true;
    this.#rejectReady(error);
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
      case 'warning':
        for (const warning of message.messages) console.warn(warning);
        return;
      case 'tokenized':
        return;
    }
  }

  #post(type: 'focus' | 'blur' | 'clear'): void {
    this.#frame.send({ version: PROTOCOL_VERSION, type });
  }
}
