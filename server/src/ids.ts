import { randomByte } from './crypto/random-pool.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Random base62 text from the CSPRNG. Rejection sampling keeps every character equally likely
 * (248 is the largest multiple of 62 below 256). Each pooled byte is used once.
 */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    const byte = randomByte();
    if (byte < 248) out += ALPHABET.charAt(byte % 62);
  }
  return out;
}

/** Object id prefixes, as Stripe uses them. */
export type IdPrefix = 'tok' | 'cvctok' | 'card' | 'ba' | 'acct' | 'req';

/** A new object id such as `tok_1N3T00LkdIwHu7ixt44h1F8k` (24 random characters). */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase62(24)}`;
}
