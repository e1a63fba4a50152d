import cardValidator from 'card-validator';
import { brandFromCardType, cvcLengthsFor, type CardBrand } from './brands.js';
import { readDigits } from './digits.js';
import type { Verification } from './types.js';

/** Why a card number is not valid. */
export type CardNumberReason =
  | 'empty'
  | 'not_a_string'
  | 'non_ascii_digits'
  | 'invalid_characters'
  | 'incomplete'
  | 'unknown_brand'
  | 'invalid_length'
  | 'luhn';

/** A card number's validation result with what the UI needs to format it. */
export interface CardNumberVerification extends Verification<CardNumberReason> {
  /** Detected brand, `unknown` until the prefix names exactly one. */
  brand: CardBrand;
  /** The ASCII digits with spaces and dashes removed; empty when the input was refused. */
  digits: string;
  /** Valid lengths for the detected card type (empty until one type matches). */
  lengths: readonly number[];
  /** Offsets where a formatter puts a space (4-4-4-4, Amex 4-6-5, …). */
  gaps: readonly number[];
  /** Allowed CVC lengths for the brand. */
  cvcLengths: readonly number[];
}

function result(
  fields: Partial<CardNumberVerification> &
    Pick<CardNumberVerification, 'isValid' | 'isPotentiallyValid'>,
): CardNumberVerification {
  const brand = fields.brand ?? 'unknown';
  return {
    brand,
    digits: '',
    lengths: [],
    gaps: [],
    cvcLengths: cvcLengthsFor(brand),
    ...fields,
  };
}

/**
 * Validates a card number as typed or pasted: spaces and dashes are ignored, only ASCII digits
 * are accepted, the brand decides the valid lengths, and the Luhn check applies (UnionPay
 * numbers skip it, as card-validator does). Never throws.
 */
export function validateCardNumber(value: unknown): CardNumberVerification {
  const input = readDigits(value, { separators: true });
  if (input.kind !== 'digits') {
    return result({ isValid: false, isPotentiallyValid: false, reason: input.kind });
  }
  const { digits } = input;
  if (digits.length === 0) {
    return result({ isValid: false, isPotentiallyValid: true, reason: 'empty' });
  }
  const verdict = cardValidator.number(digits);
  const card = verdict.card;
  if (!card) {
    return result({
      digits,
      isValid: false,
      isPotentiallyValid: verdict.isPotentiallyValid,
      reason: verdict.isPotentiallyValid ? 'incomplete' : 'unknown_brand',
    });
  }
  const known = {
    digits,
    brand: brandFromCardType(card.type),
    lengths: card.lengths,
    gaps: card.gaps,
    isPotentiallyValid: verdict.isPotentiallyValid,
  };
  if (verdict.isValid && card.lengths.includes(digits.length)) {
    return result({ ...known, isValid: true });
  }
  if (card.lengths.includes(digits.length)) {
    return result({ ...known, isValid: false, reason: 'luhn' });
  }
  return result({
    ...known,
    isValid: false,
    reason: verdict.isPotentiallyValid ? 'incomplete' : 'invalid_length',
  });
}
