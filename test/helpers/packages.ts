/**
 * The two npm packages as a user gets them: `npm pack` of the `tessera` package (the repository
 * root) or of `tessera-server` (`server/`), installed into an empty project with npm, and what
 * npm then says is installed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
export { pack, PACKAGES, type PackResult } from '../../scripts/pack.js';

const run = promisify(execFile);

/** Packages of the token server, none of which an application of the elements should get. */
export const SERVER_PACKAGES = [
  'tessera-server',
  'fastify',
  '@fastify/cors',
  '@fastify/static',
  'fastify-plugin',
  'pino',
  'better-sqlite3',
  'pg',
  'ioredis',
  'qs',
] as const;

/** A node of `npm ls --json`. */
interface LsNode {
  version?: string;
  dependencies?: Record<string, LsNode>;
}

/**
 * Installs `tarballs` into a new empty project (a bare package.json, plus `allowScripts` for the
 * packages named) and returns its folder. npm uses its cache first; the registry serves what the
 * cache lacks.
 */
export async function installInEmptyProject(
  tarballs: readonly string[],
  allowScripts: readonly string[] = [],
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-install-'));
  const manifest = {
    name: 'empty-project',
    private: true,
    type: 'module',
    ...(allowScripts.length > 0
      ? { allowScripts: Object.fromEntries(allowScripts.map((name) => [name, true])) }
      : {}),
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  await installInto(dir, tarballs);
  return dir;
}

/** `npm install` of `specs` (tarballs, or `name@range` from the registry) into the project `dir`. */
export async function installInto(dir: string, specs: readonly string[]): Promise<void> {
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...specs], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
    // The project's own npm settings, not the ones `npm test` passes down from this repository
    // (but where to find Node's headers, should better-sqlite3 compile).
    env: Object.fromEntries(
      Object.entries(process.env).filter(
        ([key]) =>
          !/^npm_(config|package|lifecycle)_/i.test(key) || /^npm_config_nodedir$/i.test(key),
      ),
    ),
  });
}

/**
 * Every package of the project's production tree (`npm ls --omit=dev --all`), as
 * `name@version`, sorted: what installing it put on disk for production.
 */
export async function productionTree(dir: string): Promise<string[]> {
  const { stdout } = await run('npm', ['ls', '--omit=dev', '--all', '--json'], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  });
  const found = new Set<string>();
  const walk = (node: LsNode): void => {
    for (const [name, child] of Object.entries(node.dependencies ?? {})) {
      found.add(`${name}@${child.version ?? '?'}`);
      walk(child);
    }
  };
  walk(JSON.parse(stdout) as LsNode);
  return [...found].sort();
}

/** The package names of a {@link productionTree}. */
export function packageNames(tree: readonly string[]): string[] {
  return tree.map((entry) => entry.slice(0, entry.lastIndexOf('@')));
}
