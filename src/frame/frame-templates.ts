/**
 * The frame's markup: one template per layout, built from the field table (`fields.ts`) and
 * the state the component passes in. Inputs bind `.value` as a property, so CSS attribute
 * selectors have nothing to match; no template holds a listener of its own beyond calling back.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { CardBrand } from '../domain/index.js';
import type { ElementOptions, ElementType } from '../protocol/index.js';
import { INPUTS, type Field, type FieldValues, type TextField } from './fields.js';
import type { Labels } from './messages.js';

/** What the templates render from, and whom they tell about input. */
export interface FieldsView {
  elementType: ElementType;
  labels: Labels;
  values: FieldValues;
  options: ElementOptions;
  /** The fields shown, in tab order. */
  fields: readonly Field[];
  brand: CardBrand | undefined;
  /** Whether `field` shows an error now. */
  invalid(field: Field): boolean;
  onInput(field: TextField, input: HTMLInputElement): void;
  onBlur(field: Field): void;
  onChoose(field: 'accountHolderType', value: string): void;
  /** The browser autofilled a hidden expiry or CVC input of the number frame. */
  onAutofill(values: { expiry: string } | { cvc: string }): void;
}

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

/** The fields of `view.elementType`, laid out (the controller frame shows nothing). */
export function fieldsTemplate(view: FieldsView): TemplateResult | typeof nothing {
  switch (view.elementType) {
    case 'card':
      return html`<div class="with-icon">${brandIcon(view.brand)}${input('number', view)}</div>
        <div class="row">
          ${input('expiry', view)} ${input('cvc', view)}
          ${view.fields.includes('postalCode') ? input('postalCode', view) : nothing}
        </div>`;
    case 'cardNumber':
      return html`<div class="with-icon">${brandIcon(view.brand)}${input('number', view)}</div>
        ${autofillCatchers(view)}`;
    case 'cardExpiry':
      return input('expiry', view);
    case 'cardCvc':
      return input('cvc', view);
    case 'bankAccount':
      return bankAccountTemplate(view);
    case 'controller':
      return nothing;
  }
}

function bankAccountTemplate(view: FieldsView): TemplateResult {
  const { labels } = view;
  const labelled = (field: TextField, label: string) =>
    html`<div><label class="label" for=${field}>${label}</label>${input(field, view)}</div>`;
  return html`${labelled('accountHolderName', labels.accountHolderName.label)}
    <div>
      <label class="label" for="accountHolderType">${labels.accountHolderType.label}</label>
      <select
        id="accountHolderType"
        class="input"
        .value=${live(view.values.accountHolderType)}
        ?disabled=${view.options.disabled ?? false}
        @change=${(event: Event) => {
          view.onChoose('accountHolderType', (event.target as HTMLSelectElement).value);
        }}
      >
        <option value="individual">${labels.accountHolderType.individual}</option>
        <option value="company">${labels.accountHolderType.company}</option>
      </select>
    </div>
    <div class="row">
      ${labelled('routingNumber', labels.routingNumber.label)}
      ${labelled('accountNumber', labels.accountNumber.label)}
    </div>`;
}

/** One text input, with a label for assistive technology where no visible label shows. */
function input(field: TextField, view: FieldsView): TemplateResult {
  const spec = INPUTS[field];
  const fieldLabels = view.labels[spec.labels];
  const { options } = view;
  const placeholder =
    options.placeholder !== undefined && view.fields.length === 1
      ? options.placeholder
      : fieldLabels.placeholder;
  const hiddenLabel =
    view.elementType === 'bankAccount'
      ? nothing
      : html`<label class="sr-only" for=${field}>${fieldLabels.label}</label>`;
  return html`${hiddenLabel}<input
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
      aria-invalid=${view.invalid(field) ? 'true' : 'false'}
      aria-describedby="error"
      ?disabled=${options.disabled ?? false}
      .value=${live(view.values[field])}
      @input=${(event: InputEvent) => {
        view.onInput(field, event.target as HTMLInputElement);
      }}
      @blur=${() => {
        view.onBlur(field);
      }}
    />`;
}

/** Hidden inputs that let the browser autofill expiry and CVC into the number frame. */
function autofillCatchers(view: FieldsView): TemplateResult {
  const catcher = (autocomplete: string, forward: (value: string) => void) =>
    html`<input
      class="autofill-catcher"
      tabindex="-1"
      aria-hidden="true"
      autocomplete=${autocomplete}
      @input=${(event: Event) => {
        const target = event.target as HTMLInputElement;
        if (target.value) forward(target.value);
        target.value = '';
      }}
    />`;
  return html`${catcher('cc-exp', (expiry) => {
    view.onAutofill({ expiry });
  })}${catcher('cc-csc', (cvc) => {
    view.onAutofill({ cvc });
  })}`;
}

/** The card's brand as a small mark (a generic card before the brand is known). */
function brandIcon(brand: CardBrand | undefined): TemplateResult {
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
