import { lookupBin, type Funding } from '../reference-data/bin-table.js';
import { bankNameFor } from '../reference-data/bank-names.js';
import type { KeyKind, TokenType } from '../vault/vault.js';
import type { ValidBankAccount, ValidCard } from './token-params.js';

/** The `card` object on a card token: every field of Stripe's, null where unknown. */
export interface CardObject {
  id: string;
  object: 'card';
  address_city: string | null;
  address_country: string | null;
  address_line1: string | null;
  address_line1_check: 'unchecked' | null;
  address_line2: string | null;
  address_state: string | null;
  address_zip: string | null;
  address_zip_check: 'unchecked' | null;
  brand: ValidCard['display_brand'];
  country: string | null;
  currency: string | null;
  cvc_check: 'unchecked' | null;
  dynamic_last4: null;
  exp_month: number;
  exp_year: number;
  /** Only in replies to a secret key: see {@link forCaller}. */
  fingerprint?: string;
  funding: Funding;
  /** Always null: Stripe keeps the IIN internal, and it is 6 more digits of the number. */
  iin: null;
  last4: string;
  metadata: Record<string, never>;
  name: string | null;
  networks: { preferred: string | null };
  regulated_status: null;
  tokenization_method: null;
  wallet: null;
}

/** The `bank_account` object on a bank account token. */
export interface BankAccountObject {
  id: string;
  object: 'bank_account';
  account_holder_name: string | null;
  account_holder_type: string | null;
  account_type: string | null;
  bank_name: string | null;
  country: string;
  currency: string;
  /** Only in replies to a secret key: see {@link forCaller}. */
  fingerprint?: string;
  last4: string;
  routing_number: string | null;
  status: 'new';
}

/** Stripe's Token object. `card` or `bank_account` appears on tokens of that type only. */
export interface TokenObject {
  id: string;
  object: 'token';
  card?: CardObject;
  bank_account?: BankAccountObject;
  client_ip: string | null;
  created: number;
  livemode: boolean;
  type: TokenType;
  used: boolean;
}

/** Address checks are "unchecked" when the field was given (Tessera checks nothing with banks). */
function unchecked(value: string | null): 'unchecked' | null {
  return value === null ? null : 'unchecked';
}

/**
 * Builds the public card object: last4, BIN facts and a keyed fingerprint; never the number,
 * nor any digit of it beyond the last four (`iin` is null).
 */
export function cardObject(id: string, card: ValidCard, fingerprint: string): CardObject {
  const bin = lookupBin(card.number);
  return {
    id,
    object: 'card',
    address_city: card.address_city,
    address_country: card.address_country,
    address_line1: card.address_line1,
    address_line1_check: unchecked(card.address_line1),
    address_line2: card.address_line2,
    address_state: card.address_state,
    address_zip: card.address_zip,
    address_zip_check: unchecked(card.address_zip),
    brand: card.display_brand,
    country: bin.country,
    currency: card.currency,
    cvc_check: unchecked(card.cvc),
    dynamic_last4: null,
    exp_month: card.exp_month,
    exp_year: card.exp_year,
    fingerprint,
    funding: bin.funding,
    iin: null,
    last4: card.number.slice(-4),
    metadata: {},
    name: card.name,
    networks: card.networks,
    regulated_status: null,
    tokenization_method: null,
    wallet: null,
  };
}

/** Builds the public bank account object: last4 and routing number; never the account number. */
export function bankAccountObject(
  id: string,
  account: ValidBankAccount,
  fingerprint: string,
): BankAccountObject {
  return {
    id,
    object: 'bank_account',
    account_holder_name: account.account_holder_name,
    account_holder_type: account.account_holder_type,
    account_type: account.account_type,
    bank_name: account.routing_number ? bankNameFor(account.routing_number) : null,
    country: account.country,
    currency: account.currency,
    fingerprint,
    last4: account.account_number.slice(-4),
    routing_number: account.routing_number,
    status: 'new',
  };
}

/**
 * The token object as `kind` of key may see it. A publishable key never gets a `fingerprint`:
 * as Stripe since API version 2014-10-07, because with the last four digits (and a BIN) known,
 * tokenizing each candidate number and comparing fingerprints gives the number back. Replies to
 * a secret or restricted key, and `GET /v1/tokens/:id` (no publishable key), keep it.
 */
export function forCaller(token: TokenObject, kind: KeyKind): TokenObject {
  if (kind !== 'publishable') return token;
  const { card, bank_account: bankAccount, ...rest } = token;
  const out: TokenObject = { ...rest };
  if (card) {
    const { fingerprint: _fingerprint, ...publicCard } = card;
    out.card = publicCard;
  }
  if (bankAccount) {
    const { fingerprint: _fingerprint, ...publicBankAccount } = bankAccount;
    out.bank_account = publicBankAccount;
  }
  return orderedLike(token, out);
}

/** `subset` with its keys in `model`'s order (the wire shape keeps Stripe's key order). */
function orderedLike(model: TokenObject, subset: TokenObject): TokenObject {
  return Object.fromEntries(
    Object.keys(model)
      .filter((key) => key in subset)
      .map((key) => [key, subset[key as keyof TokenObject]]),
  ) as unknown as TokenObject;
}
