import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { CardBrand, TokenType } from '../domain/index.js';
import { cvcLengthsFor } from '../validation/index.js';
import {
  sanitizeStyle,
  type ChangeDetail,
  type ElementOptions,
  type ElementType,
  type FrameConfig,
  type ProtocolError,
} from '../protocol/index.js';
import { cardNumberState, changeDetail, visibleError, type FieldEntry } from './field-state.js';
import {
  EMPTY_VALUES,
  INPUTS,
  advancesFocus,
  fieldState,
  fieldsOf,
  type Field,
  type FieldValues,
  type TextField,
} from './fields.js';
import { frameAppStyles } from './frame-app.styles.js';
import { fieldsTemplate, type FieldsView } from './frame-templates.js';
import { parseExpiry, formatExpiry, formatDigits } from './formatting.js';
import { GroupController, type GroupMember, type SplitFieldType } from './group-controller.js';
import { FrameGroup } from './group.js';
import { labelsFor, messageFor, resolveLocale, type Locale } from './messages.js';
import { styleSheetText } from './style-sheet.js';
import {
  accountParams,
  bankAccountParams,
  canCreate,
  cardParams,
  cvcUpdateParams,
  incompleteError,
  mismatchError,
  piiParams,
  splitCardParams,
  type ParamsResult,
  type SiblingAnswer,
} from './token-params.js';
import { postToken, type TokenReply } from './tokenize.js';

/** What the frame reports to its host (the bridge sends it over the port). */
export interface FrameAppEvents {
  change(detail: ChangeDetail): void;
  focus(): void;
  blur(): void;
  escape(): void;
}

function isSplitField(type: ElementType): type is SplitFieldType {
  return type === 'cardNumber' || type === 'cardExpiry' || type === 'cardCvc';
}

/**
 * The fields inside the iframe: the one place raw card and account values exist on the page.
 * They format as the user types (`fields.ts`), validate with `src/validation`, and report only
 * completeness, brand and errors to the host. Tokenizing builds Stripe's parameters
 * (`token-params.ts`) and posts them from here to the vault's own `/v1/tokens`.
 */
@customElement('tessera-frame-app')
export class FrameApp extends LitElement implements GroupMember {
  static override styles = frameAppStyles;

  /** Set once by the bridge before the configure message is applied. */
  events: FrameAppEvents | null = null;

  @state() private config: FrameConfig | null = null;
  @state() private values: FieldValues = EMPTY_VALUES;
  @state() private blurred: ReadonlySet<Field> = new Set();
  @state() private submitted = false;
  /** The brand the number frame announced (CVC length in split fields). */
  @state() private siblingBrand: CardBrand | undefined = undefined;

  #group: GroupController | null = null;
  #lastDetail = '';
  #focused = false;
  readonly #merchantSheet = new CSSStyleSheet();

  /**
   * Joins the split-field group named by `groupId` (from the frame's URL) when this frame is the
   * number, expiry or CVC frame of split fields. Called once, before {@link configure}.
   */
  joinGroup(groupId: string, elementType: ElementType): void {
    if (this.#group || !isSplitField(elementType)) return;
    this.#group = new GroupController(this, new FrameGroup(groupId), elementType);
  }

  /**
   * Applies the host's configuration (the first one makes the frame usable); returns what it
   * dropped from the style, for the host to warn about.
   */
  configure(config: FrameConfig): string[] {
    this.config = config;
    if (config.options.value?.postalCode) {
      this.values = { ...this.values, postalCode: config.options.value.postalCode };
    }
    return this.#applyStyle(config.options);
  }

  /** Applies the host's `updateOptions(options)`; returns what it dropped from the style. */
  updateOptions(options: ElementOptions): string[] {
    if (!this.config) return [];
    const merged = { ...this.config.options, ...options };
    this.config = { ...this.config, options: merged };
    if (options.value?.postalCode !== undefined) {
      this.values = { ...this.values, postalCode: options.value.postalCode };
    }
    return this.#applyStyle(merged);
  }

  /** Moves focus to the first field that still needs input. */
  focusFirst(): void {
    const fields = this.#fields();
    const target = fields.find((field) => !this.#state(field).complete) ?? fields[0];
    if (target) this.#inputFor(target)?.focus();
  }

  /** Takes focus out of the fields. */
  blurAll(): void {
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    if (active instanceof HTMLElement) active.blur();
  }

  /** Empties every field. */
  clear(): void {
    this.values = EMPTY_VALUES;
    this.blurred = new Set();
    this.submitted = false;
  }

  /**
   * Creates a token of `kind` from the fields (and `data`) for the page on `hostOrigin`, or says
   * why not.
   */
  async tokenize(
    kind: TokenType,
    data: Record<string, unknown>,
    hostOrigin: string,
  ): Promise<TokenReply> {
    const config = this.config;
    if (!config) {
      const code = 'frame_not_configured';
      return { error: { type: 'api_error', code, message: messageFor(code, this.#locale()) } };
    }
    const result = await this.#tokenParams(kind, config.elementType, data);
    if ('error' in result) return { error: result.error };
    return postToken(config.publishableKey, result.params, {
      hostOrigin,
      locale: this.#locale(),
    });
  }

  override updated(): void {
    this.#reportChange();
  }

  override render(): TemplateResult | typeof nothing {
    const config = this.config;
    if (!config || config.elementType === 'controller') return nothing;
    const detail = this.#detail();
    const stateClass = detail.error
      ? 'is-invalid'
      : detail.complete
        ? 'is-complete'
        : detail.empty
          ? 'is-empty'
          : '';
    return html`<div
      class="root ${stateClass}"
      @focusin=${this.#onFocusIn}
      @focusout=${this.#onFocusOut}
      @keydown=${this.#onKeyDown}
    >
      ${fieldsTemplate(this.#view(config))}
      <div class="error" id="error" aria-live="polite">${detail.error?.message ?? ''}</div>
    </div>`;
  }

  // GroupMember: what the split-field group asks of this frame.

  ownBrand(): CardBrand | undefined {
    return this.#brand();
  }

  siblingBrandChanged(brand: CardBrand | undefined): void {
    this.siblingBrand = brand;
  }

  touched(): void {
    this.submitted = true;
  }

  autofilled(value: string): void {
    const type = this.config?.elementType;
    if (type === 'cardExpiry') this.#set('expiry', formatExpiry(value));
    if (type === 'cardCvc') {
      this.#set('cvc', formatDigits(value, Math.max(...cvcLengthsFor(this.#brand()))));
    }
  }

  answer(): Omit<SiblingAnswer, 'from'> {
    this.submitted = true;
    const field = this.config?.elementType === 'cardExpiry' ? 'expiry' : 'cvc';
    const fieldState = this.#state(field);
    const values: Record<string, string> =
      field === 'expiry' ? { ...parseExpiry(this.values.expiry) } : { cvc: this.values.cvc };
    const code = fieldState.error?.code;
    return {
      values,
      complete: fieldState.complete,
      ...(code ? { code, message: messageFor(code, this.#locale()) } : {}),
    };
  }

  #view(config: FrameConfig): FieldsView {
    return {
      elementType: config.elementType,
      labels: labelsFor(this.#locale()),
      values: this.values,
      options: config.options,
      fields: this.#fields(),
      brand: this.#brand(),
      invalid: (field) => visibleError(this.#entry(field)) !== undefined,
      onInput: (field, input) => {
        this.#onInput(field, input);
      },
      onBlur: (field) => {
        this.blurred = new Set(this.blurred).add(field);
      },
      onChoose: (field, value) => {
        this.#set(field, value);
      },
      onAutofill: (values) => {
        this.#group?.forwardAutofill(values);
      },
    };
  }

  #onInput(field: TextField, input: HTMLInputElement): void {
    const raw = input.value;
    const before = this.#brand();
    const formatted = INPUTS[field].format(raw, {
      previous: this.values[field],
      caret: input.selectionStart ?? raw.length,
      brand: before,
    });
    if (formatted.value !== raw) input.value = formatted.value;
    if (formatted.caret !== undefined) {
      input.setSelectionRange(formatted.caret, formatted.caret);
    }
    this.#set(field, formatted.value);
    const brand = this.#brand();
    if (field === 'number' && brand !== before) this.#group?.announceBrand(brand);
    if (advancesFocus(field, formatted.value, brand)) {
      const fields = this.#fields();
      const next = fields[fields.indexOf(field) + 1];
      if (next) this.#inputFor(next)?.focus();
    }
  }

  #set(field: Field, value: string): void {
    this.values = { ...this.values, [field]: value };
  }

  #inputFor(field: Field): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`#${field}`);
  }

  #fields(): readonly Field[] {
    return fieldsOf(this.config?.elementType ?? 'controller', this.config?.options.hidePostalCode);
  }

  /** The language of labels and messages: the element's `locale`, `auto` meaning the browser's. */
  #locale(): Locale {
    return resolveLocale(this.config?.options.locale, navigator.languages);
  }

  #brand(): CardBrand | undefined {
    if (this.config?.elementType === 'cardCvc') return this.siblingBrand;
    if (!this.values.number) return undefined;
    const { brand } = cardNumberState(this.values.number);
    return brand === 'unknown' ? undefined : brand;
  }

  #state(field: Field) {
    return fieldState(field, this.values[field], this.#brand());
  }

  #entry(field: Field): FieldEntry {
    return {
      state: this.#state(field),
      blurred: this.blurred.has(field),
      submitted: this.submitted,
    };
  }

  #detail(): ChangeDetail {
    const type = this.config?.elementType ?? 'controller';
    const detail = changeDetail(
      type,
      this.#fields().map((field) => this.#entry(field)),
      type === 'card' || type === 'cardNumber' ? (this.#brand() ?? 'unknown') : undefined,
      this.#locale(),
    );
    if (type === 'card' && !this.config?.options.hidePostalCode && this.values.postalCode) {
      detail.value = { postalCode: this.values.postalCode.trim() };
    }
    return detail;
  }

  #reportChange(): void {
    if (!this.config || this.config.elementType === 'controller') return;
    const detail = this.#detail();
    const text = JSON.stringify(detail);
    if (text === this.#lastDetail) return;
    const first = this.#lastDetail === '';
    this.#lastDetail = text;
    if (!first) this.events?.change(detail);
  }

  /** The merchant's style, reduced to the allowlist, as the frame's last style sheet. */
  #applyStyle(options: ElementOptions): string[] {
    const dropped: string[] = [];
    const style = sanitizeStyle(options.style, (message) => dropped.push(message));
    this.#merchantSheet.replaceSync(styleSheetText(style, { root: '.root', input: '.input' }));
    if (this.renderRoot instanceof ShadowRoot) {
      const sheets = this.renderRoot.adoptedStyleSheets.filter((s) => s !== this.#merchantSheet);
      this.renderRoot.adoptedStyleSheets = [...sheets, this.#merchantSheet];
    }
    return dropped;
  }

  readonly #onFocusIn = (): void => {
    if (this.#focused) return;
    this.#focused = true;
    this.events?.focus();
  };

  readonly #onFocusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget;
    if (next instanceof Node && this.renderRoot.contains(next)) return;
    this.#focused = false;
    this.events?.blur();
  };

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') this.events?.escape();
  };

  /** Marks the fields submitted; the error they show, if they are not complete. */
  #incomplete(): ProtocolError | null {
    this.submitted = true;
    const entries = this.#fields().map((field) => this.#entry(field));
    return incompleteError(this.#detail(), entries, this.#locale());
  }

  async #tokenParams(
    kind: TokenType,
    type: ElementType,
    data: Record<string, unknown>,
  ): Promise<ParamsResult> {
    if (!canCreate(type, kind)) return { error: mismatchError(type, kind) };
    if (kind === 'pii') return { params: piiParams(data) };
    if (kind === 'account') return { params: accountParams(data) };
    if (type === 'cardNumber') {
      // Split fields: every frame shows its errors, and the siblings answer with their values.
      const answers = (await this.#group?.collect()) ?? [];
      const incomplete = this.#incomplete();
      if (incomplete) return { error: incomplete };
      return splitCardParams(this.values.number, answers, data, this.#locale());
    }
    const incomplete = this.#incomplete();
    if (incomplete) return { error: incomplete };
    switch (kind) {
      case 'card':
        return {
          params: cardParams(
            this.values,
            { postalCode: this.#fields().includes('postalCode') },
            data,
          ),
        };
      case 'bank_account':
        return { params: bankAccountParams(this.values, data) };
      case 'cvc_update':
        return { params: cvcUpdateParams(this.values) };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tessera-frame-app': FrameApp;
  }
}
