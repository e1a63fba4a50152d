import { LitElement, css, html, nothing, svg, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type {
  ChangeDetail,
  ElementOptions,
  ElementType,
  FrameConfig,
  ProtocolError,
  TokenKind,
} from '../protocol/index.js';
import { cvcLengthsFor, type CardBrand } from '../validation/index.js';
import {
  accountHolderNameState,
  accountNumberState,
  cardNumberState,
  changeDetail,
  cvcState,
  expiryState,
  postalCodeState,
  routingNumberState,
  visibleError,
  type FieldEntry,
  type FieldState,
} from './field-state.js';
import {
  ACCOUNT_NUMBER_MAX_LENGTH,
  ROUTING_NUMBER_LENGTH,
  formatCardNumber,
  formatDigits,
  formatExpiry,
  hasNonAsciiDigits,
  parseExpiry,
  reformatWithCaret,
} from './formatting.js';
import type { FrameGroup, GroupMessage } from './group.js';
import { labelsFor, messageFor, resolveLocale, type Labels } from './messages.js';
import { styleSheetText } from './style-sheet.js';
import { postToken, type TokenReply } from './tokenize.js';

/** Every input a frame may show. */
type Field =
  | 'number'
  | 'expiry'
  | 'cvc'
  | 'postalCode'
  | 'accountHolderName'
  | 'accountHolderType'
  | 'routingNumber'
  | 'accountNumber';

/** The inputs of each element type, in tab order. */
const FIELDS: Readonly<Record<ElementType, readonly Field[]>> = {
  card: ['number', 'expiry', 'cvc', 'postalCode'],
  cardNumber: ['number'],
  cardExpiry: ['expiry'],
  cardCvc: ['cvc'],
  bankAccount: ['accountHolderName', 'accountHolderType', 'routingNumber', 'accountNumber'],
  controller: [],
};

/** Cardholder data the page may add to a card token; anything else is not forwarded. */
const CARD_DATA_KEYS = [
  'name',
  'address_line1',
  'address_line2',
  'address_city',
  'address_state',
  'address_zip',
  'address_country',
  'currency',
] as const;

const EMPTY_VALUES: Readonly<Record<Field, string>> = {
  number: '',
  expiry: '',
  cvc: '',
  postalCode: '',
  accountHolderName: '',
  accountHolderType: 'individual',
  routingNumber: '',
  accountNumber: '',
};

/** What the frame reports to its host (the bridge sends it over the port). */
export interface FrameAppEvents {
  change(detail: ChangeDetail): void;
  focus(): void;
  blur(): void;
  escape(): void;
}

function pick(data: Record<string, unknown>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = data[key];
    if (typeof value === 'string' && value !== '') out[key] = value;
  }
  return out;
}

/**
 * Brands whose 17- to 19-digit numbers are common: a valid 16-digit prefix does not move focus
 * on, so the last digits of a longer number are not typed into the expiry.
 */
const LONG_NUMBER_BRANDS: ReadonlySet<CardBrand> = new Set(['unionpay', 'maestro']);

/** Short brand marks for the icon. */
const BRAND_MARKS: Partial<Record<CardBrand, string>> = {
  visa: 'VISA',
  mastercard: 'MC',
  amex: 'AMEX',
  discover: 'DISC',
  diners: 'DC',
  jcb: 'JCB',
  unionpay: 'UP',
  maestro: 'MAES',
  elo: 'ELO',
  mir: 'MIR',
  hiper: 'HIPR',
  hipercard: 'HIPR',
};

/**
 * The fields inside the iframe: the one place raw card and account values exist on the page.
 * Inputs bind `.value` as a property (so CSS attribute selectors have nothing to match), format
 * as the user types, validate with `src/validation`, and report only completeness, brand and
 * errors to the host. Tokenizing posts from here to the vault's own `/v1/tokens`.
 */
@customElement('tessera-frame-app')
export class FrameApp extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font-family:
        system-ui,
        -apple-system,
        'Segoe UI',
        Roboto,
        sans-serif;
      font-size: 16px;
      color: #30313d;
      --tessera-icon-color: #6b7280;
    }
    .root {
      display: flex;
      flex-direction: column;
      gap: 8px;
      padding: 1px;
    }
    .row {
      display: flex;
      gap: 8px;
    }
    .row > * {
      flex: 1 1 0;
      min-width: 0;
    }
    .with-icon {
      position: relative;
    }
    .with-icon .input {
      padding-left: 52px;
    }
    .brand {
      position: absolute;
      left: 8px;
      top: 10px;
      width: 36px;
      height: 20px;
      pointer-events: none;
    }
    .input {
      box-sizing: border-box;
      width: 100%;
      height: 40px;
      padding: 0 10px;
      border: 1px solid #d1d5db;
      border-radius: 6px;
      background: #fff;
      font: inherit;
      color: inherit;
      outline: none;
    }
    .input:focus {
      border-color: #635bff;
      box-shadow: 0 0 0 2px rgb(99 91 255 / 25%);
    }
    .input[aria-invalid='true'] {
      border-color: #df1b41;
    }
    .input:disabled {
      background: #f3f4f6;
      color: #9ca3af;
    }
    .label {
      display: block;
      margin-bottom: 4px;
      font-size: 14px;
      line-height: 18px;
      color: #4b5563;
    }
    .sr-only,
    .autofill-catcher {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      padding: 0;
      overflow: hidden;
      clip: rect(0 0 0 0);
      border: 0;
      white-space: nowrap;
    }
    .error {
      min-height: 18px;
      font-size: 13px;
      line-height: 18px;
      color: #df1b41;
    }
  `;

  /** Set once by the bridge before the configure message is applied. */
  events: FrameAppEvents | null = null;
  /** The split-field group, for the number, expiry and CVC frames. */
  group: FrameGroup | null = null;

  @state() private config: FrameConfig | null = null;
  @state() private values: Record<Field, string> = { ...EMPTY_VALUES };
  @state() private blurred = new Set<Field>();
  @state() private submitted = false;
  /** The brand the number frame announced (CVC length in split fields). */
  @state() private siblingBrand: CardBrand | undefined = undefined;

  #lastDetail = '';
  #focused = false;
  #merchantSheet = new CSSStyleSheet();

  /** Applies the host's configuration (the first one makes the frame usable). */
  configure(config: FrameConfig): void {
    this.config = config;
    if (config.options.value?.postalCode) {
      this.values = { ...this.values, postalCode: config.options.value.postalCode };
    }
    this.#applyStyle(config.options);
    this.group?.listen((message) => {
      this.#onGroupMessage(message);
    });
    // A frame that mounts after the number frame announced its brand asks for it again.
    if (config.elementType === 'cardCvc') this.group?.post({ t: 'join' });
  }

  /** Applies `element.update(options)`. */
  updateOptions(options: ElementOptions): void {
    if (!this.config) return;
    const merged = { ...this.config.options, ...options };
    this.config = { ...this.config, options: merged };
    if (options.value?.postalCode !== undefined) {
      this.values = { ...this.values, postalCode: options.value.postalCode };
    }
    this.#applyStyle(merged);
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
    this.values = { ...EMPTY_VALUES };
    this.blurred = new Set();
    this.submitted = false;
  }

  /** Creates a token of `kind` from the fields (and `data`), or says why not. */
  async tokenize(kind: TokenKind, data: Record<string, unknown>): Promise<TokenReply> {
    const config = this.config;
    if (!config) return { error: { type: 'api_error', message: 'The frame is not configured.' } };
    const type = config.elementType;
    const params = await this.#tokenParams(kind, type, data);
    if ('error' in params) return { error: params.error };
    return postToken(config.publishableKey, params.params);
  }

  override updated(): void {
    this.#reportChange();
  }

  override render(): TemplateResult | typeof nothing {
    const config = this.config;
    if (!config || config.elementType === 'controller') return nothing;
    const labels = this.#labels();
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
      ${this.#layout(config.elementType, labels)}
      <div class="error" id="error" aria-live="polite">${detail.error?.message ?? ''}</div>
    </div>`;
  }

  #layout(type: ElementType, labels: Labels): TemplateResult {
    switch (type) {
      case 'card':
        return html`<div class="with-icon">
            ${this.#brandIcon()}${this.#input('number', labels)}
          </div>
          <div class="row">
            ${this.#input('expiry', labels)} ${this.#input('cvc', labels)}
            ${this.config?.options.hidePostalCode ? nothing : this.#input('postalCode', labels)}
          </div>`;
      case 'cardNumber':
        return html`<div class="with-icon">
            ${this.#brandIcon()}${this.#input('number', labels)}
          </div>
          ${this.#autofillCatchers()}`;
      case 'cardExpiry':
        return this.#input('expiry', labels);
      case 'cardCvc':
        return this.#input('cvc', labels);
      default:
        return html`<div>
            <label class="label" for="accountHolderName">${labels.accountHolderName.label}</label>
            ${this.#input('accountHolderName', labels)}
          </div>
          <div>
            <label class="label" for="accountHolderType">${labels.accountHolderType.label}</label>
            <select
              id="accountHolderType"
              class="input"
              .value=${live(this.values.accountHolderType)}
              ?disabled=${this.config?.options.disabled ?? false}
              @change=${(event: Event) => {
                this.#set('accountHolderType', (event.target as HTMLSelectElement).value);
              }}
            >
              <option value="individual">${labels.accountHolderType.individual}</option>
              <option value="company">${labels.accountHolderType.company}</option>
            </select>
          </div>
          <div class="row">
            <div>
              <label class="label" for="routingNumber">${labels.routingNumber.label}</label>
              ${this.#input('routingNumber', labels)}
            </div>
            <div>
              <label class="label" for="accountNumber">${labels.accountNumber.label}</label>
              ${this.#input('accountNumber', labels)}
            </div>
          </div>`;
    }
  }

  #input(field: Exclude<Field, 'accountHolderType'>, labels: Labels): TemplateResult {
    const spec = INPUTS[field];
    const fieldLabels = labels[spec.labels];
    const options = this.config?.options;
    const placeholder =
      options?.placeholder !== undefined && this.#fields().length === 1
        ? options.placeholder
        : fieldLabels.placeholder;
    const error = visibleError(this.#entry(field)) !== undefined;
    const visibleLabel = this.config?.elementType === 'bankAccount';
    return html`${
        visibleLabel
          ? nothing
          : html`<label class="sr-only" for=${field}>${fieldLabels.label}</label>`
      }<input
        id=${field}
        name=${field}
        class="input"
        type="text"
        autocomplete=${spec.autocomplete}
        inputmode=${spec.inputmode}
        spellcheck="false"
        autocorrect="off"
        autocapitalize="off"
        placeholder=${placeholder}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="error"
        ?disabled=${options?.disabled ?? false}
        .value=${live(this.values[field])}
        @input=${(event: InputEvent) => {
          this.#onInput(field, event.target as HTMLInputElement);
        }}
        @blur=${() => {
          this.blurred = new Set(this.blurred).add(field);
        }}
      />`;
  }

  /** Hidden inputs that let the browser autofill expiry and CVC into the number frame. */
  #autofillCatchers(): TemplateResult {
    const catcher = (autocomplete: string, forward: (value: string) => GroupMessage) =>
      html`<input
        class="autofill-catcher"
        tabindex="-1"
        aria-hidden="true"
        autocomplete=${autocomplete}
        @input=${(event: Event) => {
          const input = event.target as HTMLInputElement;
          if (input.value) this.group?.post(forward(input.value));
          input.value = '';
        }}
      />`;
    return html`${catcher('cc-exp', (expiry) => ({ t: 'autofill', expiry }))}${catcher(
      'cc-csc',
      (cvc) => ({ t: 'autofill', cvc }),
    )}`;
  }

  #brandIcon(): TemplateResult {
    const brand = this.#brand();
    const mark = brand ? BRAND_MARKS[brand] : undefined;
    return html`<svg class="brand" viewBox="0 0 36 20" role="img" aria-label=${brand ?? 'card'}>
      ${svg`<rect x="0.5" y="0.5" width="35" height="19" rx="3" fill="none" stroke="var(--tessera-icon-color)" />`}
      ${
        mark
          ? svg`<text x="18" y="14" text-anchor="middle" font-size="8" font-weight="700" fill="var(--tessera-icon-color)">${mark}</text>`
          : svg`<rect x="4" y="6" width="28" height="3" fill="var(--tessera-icon-color)" />`
      }
    </svg>`;
  }

  #onInput(field: Field, input: HTMLInputElement): void {
    const raw = input.value;
    let value: string;
    switch (field) {
      case 'number': {
        if (hasNonAsciiDigits(raw)) {
          value = raw;
          break;
        }
        const formatted = reformatWithCaret(
          raw,
          input.selectionStart ?? raw.length,
          (text) => formatCardNumber(text).value,
        );
        value = formatted.value;
        input.value = value;
        input.setSelectionRange(formatted.caret, formatted.caret);
        break;
      }
      case 'expiry':
        value = hasNonAsciiDigits(raw) ? raw : formatExpiry(raw, this.values.expiry);
        input.value = value;
        break;
      case 'cvc':
        value = hasNonAsciiDigits(raw)
          ? raw
          : formatDigits(raw, Math.max(...cvcLengthsFor(this.#brand())));
        input.value = value;
        break;
      case 'routingNumber':
        value = hasNonAsciiDigits(raw) ? raw : formatDigits(raw, ROUTING_NUMBER_LENGTH);
        input.value = value;
        break;
      case 'accountNumber':
        value = hasNonAsciiDigits(raw) ? raw : formatDigits(raw, ACCOUNT_NUMBER_MAX_LENGTH);
        input.value = value;
        break;
      default:
        value = raw.slice(0, 200);
    }
    const before = this.#brand();
    this.#set(field, value);
    if (field === 'number' && this.#brand() !== before) {
      this.group?.post({ t: 'brand', brand: this.#brand() ?? 'unknown' });
    }
    this.#advanceIfComplete(field);
  }

  #set(field: Field, value: string): void {
    this.values = { ...this.values, [field]: value };
  }

  /** Moves to the next input once a fixed-length field is complete (number, expiry). */
  #advanceIfComplete(field: Field): void {
    if (field !== 'number' && field !== 'expiry') return;
    const state = this.#state(field);
    if (!state.complete) return;
    if (field === 'number') {
      const length = this.values.number.replace(/\D/g, '').length;
      const brand = this.#brand();
      const whole =
        brand !== undefined && LONG_NUMBER_BRANDS.has(brand)
          ? length >= 19
          : length >= 16 || brand === 'amex' || brand === 'diners';
      if (!whole) return;
    }
    const fields = this.#fields();
    const next = fields[fields.indexOf(field) + 1];
    if (next) this.#inputFor(next)?.focus();
  }

  #inputFor(field: Field): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`#${field}`);
  }

  #fields(): readonly Field[] {
    const type = this.config?.elementType ?? 'controller';
    const fields = FIELDS[type];
    return this.config?.options.hidePostalCode ? fields.filter((f) => f !== 'postalCode') : fields;
  }

  #brand(): CardBrand | undefined {
    if (this.config?.elementType === 'cardCvc') return this.siblingBrand;
    if (!this.values.number) return undefined;
    const brand = cardNumberState(this.values.number).brand;
    return brand === 'unknown' ? undefined : brand;
  }

  #state(field: Field): FieldState {
    const value = this.values[field];
    switch (field) {
      case 'number':
        return cardNumberState(value);
      case 'expiry':
        return expiryState(value);
      case 'cvc':
        return cvcState(value, this.#brand());
      case 'postalCode':
        return postalCodeState(value);
      case 'accountHolderName':
        return accountHolderNameState(value);
      case 'routingNumber':
        return routingNumberState(value);
      case 'accountNumber':
        return accountNumberState(value);
      case 'accountHolderType':
        return { empty: false, complete: true, potentiallyValid: true };
    }
  }

  #entry(field: Field): FieldEntry {
    return {
      state: this.#state(field),
      blurred: this.blurred.has(field),
      submitted: this.submitted,
    };
  }

  #labels(): Labels {
    return labelsFor(resolveLocale(this.config?.options.locale, navigator.languages));
  }

  #detail(): ChangeDetail {
    const type = this.config?.elementType ?? 'controller';
    const locale = resolveLocale(this.config?.options.locale, navigator.languages);
    const detail = changeDetail(
      type,
      this.#fields().map((field) => this.#entry(field)),
      type === 'card' || type === 'cardNumber' ? (this.#brand() ?? 'unknown') : undefined,
      locale,
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

  #applyStyle(options: ElementOptions): void {
    this.#merchantSheet.replaceSync(
      styleSheetText(options.style ?? {}, { root: '.root', input: '.input' }),
    );
    if (this.renderRoot instanceof ShadowRoot) {
      const sheets = this.renderRoot.adoptedStyleSheets.filter((s) => s !== this.#merchantSheet);
      this.renderRoot.adoptedStyleSheets = [...sheets, this.#merchantSheet];
    }
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

  #onGroupMessage(message: GroupMessage): void {
    const type = this.config?.elementType;
    switch (message.t) {
      case 'brand':
        if (type === 'cardCvc')
          this.siblingBrand = message.brand === 'unknown' ? undefined : message.brand;
        return;
      case 'touch':
        this.submitted = true;
        return;
      case 'join':
        if (type === 'cardNumber')
          this.group?.post({ t: 'brand', brand: this.#brand() ?? 'unknown' });
        return;
      case 'autofill':
        if (type === 'cardExpiry' && message.expiry)
          this.#set('expiry', formatExpiry(message.expiry));
        if (type === 'cardCvc' && message.cvc) {
          this.#set('cvc', formatDigits(message.cvc, Math.max(...cvcLengthsFor(this.#brand()))));
        }
        return;
      case 'collect': {
        if (type !== 'cardExpiry' && type !== 'cardCvc') return;
        this.submitted = true;
        const field = type === 'cardExpiry' ? 'expiry' : 'cvc';
        const fieldState = this.#state(field);
        const values: Record<string, string> =
          field === 'expiry' ? { ...parseExpiry(this.values.expiry) } : { cvc: this.values.cvc };
        const code = fieldState.error?.code;
        this.group?.post({
          t: 'values',
          id: message.id,
          from: type,
          values,
          complete: fieldState.complete,
          ...(code ? { code, message: messageFor(code, this.config?.options.locale ?? 'en') } : {}),
        });
        return;
      }
      case 'values':
        return;
    }
  }

  async #tokenParams(
    kind: TokenKind,
    type: ElementType,
    data: Record<string, unknown>,
  ): Promise<{ params: Record<string, unknown> } | { error: ProtocolError }> {
    const mismatch = (): { error: ProtocolError } => ({
      error: {
        type: 'invalid_request_error',
        message: `A ${type} element cannot create a ${kind} token.`,
      },
    });
    switch (kind) {
      case 'card': {
        if (type !== 'card' && type !== 'cardNumber') return mismatch();
        const incomplete = this.#incompleteError();
        if (type === 'card') {
          if (incomplete) return { error: incomplete };
          const { month, year } = parseExpiry(this.values.expiry);
          return {
            params: {
              card: {
                number: this.values.number.replace(/\s/g, ''),
                exp_month: month,
                exp_year: year,
                cvc: this.values.cvc,
                ...(this.#fields().includes('postalCode')
                  ? { address_zip: this.values.postalCode.trim() }
                  : {}),
                ...pick(data, CARD_DATA_KEYS),
              },
            },
          };
        }
        this.group?.post({ t: 'touch' });
        const answers = await (this.group?.collect() ?? Promise.resolve([]));
        if (incomplete) return { error: incomplete };
        const expiry = answers.find((answer) => answer.from === 'cardExpiry');
        const cvc = answers.find((answer) => answer.from === 'cardCvc');
        for (const [answer, code] of [
          [expiry, 'incomplete_expiry'],
          [cvc, 'incomplete_cvc'],
        ] as const) {
          if (!answer?.complete) {
            const errorCode = answer?.code ?? code;
            return {
              error: {
                type: 'validation_error',
                code: errorCode,
                message:
                  answer?.message ?? messageFor(errorCode, this.config?.options.locale ?? 'en'),
              },
            };
          }
        }
        return {
          params: {
            card: {
              number: this.values.number.replace(/\s/g, ''),
              exp_month: expiry?.values.month,
              exp_year: expiry?.values.year,
              cvc: cvc?.values.cvc,
              ...pick(data, CARD_DATA_KEYS),
            },
          },
        };
      }
      case 'cvc_update': {
        if (type !== 'cardCvc') return mismatch();
        const incomplete = this.#incompleteError();
        return incomplete
          ? { error: incomplete }
          : { params: { cvc_update: { cvc: this.values.cvc } } };
      }
      case 'bank_account': {
        if (type !== 'bankAccount') return mismatch();
        const incomplete = this.#incompleteError();
        if (incomplete) return { error: incomplete };
        return {
          params: {
            bank_account: {
              country: typeof data.country === 'string' ? data.country : 'US',
              currency: typeof data.currency === 'string' ? data.currency : 'usd',
              account_holder_name: this.values.accountHolderName.trim(),
              account_holder_type: this.values.accountHolderType,
              routing_number: this.values.routingNumber,
              account_number: this.values.accountNumber,
            },
          },
        };
      }
      case 'pii':
        return { params: { pii: pick(data, ['id_number']) } };
      case 'account':
        return { params: { account: data } };
    }
  }

  /** Marks every field as submitted and returns the first error, if the fields are not complete. */
  #incompleteError(): ProtocolError | null {
    this.submitted = true;
    const detail = this.#detail();
    if (detail.complete) return null;
    return (
      detail.error ?? {
        type: 'validation_error',
        code: 'incomplete',
        message: messageFor('incomplete_number', this.config?.options.locale ?? 'en'),
      }
    );
  }
}

/** How each text input behaves. */
const INPUTS: Readonly<
  Record<
    Exclude<Field, 'accountHolderType'>,
    {
      labels: Exclude<keyof Labels, 'accountHolderType' | 'frameTitles'>;
      autocomplete: string;
      inputmode: string;
    }
  >
> = {
  number: { labels: 'cardNumber', autocomplete: 'cc-number', inputmode: 'numeric' },
  expiry: { labels: 'expiry', autocomplete: 'cc-exp', inputmode: 'numeric' },
  cvc: { labels: 'cvc', autocomplete: 'cc-csc', inputmode: 'numeric' },
  postalCode: { labels: 'postalCode', autocomplete: 'postal-code', inputmode: 'text' },
  accountHolderName: { labels: 'accountHolderName', autocomplete: 'name', inputmode: 'text' },
  routingNumber: { labels: 'routingNumber', autocomplete: 'off', inputmode: 'numeric' },
  accountNumber: { labels: 'accountNumber', autocomplete: 'off', inputmode: 'numeric' },
};

declare global {
  interface HTMLElementTagNameMap {
    'tessera-frame-app': FrameApp;
  }
}
