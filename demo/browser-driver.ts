/**
 * Driving the demo checkout in a real browser (Debian's Chromium through playwright-core): what
 * `demo/screenshot.ts` and the end-to-end tests (`test/e2e/`) share.
 */
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.js';
import {
  chromium,
  type Browser,
  type FrameLocator,
  type Locator,
  type Page,
} from 'playwright-core';

/** The year every test card expires in: two years from now. */
export const EXPIRY_YEAR = new Date().getUTCFullYear() + 2;

/** December of {@link EXPIRY_YEAR} as typed into an expiry input (`MMYY`). */
export const EXPIRY = `12${String(EXPIRY_YEAR % 100).padStart(2, '0')}`;

/** Every Tessera element tag, for waiting on a page's elements. */
const ELEMENT_TAGS = [
  'tessera-card',
  'tessera-card-number',
  'tessera-card-expiry',
  'tessera-card-cvc',
  'tessera-bank-account',
].join(',');

/** Headless Chromium (see `scripts/chromium.ts`: which binary, and why these flags). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
}

/** The secure frame inside the element matched by `selector` (Playwright pierces shadow roots). */
export function secureFrame(scope: Page | FrameLocator, selector: string): FrameLocator {
  return scope.frameLocator(`${selector} iframe`);
}

/** Waits until the page has Tessera elements and every one of them has its frame ready. */
export async function elementsReady(page: Page): Promise<void> {
  await page.waitForFunction((tags) => document.querySelectorAll(tags).length > 0, ELEMENT_TAGS);
  await page.evaluate(
    (tags) =>
      Promise.all(
        [...document.querySelectorAll(tags)].map(
          (el) => (el as HTMLElement & { ready: Promise<void> }).ready,
        ),
      ),
    ELEMENT_TAGS,
  );
}

/** Two animation frames: lets headless Chromium repaint out-of-process frames after a change. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/**
 * Clicks `locator` once it is scrolled into view and painted. Right after a scroll, headless
 * Chromium may still route the click by the old positions of out-of-process frames, so it
 * would land in whatever frame was there before.
 */
export async function click(page: Page, locator: Locator): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  await settle(page);
  await locator.click();
}

/** What {@link typeCard} types besides the number. */
export interface CardDetails {
  /** `MMYY`; default {@link EXPIRY}. */
  expiry?: string;
  /** Default `123`. */
  cvc?: string;
  /** Default `94107`. */
  postalCode?: string;
}

/** Types a whole card into a combined card frame, key by key as a user would. */
export async function typeCard(
  frame: FrameLocator,
  number: string,
  { expiry = EXPIRY, cvc = '123', postalCode = '94107' }: CardDetails = {},
): Promise<void> {
  await frame.locator('#number').pressSequentially(number);
  await frame.locator('#expiry').pressSequentially(expiry);
  await frame.locator('#cvc').pressSequentially(cvc);
  await frame.locator('#postalCode').pressSequentially(postalCode);
}

/**
 * Fills inputs of a secure frame the way browser autofill does: every value set in one task,
 * each followed by `input` and `change`, without moving the focus. Keys are `autocomplete`
 * tokens (`cc-number`, `cc-exp`, `cc-csc`, `postal-code`); a frame's hidden autofill inputs
 * count too, as they do for the browser.
 */
export async function autofill(frame: FrameLocator, values: Record<string, string>): Promise<void> {
  await frame.locator('tessera-frame-app').evaluate((app, entries) => {
    const root = app.shadowRoot ?? app;
    for (const [autocomplete, value] of Object.entries(entries)) {
      const input = root.querySelector<HTMLInputElement>(`input[autocomplete="${autocomplete}"]`);
      if (!input) throw new Error(`no input with autocomplete="${autocomplete}"`);
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }, values);
}
