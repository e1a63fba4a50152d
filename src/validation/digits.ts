/** ASCII digits only: `\d` without the `u` flag, so full-width and other scripts' digits fail. */
const ASCII_DIGITS = /^[0-9]*$/;

/** Any decimal digit in any script (full-width `４`, Arabic-Indic `٤`, …) that is not ASCII. */
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/u;

/** Spaces and dashes people type or paste between digit groups. */
const SEPARATORS = /[\s-]/g;

/** What a digit string was made of, once separators are removed. */
export type DigitsInput =
  | { kind: 'digits'; digits: string }
  | { kind: 'non_ascii_digits' }
  | { kind: 'invalid_characters' }
  | { kind: 'not_a_string' };

/**
 * Normalises typed or pasted digits: strips spaces and dashes, accepts ASCII digits only.
 * Non-ASCII digits are reported apart so the user learns why `４２４２` is refused.
 */
export function readDigits(value: unknown, options: { separators: boolean }): DigitsInput {
  if (typeof value !== 'string') return { kind: 'not_a_string' };
  const stripped = options.separators ? value.replace(SEPARATORS, '') : value;
  if (ASCII_DIGITS.test(stripped)) return { kind: 'digits', digits: stripped };
  if (NON_ASCII_DIGIT.test(stripped)) return { kind: 'non_ascii_digits' };
  return { kind: 'invalid_characters' };
}
