/**
 * Size budgets of the built browser bundles (gzip): `npm test` builds first. The script tag
 * blocks a checkout page's rendering path, and the frame's initial script is what every field
 * waits for, so both stay small; what the first render does not need (other languages, brand
 * marks) is in chunks of its own, and stays out of that script.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SUPPORTED_LOCALES } from '../../src/protocol/index.js';
import {
  BUDGETS,
  BUILT,
  formatBytes,
  javascriptFiles,
  measureBundles,
} from '../helpers/bundle-sizes.js';
import { ROOT } from '../helpers/paths.js';

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

  it(`keeps the frame's initial script within ${formatBytes(BUDGETS.frameEntryBytes)}`, () => {
    const { entry } = bundles.frame;
    assert.ok(
      entry.gzipBytes <= BUDGETS.frameEntryBytes,
      `${entry.name} is ${formatBytes(entry.gzipBytes)} gzipped, over its budget of ` +
        formatBytes(BUDGETS.frameEntryBytes),
    );
  });

  it('splits every catalogue but English, and the brand marks, out of the initial script', () => {
    const { catalogues, chunks, entry } = bundles.frame;
    assert.deepEqual(
      [...catalogues.keys()].sort(),
      SUPPORTED_LOCALES.filter((locale) => locale !== 'en').sort(),
    );
    assert.ok(chunks.has('brand-marks'), `chunks: ${[...chunks.keys()].join(', ')}`);
    // A word of some catalogues that English does not have: none is in the initial script.
    const script = readFileSync(join(ROOT, entry.name), 'utf8');
    for (const word of ['Kartennummer', 'Numéro de carte', 'カード番号', 'رقم البطاقة']) {
      assert.ok(!script.includes(word), `the initial script holds "${word}"`);
    }
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
