/**
 * Card brands as data: card-validator's type names mapped to the lower-case brand the browser
 * reports and Stripe's display string on the token's `card.brand`.
 */
import type { CardBrand } from '../domain/index.js';

export type { CardBrand } from '../domain/index.js';

/** Stripe's `card.brand` display strings. */
export type CardBrandDisplay =
  | 'Visa'
  | 'MasterCard'
  | 'American Express'
  | 'Discover'
  | 'Diners Club'
  | 'JCB'
  | 'UnionPay'
  | 'Unknown';

interface BrandRow {
  /** credit-card-type's `type`. */
  readonly type: string;
  readonly brand: CardBrand;
  readonly display: CardBrandDisplay;
  /** Allowed security-code lengths. */
  readonly cvcLengths: readonly number[];
}

/** Brands Stripe has no display string for are reported as "Unknown" on the token. */
const BRAND_TABLE: readonly BrandRow[] = [
  { type: 'visa', brand: 'visa', display: 'Visa', cvcLengths: [3] },
  { type: 'mastercard', brand: 'mastercard', display: 'MasterCard', cvcLengths: [3] },
  { type: 'american-express', brand: 'amex', display: 'American Express', cvcLengths: [4] },
  { type: 'discover', brand: 'discover', display: 'Discover', cvcLengths: [3] },
  { type: 'diners-club', brand: 'diners', display: 'Diners Club', cvcLengths: [3] },
  { type: 'jcb', brand: 'jcb', display: 'JCB', cvcLengths: [3] },
  { type: 'unionpay', brand: 'unionpay', display: 'UnionPay', cvcLengths: [3] },
  { type: 'maestro', brand: 'maestro', display: 'Unknown', cvcLengths: [3] },
  { type: 'elo', brand: 'elo', display: 'Unknown', cvcLengths: [3] },
  { type: 'mir', brand: 'mir', display: 'Unknown', cvcLengths: [3] },
  { type: 'hiper', brand: 'hiper', display: 'Unknown', cvcLengths: [3] },
  { type: 'hipercard', brand: 'hipercard', display: 'Unknown', cvcLengths: [3] },
];

const BY_TYPE = new Map(BRAND_TABLE.map((row) => [row.type, row]));
const BY_BRAND = new Map(BRAND_TABLE.map((row) => [row.brand, row]));

/** Maps a credit-card-type `type` to our brand; anything unlisted is `unknown`. */
export function brandFromCardType(type: string | undefined): CardBrand {
  return (type && BY_TYPE.get(type)?.brand) || 'unknown';
}

/** A brand we cannot tell yet may take either length. */
const UNKNOWN_CVC_LENGTHS: readonly number[] = [3, 4];

/** Security-code lengths for a brand: 4 for Amex, 3 for the others, 3 or 4 when unknown. */
export function cvcLengthsFor(brand: CardBrand | undefined): readonly number[] {
  return (brand && BY_BRAND.get(brand)?.cvcLengths) || UNKNOWN_CVC_LENGTHS;
}

/** Stripe's display string for a brand (`amex` → "American Express"). */
export function brandDisplayName(brand: CardBrand): CardBrandDisplay {
  return BY_BRAND.get(brand)?.display ?? 'Unknown';
}
