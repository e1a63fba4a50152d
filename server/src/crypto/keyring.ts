/**
 * Envelope keys. Records are sealed with data keys; the data keys, and the fingerprint key,
 * are stored in the vault wrapped (AES-256-GCM) under one or more master keys. A master key
 * therefore never touches a record: rotating it re-wraps a few keys, and retiring it deletes
 * its wrappings. A database made before envelope keys (schema 5) had its keys derived from its
 * master key; they become its first data key and its fingerprint key, unchanged, so every
 * record and fingerprint made before stays as it was.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { ConfigError } from '../config-error.js';
import type { KeyWrapping, StoredKeyring } from '../vault/vault.js';

/** The id under which the fingerprint key's wrappings are stored (data keys have hex ids). */
export const FINGERPRINT_KEY_ID = 'fingerprint';
const KEY_BYTES = 32;
const KEY_ID_BYTES = 8;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

function derive(master: Buffer, purpose: string, bytes: number): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `tessera/v1/${purpose}`, bytes));
}

/** A master key's id (not secret): 16 hex digits, derived from the key. */
export function masterKeyId(master: Buffer): string {
  return derive(master, 'key-id', KEY_ID_BYTES).toString('hex');
}

/** The keys a {@link Sealer} works with. */
export interface SealerKeys {
  /** The data key new records are sealed with. */
  currentKeyId: string;
  /** Every data key this node can open records with, by id (16 hex digits). */
  dataKeys: Map<string, Buffer>;
  /** The HMAC key of fingerprints and idempotency keys: never rotated, so they stay stable. */
  fingerprintKey: Buffer;
}

/**
 * The keys Tessera 0.x derived from a master key before envelope keys: the data key's id is
 * the master key's id (the id every record made then carries in its header).
 */
export function derivedKeys(master: Buffer): SealerKeys {
  const id = masterKeyId(master);
  return {
    currentKeyId: id,
    dataKeys: new Map([[id, derive(master, 'encryption', KEY_BYTES)]]),
    fingerprintKey: derive(master, 'fingerprint', KEY_BYTES),
  };
}

/** A new random data key with a random id. */
export function newDataKey(): { id: string; key: Buffer } {
  return { id: randomBytes(KEY_ID_BYTES).toString('hex'), key: randomBytes(KEY_BYTES) };
}

/** A new random fingerprint key (for a new vault). */
export function newFingerprintKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** What a wrapping is bound to: the wrapped key's id and the master key's id. */
function wrappingAad(keyId: string, masterId: string): Buffer {
  return Buffer.from(`tessera/v1/key-wrap|${keyId}|${masterId}`, 'utf8');
}

/** Wraps `key` (named `keyId`) under `master`: nonce (12) | ciphertext | tag (16). */
export function wrapKey(master: Buffer, keyId: string, key: Buffer, created: number): KeyWrapping {
  const masterId = masterKeyId(master);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', derive(master, 'key-wrap', KEY_BYTES), nonce);
  cipher.setAAD(wrappingAad(keyId, masterId));
  const body = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    keyId,
    masterKeyId: masterId,
    wrapped: Buffer.concat([nonce, body, cipher.getAuthTag()]),
    created,
  };
}

/** Opens what {@link wrapKey} made; throws when it was altered or moved to another key's row. */
export function unwrapKey(master: Buffer, wrapping: KeyWrapping): Buffer {
  const { wrapped } = wrapping;
  const decipher = createDecipheriv(
    'aes-256-gcm',
    derive(master, 'key-wrap', KEY_BYTES),
    wrapped.subarray(0, NONCE_BYTES),
  );
  decipher.setAAD(wrappingAad(wrapping.keyId, wrapping.masterKeyId));
  decipher.setAuthTag(wrapped.subarray(wrapped.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(wrapped.subarray(NONCE_BYTES, wrapped.length - TAG_BYTES)),
    decipher.final(),
  ]);
}

/** The master key ids that wrap something in `keyring`, sorted. */
function masterKeyIds(keyring: StoredKeyring): string[] {
  return [...new Set(keyring.wrappings.map((w) => w.masterKeyId))].sort();
}

/**
 * Unwraps every key of `keyring` wrapped under `master`. Fails closed (a {@link ConfigError},
 * exit code 2) when the master key wraps nothing there (a wrong key, or a retired one), or
 * when it cannot open the current data key or the fingerprint key.
 */
export function unwrapKeyring(master: Buffer, keyring: StoredKeyring): SealerKeys {
  const id = masterKeyId(master);
  const mine = keyring.wrappings.filter((w) => w.masterKeyId === id);
  if (mine.length === 0) {
    throw new ConfigError(
      `The master key (id ${id}) is not the one this database was created with, nor one it was rotated to: it opens none of its data keys (master keys: ${masterKeyIds(keyring).join(', ') || 'none'}). Set TESSERA_MASTER_KEY or restore the key file; a retired master key stays retired.`,
    );
  }
  const dataKeys = new Map<string, Buffer>();
  let fingerprintKey: Buffer | undefined;
  for (const wrapping of mine) {
    let key: Buffer;
    try {
      key = unwrapKey(master, wrapping);
    } catch {
      throw new ConfigError(
        `The wrapping of key ${wrapping.keyId} under master key ${id} does not open: the data_keys table was altered.`,
      );
    }
    if (wrapping.keyId === FINGERPRINT_KEY_ID) fingerprintKey = key;
    else dataKeys.set(wrapping.keyId, key);
  }
  const current = keyring.currentKeyId;
  if (!fingerprintKey || current === null || !dataKeys.has(current)) {
    throw new ConfigError(
      `The master key (id ${id}) does not wrap this database's current data key and fingerprint key: finish the rotation with a master key that does (tessera master-key status).`,
    );
  }
  return { currentKeyId: current, dataKeys, fingerprintKey };
}
