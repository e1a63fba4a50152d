import { lookupBin, type Funding } from '../reference-data/bin-table.js';
import { bankNameFor } from '../reference-data/bank-names.js';
import type { TokenType } from '../vault/vault.js';
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
  fingerprint: string;
  funding: Funding;
  iin: string;
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
  fingerprint: string;
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

/** Builds the public card object: last4, BIN facts and a keyed fingerprint; never the number. */
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
    iin: card.number.slice(0, 6),
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
