/**
 * The five tags the `tessera` package defines, as a page writes them: what the build, packaging
 * and framework tests expect to find defined, listed and typed.
 */
export const ELEMENT_TAGS = [
  'tessera-card',
  'tessera-card-number',
  'tessera-card-expiry',
  'tessera-card-cvc',
  'tessera-bank-account',
] as const;
