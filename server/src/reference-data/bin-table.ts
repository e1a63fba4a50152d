/**
 * Issuer data by number prefix: funding type and issuing country. Tessera ships the ranges that
 * Stripe documents for its test cards; a deployment can extend the table. The longest matching
 * prefix wins, so a full test number can override its BIN (UnionPay credit vs debit share one).
 */

/** Card funding type, as on the card object. */
export type Funding = 'credit' | 'debit' | 'prepaid' | 'unknown';

/** What the table knows about a range. */
export interface BinInfo {
  funding: Funding;
  /** ISO 3166-1 alpha-2, or null when unknown. */
  country: string | null;
}

const BIN_ROWS: ReadonlyArray<readonly [prefix: string, funding: Funding, country: string]> = [
  ['424242', 'credit', 'US'],
  ['400005', 'debit', 'US'],
  ['555555', 'credit', 'US'],
  ['222300', 'credit', 'US'],
  ['520082', 'debit', 'US'],
  ['510510', 'prepaid', 'US'],
  ['378282', 'credit', 'US'],
  ['371449', 'credit', 'US'],
  ['601111', 'credit', 'US'],
  ['601100', 'credit', 'US'],
  ['601198', 'debit', 'US'],
  ['305693', 'credit', 'US'],
  ['362272', 'credit', 'US'],
  ['356600', 'credit', 'US'],
  ['620000', 'credit', 'US'],
  ['6200000000000047', 'debit', 'US'],
  ['620550', 'credit', 'US'],
];

const BY_PREFIX = new Map(
  BIN_ROWS.map(([prefix, funding, country]) => [prefix, { funding, country }]),
);
const PREFIX_LENGTHS = [...new Set(BIN_ROWS.map(([prefix]) => prefix.length))].sort(
  (a, b) => b - a,
);

const UNKNOWN: BinInfo = { funding: 'unknown', country: null };

/** Funding and country for a card number's digits; `unknown` and null when not in the table. */
export function lookupBin(digits: string): BinInfo {
  for (const length of PREFIX_LENGTHS) {
    const info = BY_PREFIX.get(digits.slice(0, length));
    if (info && digits.length >= length) return info;
  }
  return UNKNOWN;
}
