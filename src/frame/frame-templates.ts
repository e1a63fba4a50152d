/**
 * The frame's markup: one template per layout, built from the field table (`fields.ts`) and
 * the state the component passes in. Every input has a real `<label>`, `aria-invalid`,
 * `aria-required` and `aria-describedby` pointing at a description that holds its own error
 * (and, for the CVC, where the code is printed); icons are decorative and hidden. The classes
 * are the Appearance API's (`.Input`, `.Label`, `.Error`, `.Block`, with `--empty`, `--invalid`,
 * `--focused`, `--complete`, `--floating`, `--resting`), so merchant rules have something to
 * match, and nothing else. Inputs bind `.value` as a property, so CSS attribute selectors have
 * nothing to match either.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { CardBrand } from '../domain/index.js';
import type { ElementOptions, ElementType } from '../protocol/index.js';
import type { Mark } from './brand-marks.js';
import { CVC_BACK, CVC_FRONT, GENERIC_CARD } from './card-glyphs.js';
import { INPUTS, type Field, type FieldValues, type TextField } from './fields.js';
import type { Catalogue } from './i18n/catalogue.js';

/** What one field looks like now. */
export interface FieldLook {
  empty: boolean;
  complete: boolean;
  focused: boolean;
  /** The message of the error the field shows now, if any. */
  error: string | undefined;
}

/** What the templates render from, and whom they tell about input. */
export interface FieldsView {
  elementType: ElementType;
  words: Catalogue;
  values: FieldValues;
  options: ElementOptions;
  /** The fields shown, in tab order. */
  fields: readonly Field[];
  brand: CardBrand | undefined;
  /** The brands' marks, once their chunk has loaded (the generic card until then). */
  marks: Readonly<Partial<Record<CardBrand, Mark>>> | null;
  labels: 'above' | 'floating';
  look(field: Field): FieldLook;
  onInput(field: TextField, input: HTMLInputElement): void;
  onBlur(field: Field): void;
  onFocus(field: Field): void;
  onChoose(field: 'accountHolderType', value: string): void;
  /** The browser autofilled a hidden expiry or CVC input of the number frame. */
  onAutofill(values: { expiry: string } | { cvc: string }): void;
}

/** Inputs whose text stays left to right in a right-to-left layout, as cards print them. */
const LEFT_TO_RIGHT: ReadonlySet<Field> = new Set([
  'number',
  'expiry',
  'cvc',
  'routingNumber',
  'accountNumber',
]);

/** The fields of `view.elementType`, laid out (the controller frame shows nothing). */
export function fieldsTemplate(view: FieldsView): TemplateResult | typeof nothing {
  switch (view.elementType) {
    case 'card':
      return html`${field('number', view)}
        <div class="Row">
          ${field('expiry', view)} ${field('cvc', view)}
          ${view.fields.includes('postalCode') ? field('postalCode', view) : nothing}
        </div>`;
    case 'cardNumber':
      return html`${field('number', view)}${autofillCatchers(view)}`;
    case 'cardExpiry':
      return field('expiry', view);
    case 'cardCvc':
      return field('cvc', view);
    case 'bankAccount':
      return html`${field('accountHolderName', view)} ${holderType(view)}
        <div class="Row">${field('routingNumber', view)} ${field('accountNumber', view)}</div>`;
    case 'controller':
      return nothing;
  }
}

/** The state classes of `name` (`Input Input--empty Input--focused`) for a field's look. */
function classes(name: string, look: FieldLook, floating: boolean): string {
  const states = [
    look.empty && 'empty',
    look.error !== undefined && 'invalid',
    look.focused && 'focused',
    look.complete && name !== 'Label' && 'complete',
  ];
  if (floating && name === 'Label')
    states.push(look.empty && !look.focused ? 'resting' : 'floating');
  return [name, ...states.filter(Boolean).map((state) => `${name}--${String(state)}`)].join(' ');
}

/** A field's label, input (with its icon) and description. */
function field(name: TextField, view: FieldsView): TemplateResult {
  const spec = INPUTS[name];
  const words = view.words.fields[spec.words];
  const look = view.look(name);
  const floating = view.labels === 'floating';
  const placeholder =
    view.options.placeholder !== undefined && view.fields.length === 1
      ? view.options.placeholder
      : words.placeholder;
  const mark = fieldIcon(name, view);
  const hint = name === 'cvc' ? cvcHint(view) : '';
  const description = [look.error, hint].filter(Boolean).join(' ');
  return html`<div
    class="Field ${floating ? 'Field--floating' : ''} ${mark ? 'Field--icon' : ''} ${
      look.error ? 'Field--invalid' : ''
    }"
  >
    <label class=${classes('Label', look, floating)} for=${name}>${words.label}</label>
    <div class="InputWrap">
      <input
        id=${name}
        name=${name}
        class=${classes('Input', look, false)}
        type="text"
        dir=${LEFT_TO_RIGHT.has(name) ? 'ltr' : nothing}
        autocomplete=${spec.autocomplete}
        inputmode=${spec.inputmode}
        spellcheck="false"
        autocorrect="off"
        autocapitalize="off"
        placeholder=${placeholder}
        aria-invalid=${look.error ? 'true' : 'false'}
        aria-required="true"
        aria-describedby=${description ? `${name}-description` : nothing}
        ?disabled=${view.options.disabled ?? false}
        .value=${live(view.values[name])}
        @input=${(event: InputEvent) => {
          view.onInput(name, event.target as HTMLInputElement);
        }}
        @focus=${() => {
          view.onFocus(name);
        }}
        @blur=${() => {
          view.onBlur(name);
        }}
      />
      ${mark ? icon(mark, name === 'cvc' ? 'Icon Icon--cvc' : 'Icon Icon--brand') : nothing}
    </div>
    <span class="sr-only" id="${name}-description">${description}</span>
  </div>`;
}

/** The account holder type: a native select, labelled like the text inputs. */
function holderType(view: FieldsView): TemplateResult {
  const words = view.words.accountHolderType;
  const look = view.look('accountHolderType');
  const floating = view.labels === 'floating';
  // A select always shows a value: its label never rests inside it.
  const labelLook = { ...look, empty: false };
  return html`<div class="Field ${floating ? 'Field--floating' : ''}">
    <label class=${classes('Label', labelLook, floating)} for="accountHolderType"
      >${words.label}</label
    >
    <div class="InputWrap">
      <select
        id="accountHolderType"
        class=${classes('Input', look, false)}
        .value=${live(view.values.accountHolderType)}
        ?disabled=${view.options.disabled ?? false}
        @change=${(event: Event) => {
          view.onChoose('accountHolderType', (event.target as HTMLSelectElement).value);
        }}
        @focus=${() => {
          view.onFocus('accountHolderType');
        }}
        @blur=${() => {
          view.onBlur('accountHolderType');
        }}
      >
        <option value="individual">${words.individual}</option>
        <option value="company">${words.company}</option>
      </select>
    </div>
  </div>`;
}

/** Where the security code is printed: on the front for American Express, else on the back. */
function cvcHint(view: FieldsView): string {
  return view.brand === 'amex' ? view.words.cvcHint.front : view.words.cvcHint.back;
}

/** The icon inside a field: the card's brand in the number, the code's place in the CVC. */
function fieldIcon(name: Field, view: FieldsView): Mark | null {
  if (name === 'cvc') return view.brand === 'amex' ? CVC_FRONT : CVC_BACK;
  if (name !== 'number') return null;
  return (view.brand && view.marks?.[view.brand]) || GENERIC_CARD;
}

/** A monochrome mark, coloured by the icon variables, hidden from assistive technology. */
function icon(mark: Mark, className: string): TemplateResult {
  return html`<svg class=${className} viewBox=${mark.viewBox} aria-hidden="true" focusable="false">
    ${mark.paths.map(
      (d) =>
        svg`<path d=${d} fill="currentColor" fill-rule=${mark.evenOdd ? 'evenodd' : 'nonzero'} />`,
    )}
  </svg>`;
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
