/**
 * The frame's component, over 400 lines on purpose: it is the one holder of the fields' state
 * (values, what was left or submitted, focus, brand), and what reads or changes that state
 * stays beside it. What does not touch it lives apart: templates, field table, field state,
 * look and words (`look-controller.ts`), the token request (`token-request.ts`), the
 * split-field group (`group-controller.ts`).
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { CardBrand, TokenType } from '../domain/index.js';
import { cvcLengthsFor } from '../validation/index.js';
import type {
  ChangeDetail,
  ElementOptions,
  ElementType,
  FrameConfig,
  HostStrings,
  Locale,
} from '../protocol/index.js';
import type { Mark } from './brand-marks.js';
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
import { fieldsTemplate, type FieldLook, type FieldsView } from './frame-templates.js';
import { parseExpiry, formatExpiry, formatDigits } from './formatting.js';
import type { GroupController, GroupMember, SplitFieldType } from './group-controller.js';
import { LookController } from './look-controller.js';
import type { SiblingAnswer } from './token-params.js';
import type { TokenState } from './token-request.js';
import type { TokenReply } from './tokenize.js';

/** What the frame reports to its host (the bridge sends it over the port). */
export interface FrameAppEvents {
  change(detail: ChangeDetail): void;
  focus(): void;
  blur(): void;
  escape(): void;
  /** The words changed after the frame last told the host of them (a catalogue came late). */
  words(): void;
}

/** The form-validation prompt of each element type. */
const PROMPTS = {
  card: 'form_incomplete_card',
  cardNumber: 'form_incomplete_number',
  cardExpiry: 'form_incomplete_expiry',
  cardCvc: 'form_incomplete_cvc',
  bankAccount: 'form_incomplete_bank_account',
  controller: 'form_incomplete_card',
} as const satisfies Record<ElementType, string>;

function isSplitField(type: ElementType): type is SplitFieldType {
  return type === 'cardNumber' || type === 'cardExpiry' || type === 'cardCvc';
}

/**
 * The fields inside the iframe: the one place raw card and account values exist on the page.
 * They format as the user types (`fields.ts`), validate with `src/validation`, speak the
 * shopper's language (`i18n/`), look as the merchant's appearance says (`appearance-sheet.ts`),
 * and report only completeness, brand and errors to the host. Tokenizing builds Stripe's
 * parameters (`token-request.ts`) and posts them from here to the vault's own `/v1/tokens`.
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
  /** The field that has the focus. */
  @state() private focused: Field | null = null;
  /** The brands' marks, once their chunk loaded. */
  @state() private marks: Readonly<Partial<Record<CardBrand, Mark>>> | null = null;

  /** The split-field group, once its chunk loaded (split fields only). */
  #group: Promise<GroupController> | null = null;
  #lastDetail = '';
  /** The look and words the options ask for. */
  readonly #look = new LookController(this, () => {
    this.events?.words();
  });
  /** Whether one of the fields has the focus (the host hears focus and blur of the frame). */
  #hasFocus = false;

  /** The language the frame speaks. */
  get locale(): Locale {
    return this.#look.locale;
  }

  /**
   * Joins the split-field group named by `groupId` (from the frame's URL) when this frame is the
   * number, expiry or CVC frame of split fields. Called once, before {@link configure}.
   */
  joinGroup(groupId: string, elementType: ElementType): void {
    if (this.#group || !isSplitField(elementType)) return;
    this.#group = Promise.all([import('./group-controller.js'), import('./group.js')]).then(
      ([{ GroupController }, { FrameGroup }]) =>
        new GroupController(this, new FrameGroup(groupId), elementType),
    );
  }

  /**
   * Applies the host's configuration (the first one makes the frame usable) once its language's
   * words are here; resolves with what it dropped from the options, for the host to warn about.
   */
  async configure(config: FrameConfig): Promise<string[]> {
    // Look and words first: the fields' first render is already in them (no transition from an
    // unstyled first paint, no English flash).
    const dropped = await this.#look.apply(config.options, true);
    this.config = config;
    if (config.options.value?.postalCode) {
      this.values = { ...this.values, postalCode: config.options.value.postalCode };
    }
    return dropped;
  }

  /** Applies the host's `updateOptions(options)`; resolves with what it dropped. */
  async updateOptions(options: ElementOptions): Promise<string[]> {
    if (!this.config) return [];
    const previous = this.config.options;
    const merged = { ...previous, ...options };
    this.config = { ...this.config, options: merged };
    if (options.value?.postalCode !== undefined) {
      this.values = { ...this.values, postalCode: options.value.postalCode };
    }
    return this.#look.apply(merged, merged.locale !== previous.locale);
  }

  /** What the host shows and reports for this element, in the frame's language. */
  hostStrings(): HostStrings {
    const type = this.config?.elementType ?? 'controller';
    const { messages, titles } = this.#look.catalogue;
    return {
      title: titles[type],
      prompt: messages[PROMPTS[type]],
      frame_not_ready: messages.frame_not_ready,
      frame_timeout: messages.frame_timeout,
      frame_no_token: messages.frame_no_token,
      element_removed: messages.element_removed,
      element_not_mounted: messages.element_not_mounted,
    };
  }

  /**
   * Moves focus to the first field that still needs input. The page focused this frame's iframe
   * just before asking, and that focus crosses processes: it can land after the field took the
   * focus and leave the document focused with no field. When it lands so (within half a second),
   * the field takes it again; a field the shopper focused meanwhile keeps it.
   */
  focusFirst(): void {
    const fields = this.#fields();
    const target = fields.find((field) => !this.#state(field).complete) ?? fields[0];
    const input = target ? this.#inputFor(target) : null;
    if (!input) return;
    input.focus();
    const again = (): void => {
      setTimeout(() => {
        if (this.renderRoot instanceof ShadowRoot && !this.renderRoot.activeElement) input.focus();
      });
    };
    window.addEventListener('focus', again, { once: true });
    setTimeout(() => {
      window.removeEventListener('focus', again);
    }, 500);
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
    const { tokenRequest } = await import('./token-request.js');
    return tokenRequest(this.#tokenState(), kind, data, hostOrigin);
  }

  /**
   * Loads what the first render did not need: the token request's code and, for card numbers,
   * the brands' marks (a generic card shows until then). Called once the frame is ready.
   */
  async prefetch(): Promise<void> {
    const type = this.config?.elementType;
    const marks = type === 'card' || type === 'cardNumber' ? import('./brand-marks.js') : null;
    await import('./token-request.js');
    if (marks) this.marks = (await marks).BRAND_MARKS;
  }

  override updated(): void {
    const root = document.documentElement;
    root.lang = this.#look.locale;
    root.dir = this.config?.options.dir ?? 'ltr';
    if (this.config) document.title = this.#look.catalogue.titles[this.config.elementType];
    this.#reportChange();
  }

  override render(): TemplateResult | typeof nothing {
    const config = this.config;
    if (!config || config.elementType === 'controller') return nothing;
    const detail = this.#detail();
    const { look } = this.#look;
    const block = [
      'Block',
      detail.empty && 'Block--empty',
      detail.error && 'Block--invalid',
      this.focused && 'Block--focused',
      detail.complete && 'Block--complete',
      look.inputs === 'condensed' && 'Block--condensed',
      look.disableAnimations && 'Block--static',
      `theme-${look.theme}`,
    ];
    return html`<div
      class=${block.filter(Boolean).join(' ')}
      dir=${config.options.dir ?? 'ltr'}
      @focusin=${this.#onFocusIn}
      @focusout=${this.#onFocusOut}
      @keydown=${this.#onKeyDown}
    >
      <div class="Group">${fieldsTemplate(this.#view(config))}</div>
      <div class="Error" id="error" aria-live="polite">${detail.error?.message ?? ''}</div>
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
      ...(code ? { code, message: this.#look.say(code) } : {}),
    };
  }

  #view(config: FrameConfig): FieldsView {
    return {
      elementType: config.elementType,
      words: this.#look.catalogue,
      values: this.values,
      options: config.options,
      fields: this.#fields(),
      brand: this.#brand(),
      marks: this.marks,
      labels: this.#look.look.labels,
      look: (field) => this.#fieldLook(field),
      onInput: (field, input) => {
        this.#onInput(field, input);
      },
      onFocus: (field) => {
        this.focused = field;
      },
      onBlur: (field) => {
        this.blurred = new Set(this.blurred).add(field);
        if (this.focused === field) this.focused = null;
      },
      onChoose: (field, value) => {
        this.#set(field, value);
      },
      onAutofill: (values) => {
        void this.#group?.then((group) => {
          group.forwardAutofill(values);
        });
      },
    };
  }

  #fieldLook(field: Field): FieldLook {
    const entry = this.#entry(field);
    const error = visibleError(entry);
    return {
      empty: entry.state.empty,
      complete: entry.state.complete,
      focused: this.focused === field,
      error: error ? this.#look.say(error.code) : undefined,
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
    if (field === 'number' && brand !== before) {
      void this.#group?.then((group) => {
        group.announceBrand(brand);
      });
    }
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
      this.#look.say,
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

  readonly #onFocusIn = (): void => {
    if (this.#hasFocus) return;
    this.#hasFocus = true;
    this.events?.focus();
  };

  readonly #onFocusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget;
    if (next instanceof Node && this.renderRoot.contains(next)) return;
    this.#hasFocus = false;
    this.events?.blur();
  };

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') this.events?.escape();
  };

  /** What a token request needs of the fields: read now, marked submitted by the request. */
  #tokenState(): TokenState {
    const { say } = this.#look;
    return {
      config: this.config,
      values: () => this.values,
      say,
      collect: async () => (await this.#group)?.collect() ?? [],
      submit: () => {
        this.submitted = true;
        const entries = this.#fields().map((field) => this.#entry(field));
        return { detail: this.#detail(), entries };
      },
      postalCode: () => this.#fields().includes('postalCode'),
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tessera-frame-app': FrameApp;
  }
}
