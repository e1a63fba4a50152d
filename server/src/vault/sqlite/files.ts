import { closeSync, openSync, statSync } from 'node:fs';
import { ConfigError } from '../../config-error.js';

/**
 * Creates the database file owner-only when it is missing (SQLite gives its -wal and -shm files
 * the same mode: token rows are not secret, but nobody else has a reason to read them), and
 * refuses one that others may write.
 */
export function prepareDatabaseFile(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  refuseWritableByOthers(path);
}

/**
 * Refuses a database, or its WAL or shared-memory file, that other users may write: whoever can
 * write it can add an API key of their own, and detokenize every token.
 */
export function refuseWritableByOthers(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    let mode: number;
    try {
      mode = statSync(file).mode & 0o777;
    } catch {
      continue;
    }
    if ((mode & 0o022) !== 0) {
      throw new ConfigError(
        `${file} is writable by other users (mode ${mode.toString(8)}): whoever can write it can add an API key and read every token. Run: chmod 600 ${file}`,
      );
    }
  }
}
