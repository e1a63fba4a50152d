/**
 * Screenshots of the demo checkout in a real browser (Debian's Chromium through
 * playwright-core): starts the built token server and the demo on two origins, pays with the
 * no-JavaScript form, fills the JavaScript card element, creates a token, asks the merchant
 * backend about it, and saves the pages as PNG files.
 *
 *   npm run build && node --import tsx demo/screenshot.ts [output directory, default /tmp]
 *
 * Writes demo-desktop.png (1280 wide, full page), demo-desktop-used.png (after "Use once"
 * twice) and demo-mobile.png (390 wide, full page); then, switching the page's display controls,
 * one desktop page per element theme and page lightness (demo-<theme>-<light|dark>.png: a card
 * typed in, an invalid number in the split fields) and the Arabic page (demo-ar-rtl.png),
 * loaded by its URL. Any console error or warning fails the run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  click,
  elementsReady,
  launchChromium,
  secureFrame,
  settle,
  typeCard,
  EXPIRY,
} from './browser-driver.js';
import { startDemoServer } from './server.js';
import { startTokenServer } from './token-server.js';

const outDir = resolve(process.argv[2] ?? '/tmp');

const DESKTOP = { width: 1280, height: 900 };
const THEMES = ['stripe', 'night', 'flat'] as const;
const PAGE_SCHEMES = ['light', 'dark'] as const;

/** Every secure element of the checkout page, by selector. */
const CHECKOUT_ELEMENTS = [
  'form[data-flow="card"] tessera-card',
  '[data-flow="split"] tessera-card-number',
  '[data-flow="split"] tessera-card-expiry',
  '[data-flow="split"] tessera-card-cvc',
  'tessera-bank-account',
  '[data-flow="cvc"] tessera-card-cvc',
];

/**
 * A full-page screenshot with every secure field painted: Chromium does not paint cross-origin
 * frames outside the viewport, so the viewport grows to the page's height first.
 */
async function fullPage(page: Page, path: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  for (let height = 0, i = 0; i < 4; i++) {
    const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    if (pageHeight === height) break;
    height = pageHeight;
    await page.setViewportSize({ width: viewport.width, height });
    await settle(page);
  }
  await page.waitForTimeout(300);
  await page.screenshot({ path, fullPage: true });
  await page.setViewportSize(viewport);
}

async function checkout(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await elementsReady(page);

  // 1. No JavaScript: a plain form post, rendered inside the embedded page.
  const noJs = page.frameLocator('#no-js-frame');
  await typeCard(secureFrame(noJs, 'tessera-card'), '4242424242424242');
  await click(page, noJs.getByRole('button', { name: /Pay/ }));
  await noJs.getByRole('heading', { name: 'Payment received' }).waitFor();

  // 2. The card element, through the JavaScript API.
  await typeCard(secureFrame(page, 'form[data-flow="card"] tessera-card'), '4242424242424242');
  // 3 and 4: split fields and the bank account complete (live state, no token).
  await secureFrame(page, '[data-flow="split"] tessera-card-number')
    .locator('#number')
    .pressSequentially('5555555555554444');
  await secureFrame(page, '[data-flow="split"] tessera-card-expiry')
    .locator('#expiry')
    .pressSequentially(EXPIRY);
  await secureFrame(page, '[data-flow="split"] tessera-card-cvc')
    .locator('#cvc')
    .pressSequentially('123');
  const bank = secureFrame(page, 'tessera-bank-account');
  await bank.locator('#accountHolderName').pressSequentially('Jenny Rosen');
  await bank.locator('#routingNumber').pressSequentially('110000000');
  await bank.locator('#accountNumber').pressSequentially('000123456789');

  await click(page, page.locator('form[data-flow="card"] button[type="submit"]'));
  await page.locator('#result-json').waitFor();
  await click(page, page.getByRole('button', { name: 'Retrieve token' }));
  await page.locator('#backend-json').waitFor();
  await page.locator('#backend-request .status').waitFor();
}

/** A page in a fresh context; its console errors and warnings are added to `problems`. */
async function openPage(
  browser: Browser,
  name: string,
  viewport: { width: number; height: number },
  problems: string[],
): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('console', (message) => {
    // The second "Use once" is refused on purpose (400 token_already_used).
    const expected = message.location().url.endsWith('/use');
    if (!expected && (message.type() === 'error' || message.type() === 'warning')) {
      problems.push(`${name} console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`${name} page error: ${error.message}`));
  return page;
}

/**
 * Waits until every secure field of the page, and the no-JavaScript page (reloaded with the
 * new query), show `theme` on a page of `scheme`, then types a card into the no-JS form.
 */
async function displayApplied(
  page: Page,
  theme: (typeof THEMES)[number],
  scheme: (typeof PAGE_SCHEMES)[number],
): Promise<void> {
  for (const selector of CHECKOUT_ELEMENTS) {
    await secureFrame(page, selector).locator(`.theme-${theme}`).waitFor();
  }
  const noJs = page.frameLocator('#no-js-frame');
  await noJs.locator(`html[data-theme="${scheme}"]`).waitFor({ state: 'attached' });
  const noJsCard = secureFrame(noJs, 'tessera-card');
  await noJsCard.locator(`.theme-${theme}`).waitFor();
  await typeCard(noJsCard, '4242424242424242');
  // The frames restyle their labels and errors for the page's new text colour.
  await settle(page);
  await page.waitForTimeout(300);
}

/**
 * One desktop page per element theme and page lightness, switched with the page's own
 * controls: a card typed in the card element, an invalid number in the split fields.
 */
async function themeShots(page: Page, url: string): Promise<string[]> {
  await page.goto(`${url}/?theme=stripe&page=light`);
  await elementsReady(page);
  await typeCard(secureFrame(page, 'form[data-flow="card"] tessera-card'), '4242424242424242');
  const split = (tag: string) => secureFrame(page, `[data-flow="split"] ${tag}`);
  await split('tessera-card-number').locator('#number').pressSequentially('4242424242424241');
  await split('tessera-card-expiry').locator('#expiry').pressSequentially(EXPIRY);
  await split('tessera-card-cvc').locator('#cvc').pressSequentially('123');
  await split('tessera-card-number')
    .locator('#error')
    .filter({ hasText: 'Your card number is invalid.' })
    .waitFor();

  const written: string[] = [];
  for (const theme of THEMES) {
    for (const scheme of PAGE_SCHEMES) {
      await page.getByRole('radio', { name: theme }).check();
      await page.getByRole('radio', { name: scheme }).check();
      await displayApplied(page, theme, scheme);
      const query = new URL(page.url()).searchParams;
      if (query.get('theme') !== theme || query.get('page') !== scheme) {
        throw new Error(`The page's URL does not show ${theme}, ${scheme}: ${page.url()}`);
      }
      const file = `demo-${theme}-${scheme}.png`;
      await fullPage(page, join(outDir, file));
      written.push(file);
    }
  }
  // The choices survive a reload: the server renders the page from its URL.
  await page.reload();
  await elementsReady(page);
  const checked = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>('.preferences input:checked')].map(
      (input) => input.value,
    ),
  );
  if (checked.join() !== 'flat,dark') throw new Error(`After a reload: ${checked.join()}`);
  return written;
}

/** The Arabic page, loaded by its URL: right to left, a card number typed into the card element. */
async function rtlShot(page: Page, url: string): Promise<string> {
  await page.goto(`${url}/?locale=ar`);
  await elementsReady(page);
  const dir = await page.evaluate(() => document.documentElement.dir);
  if (dir !== 'rtl') throw new Error(`The Arabic page's direction is ${dir}`);
  const card = secureFrame(page, 'form[data-flow="card"] tessera-card');
  await card.locator('html[lang="ar"][dir="rtl"]').waitFor({ state: 'attached' });
  await card.locator('#number').pressSequentially('4242424242424242');
  await secureFrame(page.frameLocator('#no-js-frame'), 'tessera-card')
    .locator('html[lang="ar"]')
    .waitFor({ state: 'attached' });
  const file = 'demo-ar-rtl.png';
  await fullPage(page, join(outDir, file));
  return file;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-demo-'));
  const vault = await startTokenServer({ db: join(dir, 'tessera.db'), port: 0, logLevel: 'warn' });
  const demo = await startDemoServer({
    vaultUrl: vault.url,
    publishableKey: vault.keys.publishable_key,
    secretKey: vault.keys.secret_key,
    port: 0,
  });
  const browser = await launchChromium();
  const problems: string[] = [];
  const written: string[] = [];
  try {
    for (const [name, viewport] of [
      ['desktop', DESKTOP],
      ['mobile', { width: 390, height: 844 }],
    ] as const) {
      const page = await openPage(browser, name, viewport, problems);
      try {
        await checkout(page, demo.url);
      } catch (error) {
        await page.screenshot({ path: join(outDir, `demo-${name}-failed.png`), fullPage: true });
        throw error;
      }
      await fullPage(page, join(outDir, `demo-${name}.png`));
      written.push(`demo-${name}.png`);
      if (name === 'desktop') {
        const use = page.getByRole('button', { name: 'Use once' });
        await click(page, use);
        await page.locator('#backend-request .status-ok').waitFor();
        await click(page, use);
        await page.locator('#backend-request .status-error').waitFor();
        await fullPage(page, join(outDir, 'demo-desktop-used.png'));
        written.push('demo-desktop-used.png');
      }
      await page.context().close();
    }
    for (const [name, shoot] of [
      ['themes', themeShots],
      ['rtl', rtlShot],
    ] as const) {
      const page = await openPage(browser, name, DESKTOP, problems);
      try {
        written.push(...[await shoot(page, demo.url)].flat());
      } catch (error) {
        await page.screenshot({ path: join(outDir, `demo-${name}-failed.png`), fullPage: true });
        throw error;
      }
      await page.context().close();
    }
  } finally {
    if (problems.length > 0) console.log(`Browser console:\n  ${problems.join('\n  ')}`);
    await browser.close();
    await demo.close();
    await vault.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`Screenshots in ${outDir}: ${written.join(', ')}`);
  if (problems.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
