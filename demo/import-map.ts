/**
 * The npm ESM build leaves its dependencies (Lit) to the application's bundler. The demo page
 * has no bundler: it loads the build as it is, and an import map tells the browser where the
 * bare imports (`lit`, `lit/decorators.js`, and what Lit imports in turn) are served.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A package the page loads from `node_modules`, served under `/vendor/<name>/`. */
export interface VendorPackage {
  name: string;
  /** Its folder in `node_modules`. */
  dir: string;
  /** Its main module for the browser, relative to `dir` (`index.js`); null when it has none. */
  entry: string | null;
}

/** `<script type="importmap">` content. */
export interface ImportMap {
  imports: Record<string, string>;
}

/** Export conditions a browser loading production modules matches, as a bundler would. */
const BROWSER_CONDITIONS = new Set(['browser', 'import', 'module', 'default']);

/** Module specifiers of `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g;

function javascriptFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => join(dir, file));
}

/** `lit/decorators.js` → `lit`, `@lit/reactive-element/x.js` → `@lit/reactive-element`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** The packages `dir`'s modules import by bare name. */
export function bareImports(dir: string): Set<string> {
  const names = new Set<string>();
  for (const file of javascriptFiles(dir)) {
    for (const [, specifier = ''] of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      if (/^[@a-z]/i.test(specifier) && !specifier.includes(':')) {
        names.add(packageName(specifier));
      }
    }
  }
  return names;
}

/** Resolves one `exports` entry with {@link BROWSER_CONDITIONS}, in the entry's key order. */
function exportTarget(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return exportTarget(value[0]);
  if (typeof value === 'object' && value !== null) {
    for (const [condition, target] of Object.entries(value)) {
      if (BROWSER_CONDITIONS.has(condition)) return exportTarget(target);
    }
  }
  return null;
}

interface PackageJson {
  exports?: unknown;
  module?: string;
  main?: string;
  dependencies?: Record<string, string>;
}

function mainEntry(pkg: PackageJson): string | null {
  const { exports } = pkg;
  const root =
    typeof exports === 'object' && exports !== null && '.' in exports
      ? (exports as Record<string, unknown>)['.']
      : exports;
  const entry = exportTarget(root) ?? pkg.module ?? pkg.main ?? null;
  return entry?.replace(/^\.\//, '') ?? null;
}

/**
 * The packages the ESM build in `libDir` needs in the browser: its bare imports and their
 * dependencies, found in `nodeModules` (a flat, hoisted `node_modules`).
 */
export function vendorPackages(libDir: string, nodeModules: string): VendorPackage[] {
  const found = new Map<string, VendorPackage>();
  const pending = [...bareImports(libDir)];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    // Type declarations (`@types/…`) are no modules.
    if (found.has(name) || name.startsWith('@types/')) continue;
    const dir = join(nodeModules, name);
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) {
      throw new Error(`${libDir} imports "${name}", which is not installed in ${nodeModules}.`);
    }
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as PackageJson;
    found.set(name, { name, dir, entry: mainEntry(pkg) });
    pending.push(...Object.keys(pkg.dependencies ?? {}));
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The import map of the page: `own` entries (the Tessera build) and every vendor package as
 * `name` → its entry and `name/` → its folder. The folder mapping assumes, as holds for Lit,
 * that a package's subpath exports point at files of the same path.
 */
export function importMap(own: Record<string, string>, vendor: VendorPackage[]): ImportMap {
  const imports: Record<string, string> = { ...own };
  for (const { name, entry } of vendor) {
    if (entry) imports[name] = `/vendor/${name}/${entry}`;
    imports[`${name}/`] = `/vendor/${name}/`;
  }
  return { imports };
}
