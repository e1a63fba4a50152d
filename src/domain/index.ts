/**
 * Tessera's domain vocabulary: the lists that the browser (protocol, host, frame) and the token
 * server must agree on, each written once. Constants and the types derived from them; no
 * functions, no DOM, no Node, and no imports. `tessera/validation` re-exports all of it for the
 * server.
 */

/** Token types, as in the token object's `type` and the keys of `POST /v1/tokens`. */
export const TOKEN_TYPES = ['card', 'bank_account', 'cvc_update', 'pii', 'account'] as const;
/** A token type. */
export type TokenType = (typeof TOKEN_TYPES)[number];

/**
 * Card brands in lower case, as the browser reports them (Stripe.js's names, plus the brands
 * card-validator knows that Stripe.js does not name), and `unknown`.
 */
export const CARD_BRANDS = [
  'visa',
  'mastercard',
  'amex',
  'discover',
  'diners',
  'jcb',
  'unionpay',
  'maestro',
  'elo',
  'mir',
  'hiper',
  'hipercard',
  'unknown',
] as const;
/** A card brand as the browser reports it. */
export type CardBrand = (typeof CARD_BRANDS)[number];

/**
 * Cardholder data that travels with a card token besides the number, expiry and CVC: not
 * sensitive, so the page may pass it to `createToken(card, data)`. Stripe's `card[…]` names.
 */
export const CARDHOLDER_FIELDS = [
  'name',
  'address_line1',
  'address_line2',
  'address_city',
  'address_state',
  'address_zip',
  'address_country',
  'currency',
] as const;
/** A cardholder field. */
export type CardholderField = (typeof CARDHOLDER_FIELDS)[number];
/** Cardholder data, every field optional. */
export type CardholderData = Partial<Record<CardholderField, string>>;

/** Who holds a bank account. */
export const ACCOUNT_HOLDER_TYPES = ['individual', 'company'] as const;
/** Who holds a bank account. */
export type AccountHolderType = (typeof ACCOUNT_HOLDER_TYPES)[number];

/** Bank account types Stripe accepts (futsu and toza are Japanese account types). */
export const ACCOUNT_TYPES = ['checking', 'savings', 'futsu', 'toza'] as const;
/** A bank account type. */
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** The error `type`s of Stripe's error envelope that the token server sends. */
export const STRIPE_ERROR_TYPES = [
  'api_error',
  'card_error',
  'idempotency_error',
  'invalid_request_error',
] as const;
/** An error `type` of the token server's replies. */
export type StripeErrorType = (typeof STRIPE_ERROR_TYPES)[number];

/**
 * Error `type`s that only the browser reports, as Stripe.js does: a field that is not complete
 * or valid, and a server that cannot be reached.
 */
export const CLIENT_ERROR_TYPES = ['validation_error', 'api_connection_error'] as const;
/** An error `type` the browser reports itself. */
export type ClientErrorType = (typeof CLIENT_ERROR_TYPES)[number];
