/**
 * Input formatting for the frame's fields: what the user sees as they type or paste (`4242 4242
 * …`, `MM / YY`) and where the caret goes afterwards. Pure string functions, no DOM: the Lit
 * fields call them from their `input` handlers. Only ASCII digits survive; anything else is
 * dropped here and explained by the field state (see {@link hasNonAsciiDigits}).
 */
import { validateCardNumber, type CardBrand } from '../validation/index.js';

const NON_DIGITS = /[^0-9]/g;
const ASCII_DIGIT = /[0-9]/;
/** Any decimal digit in any script that is not ASCII (full-width `４`, Arabic-Indic `٤`, …). */
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/u;

/** The longest card number of any brand; the cap while the brand is not known yet. */
const MAX_CARD_NUMBER_LENGTH = 19;
/** Groups of four, with a last group of up to three for 17- to 19-digit numbers. */
const GROUPS_OF_FOUR: readonly number[] = [4, 8, 12, 16];
/**
 * card-validator lays Amex and Diners out 4-6-…; that layout is only used up to 15 digits
 * (Amex 4-6-5, 14-digit Diners 4-6-4). Longer Diners numbers print in groups of four.
 */
const FOUR_SIX_MAX_LENGTH = 15;

/** Digits of a US ABA routing number. */
export const ROUTING_NUMBER_LENGTH = 9;
/** The longest US bank account number `validateAccountNumber` accepts. */
export const ACCOUNT_NUMBER_MAX_LENGTH = 17;

/** The separator between month and year in a formatted expiry date. */
const EXPIRY_SEPARATOR = ' / ';

function asciiDigits(input: string): string {
  return input.replace(NON_DIGITS, '');
}

/**
 * True when the input holds digits the formatters drop because they are not ASCII (full-width
 * digits from a Japanese IME, say). The frame then validates the raw input, so the user sees
 * the `non_ascii_digits` error instead of keystrokes that silently vanish.
 */
export function hasNonAsciiDigits(input: string): boolean {
  return NON_ASCII_DIGIT.test(input);
}

/** A card number as the field shows it, with what the frame needs next. */
export interface FormattedCardNumber {
  /** The digits grouped by the brand's gaps: `4242 4242 4242 4242`, `3782 822463 10005`. */
  value: string;
  /** The ASCII digits alone, capped at the brand's longest length. */
  digits: string;
  /** The brand the digits name so far (`unknown` until the prefix is unambiguous). */
  brand: CardBrand;
}

function groupsFor(gaps: readonly number[], length: number): readonly number[] {
  if (gaps.includes(10) && length <= FOUR_SIX_MAX_LENGTH) return gaps;
  return GROUPS_OF_FOUR;
}

function insertGaps(digits: string, gaps: readonly number[]): string {
  const groups: string[] = [];
  let start = 0;
  for (const gap of gaps) {
    if (gap >= digits.length) break;
    groups.push(digits.slice(start, gap));
    start = gap;
  }
  groups.push(digits.slice(start));
  return groups.join(' ');
}

/**
 * Formats a typed or pasted card number: keeps ASCII digits only, caps them at the brand's
 * longest length (19 while the brand is unknown) and puts single spaces at the brand's gaps:
 * 4-4-4-4 (4-4-4-4-3 for 19 digits) for most brands, 4-6-5 for Amex, 4-6-4 for 14-digit Diners.
 */
export function formatCardNumber(input: string): FormattedCardNumber {
  let digits = asciiDigits(input).slice(0, MAX_CARD_NUMBER_LENGTH);
  let verdict = validateCardNumber(digits);
  const maxLength = Math.max(...verdict.lengths, 0) || MAX_CARD_NUMBER_LENGTH;
  if (digits.length > maxLength) {
    digits = digits.slice(0, maxLength);
    verdict = validateCardNumber(digits);
  }
  return {
    value: insertGaps(digits, groupsFor(verdict.gaps, digits.length)),
    digits,
    brand: verdict.brand,
  };
}

/** A formatted value and where the caret goes in it. */
export interface FormattedInput {
  value: string;
  /** Caret offset in `value`. */
  caret: number;
}

function countDigits(text: string): number {
  return asciiDigits(text).length;
}

/** The offset just after the `count`-th digit of `value`, or its end when it has fewer. */
function offsetAfterDigits(value: string, count: number): number {
  if (count <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < value.length; i++) {
    if (ASCII_DIGIT.test(value.charAt(i)) && ++seen === count) return i + 1;
  }
  return value.length;
}

/**
 * Re-formats an input's value after an edit and maps the caret so it stays after the same
 * number of digits: typing or deleting in the middle keeps the caret in place, typing at a gap
 * moves it past the space the formatter inserts, and backspacing over a separator moves it
 * before the separator (the next backspace deletes the digit). When no digit follows the caret
 * (the usual case: typing at the end) the caret goes to the end of the new value, past any
 * separator or padding the formatter added (`2` → `02 / `).
 *
 * Works with any formatter that only adds separators (or leading padding) around the digits.
 * A caret outside the input is clamped to it.
 */
export function reformatWithCaret(
  input: string,
  caret: number,
  format: (input: string) => string,
): FormattedInput {
  const at = Number.isFinite(caret) ? Math.min(Math.max(Math.trunc(caret), 0), input.length) : 0;
  const value = format(input);
  if (countDigits(input.slice(at)) === 0) return { value, caret: value.length };
  return { value, caret: offsetAfterDigits(value, countDigits(input.slice(0, at))) };
}

/** `d` followed by a typed separator: the user meant month `0d`. */
const SINGLE_DIGIT_MONTH = /^\D*(\d)\s*[/.\-\s]/;

/** The month part from the leading digits, and the digits left for the year. */
function splitMonth(input: string, digits: string): { month: string; rest: string } {
  const first = digits.charAt(0);
  if (first === '') return { month: '', rest: '' };
  const typedSeparator = SINGLE_DIGIT_MONTH.exec(input);
  if (typedSeparator?.[1] === first && first !== '0') {
    return { month: `0${first}`, rest: digits.slice(1) };
  }
  // 2–9 can only start months 02–09.
  if (first >= '2') return { month: `0${first}`, rest: digits.slice(1) };
  const second = digits.charAt(1);
  if (second === '') return { month: first, rest: '' };
  const month = Number(first + second);
  // A second digit that makes no month (00, 13–19) is refused along with what follows it.
  if (month < 1 || month > 12) return { month: first, rest: '' };
  return { month: first + second, rest: digits.slice(2) };
}

/** Two year digits: the last two of a pasted `20YY`, otherwise the first two typed. */
function yearDigits(rest: string): string {
  if (rest.length >= 4 && rest.startsWith('20')) return rest.slice(2, 4);
  return rest.slice(0, 2);
}

/**
 * Formats an expiry date as `MM / YY` while the user types: `1` stays `1`, `12` becomes
 * `12 / `, `2` becomes `02 / ` (2–9 can only start months 02–09), `1/` becomes `01 / `, and a
 * second digit that makes no month (`13`, `00`) is refused. Pasted `12/2030`, `12 / 30` or
 * `1230` all become `12 / 30`. Only two year digits are kept.
 *
 * Pass the field's `previous` value so a backspace over the ` / ` separator deletes the
 * month's last digit (`12 / ` → `12 /` gives `1`) instead of the separator coming straight
 * back.
 */
export function formatExpiry(input: string, previous?: string): string {
  let digits = asciiDigits(input);
  const deletedSeparatorOnly =
    previous !== undefined &&
    input.length < previous.length &&
    previous.startsWith(input) &&
    digits === asciiDigits(previous);
  if (deletedSeparatorOnly) digits = digits.slice(0, -1);
  const { month, rest } = splitMonth(deletedSeparatorOnly ? digits : input, digits);
  if (month.length < 2) return month;
  return `${month}${EXPIRY_SEPARATOR}${yearDigits(rest)}`;
}

/** The raw parts of an expiry field's value, as `validateExpiry` reads them. */
export interface ExpiryParts {
  /** What stands before the `/` (`12`, `1`, or empty). */
  month: string;
  /** What stands after it: usually two digits, possibly fewer while typing. */
  year: string;
}

/**
 * Splits an expiry value (normally {@link formatExpiry}'s output) at its `/` into the month and
 * year text, trimmed but otherwise untouched, so `validateExpiry` judges what is really there.
 * Without a `/` everything is the month.
 */
export function parseExpiry(value: string): ExpiryParts {
  const slash = value.indexOf('/');
  if (slash === -1) return { month: value.trim(), year: '' };
  return { month: value.slice(0, slash).trim(), year: value.slice(slash + 1).trim() };
}

/**
 * Keeps the ASCII digits of a CVC, routing or account number input, capped at `maxLength`
 * (see {@link ROUTING_NUMBER_LENGTH}, {@link ACCOUNT_NUMBER_MAX_LENGTH}, and the brand's
 * longest CVC from `cvcLengthsFor`).
 */
export function formatDigits(input: string, maxLength: number): string {
  return asciiDigits(input).slice(0, Math.max(0, Math.trunc(maxLength) || 0));
}
