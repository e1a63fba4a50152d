/**
 * Size budgets of the built browser bundles (gzip): `npm test` builds first. The script tag
 * blocks a checkout page's rendering path, and the frame script is what every card field waits
 * for, so both stay small.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  BUDGETS,
  BUILT,
  formatBytes,
  javascriptFiles,
  measureBundles,
} from '../helpers/bundle-sizes.js';

describe('bundle size budgets (gzip, KB = 1,000 bytes)', () => {
  const bundles = measureBundles();

  it(`keeps the script-tag bundle dist/tessera.js within ${formatBytes(BUDGETS.scriptBytes)}`, () => {
    const { gzipBytes, bytes } = bundles.script;
    assert.ok(
      gzipBytes <= BUDGETS.scriptBytes,
      `dist/tessera.js is ${formatBytes(gzipBytes)} gzipped (${formatBytes(bytes)} raw), over ` +
        `its budget of ${formatBytes(BUDGETS.scriptBytes)} by ${formatBytes(gzipBytes - BUDGETS.scriptBytes)}`,
    );
  });

  it(`keeps every frame script within ${formatBytes(BUDGETS.frameAssetBytes)}`, () => {
    const over = bundles.frameAssets.filter((asset) => asset.gzipBytes > BUDGETS.frameAssetBytes);
    assert.deepEqual(
      over.map((asset) => `${asset.name}: ${formatBytes(asset.gzipBytes)} gzipped`),
      [],
      `frame scripts over the budget of ${formatBytes(BUDGETS.frameAssetBytes)}; all: ` +
        bundles.frameAssets
          .map((asset) => `${asset.name} ${formatBytes(asset.gzipBytes)}`)
          .join(', '),
    );
  });
});

describe('frame script start-up', () => {
  it("starts with V8's compile hint, and its source map still lines up", () => {
    for (const file of javascriptFiles(BUILT.frameAssets)) {
      const [first] = readFileSync(file, 'utf8').split('\n', 1);
      assert.equal(first, '//# allFunctionsCalledOnLoad', file);
      const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { mappings: string };
      assert.ok(map.mappings.startsWith(';'), `${file}.map maps the hint's line to source code`);
    }
  });
});
