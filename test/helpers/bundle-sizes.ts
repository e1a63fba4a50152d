/**
 * Sizes of the built browser bundles, gzipped as a server would send them (Node's zlib at its
 * default level; `gzip -c` gives a few dozen bytes less): shared by the size-budget test and the
 * bundle-size benchmark. KB here means 1,000 bytes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './paths.js';

/** The goals: the script-tag bundle and each frame script, gzipped. */
export const BUDGETS = { scriptBytes: 12_250, frameAssetBytes: 25_250 } as const;

/** The built files measured. */
export const BUILT = {
  script: join(ROOT, 'dist', 'tessera.js'),
  esmDir: join(ROOT, 'dist', 'esm'),
  frameAssets: join(ROOT, 'dist', 'frame', 'assets'),
} as const;

/** One file or group of files, raw and gzipped. */
export interface Measured {
  /** Path from the repository root (a folder for a group). */
  name: string;
  bytes: number;
  gzipBytes: number;
}

/** The JavaScript files under `dir`, recursively (source maps left out), sorted. */
export function javascriptFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** `files` concatenated, raw and gzipped as one stream. */
export function measure(name: string, files: string[]): Measured {
  const body = Buffer.concat(files.map((file) => readFileSync(file)));
  return { name, bytes: body.length, gzipBytes: gzipSync(body).length };
}

/** Throws a message that says to build first when `path` is missing. */
export function requireBuilt(path: string): void {
  if (!existsSync(path)) {
    throw new Error(`${relative(ROOT, path)} is missing: run \`npm run build\` first.`);
  }
}

/** Every measured bundle: the script tag, the npm ESM entry, and each frame script. */
export function measureBundles(): {
  script: Measured;
  esm: Measured;
  frameAssets: Measured[];
} {
  for (const path of Object.values(BUILT)) requireBuilt(path);
  const frameFiles = javascriptFiles(BUILT.frameAssets);
  if (frameFiles.length === 0) throw new Error('dist/frame/assets/ holds no script.');
  return {
    script: measure('dist/tessera.js', [BUILT.script]),
    esm: measure('dist/esm/', javascriptFiles(BUILT.esmDir)),
    frameAssets: frameFiles.map((file) => measure(relative(ROOT, file), [file])),
  };
}

/** `12,345 B (12.3 KB)`. */
export function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} B (${(bytes / 1000).toFixed(1)} KB)`;
}
