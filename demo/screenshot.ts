/**
 * Screenshots of the demo checkout in a real browser (Debian's Chromium through
 * playwright-core): starts the built token server and the demo on two origins, pays with the
 * no-JavaScript form, fills the JavaScript card element, creates a token, asks the merchant
 * backend about it, and saves the pages as PNG files.
 *
 *   npm run build && node --import tsx demo/screenshot.ts [output directory, default /tmp]
 *
 * Writes demo-desktop.png (1280 wide, full page), demo-desktop-used.png (after "Use once"
 * twice) and demo-mobile.png (390 wide, full page).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
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
  try {
    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['mobile', { width: 390, height: 844 }],
    ] as const) {
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
      try {
        await checkout(page, demo.url);
      } catch (error) {
        await page.screenshot({ path: join(outDir, `demo-${name}-failed.png`), fullPage: true });
        throw error;
      }
      await fullPage(page, join(outDir, `demo-${name}.png`));
      if (name === 'desktop') {
        const use = page.getByRole('button', { name: 'Use once' });
        await click(page, use);
        await page.locator('#backend-request .status-ok').waitFor();
        await click(page, use);
        await page.locator('#backend-request .status-error').waitFor();
        await fullPage(page, join(outDir, 'demo-desktop-used.png'));
      }
      await context.close();
    }
  } finally {
    if (problems.length > 0) console.log(`Browser console:\n  ${problems.join('\n  ')}`);
    await browser.close();
    await demo.close();
    await vault.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`Screenshots in ${outDir}: demo-desktop.png, demo-desktop-used.png, demo-mobile.png`);
  if (problems.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
