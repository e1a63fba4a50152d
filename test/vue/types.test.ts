/**
 * `tessera/vue` as an application gets it: the packed package's declarations, copied into a
 * project beside Vue, type-checked with the TypeScript compiler API. A template type-checker
 * (vue-tsc) reads a tag's props from `$props` of `GlobalComponents[tag]` and its events from
 * `$emit`; the files here read them the same way, with good bindings and, marked
 * `@ts-expect-error`, wrong ones. The entry's lists of props and events are compared with
 * `custom-elements.json`, so the Vue types cannot lag the elements.
 */
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ts from 'typescript';
import { ELEMENT_TAGS } from '../helpers/elements.js';
import { typeCheck } from '../helpers/type-check.js';
import { requireBuilt } from '../helpers/bundle-sizes.js';
import { packedTessera } from '../helpers/framework-apps.js';
import { ROOT } from '../helpers/paths.js';

/** What the template `<tessera-card …>` binds, written as vue-tsc reads it. */
const APP = `import type { GlobalComponents } from 'vue';
import {
  Tessera,
  type TesseraChangeEvent,
  type TesseraFocusEvent,
  type TesseraLoadErrorEvent,
} from 'tessera';
import type {} from 'tessera/vue';

type Instance<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>;
type Props<Tag extends keyof GlobalComponents> = Instance<Tag>['$props'];

// <tessera-card :tessera.prop :appearance.prop="…" locale="fr" hide-postal-code class="card"
//   @tessera-change="…" @tessera-loaderror="…">
const card: Props<'tessera-card'> = {
  tessera: Tessera('pk_test_123', { origin: 'https://vault.example' }),
  appearance: { theme: 'night', labels: 'floating', variables: { colorPrimary: '#0570de' } },
  locale: 'fr',
  hidePostalCode: true,
  loadTimeout: 5000,
  class: ['card', { wide: true }],
  style: { maxWidth: '30rem' },
  key: 'card',
  onTesseraChange: (event) => {
    const complete: boolean = event.detail.complete;
    console.log(complete, event.detail.brand, event.detail.error?.message);
  },
  onTesseraLoaderror: (event: TesseraLoadErrorEvent) => console.log(event.detail.error.code),
};

// <tessera-card-number publishable-key="…" vault-origin="…" placeholder="…" disabled>
const number: Props<'tessera-card-number'> = {
  publishableKey: 'pk_test_123',
  vaultOrigin: 'https://vault.example',
  placeholder: '4242 4242 4242 4242',
  disabled: true,
  onTesseraFocus: (event: TesseraFocusEvent) => console.log(event.detail.elementType),
};

// \`@tessera-change\` and the others, as the type-checker resolves a listener: through $emit.
declare const emit: Instance<'tessera-bank-account'>['$emit'];
declare const change: TesseraChangeEvent;
declare const focus: TesseraFocusEvent;
emit('tessera-change', change);
emit('tessera-focus', focus);

// A template ref is the element itself.
declare const element: Instance<'tessera-card'>;
element.updateOptions({ hidePostalCode: true });
const ready: Promise<void> = element.ready;

// @ts-expect-error -- not a theme.
const wrongTheme: Props<'tessera-card'> = { appearance: { theme: 'neon' } };
// @ts-expect-error -- a number of milliseconds, not text.
const wrongTimeout: Props<'tessera-card-cvc'> = { loadTimeout: '5s' };
// @ts-expect-error -- split fields have no postal code.
const wrongElement: Props<'tessera-card-number'> = { hidePostalCode: true };
const wrongListener: Props<'tessera-card-expiry'> = {
  // @ts-expect-error -- a focus event says nothing of completeness.
  onTesseraFocus: (event) => event.detail.complete,
};
// @ts-expect-error -- the change event carries a TesseraChangeEvent.
emit('tessera-change', focus);

console.log(card, number, ready, wrongTheme, wrongTimeout, wrongElement, wrongListener);

/** Read by the test: the entry's lists, compared with custom-elements.json. */
export type CardProperty = import('tessera/vue').TesseraCardProperty;
export type FieldProperty = import('tessera/vue').TesseraFieldProperty;
export type Events = import('tessera/vue').TesseraElementEvents;
`;

/** The same, without importing \`tessera/vue\`: the tags are not Vue's to know. */
const WITHOUT_ENTRY = `import type { GlobalComponents } from 'vue';
import 'tessera';

// @ts-expect-error -- only \`tessera/vue\` adds the tags to GlobalComponents.
export type Card = GlobalComponents['tessera-card'];
`;

interface ManifestMember {
  kind: string;
  name: string;
  static?: boolean;
  readonly?: boolean;
  privacy?: string;
}
interface ManifestDeclaration {
  tagName?: string;
  members?: ManifestMember[];
  events?: { name: string; type?: { text: string } }[];
}
interface Manifest {
  modules: { declarations?: ManifestDeclaration[] }[];
}

/**
 * The properties an element takes as options, by the manifest: its public fields that are
 * neither static nor read-only, but `lastChange` (the state it reports, not an option).
 */
function optionFields(element: ManifestDeclaration): string[] {
  return (element.members ?? [])
    .filter(
      (member) =>
        member.kind === 'field' &&
        !member.static &&
        !member.readonly &&
        (member.privacy ?? 'public') === 'public' &&
        member.name !== 'lastChange',
    )
    .map((member) => member.name)
    .sort();
}

/** `typeCheck`, checking the declarations too unless `skipLibCheck`. */
function check(file: string, skipLibCheck = false): ReturnType<typeof typeCheck> {
  return typeCheck(file, { skipLibCheck });
}

/** The exported type alias `name` of `file`. */
function exportedType(program: ts.Program, file: string, name: string): ts.Type {
  const source = program.getSourceFile(file);
  const alias = source?.statements.find(
    (statement): statement is ts.TypeAliasDeclaration =>
      ts.isTypeAliasDeclaration(statement) && statement.name.text === name,
  );
  assert.ok(alias, `${name} is not in ${file}`);
  return program.getTypeChecker().getTypeAtLocation(alias.name);
}

/** The members of a union of string literals, sorted. */
function literals(type: ts.Type): string[] {
  const members = type.isUnion() ? type.types : [type];
  return members.map((member) => (member as ts.StringLiteralType).value).sort();
}

describe('tessera/vue, type-checked against the packed declarations', () => {
  let project: string;
  let manifest: Manifest;
  /** {@link APP} in the project, and its program. */
  let app: { file: string; program: ts.Program; diagnostics: string[] };

  before(async () => {
    requireBuilt(join(ROOT, 'dist', 'types', 'vue', 'index.d.ts'));
    const packed = await packedTessera();
    project = await mkdtemp(join(tmpdir(), 'tessera-vue-types-'));
    const modules = join(project, 'node_modules');
    await mkdir(modules);
    // A copy, not a link: the package's own imports (Vue, Lit) resolve from the project.
    await cp(packed, join(modules, 'tessera'), { recursive: true });
    for (const name of ['vue', '@vue', '@lit', 'lit']) {
      await symlink(join(ROOT, 'node_modules', name), join(modules, name));
    }
    await writeFile(join(project, 'package.json'), '{ "type": "module" }\n');
    manifest = JSON.parse(
      await readFile(join(modules, 'tessera', 'custom-elements.json'), 'utf8'),
    ) as Manifest;
    const file = join(project, 'app.ts');
    await writeFile(file, APP);
    app = { file, ...check(file) };
  });
  after(async () => {
    await rm(project, { recursive: true, force: true });
  });

  it('checks props and listeners of every tag, and rejects wrong ones', () => {
    assert.deepEqual(app.diagnostics, []);
    const resolved = app.program.getSourceFiles().map((source) => source.fileName);
    assert.ok(
      resolved.includes(
        join(project, 'node_modules', 'tessera', 'dist', 'types', 'vue', 'index.d.ts'),
      ),
      'tessera/vue did not resolve to the packed declarations',
    );
  });

  it('adds nothing to Vue unless imported', async () => {
    const file = join(project, 'without-entry.ts');
    await writeFile(file, WITHOUT_ENTRY);
    assert.deepEqual(check(file, true).diagnostics, []);
  });

  it('lists the options and events custom-elements.json gives each element', () => {
    const { program, file } = app;
    const checker = program.getTypeChecker();
    const declarations = manifest.modules.flatMap((module) => module.declarations ?? []);
    const events = exportedType(program, file, 'Events');
    for (const tag of ELEMENT_TAGS) {
      const element = declarations.find((declaration) => declaration.tagName === tag);
      assert.ok(element, `${tag} is not in custom-elements.json`);
      const listed = exportedType(
        program,
        file,
        tag === 'tessera-card' ? 'CardProperty' : 'FieldProperty',
      );
      assert.deepEqual(literals(listed), optionFields(element), `${tag}: props`);
      const typed = checker
        .getPropertiesOfType(events)
        .map((event) => [event.name, checker.typeToString(checker.getTypeOfSymbol(event))]);
      const documented = (element.events ?? []).map((event) => [event.name, event.type?.text]);
      assert.deepEqual(typed.sort(), documented.sort(), `${tag}: events and their types`);
    }
  });
});
