/**
 * Turns validator verdicts into what the frame's UI and the host page see: whether each field
 * is empty or complete, the Stripe.js error code it would report, when that error is shown, and
 * the `change` event detail for the host. States hold no value, so nothing built from them can
 * carry a digit of what the user typed.
 */
import type { ChangeDetail, ElementType } from '../protocol/index.js';
import {
  currentMonthAnywhereOnEarth,
  validateAccountNumber,
  validateCardNumber,
  validateCvc,
  validateExpiry,
  validatePostalCode,
  validateRoutingNumber,
  type BankNumberReason,
  type CardBrand,
  type CardNumberReason,
  type CvcReason,
  type ExpiryReason,
  type PostalCodeReason,
  type Verification,
  type YearMonth,
} from '../validation/index.js';
import { parseExpiry } from './formatting.js';
import type { MessageCode } from './i18n/catalogue.js';
import type { Say } from './i18n/words.js';

/** The codes a field can report. */
export type FieldErrorCode = Extract<
  MessageCode,
  `incomplete_${string}` | `invalid_${string}` | 'non_ascii_digits'
>;

/** One field's validation state, free of its value. */
export interface FieldState {
  /** Nothing typed (or only separators). */
  readonly empty: boolean;
  /** Complete and valid. */
  readonly complete: boolean;
  /** Valid, or could still become valid by typing more (card-validator's isPotentiallyValid). */
  readonly potentiallyValid: boolean;
  /** What a token request would report now; absent once complete. Shown per {@link visibleError}. */
  readonly error?: { readonly code: FieldErrorCode };
}

/** The card number's state, with the brand its prefix names (for the icon and CVC length). */
export interface CardNumberState extends FieldState {
  readonly brand: CardBrand;
}

const CARD_NUMBER_CODES: Readonly<Record<CardNumberReason, FieldErrorCode>> = {
  empty: 'incomplete_number',
  incomplete: 'incomplete_number',
  non_ascii_digits: 'non_ascii_digits',
  not_a_string: 'invalid_number',
  invalid_characters: 'invalid_number',
  unknown_brand: 'invalid_number',
  invalid_length: 'invalid_number',
  luhn: 'invalid_number',
};

const EXPIRY_CODES: Readonly<Record<ExpiryReason, FieldErrorCode>> = {
  incomplete: 'incomplete_expiry',
  invalid_month: 'invalid_expiry_month',
  invalid_year: 'invalid_expiry_year',
  past_month: 'invalid_expiry_month_past',
  past_year: 'invalid_expiry_year_past',
  too_far_ahead: 'invalid_expiry_year',
};

const CVC_CODES: Readonly<Record<CvcReason, FieldErrorCode>> = {
  empty: 'incomplete_cvc',
  incomplete: 'incomplete_cvc',
  non_ascii_digits: 'non_ascii_digits',
  not_a_string: 'invalid_cvc',
  invalid_characters: 'invalid_cvc',
  invalid_length: 'invalid_cvc',
};

const POSTAL_CODE_CODES: Readonly<Record<PostalCodeReason, FieldErrorCode>> = {
  empty: 'incomplete_zip',
  incomplete: 'incomplete_zip',
  not_a_string: 'invalid_zip',
  invalid_characters: 'invalid_zip',
};

function bankNumberCodes(
  incomplete: FieldErrorCode,
  invalid: FieldErrorCode,
): Readonly<Record<BankNumberReason, FieldErrorCode>> {
  return {
    empty: incomplete,
    incomplete,
    non_ascii_digits: 'non_ascii_digits',
    not_a_string: invalid,
    invalid_characters: invalid,
    invalid_length: invalid,
    checksum: invalid,
  };
}

const ROUTING_NUMBER_CODES = bankNumberCodes('incomplete_routing_number', 'invalid_routing_number');
const ACCOUNT_NUMBER_CODES = bankNumberCodes('incomplete_account_number', 'invalid_account_number');

const COMPLETE: FieldState = { empty: false, complete: true, potentiallyValid: true };

/** A verdict as field state; `incomplete` is the code when a verdict gives no reason. */
function stateOf<Reason extends string>(
  verdict: Verification<Reason>,
  codes: Readonly<Record<Reason, FieldErrorCode>>,
  empty: boolean,
  incomplete: FieldErrorCode,
): FieldState {
  if (verdict.isValid) return COMPLETE;
  const code = verdict.reason === undefined ? incomplete : codes[verdict.reason];
  return { empty, complete: false, potentiallyValid: verdict.isPotentiallyValid, error: { code } };
}

/**
 * State of a card number field (formatted or raw; pass the raw input when it held non-ASCII
 * digits so the user learns why they vanished: `non_ascii_digits`).
 */
export function cardNumberState(value: string): CardNumberState {
  const verdict = validateCardNumber(value);
  const empty = verdict.reason === 'empty';
  return {
    ...stateOf(verdict, CARD_NUMBER_CODES, empty, 'incomplete_number'),
    brand: verdict.brand,
  };
}

/**
 * State of an expiry field holding `MM / YY` (see `formatExpiry`), judged against `today`
 * (default: the current month anywhere on earth, as the server judges it).
 */
export function expiryState(
  value: string,
  today: YearMonth = currentMonthAnywhereOnEarth(),
): FieldState {
  const { month, year } = parseExpiry(value);
  const empty = month === '' && year === '';
  return stateOf(validateExpiry(month, year, today), EXPIRY_CODES, empty, 'incomplete_expiry');
}

/** State of a CVC field for the card's brand (3 digits, 4 for Amex, 3 or 4 when unknown). */
export function cvcState(value: string, brand?: CardBrand): FieldState {
  const verdict = validateCvc(value, brand);
  return stateOf(verdict, CVC_CODES, verdict.reason === 'empty', 'incomplete_cvc');
}

/** State of a billing postal code field. */
export function postalCodeState(value: string): FieldState {
  const verdict = validatePostalCode(value);
  return stateOf(verdict, POSTAL_CODE_CODES, verdict.reason === 'empty', 'incomplete_zip');
}

/** State of a US routing number field (9 digits, ABA checksum). */
export function routingNumberState(value: string): FieldState {
  const verdict = validateRoutingNumber(value);
  const empty = verdict.reason === 'empty';
  return stateOf(verdict, ROUTING_NUMBER_CODES, empty, 'incomplete_routing_number');
}

/** State of a US bank account number field (4 to 17 digits). */
export function accountNumberState(value: string): FieldState {
  const verdict = validateAccountNumber(value);
  const empty = verdict.reason === 'empty';
  return stateOf(verdict, ACCOUNT_NUMBER_CODES, empty, 'incomplete_account_number');
}

/** State of an account holder name field: complete once it holds more than whitespace. */
export function accountHolderNameState(value: string): FieldState {
  if (value.trim() !== '') return COMPLETE;
  return {
    empty: true,
    complete: false,
    potentiallyValid: true,
    error: { code: 'incomplete_account_holder_name' },
  };
}

/** A field's state with what the user has done to it, as the error rule needs it. */
export interface FieldEntry {
  readonly state: FieldState;
  /** The user has left the field at least once. */
  readonly blurred: boolean;
  /** A token request was attempted: even an empty required field reports its error. */
  readonly submitted?: boolean;
  /** An optional field (default: required) may stay empty without an error. */
  readonly required?: boolean;
}

/**
 * The error a field shows now, or `undefined`. A value that cannot become valid shows its
 * error at once; one that still could (a prefix of a valid value) shows it only once the user
 * has left the field; an empty field shows nothing until a token request for a required field.
 */
export function visibleError(entry: FieldEntry): { readonly code: FieldErrorCode } | undefined {
  const { state, blurred, submitted = false, required = true } = entry;
  if (state.error === undefined) return undefined;
  if (state.empty) return required && submitted ? state.error : undefined;
  return !state.potentiallyValid || blurred || submitted ? state.error : undefined;
}

/**
 * The `change` detail the host receives for an element made of `fields` (in display order):
 * `empty` when every field is, `complete` when every required field is complete (and no
 * optional one holds an invalid value), the first visible error with its message by `say`,
 * and the card brand when given. It never carries a value.
 */
export function changeDetail(
  elementType: ElementType,
  fields: readonly FieldEntry[],
  brand: CardBrand | undefined,
  say: Say,
): ChangeDetail {
  const detail: ChangeDetail = {
    elementType,
    empty: fields.every(({ state }) => state.empty),
    complete:
      fields.length > 0 &&
      fields.every(({ state, required = true }) => state.complete || (!required && state.empty)),
  };
  if (brand !== undefined) detail.brand = brand;
  for (const field of fields) {
    const error = visibleError(field);
    if (error !== undefined) {
      detail.error = {
        type: 'validation_error',
        code: error.code,
        message: say(error.code),
      };
      break;
    }
  }
  return detail;
}
