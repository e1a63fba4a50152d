/**
 * `npm pack` of this repository's packages, as a user gets them: for the packaging tests and
 * for the framework example apps, which build against the packed `tessera`, not its source.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './serve-process.js';

const run = promisify(execFile);

/** What `npm pack --json` reports of one package. */
export interface PackResult {
  filename: string;
  name: string;
  version: string;
  files: { path: string }[];
}

/** The packages of this repository, by name, and the `--workspace` that packs each. */
export const PACKAGES = { tessera: [], 'tessera-server': ['--workspace', 'server'] } as const;

/**
 * Packs one package without running scripts (it must be built): into `destination`, or with
 * `--dry-run` when none is given.
 */
export async function pack(name: keyof typeof PACKAGES, destination?: string): Promise<PackResult> {
  const where = destination ? ['--pack-destination', destination] : ['--dry-run'];
  const { stdout } = await run(
    'npm',
    ['pack', '--json', '--ignore-scripts', ...where, ...PACKAGES[name]],
    { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  const [result] = JSON.parse(stdout) as [PackResult];
  return destination ? { ...result, filename: join(destination, result.filename) } : result;
}
