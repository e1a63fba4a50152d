import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  type KeyObject,
} from 'node:crypto';
import { derivedKeys, type SealerKeys } from './keyring.js';
import { randomBytesFromPool } from './random-pool.js';

const FORMAT_VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_BYTES = 8;
const HEADER_BYTES = 1 + KEY_ID_BYTES + NONCE_BYTES;

/** A record sealed under a data key this sealer does not hold (not even after a reload). */
export class UnknownDataKeyError extends Error {
  override name = 'UnknownDataKeyError';
}

/** The id (16 hex digits) of the data key a sealed record names in its header, or null. */
export function dataKeyIdOf(sealed: Buffer): string | null {
  if (sealed.length < HEADER_BYTES + TAG_BYTES || sealed[0] !== FORMAT_VERSION) return null;
  return sealed.subarray(1, 1 + KEY_ID_BYTES).toString('hex');
}

interface Keyring {
  current: { id: string; idBytes: Buffer; key: KeyObject };
  /** A KeyObject per data key: ciphers made from it skip importing the raw key each time. */
  dataKeys: Map<string, KeyObject>;
  fingerprintKey: Buffer;
}

function keyringOf(keys: SealerKeys): Keyring {
  const dataKeys = new Map([...keys.dataKeys].map(([id, key]) => [id, createSecretKey(key)]));
  const current = dataKeys.get(keys.currentKeyId);
  if (!current) throw new Error(`The current data key ${keys.currentKeyId} is not in the keyring.`);
  return {
    current: {
      id: keys.currentKeyId,
      idBytes: Buffer.from(keys.currentKeyId, 'hex'),
      key: current,
    },
    dataKeys,
    fingerprintKey: keys.fingerprintKey,
  };
}

/**
 * Encrypts stored secrets with AES-256-GCM and computes keyed fingerprints, with the keys of a
 * keyring (see `keyring.ts`): records are sealed with the current data key and opened with
 * whichever data key their header names, so records of every rotation open side by side.
 *
 * Sealed layout: version (1) | data key id (8) | nonce (12) | ciphertext | tag (16). The
 * additional authenticated data binds a ciphertext to the record it belongs to and to the key
 * id, so a ciphertext copied to another row fails to open.
 */
export class Sealer {
  #keys: Keyring;
  readonly #reload: (() => Promise<SealerKeys>) | undefined;
  #reloading: Promise<void> | null = null;

  /**
   * With a master key (tests, tools): the keys Tessera derived from it before envelope keys.
   * With `keys`: that keyring; `reload` fetches it anew from the vault, for records sealed
   * under a data key made after this node started (a rotation on another node).
   */
  constructor(keys: Buffer | SealerKeys, reload?: () => Promise<SealerKeys>) {
    this.#keys = keyringOf(Buffer.isBuffer(keys) ? derivedKeys(keys) : keys);
    this.#reload = reload;
  }

  /** The id of the data key new records are sealed with (not secret). */
  get keyId(): string {
    return this.#keys.current.id;
  }

  /** Encrypts `plaintext` for the record named by `recordId`, with the current data key. */
  seal(plaintext: string, recordId: string): Buffer {
    const { current } = this.#keys;
    const nonce = randomBytesFromPool(NONCE_BYTES);
    const version = Buffer.of(FORMAT_VERSION);
    const cipher = createCipheriv('aes-256-gcm', current.key, nonce);
    cipher.setAAD(aad(recordId, current.id));
    const body = cipher.update(plaintext, 'utf8');
    const last = cipher.final();
    return Buffer.concat([version, current.idBytes, nonce, body, last, cipher.getAuthTag()]);
  }

  /**
   * Decrypts what {@link seal} produced for the same record; throws if anything was altered,
   * and an {@link UnknownDataKeyError} if its data key is not held (see {@link holdKeysOf}).
   */
  open(sealed: Buffer, recordId: string): string {
    const keyId = dataKeyIdOf(sealed);
    if (keyId === null) throw new Error('Sealed data has an unknown format.');
    const key = this.#keys.dataKeys.get(keyId);
    if (!key) {
      throw new UnknownDataKeyError(
        `Sealed data was encrypted under a data key this node does not hold (${keyId}): another master key's, or a retired one.`,
      );
    }
    const nonce = sealed.subarray(1 + KEY_ID_BYTES, HEADER_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(aad(recordId, keyId));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const body = sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }

  /**
   * Whether every one of `sealed` names a data key held here, after reloading the keyring from
   * the vault once if one does not (a rotation that ran since this node started).
   */
  async holdKeysOf(sealed: readonly (Buffer | null)[]): Promise<boolean> {
    const missing = () =>
      sealed.some((blob) => {
        const id = blob ? dataKeyIdOf(blob) : null;
        return id !== null && !this.#keys.dataKeys.has(id);
      });
    if (!missing()) return true;
    await this.refresh();
    return !missing();
  }

  /**
   * Loads the keyring from the vault again and adopts its current data key: new records are
   * then sealed with the key a rotation made. Concurrent calls share one load.
   */
  refresh(): Promise<void> {
    const reload = this.#reload;
    if (!reload) return Promise.resolve();
    this.#reloading ??= reload()
      .then((keys) => {
        this.#keys = keyringOf(keys);
      })
      .finally(() => {
        this.#reloading = null;
      });
    return this.#reloading;
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
    return createHmac('sha256', this.#keys.fingerprintKey).update(data).digest('base64url');
  }
}

function aad(recordId: string, keyId: string): Buffer {
  return Buffer.from(`${recordId}|${keyId}`, 'utf8');
}
