/**
 * The leak scan's capture folder (test runs only). `npm test` names a fresh folder in
 * `TESSERA_TEST_LOG_DIR`; every token server a test starts (in-process test servers, spawned
 * `tessera serve` children, the demo stack) then also writes its log lines there, test servers
 * keep a copy of their SQLite files, and the HTTP fuzz suite records every reply.
 * `scripts/leak-scan.ts` reads it all at the end of the run. Without the variable nothing is
 * captured, so a test run on its own, the demo and the benchmarks are unchanged.
 */
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

/** The environment variable naming the capture folder. */
export const TEST_LOG_DIR_ENV = 'TESSERA_TEST_LOG_DIR';

/** The capture folder of this run, or null when the run captures nothing. */
export function testLogDir(): string | null {
  const dir = process.env[TEST_LOG_DIR_ENV];
  return dir ? resolve(dir) : null;
}

/** A file in the capture folder that text is appended to. */
export interface CaptureFile {
  readonly path: string;
  /** Appends `text` as given (a log line with its newline, a chunk of a child's output). */
  write(text: string | Buffer): void;
  close(): void;
}

let opened = 0;

/** `<test file>-<pid>-<n>-<label>`: which test wrote a file, unique within the run. */
function uniqueName(label: string): string {
  const script = basename(process.argv[1] ?? 'node');
  opened += 1;
  return `${script}-${String(process.pid)}-${String(opened)}-${label}`;
}

/**
 * A new file in the capture folder, its name saying which test file and which server wrote it
 * (`label`): null when the run captures nothing.
 */
export function openCapture(label: string): CaptureFile | null {
  const dir = testLogDir();
  if (!dir) return null;
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${uniqueName(label)}.log`);
  let fd: number | null = openSync(path, 'a');
  return {
    path,
    write(text) {
      if (fd === null) return;
      if (typeof text === 'string') writeSync(fd, text);
      else writeSync(fd, text);
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

/**
 * Copies a SQLite database with its WAL and shared-memory files (those that exist) into the
 * capture folder, before the test that made them deletes them: the leak scan reads their raw
 * bytes. Does nothing when the run captures nothing.
 */
export function keepDatabaseFiles(label: string, dbPath: string): void {
  const dir = testLogDir();
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const name = uniqueName(label);
  for (const suffix of ['', '-wal', '-shm']) {
    const source = `${dbPath}${suffix}`;
    if (existsSync(source)) copyFileSync(source, join(dir, `${name}.db${suffix}`));
  }
}
