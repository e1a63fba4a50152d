import { cvcLengthsFor, type CardBrand } from './brands.js';
import { readDigits } from './digits.js';
import type { Verification } from './types.js';

/** Why a CVC is not valid. */
export type CvcReason =
  | 'empty'
  | 'not_a_string'
  | 'non_ascii_digits'
  | 'invalid_characters'
  | 'incomplete'
  | 'invalid_length';

/**
 * Validates a card security code: 3 ASCII digits, 4 for Amex, 3 or 4 when the brand is not
 * known (a lone CVC re-collection field). Never throws.
 */
export function validateCvc(value: unknown, brand?: CardBrand): Verification<CvcReason> {
  const input = readDigits(value, { separators: false });
  if (input.kind !== 'digits') {
    return { isValid: false, isPotentiallyValid: false, reason: input.kind };
  }
  const length = input.digits.length;
  if (length === 0) return { isValid: false, isPotentiallyValid: true, reason: 'empty' };
  const lengths = cvcLengthsFor(brand);
  if (lengths.includes(length)) return { isValid: true, isPotentiallyValid: true };
  return length < Math.max(...lengths)
    ? { isValid: false, isPotentiallyValid: true, reason: 'incomplete' }
    : { isValid: false, isPotentiallyValid: false, reason: 'invalid_length' };
}
