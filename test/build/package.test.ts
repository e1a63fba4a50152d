/**
 * The npm package as published (`npm test` builds first): what `npm pack` ships, the custom
 * elements manifest, the ESM entry's imports, and an application's view of it: its types
 * type-check, and a Vite app that also uses Lit bundles Lit once and still defines the elements.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import ts from 'typescript';
import { CUSTOM_PROPERTIES } from '../../src/protocol/index.js';
import { javascriptFiles, requireBuilt } from '../helpers/bundle-sizes.js';
import { ROOT } from '../helpers/paths.js';

const run = promisify(execFile);

const TAGS = [
  'tessera-card',
  'tessera-card-number',
  'tessera-card-expiry',
  'tessera-card-cvc',
  'tessera-bank-account',
] as const;
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
  'update',
  'tokenize',
];

interface PackageJson {
  dependencies: Record<string, string>;
  exports: Record<string, unknown>;
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

describe('the npm package', () => {
  let packed: string[];
  let manifest: Manifest;

  before(async () => {
    for (const path of ['dist/esm/index.js', 'dist/types/index.d.ts', 'custom-elements.json']) {
      requireBuilt(join(ROOT, path));
    }
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
    });
    const [result] = JSON.parse(stdout) as [{ files: { path: string }[] }];
    packed = result.files.map((file) => file.path);
    manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8')) as Manifest;
  });

  it('ships the builds, the manifest and the README, and no sources or tests', () => {
    for (const path of [
      'package.json',
      'README.md',
      'custom-elements.json',
      'dist/cli.js',
      'dist/tessera.js',
      'dist/esm/index.js',
      'dist/types/index.d.ts',
      'dist/frame/element.html',
    ]) {
      assert.ok(packed.includes(path), `${path} is not in the package`);
    }
    assert.ok(
      packed.some((path) => /^dist\/frame\/assets\/.+\.js$/.test(path)),
      'no frame script in the package',
    );
    const unwanted = packed.filter((path) =>
      /^(src|test|demo|coverage|node_modules)\/|\.db|tsconfig|vite\.config|eslint/.test(path),
    );
    assert.deepEqual(unwanted, []);
  });

  it('points every package.json entry at a shipped file', () => {
    const json = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      exports: { '.': { types: string; import: string }; './custom-elements.json': string };
      module: string;
      types: string;
      bin: Record<string, string>;
      customElements: string;
      sideEffects: string[];
    };
    const targets = [
      json.exports['.'].types,
      json.exports['.'].import,
      json.exports['./custom-elements.json'],
      json.module,
      json.types,
      json.customElements,
      ...Object.values(json.bin),
      ...json.sideEffects,
    ];
    for (const target of targets) {
      const path = target.replace(/^\.\//, '');
      assert.ok(packed.includes(path), `${target} (package.json) is not in the package`);
    }
  });

  it('lists the five elements in custom-elements.json with their API', () => {
    const declarations = manifest.modules.flatMap((module) => module.declarations ?? []);
    const customProperties = [...new Set(CUSTOM_PROPERTIES.map(([name]) => name))].sort();
    for (const tag of TAGS) {
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
    assert.deepEqual(definitions.map((definition) => definition.name).sort(), [...TAGS].sort());
  });

  it('imports only its own files and declared dependencies from the ESM entry, Lit external', () => {
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
    assert.ok(bare.has('lit'), 'the ESM entry should import lit, not bundle it');
    for (const name of bare) {
      assert.ok(name in packageJson.dependencies, `${name} is imported but not a dependency`);
    }
  });
});

describe('the npm package in an application', () => {
  let app: string;

  before(() => {
    requireBuilt(join(ROOT, 'dist', 'esm', 'index.js'));
    // An application with `tessera` and `lit` installed (linked to this checkout).
    app = mkdtempSync(join(tmpdir(), 'tessera-app-'));
    mkdirSync(join(app, 'node_modules'));
    symlinkSync(ROOT, join(app, 'node_modules', 'tessera'), 'dir');
    symlinkSync(join(ROOT, 'node_modules', 'lit'), join(app, 'node_modules', 'lit'), 'dir');
  });
  after(() => {
    rmSync(app, { recursive: true, force: true });
  });

  it('resolves the exported subpaths and nothing else', () => {
    const require = createRequire(join(app, 'index.js'));
    assert.equal(
      require.resolve('tessera/custom-elements.json'),
      join(ROOT, 'custom-elements.json'),
    );
    assert.equal(require.resolve('tessera/package.json'), join(ROOT, 'package.json'));
    assert.throws(() => require.resolve('tessera/dist/cli.js'), /ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });

  it('type-checks an application against the published types', async () => {
    const file = join(app, 'app.ts');
    await writeFile(
      file,
      `import { Tessera, TesseraCardElement, type TesseraChangeEvent, type Token } from 'tessera';

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
export {};
`,
    );
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      types: [],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file ? `${relative(app, diagnostic.file.fileName)}: ` : '';
      return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    });
    assert.deepEqual(diagnostics, []);
    const resolved = program.getSourceFiles().map((source) => source.fileName);
    assert.ok(resolved.includes(join(ROOT, 'dist', 'types', 'index.d.ts')));
  });

  it('bundles with Vite: Lit once, and importing only Tessera still defines the elements', async () => {
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
    for (const tag of TAGS) {
      const defined = new RegExp(`customElements\\.define\\(["']${tag}["']`).test(code);
      assert.ok(defined, `the app's bundle does not define <${tag}>`);
    }
  });
});
