/**
 * The Vue example (`demo/frameworks/vue`), built by Vite against the packed `tessera`, in
 * Chromium: the app on localhost and the vault on 127.0.0.1. Its parent re-renders (unrelated
 * state), its `appearance` and `locale` props change, and `v-if` takes the card away and brings it
 * back, many times; then a shopper types a test card and pays, and the merchant's server
 * retrieves the token. Throughout: one vault iframe per mounted element, no detached iframe
 * left, as many listeners on `window` and `document` as at the start, and no console errors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { elementsReady, EXPIRY, EXPIRY_YEAR } from '../../demo/browser-driver.js';
import {
  assertSameCardFrame,
  buildFrameworkApp,
  cardFrame,
  frameCensus,
  NIGHT_BACKGROUND,
  openPage,
  startFrameworkStack,
  typeInSecureFrame,
  type FrameworkStack,
  until,
} from '../helpers/framework-apps.js';

/** How many times each kind of churn happens. */
const ROUNDS = 20;
const THEMES = ['night', 'flat', 'stripe'] as const;
const LOCALES = ['fr', 'de', 'ja', 'en'] as const;

/** What the card element was given: `appearance` (its theme, if an object), and `locale`. */
function boundProps(page: Page): Promise<Record<string, unknown>> {
  return page.$eval('tessera-card', (card) => ({
    theme: typeof card.appearance === 'object' ? card.appearance.theme : card.appearance,
    attribute: card.getAttribute('appearance'),
    locale: card.locale,
  }));
}

describe('the Vue example app', { timeout: 240_000 }, () => {
  let stack: FrameworkStack | undefined;
  let browser: Awaited<ReturnType<typeof openPage>> | undefined;
  let page: Page;
  /** What the page held once the first card was ready. */
  let baseline: Awaited<ReturnType<typeof frameCensus>>;

  before(async () => {
    const app = await startFrameworkStack(await buildFrameworkApp('vue'));
    stack = app;
    browser = await openPage();
    page = browser.page;
    await page.goto(app.url);
    await elementsReady(page);
    baseline = await frameCensus(page);
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('mounts one card frame', () => {
    assert.deepEqual(baseline.iframes, { 'tessera-card': 1 });
    assert.equal(baseline.detached, 0);
  });

  it('keeps the same frame while its parent re-renders and its props change', async () => {
    const frame = await cardFrame(page);
    for (let round = 0; round < ROUNDS; round += 1) {
      await page.getByRole('button', { name: 'Add one' }).click();
      await page.getByLabel('Theme').selectOption(THEMES[round % THEMES.length] ?? 'stripe');
      await page.getByLabel('Language').selectOption(LOCALES[round % LOCALES.length] ?? 'en');
    }
    await page.getByLabel('Theme').selectOption('night');
    await page.getByLabel('Language').selectOption('fr');
    await assertSameCardFrame(page, frame);
    // `.prop` passed the object itself, not "[object Object]" as an attribute.
    assert.deepEqual(await boundProps(page), { theme: 'night', attribute: null, locale: 'fr' });
    // …and the frame shows it: the night theme's inputs, the French title.
    const input = page.frameLocator('tessera-card iframe').locator('#number');
    await until(
      () => input.evaluate((field) => getComputedStyle(field).backgroundColor),
      NIGHT_BACKGROUND,
      'the night theme in the frame',
      10_000,
    );
    await page.waitForFunction(
      () => document.querySelector('tessera-card')?.frame?.title === 'Paiement par carte',
    );
    assert.equal((await frameCensus(page)).iframes['tessera-card'], 1);
  });

  it('leaves one frame, no detached frames and its listeners after v-if toggles', async () => {
    const toggle = page.getByLabel('Pay by card');
    for (let round = 0; round < ROUNDS; round += 1) {
      await toggle.uncheck();
      assert.equal(await page.locator('tessera-card').count(), 0);
      await toggle.check();
    }
    await elementsReady(page);
    const census = await frameCensus(page);
    assert.deepEqual(census.iframes, { 'tessera-card': 1 });
    assert.equal(census.detached, 0, 'iframes of unmounted cards are still held');
    assert.equal(census.listeners, baseline.listeners, 'listeners on window and document');
    // The new card got the props the old one had.
    assert.deepEqual(await boundProps(page), { theme: 'night', attribute: null, locale: 'fr' });
  });

  it('makes a token the merchant retrieves, with no console errors', async () => {
    await typeInSecureFrame(page, 'tessera-card', '#number', '4242424242424242');
    await typeInSecureFrame(page, 'tessera-card', '#expiry', EXPIRY);
    await typeInSecureFrame(page, 'tessera-card', '#cvc', '123');
    await typeInSecureFrame(page, 'tessera-card', '#postalCode', '94107');
    await page.getByLabel('Name on card').fill('Jenny Rosen');
    const pay = page.getByRole('button', { name: /^Pay / });
    await pay.click();
    const status = page.getByRole('status');
    await status.filter({ hasText: /tok_/ }).waitFor();
    const id = /tok_\w+/.exec((await status.textContent()) ?? '')?.[0];
    assert.ok(id && stack, 'no token id on the page');
    const token = (await stack.retrieve(id)) as {
      card?: { last4: string; exp_month: number; exp_year: number; name?: string };
    };
    assert.deepEqual(
      [token.card?.last4, token.card?.exp_month, token.card?.exp_year, token.card?.name],
      ['4242', 12, EXPIRY_YEAR, 'Jenny Rosen'],
    );
    assert.deepEqual(browser?.problems, []);
  });
});
