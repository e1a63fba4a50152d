/**
 * Bundle sizes: the script-tag bundle, the npm ESM entry and the frame scripts, raw and gzipped
 * (zlib's default level, as `gzip -c`), against the goals. Prints a Markdown table.
 *
 * Run: `npm run bench` (it builds first). Reports the goals, never enforces them: the
 * size-budget test (`test/build/size-budget.test.ts`) does.
 */
import { BUDGETS, formatBytes, measureBundles, type Measured } from '../helpers/bundle-sizes.js';

function row(what: string, measured: Measured, budget: number | undefined): string {
  const goal =
    budget === undefined
      ? '—'
      : `≤ ${formatBytes(budget)}: ${measured.gzipBytes <= budget ? 'met' : 'NOT met'}`;
  return `| ${what} | \`${measured.name}\` | ${formatBytes(measured.bytes)} | ${formatBytes(measured.gzipBytes)} | ${goal} |`;
}

const bundles = measureBundles();
const frameTotal = bundles.frameAssets.reduce(
  (total, asset) => ({
    name: 'dist/frame/assets/*.js',
    bytes: total.bytes + asset.bytes,
    gzipBytes: total.gzipBytes + asset.gzipBytes,
  }),
  { name: '', bytes: 0, gzipBytes: 0 },
);

console.log('Tessera bundle sizes (KB = 1,000 bytes; gzip at zlib’s default level)');
console.log();
console.log('| Bundle | File | Raw | Gzip | Goal |');
console.log('| :-- | :-- | --: | --: | :-- |');
console.log(row('Script tag (IIFE, minified, Lit inside)', bundles.script, BUDGETS.scriptBytes));
console.log(
  row(
    'npm ESM entries, tessera and tessera/validation (readable, Lit external)',
    bundles.esm,
    undefined,
  ),
);
for (const asset of bundles.frameAssets) {
  console.log(row('Frame script (minified, Lit inside)', asset, BUDGETS.frameAssetBytes));
}
if (bundles.frameAssets.length > 1) console.log(row('Frame, all scripts', frameTotal, undefined));
console.log();
