/**
 * Pure validators shared by the frame (as the user types) and the server (which never trusts
 * the client), published as `tessera/validation`. No DOM, no Node APIs; nothing here imports
 * the rest of Tessera but the domain vocabulary (`src/domain`), which it re-exports so that the
 * server reads every shared list from here.
 */
export * from '../domain/index.js';
export type { Verification } from './types.js';
export {
  brandDisplayName,
  brandFromCardType,
  cvcLengthsFor,
  type CardBrandDisplay,
} from './brands.js';
export {
  validateCardNumber,
  type CardNumberReason,
  type CardNumberVerification,
} from './card-number.js';
export {
  validateExpiry,
  currentMonthAnywhereOnEarth,
  MAX_YEARS_AHEAD,
  type ExpiryReason,
  type ExpiryVerification,
  type YearMonth,
} from './expiry.js';
export { validateCvc, type CvcReason } from './cvc.js';
export { validatePostalCode, type PostalCodeReason } from './postal-code.js';
export {
  validateRoutingNumber,
  validateAccountNumber,
  isAccountHolderType,
  isAccountType,
  type BankNumberReason,
} from './bank-account.js';
export { normalizeCountry, normalizeCurrency, defaultCurrencyFor } from './iso-codes.js';
