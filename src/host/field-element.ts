import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import {
  CUSTOM_PROPERTIES,
  FRAME_TITLES,
  resolveLocale,
  PROTOCOL_VERSION,
  sanitizeStyle,
  type ChangeDetail,
  type ElementOptions,
  type ElementStyle,
  type ElementType,
  type FrameMessage,
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
import { FrameConnection, type TokenResult } from './frame-connection.js';
import { clientFor, IntegrationError, type TesseraClient } from './tessera.js';

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

/**
 * What every Tessera element shares: configuration, the iframe on the vault origin and its
 * channel, the methods (`focus`, `blur`, `clear`, `update`), typed events and form association.
 * Each element only says what it shows.
 *
 * @fires {TesseraReadyEvent} tessera-ready - The frame is loaded and accepts input.
 * @fires {TesseraChangeEvent} tessera-change - Completeness, brand or error changed (never digits).
 * @fires {TesseraFocusEvent} tessera-focus - A field in the frame gained focus.
 * @fires {TesseraBlurEvent} tessera-blur - Focus left the frame.
 * @fires {TesseraEscapeEvent} tessera-escape - Escape was pressed in the frame.
 * @fires {TesseraLoadErrorEvent} tessera-loaderror - The frame did not load or answer in time.
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
  /** The validation message while incomplete. */
  abstract readonly incompleteMessage: string;

  /** Publishable key, when no `tessera` instance is given. */
  @property({ attribute: 'publishable-key' }) publishableKey?: string;
  /** Vault origin, when no `tessera` instance is given and not loaded by script tag. */
  @property({ attribute: 'vault-origin' }) vaultOrigin?: string;
  /** The Tessera instance this element belongs to (wins over the attributes). */
  @property({ attribute: false }) tessera?: TesseraClient;
  /** Form field name: the form submits `name=tok_…`. */
  @property({ reflect: true }) name?: string;
  /** Placeholder of the (first) input. */
  @property() placeholder?: string;
  /** Disables input. */
  @property({ type: Boolean, reflect: true }) disabled = false;
  /** Language of labels and messages (`auto`, `en`, `fr`). */
  @property() locale?: string;
  /** How long the frame may take to load before `tessera-loaderror` (ms). */
  @property({ type: Number, attribute: 'load-timeout' }) loadTimeout = 10_000;
  /** Styling in Stripe's shape: `{ base, complete, empty, invalid }`, allowlisted. */
  @property({ attribute: false }) fieldStyle?: ElementStyle;

  /** Form association (ElementInternals). */
  readonly internals: ElementInternals;
  /** Resolves when the frame is first ready; rejects if it fails to load. */
  readonly ready: Promise<void>;
  /** The last state the frame reported. */
  lastChange: ChangeDetail | null = null;

  #resolveReady!: () => void;
  #rejectReady!: (error: ProtocolError) => void;
  #connection: FrameConnection | null = null;
  #client: TesseraClient | null = null;
  #formDisabled = false;
  #loadFailed = false;
  #announceReset = false;
  readonly #form: FormController;

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.ready = new Promise<void>((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    this.ready.catch(() => undefined);
    this.#form = new FormController(this);
  }

  /** The iframe, once mounted. */
  get frame(): HTMLIFrameElement | undefined {
    return this.#connection?.iframe;
  }

  /** The iframe anchors the browser's validation bubble. */
  get validationAnchor(): HTMLElement | undefined {
    return this.#connection?.iframe;
  }

  /** True when every field is filled in and valid. */
  get complete(): boolean {
    return this.lastChange?.complete ?? false;
  }

  /** Options sent to the frame. */
  protected options(): ElementOptions {
    const style = sanitizeStyle(
      mergeStyles(customPropertyStyle(this), this.fieldStyle ?? {}),
      (message) => {
        console.warn(message);
      },
    );
    return {
      ...(this.placeholder === undefined ? {} : { placeholder: this.placeholder }),
      disabled: this.disabled || this.#formDisabled,
      style,
      locale: this.locale ?? this.#client?.locale ?? 'auto',
    };
  }

  /** Focuses the first field in the frame. */
  override focus(): void {
    const iframe = this.#connection?.iframe;
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
   * Changes options, as Stripe's `element.update()`: placeholder, disabled, style, locale, …
   * (Lit calls the same method with its changed properties, a `Map`, during rendering.)
   */
  override update(options: PropertyValues | (ElementOptions & { hidePostalCode?: boolean })): void {
    if (options instanceof Map) {
      super.update(options);
      return;
    }
    this.applyOptions(options);
  }

  /** Sets the properties behind `update(options)`; elements add their own. */
  protected applyOptions(options: ElementOptions & { hidePostalCode?: boolean }): void {
    if (options.placeholder !== undefined) this.placeholder = options.placeholder;
    if (options.disabled !== undefined) this.disabled = options.disabled;
    if (options.locale !== undefined) this.locale = options.locale;
    if (options.style !== undefined) this.fieldStyle = options.style;
  }

  /** Re-reads the `--tessera-*` custom properties (call after changing them). */
  refreshStyle(): void {
    this.#connection?.update(this.options());
  }

  /** Tokenizes through this element's frame. Resolves with `{ token }` or `{ error }`. */
  tokenize(kind: TokenKind, data: Record<string, unknown>): Promise<TokenResult> {
    if (!this.#connection) {
      return Promise.resolve({
        error: {
          type: 'api_connection_error',
          message: 'This Tessera element is not mounted: add it to the page and give it a key.',
        },
      });
    }
    return this.#connection.tokenize(kind, data);
  }

  override render() {
    return html`${this.#connection?.iframe}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#connection) this.#connection.watchLoading();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#connection?.disconnect();
    // Re-inserting the iframe reloads it empty: the old frame's state must not linger, and
    // listeners hear that it was reset once the new frame is ready.
    this.#announceReset = this.lastChange !== null && !this.lastChange.empty;
    this.lastChange = null;
    this.#form.reset();
  }

  override willUpdate(changed: PropertyValues): void {
    const client = this.#resolveClient();
    if (client !== this.#client) {
      this.#client = client;
      this.#mount();
    } else if (
      this.#connection &&
      ['placeholder', 'disabled', 'locale', 'fieldStyle', 'hidePostalCode', 'postalCode'].some(
        (key) => changed.has(key),
      )
    ) {
      this.#connection.update(this.options());
      this.#connection.iframe.title = this.#frameTitle();
    }
  }

  /** Resets the fields when the form is reset. */
  formResetCallback(): void {
    this.clear();
  }

  /** Follows a disabled `<fieldset>`. */
  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    this.#connection?.update(this.options());
  }

  #resolveClient(): TesseraClient | null {
    if (this.tessera) return this.tessera;
    if (!this.publishableKey) return null;
    try {
      return clientFor(this.publishableKey, this.vaultOrigin);
    } catch (error) {
      if (error instanceof IntegrationError) {
        console.error(error.message);
        return null;
      }
      throw error;
    }
  }

  #mount(): void {
    this.#connection?.disconnect();
    this.#connection = null;
    const client = this.#client;
    if (!client) return;
    const connection = new FrameConnection(
      {
        origin: client.origin,
        elementType: this.elementType,
        groupId: client.groupId,
        publishableKey: client.publishableKey,
        options: () => this.options(),
        loadTimeoutMs: this.loadTimeout,
      },
      {
        message: (message) => {
          this.#onFrameMessage(message);
        },
        failed: (error) => {
          // Once per failure: a frame that loads late and stays silent must not report twice.
          if (this.#loadFailed) return;
          this.#loadFailed = true;
          this.#rejectReady(error);
          this.dispatchEvent(new TesseraLoadErrorEvent(this.elementType, error));
        },
      },
      this.#frameTitle(),
    );
    connection.iframe.setAttribute('part', 'frame');
    connection.iframe.style.height = `${String(INITIAL_HEIGHT[this.elementType])}px`;
    this.#connection = connection;
    if (this.isConnected) connection.watchLoading();
  }

  /** The iframe's accessible name, in the element's language. */
  #frameTitle(): string {
    const locale = resolveLocale(this.locale ?? this.#client?.locale, navigator.languages);
    return FRAME_TITLES[locale][this.elementType];
  }

  #post(type: 'focus' | 'blur' | 'clear'): void {
    this.#connection?.send({ version: PROTOCOL_VERSION, type });
  }

  #onFrameMessage(message: FrameMessage): void {
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
        if (this.#connection)
          this.#connection.iframe.style.height = `${String(Math.ceil(message.height))}px`;
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
      case 'tokenized':
        return;
    }
  }
}
