import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Random base62 text from the OS CSPRNG. Rejection sampling keeps every character equally likely
 * (248 is the largest multiple of 62 below 256).
 */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) out += ALPHABET.charAt(byte % 62);
      if (out.length === length) break;
    }
  }
  return out;
}

/** Object id prefixes, as Stripe uses them. */
export type IdPrefix = 'tok' | 'cvctok' | 'card' | 'ba' | 'acct' | 'req';

/** A new object id such as `tok_1N3T00LkdIwHu7ixt44h1F8k` (24 random characters). */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase62(24)}`;
}
