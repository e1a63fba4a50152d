/**
 * The `tessera` package's browser entry: the Tessera client and the elements. Importing it
 * defines `<tessera-card>`, `<tessera-card-number>`, `<tessera-card-expiry>`,
 * `<tessera-card-cvc>` and `<tessera-bank-account>` once (safely if imported twice).
 */
export * from './host/index.js';
