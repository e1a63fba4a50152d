/**
 * What is sealed for a token, and what detokenize gives back. Only the secrets are sealed (the
 * card number and CVC, the account number, the id number, an account's data): the rest of what
 * a processor needs (expiry, cardholder name and address, routing number) is in the public token
 * object already, and is taken from there, so each value is stored once.
 */
import { CARDHOLDER_FIELDS } from 'tessera/validation';
import type { TokenObject } from './token-objects.js';
import type { ValidTokenRequest } from './token-params.js';

/**
 * The secret parameters of a request, as they are sealed: all but the CVC, which is sealed on
 * its own ({@link cvcOf}) because it is erased sooner.
 */
export function secretsOf(request: ValidTokenRequest): Record<string, unknown> {
  switch (request.type) {
    case 'card':
      return { number: request.card.number };
    case 'bank_account':
      return { account_number: request.bank_account.account_number };
    case 'cvc_update':
      return {};
    case 'pii':
      return request.pii;
    case 'account':
      return request.account;
  }
}

/** The request's CVC, if it has one: sealed apart from the rest, erased after `--cvc-ttl`. */
export function cvcOf(request: ValidTokenRequest): string | null {
  if (request.type === 'card') return request.card.cvc;
  if (request.type === 'cvc_update') return request.cvc_update.cvc;
  return null;
}

/**
 * The parameters a processor needs, as detokenize returns them: the unsealed `secrets` with the
 * public parts of `token`. (Tokens sealed by Tessera 0.1.0 hold everything; their secrets win.)
 */
export function detokenizedParams(
  token: TokenObject,
  secrets: Record<string, unknown>,
): Record<string, unknown> {
  const { card, bank_account: bankAccount } = token;
  if (card) {
    const cardholder = Object.fromEntries(CARDHOLDER_FIELDS.map((field) => [field, card[field]]));
    return {
      exp_month: card.exp_month,
      exp_year: card.exp_year,
      ...cardholder,
      networks: card.networks,
      ...secrets,
    };
  }
  if (bankAccount) {
    return {
      routing_number: bankAccount.routing_number,
      country: bankAccount.country,
      currency: bankAccount.currency,
      account_holder_name: bankAccount.account_holder_name,
      account_holder_type: bankAccount.account_holder_type,
      account_type: bankAccount.account_type,
      ...secrets,
    };
  }
  return secrets;
}
