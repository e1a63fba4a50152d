import {
  ACCOUNT_HOLDER_TYPES,
  ACCOUNT_TYPES,
  type AccountHolderType,
  type AccountType,
} from '../domain/index.js';
import { readDigits } from './digits.js';
import type { Verification } from './types.js';

/** Why a routing or account number is not valid. */
export type BankNumberReason =
  | 'empty'
  | 'not_a_string'
  | 'non_ascii_digits'
  | 'invalid_characters'
  | 'incomplete'
  | 'invalid_length'
  | 'checksum';

const ROUTING_NUMBER_LENGTH = 9;
const ABA_WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7, 1] as const;
const ACCOUNT_NUMBER_MIN = 4;
const ACCOUNT_NUMBER_MAX = 17;

/** True when nine digits pass the ABA checksum (weights 3-7-1, sum divisible by 10). */
function abaChecksumValid(digits: string): boolean {
  const sum = ABA_WEIGHTS.reduce(
    (total, weight, i) => total + (digits.charCodeAt(i) - 48) * weight,
    0,
  );
  return sum % 10 === 0;
}

/** Validates a US ABA routing number: 9 ASCII digits with a valid checksum. Never throws. */
export function validateRoutingNumber(value: unknown): Verification<BankNumberReason> {
  const input = readDigits(value, { separators: false });
  if (input.kind !== 'digits') {
    return { isValid: false, isPotentiallyValid: false, reason: input.kind };
  }
  const { digits } = input;
  if (digits.length === 0) return { isValid: false, isPotentiallyValid: true, reason: 'empty' };
  if (digits.length < ROUTING_NUMBER_LENGTH) {
    return { isValid: false, isPotentiallyValid: true, reason: 'incomplete' };
  }
  if (digits.length > ROUTING_NUMBER_LENGTH) {
    return { isValid: false, isPotentiallyValid: false, reason: 'invalid_length' };
  }
  return abaChecksumValid(digits)
    ? { isValid: true, isPotentiallyValid: true }
    : { isValid: false, isPotentiallyValid: false, reason: 'checksum' };
}

/** Validates a US bank account number: 4 to 17 ASCII digits. Never throws. */
export function validateAccountNumber(value: unknown): Verification<BankNumberReason> {
  const input = readDigits(value, { separators: false });
  if (input.kind !== 'digits') {
    return { isValid: false, isPotentiallyValid: false, reason: input.kind };
  }
  const { length } = input.digits;
  if (length === 0) return { isValid: false, isPotentiallyValid: true, reason: 'empty' };
  if (length < ACCOUNT_NUMBER_MIN) {
    return { isValid: false, isPotentiallyValid: true, reason: 'incomplete' };
  }
  if (length > ACCOUNT_NUMBER_MAX) {
    return { isValid: false, isPotentiallyValid: false, reason: 'invalid_length' };
  }
  return { isValid: true, isPotentiallyValid: true };
}

/** True for `individual` or `company`. */
export function isAccountHolderType(value: unknown): value is AccountHolderType {
  return (ACCOUNT_HOLDER_TYPES as readonly unknown[]).includes(value);
}

/** True for `checking`, `savings`, `futsu` or `toza`. */
export function isAccountType(value: unknown): value is AccountType {
  return (ACCOUNT_TYPES as readonly unknown[]).includes(value);
}
