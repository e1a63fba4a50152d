/**
 * The Svelte 5 integration. `tessera/svelte`'s types: a file using Svelte's `SvelteHTMLElements`
 * type-checks against the packed package's declarations, good props accepted and bad ones
 * refused. The example app (`demo/frameworks/svelte`), built by Vite against the packed
 * package, in Chromium with the vault on another origin: the elements are defined before
 * Svelte renders one, so props arrive as properties; state changes, `appearance` and `locale`
 * changes and `{#if}` toggles leave one iframe per element, no detached iframe and no extra
 * listener; a test card typed in becomes a token the backend retrieves; nothing is logged.
 */
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { typeCheck } from '../helpers/type-check.js';
import { EXPIRY, EXPIRY_YEAR } from '../../demo/browser-driver.js';
import type { TokenResult } from '../../src/index.js';
import {
  buildFrameworkApp,
  frameCensus,
  NIGHT_BACKGROUND,
  openPage,
  packedTessera,
  startFrameworkStack,
  typeInSecureFrame,
  type FrameworkStack,
  until,
} from '../helpers/framework-apps.js';
import { ROOT } from '../helpers/paths.js';

/** How long any one wait in the browser may take. */
const WAIT = { timeout: 15_000 } as const;

/** A template's props for the card, the split number field and their events, good and bad. */
const TYPED_PROPS = `
import type { SvelteHTMLElements } from 'svelte/elements';
import { Tessera, type TesseraCardElement, type TesseraChangeEvent } from 'tessera';

type Card = SvelteHTMLElements['tessera-card'];
type CardNumber = SvelteHTMLElements['tessera-card-number'];

const tessera = Tessera('pk_test_123', { origin: 'https://vault.example' });
export const good: Card = {
  tessera,
  'publishable-key': 'pk_test_123',
  appearance: { theme: 'night', variables: { colorPrimary: '#0570de' } },
  locale: 'fr',
  disabled: false,
  'hide-postal-code': true,
  'load-timeout': 5000,
  class: 'card',
  'ontessera-change': (event) => {
    const complete: boolean = event.detail.complete;
    const element: TesseraCardElement = event.currentTarget;
    const typed: TesseraChangeEvent = event;
    return [complete, element, typed];
  },
  'ontessera-loaderror': (event) => event.detail.error.code,
};
export const number: CardNumber = { 'ontessera-ready': (event) => event.detail.elementType };
// @ts-expect-error -- appearance is an object, not a string.
export const appearanceText: Card = { appearance: 'night' };
// @ts-expect-error -- a theme is one of Stripe's three.
export const unknownTheme: Card = { appearance: { theme: 'midnight' } };
// @ts-expect-error -- disabled is a boolean.
export const disabledText: Card = { disabled: 'yes' };
// @ts-expect-error -- a change never carries the number.
export const noNumber: Card = { 'ontessera-change': (event) => event.detail.value?.number };
// @ts-expect-error -- the postal code is the card element's alone.
export const postalOnNumber: CardNumber = { 'hide-postal-code': true };
// @ts-expect-error -- no such attribute.
export const misspelt: Card = { 'publishable-kee': 'pk_test_123' };
`;

describe('tessera/svelte types', { timeout: 120_000 }, () => {
  let project: string;

  before(async () => {
    // An application's node_modules: the packed package, and this repository's Svelte.
    project = await mkdtemp(join(tmpdir(), 'tessera-svelte-types-'));
    await mkdir(join(project, 'node_modules'));
    await cp(await packedTessera(), join(project, 'node_modules', 'tessera'), { recursive: true });
    for (const name of ['svelte', '@lit', 'clsx']) {
      await symlink(join(ROOT, 'node_modules', name), join(project, 'node_modules', name));
    }
  });
  after(async () => {
    await rm(project, { recursive: true, force: true });
  });

  /** The diagnostics of `props.ts`, headed by `header`, as `file: message` lines. */
  async function check(header: string): Promise<{ diagnostics: string[]; files: string[] }> {
    const file = join(project, 'props.ts');
    await writeFile(file, header + TYPED_PROPS);
    const { program, diagnostics } = typeCheck(file);
    const files = program.getSourceFiles().map((source) => relative(project, source.fileName));
    return { diagnostics, files };
  }

  it("types the elements' props and ontessera-* events once tessera/svelte is imported", async () => {
    const { diagnostics, files } = await check(`import 'tessera/svelte';\n`);
    assert.deepEqual(diagnostics, []);
    assert.ok(files.includes('node_modules/tessera/dist/types/svelte/index.d.ts'), 'packed types');
  });

  it('types them through a triple-slash reference too (an app.d.ts)', async () => {
    const { diagnostics } = await check(`/// <reference types="tessera/svelte" />\n`);
    assert.deepEqual(diagnostics, []);
  });

  it('leaves the elements untyped without it (the test can fail)', async () => {
    // Svelte's catch-all `[name: string]: { [name: string]: any }` takes every prop: the expected
    // errors go unused, and the handlers' events are implicitly `any`.
    const { diagnostics } = await check('');
    const kinds = new Set(diagnostics.map((text) => text.replace(/^props\.ts:\d+: /, '')));
    assert.deepEqual(
      kinds,
      new Set([
        "Unused '@ts-expect-error' directive.",
        "Parameter 'event' implicitly has an 'any' type.",
      ]),
    );
    assert.equal(diagnostics.length, 8, diagnostics.join('\n'));
  });
});

/** In the page: what `CustomElementRegistry.define` found, per Tessera tag. */
interface Definitions {
  /** How many elements of the tag the document held when it was defined. */
  [tag: string]: number;
}

/**
 * Runs in the page before its scripts: records, for each Tessera tag, how many elements of it
 * the document held when it was defined (0: defined before Svelte rendered one).
 */
function recordDefinitions(): void {
  if (window !== window.top) return;
  const definitions: Definitions = {};
  Object.assign(window, { tesseraDefinitions: definitions });
  const define = customElements.define.bind(customElements);
  customElements.define = (name, constructor, options) => {
    if (name.startsWith('tessera-')) definitions[name] = document.getElementsByTagName(name).length;
    define(name, constructor, options);
  };
}

/** Waits for the page's `<tessera-card>` and its frame to be ready. */
async function cardReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('tessera-card') !== null, null, WAIT);
  await page.evaluate(() => document.querySelector('tessera-card')?.ready);
}

describe('the Svelte example in Chromium (end to end)', { timeout: 240_000 }, () => {
  let stack: FrameworkStack | undefined;
  let browser: Awaited<ReturnType<typeof openPage>> | undefined;
  let page: Page;
  let vaultOrigin: string;
  let problems: string[];
  /** What a settled page leaves on `window` and `document` (Svelte's delegated events). */
  let listeners: number;

  before(async () => {
    const dir = await buildFrameworkApp('svelte');
    stack = await startFrameworkStack(dir);
    vaultOrigin = stack.config.vaultOrigin;
    browser = await openPage();
    ({ page, problems } = browser);
    await page.addInitScript(recordDefinitions);
    await page.goto(stack.url);
    await cardReady(page);
    ({ listeners } = await frameCensus(page));
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  const theme = (name: string) => page.getByLabel('Theme').selectOption(name);
  const language = (tag: string) => page.getByLabel('Language').selectOption(tag);
  const showCard = (shown: boolean) => page.getByLabel('Show the card form').setChecked(shown);
  /** The background of the card number input, as the frame computes it. */
  const numberBackground = () =>
    page
      .frameLocator('tessera-card iframe')
      .locator('#number')
      .evaluate((input) => getComputedStyle(input).backgroundColor);

  it('defines the elements before Svelte renders one, so props arrive as properties', async () => {
    const definitions = await page.evaluate(
      () => (window as Window & { tesseraDefinitions?: Definitions }).tesseraDefinitions,
    );
    assert.equal(
      definitions?.['tessera-card'],
      0,
      'a <tessera-card> existed before its definition',
    );
    await theme('night');
    const card = await page.evaluate(() => {
      const element = document.querySelector('tessera-card');
      return {
        appearance: element?.appearance,
        attributes: element?.getAttributeNames().sort(),
        disabled: element?.disabled,
        tessera: element?.tessera?.origin,
      };
    });
    assert.deepEqual(card, {
      appearance: { theme: 'night', variables: { borderRadius: '6px' } },
      // `appearance`, `tessera`, `locale` and `disabled={false}` went to properties.
      attributes: ['class', 'id'],
      disabled: false,
      tessera: vaultOrigin,
    });
    // The frame got the object: the night theme's input background (#30313d).
    await until(numberBackground, NIGHT_BACKGROUND, 'night background in the frame');
    await theme('stripe');
    await until(numberBackground, 'rgb(255, 255, 255)', 'stripe background in the frame');
  });

  it('keeps one element and one frame through state, appearance and locale changes', async () => {
    const original = await page.evaluateHandle(() => {
      const element = document.querySelector('tessera-card');
      return { element, frame: element?.frame };
    });
    for (let round = 0; round < 20; round += 1) {
      await page.getByRole('button', { name: 'Add one' }).click();
      await theme(['night', 'flat', 'stripe'][round % 3] ?? 'stripe');
      await language(['fr', 'de', 'en'][round % 3] ?? 'en');
    }
    await page.getByRole('button', { name: 'Add one' }).click();
    assert.equal(
      await page.getByRole('button', { name: /^Pay/ }).textContent(),
      `Pay $${String(12 * 22)}.00`,
      'the unrelated state changed 21 times',
    );
    const same = await original.evaluate((old) => {
      const element = document.querySelector('tessera-card');
      return old.element === element && old.frame === element?.frame && element?.isConnected;
    });
    assert.equal(same, true, 'the element or its frame was replaced');
    await original.dispose();
    assert.deepEqual((await frameCensus(page)).iframes, { 'tessera-card': 1 });
  });

  it('mounts and unmounts cleanly when {#if} toggles it, even mid-load', async () => {
    for (let round = 0; round < 12; round += 1) {
      await showCard(false);
      await theme(['night', 'flat', 'stripe'][round % 3] ?? 'stripe');
      await language(['de', 'en', 'fr'][round % 3] ?? 'en');
      await showCard(true);
      // Every other round unmounts the element again before its frame is ready.
      if (round % 2 === 0) await cardReady(page);
    }
    await showCard(false);
    const hidden = await frameCensus(page);
    assert.deepEqual(hidden.iframes, {}, 'a frame outlived its element');
    assert.equal(hidden.detached, 0, 'removed elements left iframes the page still holds');

    await showCard(true);
    await theme('night');
    await language('fr');
    await cardReady(page);
    await until(numberBackground, NIGHT_BACKGROUND, 'night background after the churn');
    await until(
      () => page.evaluate(() => document.querySelector('tessera-card')?.frame?.title),
      'Paiement par carte',
      "the frame's French title after the churn",
    );
    const census = await frameCensus(page);
    assert.deepEqual(census, { iframes: { 'tessera-card': 1 }, detached: 0, listeners });
  });

  it('turns a test card into a token that the backend retrieves', async () => {
    await typeInSecureFrame(page, 'tessera-card', '#number', '4242424242424242');
    await typeInSecureFrame(page, 'tessera-card', '#expiry', EXPIRY);
    await typeInSecureFrame(page, 'tessera-card', '#cvc', '123');
    await typeInSecureFrame(page, 'tessera-card', '#postalCode', '94107');
    // `ontessera-change` enabled the button; the shopper pays.
    const pay = page.getByRole('button', { name: /^Pay/ });
    await pay.click(WAIT);
    const output = page.locator('output');
    await output.getByText(/Token tok_\w+/).waitFor(WAIT);
    const shown = /tok_\w+/.exec((await output.textContent()) ?? '')?.[0] ?? '';
    // And the page's own code, as the app exports it.
    const result = await page.evaluate(() =>
      (window as unknown as { checkout: { pay(): Promise<TokenResult> } }).checkout.pay(),
    );
    assert.equal(result.error, undefined);
    for (const id of [shown, result.token.id]) {
      const token = (await stack?.retrieve(id)) as {
        id: string;
        card?: { last4: string; brand: string; exp_month: number; exp_year: number };
      };
      assert.equal(token.id, id);
      assert.deepEqual(
        [token.card?.last4, token.card?.brand, token.card?.exp_month, token.card?.exp_year],
        ['4242', 'Visa', 12, EXPIRY_YEAR],
      );
    }
  });

  it('logs no error or warning on the page', () => {
    assert.deepEqual(problems, []);
  });
});
