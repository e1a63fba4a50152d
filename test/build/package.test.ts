/**
 * The `tessera` package as published (`npm test` builds first): what `npm pack` ships, the
 * custom elements manifest, the ESM entries' imports, and the tarball installed into an empty
 * project as an application would: its production tree holds no server package, its types
 * type-check, `tessera/validation` runs in Node, and a Vite app that also uses Lit bundles Lit
 * once and still defines the elements.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ELEMENT_TAGS } from '../helpers/elements.js';
import { typeCheck } from '../helpers/type-check.js';
import { CUSTOM_PROPERTIES } from '../../src/protocol/index.js';
import { javascriptFiles, requireBuilt } from '../helpers/bundle-sizes.js';
import {
  installInEmptyProject,
  installInto,
  pack,
  packageNames,
  productionTree,
  SERVER_PACKAGES,
} from '../helpers/packages.js';
import { ROOT } from '../helpers/paths.js';

const run = promisify(execFile);

const EVENTS = [
  'tessera-ready',
  'tessera-change',
  'tessera-focus',
  'tessera-blur',
  'tessera-escape',
  'tessera-loaderror',
];
/** The attributes every element has (TesseraFieldElement's). */
const SHARED_ATTRIBUTES = [
  'publishable-key',
  'vault-origin',
  'name',
  'placeholder',
  'disabled',
  'locale',
  'load-timeout',
];
/** Public members every element inherits, a sample of properties and methods. */
const SHARED_MEMBERS = [
  'publishableKey',
  'tessera',
  'fieldStyle',
  'ready',
  'complete',
  'focus',
  'clear',
  'refreshStyle',
  'updateOptions',
  'tokenize',
];

interface PackageJson {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean } | undefined>;
  exports: Record<string, unknown>;
  module: string;
  types: string;
  customElements: string;
  sideEffects: string[];
}

interface ManifestItem {
  name: string;
  inheritedFrom?: { name: string; module: string };
}
interface ManifestDeclaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: ManifestItem[];
  members?: (ManifestItem & { privacy?: string })[];
  events?: (ManifestItem & { type?: { text: string } })[];
  cssProperties?: ManifestItem[];
  cssParts?: ManifestItem[];
}
interface Manifest {
  modules: {
    path: string;
    declarations?: ManifestDeclaration[];
    exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[];
  }[];
}

const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;

/**
 * Every file target of an `exports` map, except the `tessera-source` condition (this
 * repository's own TypeScript sources, never published) and `*` patterns.
 */
function exportTargets(value: unknown, condition = ''): string[] {
  if (typeof value === 'string') {
    return condition === 'tessera-source' || value.includes('*') ? [] : [value];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, target]) => exportTargets(target, key));
}

function names(items: ManifestItem[] | undefined): string[] {
  return (items ?? []).map((item) => item.name);
}

/** The package a bare specifier names: `lit/decorators.js` → `lit`, `@a/b/c` → `@a/b`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** Every module specifier a built ES module imports or re-exports. */
function importSpecifiers(code: string): string[] {
  const pattern =
    /(?:^|[;\s])(?:import|export)\s*(?:[^'"`;]*?\bfrom\s*)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;
  return [...code.matchAll(pattern)].map((match) => match[1] ?? match[2] ?? '');
}

describe('the tessera package', () => {
  let packed: string[];
  let manifest: Manifest;

  before(async () => {
    for (const path of ['dist/esm/index.js', 'dist/types/index.d.ts', 'custom-elements.json']) {
      requireBuilt(join(ROOT, path));
    }
    packed = (await pack('tessera')).files.map((file) => file.path);
    manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8')) as Manifest;
  });

  it('ships the browser builds, the manifest and the README, and nothing of the server', () => {
    for (const path of [
      'package.json',
      'README.md',
      'LICENSE',
      'custom-elements.json',
      'dist/tessera.js',
      'dist/esm/index.js',
      'dist/esm/validation/index.js',
      'dist/types/index.d.ts',
      'dist/types/validation/index.d.ts',
      'dist/frame/element.html',
    ]) {
      assert.ok(packed.includes(path), `${path} is not in the package`);
    }
    assert.ok(
      packed.some((path) => /^dist\/frame\/assets\/.+\.js$/.test(path)),
      'no frame script in the package',
    );
    const unwanted = packed.filter((path) =>
      /^(src|test|demo|server|scripts|coverage|node_modules)\/|cli\.js|\.db|tsconfig|vite\.config|eslint|\.npmrc/.test(
        path,
      ),
    );
    assert.deepEqual(unwanted, []);
  });

  it('points every package.json entry at a shipped file, and has no bin', () => {
    const json = packageJson as PackageJson & { bin?: unknown };
    assert.equal(json.bin, undefined, 'the browser package must not install a command');
    const targets = [
      ...exportTargets(json.exports),
      json.module,
      json.types,
      json.customElements,
      ...json.sideEffects,
    ];
    assert.ok(targets.includes('./dist/esm/validation/index.js'), 'tessera/validation is exported');
    for (const target of targets) {
      const path = target.replace(/^\.\//, '');
      assert.ok(packed.includes(path), `${target} (package.json) is not in the package`);
    }
  });

  it('lists the five elements in custom-elements.json with their API', () => {
    const declarations = manifest.modules.flatMap((module) => module.declarations ?? []);
    const customProperties = [...new Set(CUSTOM_PROPERTIES.map(([name]) => name))].sort();
    for (const tag of ELEMENT_TAGS) {
      const element = declarations.find((declaration) => declaration.tagName === tag);
      assert.ok(element?.customElement, `${tag} is not in the manifest`);
      for (const attribute of SHARED_ATTRIBUTES) {
        assert.ok(names(element.attributes).includes(attribute), `${tag} lacks [${attribute}]`);
      }
      for (const member of SHARED_MEMBERS) {
        assert.ok(names(element.members).includes(member), `${tag} lacks .${member}`);
      }
      assert.deepEqual(
        (element.members ?? []).filter((m) => m.privacy === 'private' || m.name.startsWith('#')),
        [],
        `${tag} lists private members`,
      );
      assert.deepEqual(names(element.events).sort(), [...EVENTS].sort(), `${tag} events`);
      for (const event of element.events ?? []) {
        assert.match(event.type?.text ?? '', /^Tessera\w+Event$/, `${tag} ${event.name} type`);
      }
      // The documented custom properties are exactly the ones the element reads.
      assert.deepEqual(names(element.cssProperties).sort(), customProperties, `${tag} cssprops`);
      assert.deepEqual(names(element.cssParts), ['frame'], `${tag} css parts`);
    }
    const card = declarations.find((declaration) => declaration.tagName === 'tessera-card');
    assert.ok(names(card?.attributes).includes('hide-postal-code'));
    assert.ok(names(card?.attributes).includes('postal-code'));
  });

  it('names shipped modules in custom-elements.json, with a definition per tag', () => {
    for (const module of manifest.modules) {
      assert.match(module.path, /^dist\/esm\/.+\.js$/);
      assert.ok(packed.includes(module.path), `${module.path} (manifest) is not in the package`);
    }
    const definitions = manifest.modules.flatMap((module) =>
      (module.exports ?? []).filter((e) => e.kind === 'custom-element-definition'),
    );
    assert.deepEqual(
      definitions.map((definition) => definition.name).sort(),
      [...ELEMENT_TAGS].sort(),
    );
  });

  it('imports only its own files and declared dependencies from the ESM entries, Lit external', () => {
    // The host elements use Lit's reactive base alone (they render one iframe); the frame,
    // built with all of Lit, ships prebuilt in dist/frame.
    const bare = new Set<string>();
    for (const file of javascriptFiles(join(ROOT, 'dist', 'esm'))) {
      const code = readFileSync(file, 'utf8');
      for (const specifier of importSpecifiers(code)) {
        if (specifier.startsWith('.')) {
          const target = resolve(dirname(file), specifier);
          assert.ok(existsSync(target), `${relative(ROOT, file)} imports missing ${specifier}`);
        } else {
          bare.add(packageName(specifier));
        }
      }
      assert.ok(!code.includes('litHtmlVersions'), `${relative(ROOT, file)} bundles Lit`);
    }
    assert.ok(
      bare.has('@lit/reactive-element'),
      'the ESM entry should import Lit (@lit/reactive-element), not bundle it',
    );
    // The framework integrations import their framework: an optional peer, never installed
    // for an app that does not use it.
    for (const name of bare) {
      assert.ok(
        name in packageJson.dependencies || packageJson.peerDependenciesMeta[name]?.optional,
        `${name} is imported but neither a dependency nor an optional peer`,
      );
    }
    assert.deepEqual(
      [...bare].filter((name) => name in packageJson.peerDependencies),
      ['react'],
    );
    assert.deepEqual(Object.keys(packageJson.dependencies).sort(), [
      '@lit/reactive-element',
      'card-validator',
    ]);
  });
});

describe('the tessera tarball installed into an empty project', () => {
  let packs: string;
  let app: string;
  /** Where npm put the package (a real folder, not this checkout). */
  let installed: string;

  before(async () => {
    requireBuilt(join(ROOT, 'dist', 'esm', 'index.js'));
    packs = mkdtempSync(join(tmpdir(), 'tessera-packs-'));
    const tarball = await pack('tessera', packs);
    app = await installInEmptyProject([tarball.filename]);
    installed = realpathSync(join(app, 'node_modules', 'tessera'));
  });
  after(() => {
    rmSync(app, { recursive: true, force: true });
    rmSync(packs, { recursive: true, force: true });
  });

  it('installs Lit and card-validator for production, and no server package', async () => {
    assert.ok(!installed.startsWith(ROOT), `npm linked this checkout: ${installed}`);
    const names = packageNames(await productionTree(app));
    for (const name of ['tessera', '@lit/reactive-element', 'card-validator']) {
      assert.ok(names.includes(name), `${name} is not installed: ${names.join(', ')}`);
    }
    assert.deepEqual(
      names.filter((name) => (SERVER_PACKAGES as readonly string[]).includes(name)),
      [],
      'a server package came with the elements',
    );
    assert.ok(names.length <= 12, `the elements pulled ${String(names.length)} packages`);
  });

  it('resolves the exported subpaths and nothing else', () => {
    const require = createRequire(join(app, 'index.js'));
    assert.equal(
      realpathSync(require.resolve('tessera/custom-elements.json')),
      join(installed, 'custom-elements.json'),
    );
    assert.equal(
      realpathSync(require.resolve('tessera/tessera.js')),
      join(installed, 'dist', 'tessera.js'),
    );
    assert.ok(existsSync(require.resolve('tessera/frame/element.html')));
    assert.throws(
      () => require.resolve('tessera/dist/esm/index.js'),
      /ERR_PACKAGE_PATH_NOT_EXPORTED/,
    );
    assert.throws(
      () => require.resolve('tessera/src/validation/index.ts'),
      /ERR_PACKAGE_PATH_NOT_EXPORTED/,
    );
  });

  it('imports tessera in Node without throwing, as a server rendering a page does', async () => {
    // No DOM there: Lit's Node build gives the elements a stand-in registry, and nothing else
    // of the elements runs until a browser connects them.
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const tessera = await import('tessera');
console.log(JSON.stringify({ Tessera: typeof tessera.Tessera, card: typeof tessera.TesseraCardElement }));`,
      ],
      { cwd: app },
    );
    assert.deepEqual(JSON.parse(stdout), { Tessera: 'function', card: 'function' });
  });

  it('runs tessera/validation in Node, as the server uses it', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { validateCardNumber, validateRoutingNumber, TOKEN_TYPES } from 'tessera/validation';
console.log(JSON.stringify({
  visa: validateCardNumber('4242 4242 4242 4242'),
  luhn: validateCardNumber('4242424242424241').isValid,
  routing: validateRoutingNumber('110000000').isValid,
  types: TOKEN_TYPES,
}));`,
      ],
      { cwd: app },
    );
    const result = JSON.parse(stdout) as {
      visa: { isValid: boolean; brand: string };
      luhn: boolean;
      routing: boolean;
      types: string[];
    };
    assert.equal(result.visa.isValid, true);
    assert.equal(result.visa.brand, 'visa');
    assert.equal(result.luhn, false);
    assert.equal(result.routing, true);
    assert.deepEqual(result.types, ['card', 'bank_account', 'cvc_update', 'pii', 'account']);
  });

  it('type-checks an application against the published types', async () => {
    const file = join(app, 'app.ts');
    await writeFile(
      file,
      `import { Tessera, TesseraCardElement, type TesseraChangeEvent, type Token } from 'tessera';
import { validateCardNumber, type CardBrand } from 'tessera/validation';

const tessera = Tessera('pk_test_123', { origin: 'https://vault.example' });
const card: TesseraCardElement = document.createElement('tessera-card');
card.hidePostalCode = true;
card.fieldStyle = { base: { color: '#32325d' } };
// @ts-expect-error -- a boolean property: the types are real, not \`any\`.
card.hidePostalCode = 'yes';
card.addEventListener('tessera-change', (event: TesseraChangeEvent) => {
  const complete: boolean = event.detail.complete;
  console.log(complete, event.detail.brand);
});
const number = document.querySelector('tessera-card-number');
const result = await tessera.createToken(card, { name: 'Jenny Rosen' });
const token: Token | undefined = result.token;
const error: string | undefined = result.error?.message;
console.log(number?.complete, token?.id, error);
await tessera.createToken('bank_account', document.createElement('tessera-bank-account'));
const brand: CardBrand = validateCardNumber('4242424242424242').brand;
// @ts-expect-error -- brands are a union, not any string.
const notABrand: CardBrand = 'visa-electron';
console.log(brand, notABrand);
export {};
`,
    );
    const { program, diagnostics } = typeCheck(file);
    assert.deepEqual(diagnostics, []);
    const resolved = program.getSourceFiles().map((source) => realpathSync(source.fileName));
    assert.ok(resolved.includes(join(installed, 'dist', 'types', 'index.d.ts')));
    assert.ok(resolved.includes(join(installed, 'dist', 'types', 'validation', 'index.d.ts')));
  });

  it('bundles with Vite: Lit once, and importing only Tessera still defines the elements', async () => {
    // An app that uses Lit itself: its Lit and Tessera's share one ReactiveElement.
    await installInto(app, [`lit@${packageJson.devDependencies.lit ?? 'latest'}`]);
    await writeFile(
      join(app, 'main.js'),
      `import { LitElement } from 'lit';
import { Tessera } from 'tessera';
window.app = { LitElement, Tessera };
`,
    );
    const { build } = await import('vite');
    const output = await build({
      root: app,
      configFile: false,
      logLevel: 'silent',
      build: {
        write: false,
        minify: false,
        modulePreload: false,
        rollupOptions: { input: join(app, 'main.js') },
      },
    });
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) =>
      'output' in result ? result.output : [],
    );
    const code = chunks.map((chunk) => ('code' in chunk ? chunk.code : '')).join('\n');
    assert.equal(code.match(/litHtmlVersions/g)?.length, 1, 'Lit should be bundled once');
    assert.equal(code.match(/reactiveElementVersions/g)?.length, 1, 'one ReactiveElement');
    for (const tag of ELEMENT_TAGS) {
      const defined = new RegExp(`customElements\\.define\\(["']${tag}["']`).test(code);
      assert.ok(defined, `the app's bundle does not define <${tag}>`);
    }
  });
});
