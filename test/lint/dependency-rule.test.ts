/**
 * The dependency rule of `../shared/DESIGN.md` is enforced by ESLint: an import across a
 * boundary, written into a file of each layer, is an error; the imports the layer may use are
 * not. Linted as the text of an existing file of the layer, with the repository's config.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { ROOT } from '../helpers/paths.js';

/** A file of the layer, and imports it may not and may use. */
const LAYERS: { file: string; forbidden: string[]; allowed: string[] }[] = [
  {
    file: 'src/domain/index.ts',
    forbidden: ['../protocol/index.js', '../validation/index.js', 'lit'],
    allowed: [],
  },
  {
    file: 'src/protocol/messages.ts',
    forbidden: ['../validation/index.js', '../host/index.js', '../frame/main.js', 'lit'],
    allowed: ['../domain/index.js', './style.js'],
  },
  {
    file: 'src/validation/cvc.ts',
    forbidden: ['../protocol/index.js', '../frame/fields.js', 'node:crypto'],
    allowed: ['../domain/index.js', 'card-validator', './digits.js'],
  },
  {
    file: 'src/host/tessera.ts',
    forbidden: ['../frame/fields.js', '../../server/src/app.js', 'tessera-server', 'fastify'],
    allowed: ['../protocol/index.js', '../validation/index.js', 'lit', './frame-connection.js'],
  },
  {
    file: 'src/frame/group.ts',
    forbidden: ['../host/tessera.js', '../../server/src/app.js', 'node:fs', 'qs'],
    allowed: ['../protocol/index.js', '../validation/index.js', 'lit', './fields.js'],
  },
  {
    file: 'server/src/app.ts',
    forbidden: ['../../src/validation/index.js', 'tessera', 'tessera/protocol', 'lit'],
    allowed: ['tessera/validation', 'fastify', './errors.js'],
  },
];

describe('the dependency rule, in lint', () => {
  let eslint: ESLint;
  before(() => {
    eslint = new ESLint({ cwd: ROOT });
  });

  /** The `no-restricted-imports` messages for `file` with one more import of `specifier`. */
  async function restricted(file: string, specifier: string): Promise<string[]> {
    const text = `import * as probe from '${specifier}';\nexport const dependencyProbe = probe;\n`;
    const [result] = await eslint.lintText(text, { filePath: `${ROOT}/${file}` });
    return (result?.messages ?? [])
      .filter((message) => message.ruleId === 'no-restricted-imports')
      .map((message) => message.message);
  }

  for (const { file, forbidden, allowed } of LAYERS) {
    it(`${file}: refuses ${forbidden.join(', ')}`, async () => {
      for (const specifier of forbidden) {
        const messages = await restricted(file, specifier);
        assert.equal(messages.length, 1, `${file} may import ${specifier}`);
      }
    });
    if (allowed.length > 0) {
      it(`${file}: allows ${allowed.join(', ')}`, async () => {
        for (const specifier of allowed) {
          assert.deepEqual(await restricted(file, specifier), [], `${file} → ${specifier}`);
        }
      });
    }
  }
});
