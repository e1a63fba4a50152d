import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { ConfigError } from '../config-error.js';

/** Where the master key comes from: the environment, or a key file (created if missing). */
export type MasterKeySource =
  | { kind: 'env'; value: string }
  /** `create`: made on first start when missing (default); otherwise it must exist. */
  | { kind: 'file'; path: string; create?: boolean };

const KEY_BYTES = 32;

/** Parses 32 bytes written as 64 hex digits or as base64 / base64url. */
export function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES) {
    throw new ConfigError(
      `The master key must be ${KEY_BYTES} bytes, written as 64 hex digits or base64 (got ${key.length} bytes).`,
    );
  }
  return key;
}

/**
 * Reads the key file, or creates it with mode 0600 on first start. A key file that others can
 * read is refused: whoever reads it can decrypt every stored card number.
 */
function readOrCreateKeyFile(path: string, create: boolean): Buffer {
  if (!create && !existsSync(path)) {
    throw new ConfigError(`The key file ${path} does not exist.`);
  }
  try {
    writeFileSync(path, randomBytes(KEY_BYTES).toString('base64') + '\n', {
      mode: 0o600,
      flag: 'wx',
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new ConfigError(
      `The master key file ${path} is readable by other users (mode ${mode.toString(8)}). Run: chmod 600 ${path}`,
    );
  }
  return parseMasterKey(readFileSync(path, 'utf8'));
}

/** Loads the 32-byte master key from its source. */
export function loadMasterKey(source: MasterKeySource): Buffer {
  return source.kind === 'env'
    ? parseMasterKey(source.value)
    : readOrCreateKeyFile(source.path, source.create ?? true);
}
