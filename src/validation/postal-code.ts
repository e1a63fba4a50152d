import type { Verification } from './types.js';

/** Why a postal code is not valid. */
export type PostalCodeReason = 'empty' | 'not_a_string' | 'incomplete' | 'invalid_characters';

/** Postal codes worldwide: letters, digits, spaces and dashes, 3 to 10 characters. */
const POSTAL_CODE = /^[A-Za-z0-9][A-Za-z0-9 -]*$/;
const MIN_LENGTH = 3;
const MAX_LENGTH = 10;

/**
 * Validates a billing postal code loosely enough for every country (US ZIP, UK, Canadian,
 * Dutch formats) and strictly enough to refuse markup or control characters. Never throws.
 */
export function validatePostalCode(value: unknown): Verification<PostalCodeReason> {
  if (typeof value !== 'string') {
    return { isValid: false, isPotentiallyValid: false, reason: 'not_a_string' };
  }
  const text = value.trim();
  if (text === '') return { isValid: false, isPotentiallyValid: true, reason: 'empty' };
  if (!POSTAL_CODE.test(text) || text.length > MAX_LENGTH) {
    return { isValid: false, isPotentiallyValid: false, reason: 'invalid_characters' };
  }
  if (text.length < MIN_LENGTH) {
    return { isValid: false, isPotentiallyValid: true, reason: 'incomplete' };
  }
  return { isValid: true, isPotentiallyValid: true };
}
