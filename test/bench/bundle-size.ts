/**
 * Bundle sizes: the script-tag bundle, the npm ESM files of every entry and the frame's scripts,
 * raw and gzipped (zlib's default level, as `gzip -c`), against the goals; then what a shopper's
 * browser downloads from the vault for one card element, per language: the frame's initial script
 * and its catalogue before the first render, and the chunks it fetches once ready (the token
 * request and the brand marks); and what each framework integration adds to an app that uses the
 * elements. Prints Markdown tables.
 *
 * Run: `npm run bench` (it builds first). Reports the goals, never enforces them: the
 * size-budget test (`test/build/size-budget.test.ts`) does.
 */
import { gzipSync } from 'node:zlib';
import { SUPPORTED_LOCALES } from '../../src/protocol/index.js';
import { BUDGETS, formatBytes, measureBundles, type Measured } from '../helpers/bundle-sizes.js';

function row(what: string, measured: Measured, budget: number | undefined): string {
  const goal =
    budget === undefined
      ? '—'
      : `≤ ${formatBytes(budget)}: ${measured.gzipBytes <= budget ? 'met' : 'NOT met'}`;
  return `| ${what} | \`${measured.name}\` | ${formatBytes(measured.bytes)} | ${formatBytes(measured.gzipBytes)} | ${goal} |`;
}

const { script, esm, frame } = measureBundles();

console.log('Tessera bundle sizes (KB = 1,000 bytes; gzip at zlib’s default level)');
console.log();
console.log('| Bundle | File | Raw | Gzip | Goal |');
console.log('| :-- | :-- | --: | --: | :-- |');
console.log(row('Script tag (IIFE, minified, Lit inside)', script, BUDGETS.scriptBytes));
console.log(
  row(
    'npm ESM files, every entry (readable, Lit external; tessera/react with @lit/react inside)',
    esm,
    undefined,
  ),
);
console.log(
  row('Frame, initial script (Lit, English inside)', frame.entry, BUDGETS.frameEntryBytes),
);
for (const [name, chunk] of frame.chunks)
  console.log(row(`Frame chunk: ${name}`, chunk, undefined));
const catalogues = [...frame.catalogues.values()];
const smallest = Math.min(...catalogues.map((c) => c.gzipBytes));
const largest = Math.max(...catalogues.map((c) => c.gzipBytes));
console.log(
  `| Frame catalogues (${String(catalogues.length)}, one chunk each) | \`dist/frame/assets/<locale>-*.js\` | — | ${formatBytes(smallest)} to ${formatBytes(largest)} | — |`,
);
console.log();

const afterReady = ['token-request', 'brand-marks'].map(
  (name) => frame.chunks.get(name)?.gzipBytes ?? 0,
);
const prefetched = afterReady.reduce((sum, bytes) => sum + bytes, 0);
console.log('What a shopper downloads from the vault for a <tessera-card>, per language (gzip)');
console.log();
console.log(
  '| Locale | Before the first render (initial script + catalogue) | After ready (+ token request, brand marks) |',
);
console.log('| :-- | --: | --: |');
for (const locale of SUPPORTED_LOCALES) {
  const first = frame.entry.gzipBytes + (frame.catalogues.get(locale)?.gzipBytes ?? 0);
  console.log(`| ${locale} | ${formatBytes(first)} | ${formatBytes(first + prefetched)} |`);
}
console.log();

/**
 * What each framework integration adds to an application that already uses the elements:
 * an app bundling `tessera` and the integration's entry against one bundling `tessera` alone,
 * both minified by esbuild for the browser, the framework left out (external). Gzip of the
 * whole bundle, difference of the two.
 */
async function integrationCosts(): Promise<void> {
  const { build } = await import('esbuild');
  const bundle = async (source: string): Promise<number> => {
    const result = await build({
      stdin: { contents: source, resolveDir: process.cwd(), loader: 'js' },
      bundle: true,
      minify: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      external: ['react', 'react/*', 'react-dom', 'react-dom/*', 'vue', 'svelte', 'svelte/*'],
      logLevel: 'silent',
    });
    return gzipSync(Buffer.concat(result.outputFiles.map((file) => file.contents))).length;
  };
  const elements = await bundle(`export * from 'tessera';`);
  console.log('Framework integrations: what each adds to an app that uses the elements (gzip)');
  console.log();
  console.log('| Entry | App with the elements and it | Added | Goal |');
  console.log('| :-- | --: | --: | :-- |');
  for (const [entry, goal] of [
    ['tessera/react', 1500],
    ['tessera/vue', undefined],
    ['tessera/svelte', undefined],
  ] as const) {
    const total = await bundle(`export * from 'tessera'; export * from '${entry}';`);
    const added = total - elements;
    const verdict =
      goal === undefined ? '—' : `≤ ${formatBytes(goal)}: ${added <= goal ? 'met' : 'NOT met'}`;
    console.log(`| \`${entry}\` | ${formatBytes(total)} | ${formatBytes(added)} | ${verdict} |`);
  }
  console.log(`(The elements alone: ${formatBytes(elements)}.)`);
  console.log();
}

await integrationCosts();
