/**
 * Sizes of the built browser bundles, gzipped as a server would send them (Node's zlib at its
 * default level; `gzip -c` gives a few dozen bytes less): shared by the size-budget test and the
 * bundle-size benchmark. KB here means 1,000 bytes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SUPPORTED_LOCALES, type Locale } from '../../src/protocol/index.js';
import { ROOT } from './paths.js';

/**
 * The goals: the script-tag bundle, and the frame's initial script (what its document loads;
 * catalogues, brand marks, the token request and the styling checks are chunks of their own,
 * fetched when needed).
 */
export const BUDGETS = { scriptBytes: 12_000, frameEntryBytes: 25_000 } as const;

/** The built files measured. */
export const BUILT = {
  script: join(ROOT, 'dist', 'tessera.js'),
  esmDir: join(ROOT, 'dist', 'esm'),
  frameDocument: join(ROOT, 'dist', 'frame', 'element.html'),
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

/** What Vite named a chunk: its source module's name, before the content hash. */
function chunkName(file: string): string {
  return basename(file).replace(/-[\w-]{8}\.js$/, '');
}

/** The frame's scripts: the one its document loads, and the chunks it fetches when needed. */
export interface FrameScripts {
  entry: Measured;
  /** Each catalogue chunk but English's (English is in the entry). */
  catalogues: ReadonlyMap<Locale, Measured>;
  /** The other chunks, by name: `brand-marks`, `token-request`, `styling`, `group`, … */
  chunks: ReadonlyMap<string, Measured>;
}

/** The frame's scripts, found through its document and its chunks' names. */
export function measureFrame(): FrameScripts {
  requireBuilt(BUILT.frameDocument);
  const document = readFileSync(BUILT.frameDocument, 'utf8');
  const src = /<script type="module"[^>]*src="\/v1\/frame\/(assets\/[^"]+\.js)"/.exec(
    document,
  )?.[1];
  if (!src) throw new Error('dist/frame/element.html loads no module script.');
  const entryFile = join(ROOT, 'dist', 'frame', src);
  const byName = new Map(SUPPORTED_LOCALES.map((locale) => [locale.toLowerCase(), locale]));
  const catalogues = new Map<Locale, Measured>();
  const chunks = new Map<string, Measured>();
  for (const file of javascriptFiles(BUILT.frameAssets)) {
    if (file === entryFile) continue;
    const name = chunkName(file);
    const measured = measure(relative(ROOT, file), [file]);
    const locale = byName.get(name);
    if (locale) catalogues.set(locale, measured);
    else chunks.set(name, measured);
  }
  return { entry: measure(relative(ROOT, entryFile), [entryFile]), catalogues, chunks };
}

/**
 * Every measured bundle: the script tag, the npm ESM files of every entry, and the frame's
 * scripts.
 */
export function measureBundles(): {
  script: Measured;
  esm: Measured;
  frame: FrameScripts;
} {
  for (const path of Object.values(BUILT)) requireBuilt(path);
  return {
    script: measure('dist/tessera.js', [BUILT.script]),
    esm: measure('dist/esm/', javascriptFiles(BUILT.esmDir)),
    frame: measureFrame(),
  };
}

/** `12,345 B (12.3 KB)`. */
export function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} B (${(bytes / 1000).toFixed(1)} KB)`;
}
