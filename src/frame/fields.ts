/**
 * The frame's inputs as data: which fields each element shows, how each is labelled, what the
 * browser may autofill into it, how it formats what the user types, and how its value is
 * judged. The Lit component renders from this table; nothing here touches the DOM.
 */
import type { CardBrand } from '../domain/index.js';
import type { ElementType } from '../protocol/index.js';
import { cvcLengthsFor } from '../validation/index.js';
import {
  accountHolderNameState,
  accountNumberState,
  cardNumberState,
  cvcState,
  expiryState,
  postalCodeState,
  routingNumberState,
  type FieldState,
} from './field-state.js';
import {
  ACCOUNT_NUMBER_MAX_LENGTH,
  ROUTING_NUMBER_LENGTH,
  formatCardNumber,
  formatDigits,
  formatExpiry,
  hasNonAsciiDigits,
  reformatWithCaret,
} from './formatting.js';
import type { Catalogue } from './i18n/catalogue.js';

/** Every input a frame may show. */
export type Field =
  | 'number'
  | 'expiry'
  | 'cvc'
  | 'postalCode'
  | 'accountHolderName'
  | 'accountHolderType'
  | 'routingNumber'
  | 'accountNumber';

/** The fields typed into (the holder type is a choice). */
export type TextField = Exclude<Field, 'accountHolderType'>;

/** What every field holds, as shown. */
export type FieldValues = Readonly<Record<Field, string>>;

/** The inputs of each element type, in tab order. */
export const ELEMENT_FIELDS: Readonly<Record<ElementType, readonly Field[]>> = {
  card: ['number', 'expiry', 'cvc', 'postalCode'],
  cardNumber: ['number'],
  cardExpiry: ['expiry'],
  cardCvc: ['cvc'],
  bankAccount: ['accountHolderName', 'accountHolderType', 'routingNumber', 'accountNumber'],
  controller: [],
};

/** The fields of an element, without the postal code when it is hidden. */
export function fieldsOf(elementType: ElementType, hidePostalCode = false): readonly Field[] {
  const fields = ELEMENT_FIELDS[elementType];
  return hidePostalCode ? fields.filter((field) => field !== 'postalCode') : fields;
}

/** Every field empty (the holder type starts as an individual). */
export const EMPTY_VALUES: FieldValues = {
  number: '',
  expiry: '',
  cvc: '',
  postalCode: '',
  accountHolderName: '',
  accountHolderType: 'individual',
  routingNumber: '',
  accountNumber: '',
};

/** What formatting an edit needs besides the input's text. */
export interface EditContext {
  /** The field's value before the edit (a backspace over a separator). */
  previous: string;
  /** Where the caret is in the edited text. */
  caret: number;
  /** The card's brand so far (CVC length). */
  brand: CardBrand | undefined;
}

/** A formatted value, and where the caret goes when the formatter moved things around. */
export interface Formatted {
  value: string;
  caret?: number;
}

/** How one text input looks and behaves. */
export interface InputSpec {
  /** Its label and placeholder in the catalogue's `fields`. */
  words: keyof Catalogue['fields'];
  /** What the browser may autofill (`cc-number`, `postal-code`, …). */
  autocomplete: string;
  inputmode: 'numeric' | 'text';
  /** Formats the text after an edit. */
  format(raw: string, context: EditContext): Formatted;
}

/** Keeps digits in any other script as typed, so their error can say why they do not count. */
function digitsOnly(maxLength: (context: EditContext) => number) {
  return (raw: string, context: EditContext): Formatted => ({
    value: hasNonAsciiDigits(raw) ? raw : formatDigits(raw, maxLength(context)),
  });
}

const FREE_TEXT_MAX_LENGTH = 200;

/** Every text input. */
export const INPUTS: Readonly<Record<TextField, InputSpec>> = {
  number: {
    words: 'cardNumber',
    autocomplete: 'cc-number',
    inputmode: 'numeric',
    format: (raw, { caret }) =>
      hasNonAsciiDigits(raw)
        ? { value: raw }
        : reformatWithCaret(raw, caret, (text) => formatCardNumber(text).value),
  },
  expiry: {
    words: 'expiry',
    autocomplete: 'cc-exp',
    inputmode: 'numeric',
    format: (raw, { previous }) => ({
      value: hasNonAsciiDigits(raw) ? raw : formatExpiry(raw, previous),
    }),
  },
  cvc: {
    words: 'cvc',
    autocomplete: 'cc-csc',
    inputmode: 'numeric',
    format: digitsOnly(({ brand }) => Math.max(...cvcLengthsFor(brand))),
  },
  postalCode: {
    words: 'postalCode',
    autocomplete: 'postal-code',
    inputmode: 'text',
    format: (raw) => ({ value: raw.slice(0, FREE_TEXT_MAX_LENGTH) }),
  },
  accountHolderName: {
    words: 'accountHolderName',
    autocomplete: 'name',
    inputmode: 'text',
    format: (raw) => ({ value: raw.slice(0, FREE_TEXT_MAX_LENGTH) }),
  },
  routingNumber: {
    words: 'routingNumber',
    autocomplete: 'off',
    inputmode: 'numeric',
    format: digitsOnly(() => ROUTING_NUMBER_LENGTH),
  },
  accountNumber: {
    words: 'accountNumber',
    autocomplete: 'off',
    inputmode: 'numeric',
    format: digitsOnly(() => ACCOUNT_NUMBER_MAX_LENGTH),
  },
};

/** A field's validation state for `value` (CVC length follows `brand`). */
export function fieldState(field: Field, value: string, brand: CardBrand | undefined): FieldState {
  switch (field) {
    case 'number':
      return cardNumberState(value);
    case 'expiry':
      return expiryState(value);
    case 'cvc':
      return cvcState(value, brand);
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

/**
 * Brands whose 17- to 19-digit numbers are common: a valid 16-digit prefix does not move focus
 * on, so the last digits of a longer number are not typed into the expiry.
 */
const LONG_NUMBER_BRANDS: ReadonlySet<CardBrand> = new Set(['unionpay', 'maestro']);

/**
 * Auto-advance: whether focus moves on after an edit left `field` holding `value`. Only the
 * fixed-length fields advance, once complete: the expiry, and a card number at its full
 * length (16 digits, 15 for Amex, 14 for Diners, 19 for brands that often have 19).
 */
export function advancesFocus(field: Field, value: string, brand: CardBrand | undefined): boolean {
  if (field !== 'number' && field !== 'expiry') return false;
  if (!fieldState(field, value, brand).complete) return false;
  if (field === 'expiry') return true;
  const length = value.replace(/\D/g, '').length;
  if (brand !== undefined && LONG_NUMBER_BRANDS.has(brand)) return length >= 19;
  return length >= 16 || brand === 'amex' || brand === 'diners';
}
