/**
 * The React example (`demo/frameworks/react`), built by Vite against the packed `tessera`, in
 * Chromium: the app on localhost and the vault on 127.0.0.1. Built with React's development
 * build, where `<StrictMode>` mounts, unmounts and mounts again every component and effect.
 * Its parent re-renders (unrelated state), the provider's `locale` and `appearance` change
 * (a new options object every render), and the card is taken away and brought back, many times;
 * then a shopper types a test card and pays, and the merchant's server retrieves the token.
 * Throughout: one vault iframe per mounted element, one listener per event prop, no detached
 * iframe left, as many listeners on `window` and `document` as at the start, and no console
 * errors or warnings. A secret key instead of a publishable one throws nothing: the card says
 * why through `onLoadError`. Then the same app rendered on the server (its `entry-server.tsx`,
 * built for Node, streamed to a string) and hydrated: no hydration warnings, the server's element
 * kept, and no layout shift.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { TesseraCardElement, TokenResult } from '../../src/index.js';
import { elementsReady, EXPIRY, EXPIRY_YEAR } from '../../demo/browser-driver.js';
import {
  assertSameCardFrame,
  buildFrameworkApp,
  cardFrame,
  installedPackages,
  frameCensus,
  NIGHT_BACKGROUND,
  openPage,
  reactPageRenderer,
  startFrameworkStack,
  typeInSecureFrame,
  type FrameworkStack,
} from '../helpers/framework-apps.js';

declare global {
  interface Window {
    /** What the example app exposes: a token from its card, as its Pay button asks. */
    checkout?: { createToken(): Promise<TokenResult> };
  }
}

/** How many times each kind of churn happens. */
const ROUNDS = 20;
const THEMES = ['night', 'flat', 'stripe'] as const;
const LOCALES = ['fr', 'de', 'en'] as const;
/** What `<TesseraCard>` reserves in the server's HTML: the card's initial height, less the 8px of frame outset. */
const CARD_RESERVATION = 'display:block;min-height:165px';

/**
 * The React versions the integration supports: this repository's (19), and 18, installed from
 * the registry for the run and linked into the app in place of 19.
 */
const VERSIONS = [
  { name: 'React 19', packages: () => Promise.resolve({}) },
  {
    name: 'React 18',
    packages: async () => {
      const modules = await installedPackages(['react@18', 'react-dom@18']);
      return { react: join(modules, 'react'), 'react-dom': join(modules, 'react-dom') };
    },
  },
] as const;

/** The built app in React's development build (StrictMode's double mounting, hydration checks). */
async function buildDevelopment(
  version: (typeof VERSIONS)[number],
  options?: { ssrEntry: string },
): Promise<string> {
  const packages = await version.packages();
  return buildFrameworkApp('react', { ...options, mode: 'development', packages });
}

/** How many listeners the card element has for each `tessera-*` event (DevTools protocol). */
async function cardListeners(page: Page): Promise<Record<string, number>> {
  const session = await page.context().newCDPSession(page);
  try {
    const { result } = await session.send('Runtime.evaluate', {
      expression: 'document.querySelector("tessera-card")',
    });
    assert.ok(result.objectId, 'no card element');
    const { listeners } = await session.send('DOMDebugger.getEventListeners', {
      objectId: result.objectId,
    });
    const counts: Record<string, number> = {};
    for (const { type } of listeners) {
      if (type.startsWith('tessera-')) counts[type] = (counts[type] ?? 0) + 1;
    }
    return counts;
  } finally {
    await session.detach();
  }
}

/** Types the test card into the card element's frame, as a shopper would. */
async function typeTestCard(page: Page): Promise<void> {
  await typeInSecureFrame(page, 'tessera-card', '#number', '4242424242424242');
  await typeInSecureFrame(page, 'tessera-card', '#expiry', EXPIRY);
  await typeInSecureFrame(page, 'tessera-card', '#cvc', '123');
  await typeInSecureFrame(page, 'tessera-card', '#postalCode', '94107');
}

/** The token's card as the merchant's server retrieves it: last4, expiry, name. */
async function retrievedCard(stack: FrameworkStack, id: string): Promise<unknown[]> {
  const token = (await stack.retrieve(id)) as {
    card?: { last4: string; exp_month: number; exp_year: number; name?: string | null };
  };
  return [token.card?.last4, token.card?.exp_month, token.card?.exp_year, token.card?.name];
}

for (const version of VERSIONS)
  describe(`the React example app on ${version.name}`, { timeout: 240_000 }, () => {
    let clientDir: string;

    before(async () => {
      clientDir = await buildDevelopment(version);
    });

    describe('in StrictMode, through re-renders and remounts', () => {
      let stack: FrameworkStack;
      let browser: Awaited<ReturnType<typeof openPage>>;
      let page: Page;
      /** What the page held once the first card was ready. */
      let baseline: Awaited<ReturnType<typeof frameCensus>>;

      before(async () => {
        stack = await startFrameworkStack(clientDir);
        browser = await openPage();
        page = browser.page;
        await page.goto(stack.url);
        await elementsReady(page);
        baseline = await frameCensus(page);
      });
      after(async () => {
        await browser.close();
        await stack.close();
      });

      it('mounts one card frame and one listener per event prop, though mounted twice', async () => {
        assert.deepEqual(baseline.iframes, { 'tessera-card': 1 });
        assert.equal(baseline.detached, 0);
        assert.deepEqual(await cardListeners(page), {
          'tessera-change': 1,
          'tessera-loaderror': 1,
        });
      });

      it('keeps the instance and the frame while the parent re-renders and the options change', async () => {
        const frame = await cardFrame(page);
        // Counts the provider's calls of its instance's update(), on the instance itself.
        await page.$eval('tessera-card', (card) => {
          const tessera = card.tessera as NonNullable<TesseraCardElement['tessera']> & {
            updates?: number;
          };
          const update = tessera.update.bind(tessera);
          tessera.updates = 0;
          tessera.update = (options) => {
            tessera.updates = (tessera.updates ?? 0) + 1;
            update(options);
          };
        });
        const updates = () =>
          page.$eval('tessera-card', (card) => (card.tessera as { updates?: number }).updates);
        const refresh = page.getByRole('button', { name: /^Refresh/ });
        for (let round = 0; round < ROUNDS; round += 1) await refresh.click();
        assert.equal(await updates(), 0, 'a new but equal options object called update()');
        for (let round = 0; round < ROUNDS; round += 1) {
          await refresh.click();
          await page.getByLabel('Theme').selectOption(THEMES[round % THEMES.length] ?? 'stripe');
          await page.getByLabel('Language').selectOption(LOCALES[round % LOCALES.length] ?? 'en');
        }
        await page.getByLabel('Theme').selectOption('night');
        await page.getByLabel('Language').selectOption('fr');
        // One update per change of theme or language (each select above changed it).
        assert.equal(await updates(), 2 * ROUNDS + 2);
        await assertSameCardFrame(page, frame);
        // The frame shows the instance's new options: the night theme's inputs, the French title.
        const input = page.frameLocator('tessera-card iframe').locator('#number');
        await page.waitForFunction(
          () => document.querySelector('tessera-card')?.frame?.title === 'Paiement par carte',
        );
        assert.equal(
          await input.evaluate((field) => getComputedStyle(field).backgroundColor),
          NIGHT_BACKGROUND,
        );
        assert.deepEqual(await cardListeners(page), {
          'tessera-change': 1,
          'tessera-loaderror': 1,
        });
        assert.equal((await frameCensus(page)).iframes['tessera-card'], 1);
      });

      it('leaves one frame, no detached frames and its listeners after remounts', async () => {
        const toggle = page.getByLabel('Pay by card');
        for (let round = 0; round < ROUNDS; round += 1) {
          await toggle.uncheck();
          assert.equal(await page.locator('tessera-card').count(), 0);
          await toggle.check();
          await page.getByRole('button', { name: /^Refresh/ }).click();
        }
        await elementsReady(page);
        const census = await frameCensus(page);
        assert.deepEqual(census.iframes, { 'tessera-card': 1 });
        assert.equal(census.detached, 0, 'iframes of unmounted cards are still held');
        assert.equal(census.listeners, baseline.listeners, 'listeners on window and document');
        assert.deepEqual(await cardListeners(page), {
          'tessera-change': 1,
          'tessera-loaderror': 1,
        });
      });

      it('makes tokens the merchant retrieves, with no console errors or warnings', async () => {
        await typeTestCard(page);
        await page.getByLabel('Name on card').fill('Jenny Rosen');
        // The Pay button waits for the card's onChange to say it is complete.
        const pay = page.getByRole('button', { name: 'Pay', exact: true });
        await pay.click();
        const status = page.getByRole('status');
        await status.filter({ hasText: /tok_/ }).waitFor();
        const id = /tok_\w+/.exec((await status.textContent()) ?? '')?.[0];
        assert.ok(id, 'no token id on the page');
        assert.deepEqual(await retrievedCard(stack, id), ['4242', 12, EXPIRY_YEAR, 'Jenny Rosen']);
        // …and as the page's own code asks, through useTessera()'s createToken.
        const { token, error } = await page.evaluate(() => {
          if (!window.checkout) throw new Error('the app exposes no checkout');
          return window.checkout.createToken();
        });
        assert.equal(error, undefined);
        assert.ok(token);
        assert.deepEqual(await retrievedCard(stack, token.id), [
          '4242',
          12,
          EXPIRY_YEAR,
          'Jenny Rosen',
        ]);
        assert.deepEqual(browser.problems, []);
      });
    });

    it('throws nothing for a secret key: the card reports it through onLoadError', async () => {
      const stack = await startFrameworkStack(clientDir);
      const browser = await openPage();
      try {
        const { page } = browser;
        await page.route('**/config.json', (route) =>
          route.fulfill({ json: { ...stack.config, publishableKey: 'sk_test_123' } }),
        );
        await page.goto(stack.url);
        const status = page.getByRole('status');
        await status.filter({ hasText: 'never put a secret or restricted key' }).waitFor();
        const { error } = await page.evaluate(() => {
          if (!window.checkout) throw new Error('the app exposes no checkout');
          return window.checkout.createToken();
        });
        assert.equal(error?.code, 'publishable_key_invalid');
        assert.deepEqual((await frameCensus(page)).iframes, { 'tessera-card': 0 });
        // The element's own report of the mistake, once (StrictMode mounted it twice), and
        // nothing uncaught.
        assert.deepEqual(
          browser.problems.map((problem) => problem.split(':')[0]),
          ['console error'],
        );
      } finally {
        await browser.close();
        await stack.close();
      }
    });

    describe('rendered on the server and hydrated', () => {
      let stack: FrameworkStack;
      let browser: Awaited<ReturnType<typeof openPage>>;
      let page: Page;
      /** The last page the server rendered. */
      let served = '';

      before(async () => {
        const serverDir = await buildDevelopment(version, { ssrEntry: 'src/entry-server.tsx' });
        const render = await reactPageRenderer(clientDir, serverDir);
        stack = await startFrameworkStack(clientDir, {
          html: async (path, config) => {
            served = (await render(path, config)) ?? '';
            return served;
          },
        });
        browser = await openPage();
        page = browser.page;
        // Before the page's own scripts: what shifts, and whether the server's card is replaced.
        await page.addInitScript(() => {
          const record = window as unknown as {
            shifts: number[];
            removedCards: number;
            serverCard: Element | null;
          };
          record.shifts = [];
          record.removedCards = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) {
              record.shifts.push((entry as PerformanceEntry & { value: number }).value);
            }
          }).observe({ type: 'layout-shift', buffered: true });
          new MutationObserver((mutations) => {
            for (const mutation of mutations) {
              for (const node of mutation.removedNodes) {
                if (node instanceof Element && node.localName === 'tessera-card') {
                  record.removedCards += 1;
                }
              }
            }
          }).observe(document, { childList: true, subtree: true });
          document.addEventListener('DOMContentLoaded', () => {
            record.serverCard = document.querySelector('tessera-card');
          });
        });
        await page.goto(stack.url);
        await elementsReady(page);
      });
      after(async () => {
        await browser.close();
        await stack.close();
      });

      it('renders the card with its height reserved', () => {
        const card = /<tessera-card[^>]*>/.exec(served)?.[0];
        assert.equal(card, `<tessera-card id="card" style="${CARD_RESERVATION}">`);
      });

      it('hydrates without warnings, keeps the server’s element and nothing shifts', async () => {
        const hydrated = await page.evaluate(() => {
          const record = window as unknown as {
            shifts: number[];
            removedCards: number;
            serverCard: Element | null;
          };
          const card = document.querySelector('tessera-card');
          return {
            sameElement: card !== null && card === record.serverCard,
            removedCards: record.removedCards,
            shifts: record.shifts,
            // Once hydrated, the reservation goes: a frame shorter than the initial height is not held open.
            minHeight: card instanceof HTMLElement ? card.style.minHeight : null,
          };
        });
        assert.deepEqual(hydrated, {
          sameElement: true,
          removedCards: 0,
          shifts: [],
          minHeight: '',
        });
        assert.deepEqual((await frameCensus(page)).iframes, { 'tessera-card': 1 });
        assert.deepEqual(browser.problems, []);
      });

      it('makes a token once hydrated', async () => {
        await typeTestCard(page);
        const result: TokenResult = await page.evaluate(() => {
          if (!window.checkout) throw new Error('the app exposes no checkout');
          return window.checkout.createToken();
        });
        assert.ok(result.token, JSON.stringify(result.error));
        assert.deepEqual(await retrievedCard(stack, result.token.id), [
          '4242',
          12,
          EXPIRY_YEAR,
          null,
        ]);
        assert.deepEqual(browser.problems, []);
      });
    });
  });
