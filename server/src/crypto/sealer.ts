import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
} from 'node:crypto';
import { randomBytesFromPool } from './random-pool.js';

const FORMAT_VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_BYTES = 8;
const HEADER_BYTES = 1 + KEY_ID_BYTES + NONCE_BYTES;

function derive(master: Buffer, purpose: string, bytes: number): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `tessera/v1/${purpose}`, bytes));
}

/**
 * Encrypts stored secrets with AES-256-GCM and computes keyed fingerprints. Both keys are
 * derived from the master key with HKDF, so the master key itself never touches data.
 *
 * Sealed layout: version (1) | key id (8) | nonce (12) | ciphertext | tag (16). The additional
 * authenticated data binds a ciphertext to the record it belongs to and to the key id, so a
 * ciphertext copied to another row fails to open.
 */
export class Sealer {
  /** Identifies the master key (not secret): stored with every ciphertext and in the database. */
  readonly keyId: string;
  readonly #keyIdBytes: Buffer;
  /** A KeyObject: ciphers made from it skip importing the raw key each time. */
  readonly #encryptionKey: KeyObject;
  readonly #fingerprintKey: Buffer;

  constructor(masterKey: Buffer) {
    this.#keyIdBytes = derive(masterKey, 'key-id', KEY_ID_BYTES);
    this.keyId = this.#keyIdBytes.toString('hex');
    this.#encryptionKey = createSecretKey(derive(masterKey, 'encryption', 32));
    this.#fingerprintKey = derive(masterKey, 'fingerprint', 32);
  }

  /** Encrypts `plaintext` for the record named by `recordId`. */
  seal(plaintext: string, recordId: string): Buffer {
    const nonce = randomBytesFromPool(NONCE_BYTES);
    const version = Buffer.of(FORMAT_VERSION);
    const cipher = createCipheriv('aes-256-gcm', this.#encryptionKey, nonce);
    cipher.setAAD(this.#aad(recordId));
    const body = cipher.update(plaintext, 'utf8');
    const last = cipher.final();
    return Buffer.concat([version, this.#keyIdBytes, nonce, body, last, cipher.getAuthTag()]);
  }

  /** Decrypts what {@link seal} produced for the same record; throws if anything was altered. */
  open(sealed: Buffer, recordId: string): string {
    if (sealed.length < HEADER_BYTES + TAG_BYTES || sealed[0] !== FORMAT_VERSION) {
      throw new Error('Sealed data has an unknown format.');
    }
    const keyId = sealed.subarray(1, 1 + KEY_ID_BYTES);
    if (!keyId.equals(this.#keyIdBytes)) {
      throw new Error(
        `Sealed data was encrypted under another master key (${keyId.toString('hex')}).`,
      );
    }
    const nonce = sealed.subarray(1 + KEY_ID_BYTES, HEADER_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.#encryptionKey, nonce);
    decipher.setAAD(this.#aad(recordId));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const body = sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }

  /**
   * A keyed fingerprint (HMAC-SHA256) of `value` within `scope`, 16 base64url characters like
   * Stripe's. Never a plain hash: with a card's BIN and last4 known, a plain hash of the
   * remaining digits falls to brute force in a second.
   */
  fingerprint(scope: string, value: string): string {
    return this.mac(`${scope}\u0000${value}`).slice(0, 16);
  }

  /** HMAC-SHA256 of `data` under the fingerprint key, base64url. */
  mac(data: string): string {
    return createHmac('sha256', this.#fingerprintKey).update(data).digest('base64url');
  }

  #aad(recordId: string): Buffer {
    return Buffer.from(`${recordId}|${this.keyId}`, 'utf8');
  }
}
