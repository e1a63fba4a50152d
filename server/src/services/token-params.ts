import {
  CARDHOLDER_FIELDS,
  TOKEN_TYPES,
  brandDisplayName,
  defaultCurrencyFor,
  normalizeCountry,
  normalizeCurrency,
  validateAccountNumber,
  validateCardNumber,
  validateCvc,
  validateExpiry,
  validateRoutingNumber,
  type AccountHolderType,
  type AccountType,
  type CardBrand,
  type CardBrandDisplay,
  type CardholderData,
  type CardholderField,
  type YearMonth,
} from 'tessera/validation';
import { errors } from '../errors.js';

/** `card[…]` as the schema admits it: the card, and the cardholder data Stripe's tokens carry. */
export interface CardParams extends CardholderData {
  number: string;
  exp_month: string;
  exp_year: string;
  cvc?: string;
  networks?: { preferred?: string };
}

/** `bank_account[…]` as the schema admits it. */
export interface BankAccountParams {
  account_number: string;
  country: string;
  account_holder_name?: string;
  account_holder_type?: AccountHolderType;
  account_type?: AccountType;
  currency?: string;
  routing_number?: string;
}

/** `account[…]`: connected-account basics, passed through as given. */
export interface AccountParams {
  business_type?: string;
  individual?: Record<string, unknown>;
  company?: Record<string, unknown>;
  tos_shown_and_accepted?: 'true' | 'false';
}

/** The body of `POST /v1/tokens` after schema validation. */
export interface CreateTokenParams {
  card?: CardParams;
  bank_account?: BankAccountParams;
  cvc_update?: { cvc: string };
  pii?: { id_number: string };
  account?: AccountParams;
  expand?: string[];
  key?: string;
}

/**
 * A card after validation: digits normalised, expiry as integers, brand known, every
 * cardholder field present (null when not given), the currency an ISO code.
 */
export type ValidCard = Record<CardholderField, string | null> & {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc: string | null;
  networks: { preferred: string | null };
  brand: CardBrand;
  display_brand: CardBrandDisplay;
};

/** A bank account after validation. */
export interface ValidBankAccount {
  account_number: string;
  routing_number: string | null;
  country: string;
  currency: string;
  account_holder_name: string | null;
  account_holder_type: AccountHolderType | null;
  account_type: AccountType | null;
}

/** One validated request: its type and the parameters to seal. */
export type ValidTokenRequest =
  | { type: 'card'; card: ValidCard }
  | { type: 'bank_account'; bank_account: ValidBankAccount }
  | { type: 'cvc_update'; cvc_update: { cvc: string } }
  | { type: 'pii'; pii: { id_number: string } }
  | { type: 'account'; account: Record<string, unknown> };

/** Empty optional strings mean "not given", as in Stripe's API. */
function optional(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

function checkCardNumber(number: string): { digits: string; brand: CardBrand } {
  const verdict = validateCardNumber(number);
  if (verdict.isValid) return { digits: verdict.digits, brand: verdict.brand };
  throw verdict.reason === 'luhn' ? errors.incorrectNumber() : errors.invalidNumber();
}

function checkExpiry(
  month: string,
  year: string,
  today: YearMonth,
): { month: number; year: number } {
  const verdict = validateExpiry(month, year, today);
  if (verdict.isValid && verdict.month !== undefined && verdict.year !== undefined) {
    return { month: verdict.month, year: verdict.year };
  }
  throw verdict.field === 'month' ? errors.invalidExpiryMonth() : errors.invalidExpiryYear();
}

function checkCurrency(value: string | undefined, param: string): string | null {
  const given = optional(value);
  if (given === null) return null;
  const currency = normalizeCurrency(given);
  if (!currency) throw errors.parameterInvalid(param, 'must be a three-letter ISO currency code');
  return currency;
}

function validCard(params: CardParams, today: YearMonth): ValidCard {
  const { digits, brand } = checkCardNumber(params.number);
  const expiry = checkExpiry(params.exp_month, params.exp_year, today);
  const cvc = optional(params.cvc);
  if (cvc !== null && !validateCvc(cvc, brand).isValid) throw errors.invalidCvc();
  const cardholder = Object.fromEntries(
    CARDHOLDER_FIELDS.map((field) => [field, optional(params[field])]),
  ) as Record<CardholderField, string | null>;
  return {
    number: digits,
    exp_month: expiry.month,
    exp_year: expiry.year,
    cvc,
    ...cardholder,
    currency: checkCurrency(params.currency, 'card[currency]'),
    networks: { preferred: optional(params.networks?.preferred) },
    brand,
    display_brand: brandDisplayName(brand),
  };
}

const ROUTING_MESSAGES: Readonly<Record<string, string>> = {
  checksum: 'Invalid routing number: its check digit does not match.',
  non_ascii_digits: 'Routing number must contain only the digits 0-9.',
  invalid_characters: 'Routing number must contain only the digits 0-9.',
};

function checkRoutingNumber(value: string | undefined, country: string): string | null {
  const given = optional(value);
  if (country !== 'US') return given;
  if (given === null) throw errors.parameterMissing('bank_account[routing_number]');
  const verdict = validateRoutingNumber(given);
  if (verdict.isValid) return given;
  throw errors.routingNumberInvalid(
    ROUTING_MESSAGES[verdict.reason ?? ''] ?? 'Routing number must have 9 digits.',
  );
}

/** Outside the US, account numbers are IBANs or local formats: 4–34 letters and digits. */
const NON_US_ACCOUNT_NUMBER = /^[A-Za-z0-9]{4,34}$/;

function checkAccountNumber(value: string, country: string): string {
  if (country === 'US') {
    if (validateAccountNumber(value).isValid) return value;
    throw errors.accountNumberInvalid(
      'Invalid account number: US account numbers have 4 to 17 digits.',
    );
  }
  const compact = value.replace(/\s/g, '');
  if (NON_US_ACCOUNT_NUMBER.test(compact)) return compact;
  throw errors.accountNumberInvalid('Invalid account number: use 4 to 34 letters and digits.');
}

function validBankAccount(params: BankAccountParams): ValidBankAccount {
  const country = normalizeCountry(params.country);
  if (!country) {
    throw errors.parameterInvalid('bank_account[country]', 'must be a two-letter ISO country code');
  }
  const currency =
    checkCurrency(params.currency, 'bank_account[currency]') ?? defaultCurrencyFor(country);
  if (!currency) throw errors.parameterMissing('bank_account[currency]');
  return {
    routing_number: checkRoutingNumber(params.routing_number, country),
    account_number: checkAccountNumber(params.account_number, country),
    country,
    currency,
    account_holder_name: optional(params.account_holder_name),
    account_holder_type: params.account_holder_type ?? null,
    account_type: params.account_type ?? null,
  };
}

function validAccount(params: AccountParams): Record<string, unknown> {
  const { tos_shown_and_accepted: tos, ...rest } = params;
  return tos === undefined ? rest : { ...rest, tos_shown_and_accepted: tos === 'true' };
}

/**
 * Checks what the schema cannot: exactly one thing to tokenize, and the card, bank account or
 * CVC is valid (the server never trusts the browser's validation). Throws an `ApiError`.
 */
export function validateTokenRequest(
  params: CreateTokenParams,
  today: YearMonth,
): ValidTokenRequest {
  const given = TOKEN_TYPES.filter((type) => params[type] !== undefined);
  if (given.length > 1) throw errors.parametersExclusive(given);
  if (params.card) return { type: 'card', card: validCard(params.card, today) };
  if (params.bank_account) {
    return { type: 'bank_account', bank_account: validBankAccount(params.bank_account) };
  }
  if (params.cvc_update) {
    if (!validateCvc(params.cvc_update.cvc).isValid) throw errors.invalidCvc();
    return { type: 'cvc_update', cvc_update: { cvc: params.cvc_update.cvc } };
  }
  if (params.pii) return { type: 'pii', pii: { id_number: params.pii.id_number } };
  if (params.account) return { type: 'account', account: validAccount(params.account) };
  throw errors.nothingToTokenize();
}
