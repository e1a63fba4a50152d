/**
 * End-to-end tests of the demo checkout in a real browser (Debian's Chromium through
 * playwright-core): the built token server (`dist/cli.js serve --dev`) on 127.0.0.1 and the demo
 * merchant on localhost, two origins as in production. Covers the ESM path (`/`, the npm build)
 * and the script-tag path (`/no-js`), Stripe's test cards, validation messages, the bank account,
 * CVC re-collection and split-field panels, and what the host page can and cannot see.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import {
  autofill,
  click,
  elementsReady,
  launchChromium,
  secureFrame,
  typeCard,
  EXPIRY,
  EXPIRY_YEAR,
} from '../../demo/browser-driver.js';
import type { RunningDemo } from '../../demo/server.js';
import type { TestKeys, TokenServer } from '../../demo/token-server.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';

const CARD_FORM = 'form[data-flow="card"]';

/** One request the page (or any of its frames) made. */
interface Recorded {
  url: string;
  method: string;
  postData: string;
  /** The URL of the frame that made it, when Playwright knows it. */
  frameUrl: string;
}

/** A page with every request it makes recorded. */
interface Session {
  context: BrowserContext;
  page: Page;
  requests: Recorded[];
  /** Uncaught errors of the page. */
  errors: string[];
  /** What documents of the host's origin wrote to the console. */
  hostConsole: string[];
  /** {@link hostSnapshot} once the page's elements were ready. */
  initialSnapshot: string;
}

/** The token as `GET /v1/tokens/:id` returns it to the secret key. */
interface RetrievedToken {
  id: string;
  type: string;
  used: boolean;
  card?: { last4: string; brand: string; exp_month: number; exp_year: number };
  bank_account?: { last4: string; routing_number: string };
}

/** What a card token says of its card: last4, brand, expiry month and year. */
function cardSummary(token: RetrievedToken): unknown[] {
  return [token.card?.last4, token.card?.brand, token.card?.exp_month, token.card?.exp_year];
}

/** Matches `number`'s digits in order, with spaces, dashes or their URL encodings between. */
function digitsPattern(number: string): RegExp {
  return new RegExp(number.split('').join('(?:[\\s-]|%20|\\+|%2D)*'), 'i');
}

/** Everything the host document holds as text: its markup, input values, storage and cookies. */
function hostSnapshot(page: Page): Promise<string> {
  return page.evaluate(() =>
    [
      document.documentElement.outerHTML,
      ...[...document.querySelectorAll('input, textarea')].map(
        (field) => (field as HTMLInputElement).value,
      ),
      JSON.stringify(Object.entries(localStorage)),
      JSON.stringify(Object.entries(sessionStorage)),
      document.cookie,
    ].join('\n'),
  );
}

/**
 * What the host document gets when it tries to read each Tessera frame's document: `null` (no
 * access) or `SecurityError`; anything else (e.g. `"readable"`) is a leak.
 */
function readFramesFromHost(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const frames = [...document.querySelectorAll('*')]
      .map((el) => el.shadowRoot?.querySelector('iframe'))
      .filter((frame): frame is HTMLIFrameElement => frame != null);
    return frames.flatMap((frame) => {
      const outcomes: string[] = [];
      try {
        outcomes.push(frame.contentDocument === null ? 'null' : 'readable');
      } catch (error) {
        outcomes.push((error as Error).name);
      }
      try {
        const input = frame.contentWindow?.document.querySelector('input');
        outcomes.push(input ? `readable:${input.value}` : 'readable');
      } catch (error) {
        outcomes.push((error as Error).name);
      }
      return outcomes;
    });
  });
}

describe('demo checkout in Chromium (end to end)', () => {
  let stack: DemoStack;
  let vault: TokenServer;
  let keys: TestKeys;
  let demo: RunningDemo;
  let browser: Browser;

  before(async () => {
    stack = await startDemoStack();
    ({ vault, keys, demo } = stack);
    try {
      browser = await launchChromium();
    } catch (error) {
      await stack.stop();
      throw error;
    }
  });

  after(async () => {
    await browser.close();
    await stack.stop();
  });

  /** Opens `path` of the demo in a fresh context, recording every request of the page. */
  async function open(path: string): Promise<Session> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const requests: Recorded[] = [];
    const errors: string[] = [];
    page.on('request', (request: Request) => {
      let frameUrl = '';
      try {
        frameUrl = request.frame().url();
      } catch {
        // A request without a frame (e.g. a service worker's): judged by its URL alone.
      }
      requests.push({
        url: request.url(),
        method: request.method(),
        postData: request.postData() ?? '',
        frameUrl,
      });
    });
    const hostConsole: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (isOrigin(message.location().url, new URL(demo.url).origin)) {
        hostConsole.push(message.text());
      }
    });
    await page.goto(`${demo.url}${path}`);
    await elementsReady(page);
    const initialSnapshot = await hostSnapshot(page);
    return { context, page, requests, errors, hostConsole, initialSnapshot };
  }

  async function close(session: Session): Promise<void> {
    await session.context.close();
    assert.deepEqual(session.errors, [], 'no uncaught error on the page');
  }

  function isOrigin(url: string, origin: string): boolean {
    try {
      return new URL(url).origin === origin;
    } catch {
      return false;
    }
  }

  /**
   * The host page never saw `number`: no request from the host's origin (sent by a demo-origin
   * document, or to the demo origin) carries it, and neither does the host document's text,
   * storage, cookies or console. The vault frame's POST to /v1/tokens does carry it, which
   * shows the recording sees out-of-process frames.
   */
  async function assertHostNeverSaw(session: Session, number: string): Promise<void> {
    const pattern = digitsPattern(number);
    const demoOrigin = new URL(demo.url).origin;
    const vaultOrigin = new URL(vault.url).origin;
    const fromHost = session.requests.filter(
      (r) => isOrigin(r.url, demoOrigin) || isOrigin(r.frameUrl, demoOrigin),
    );
    assert.ok(fromHost.length > 0, 'the host page made requests');
    for (const r of fromHost) {
      assert.doesNotMatch(r.url, pattern, `${r.method} ${r.url} carries the card number`);
      assert.doesNotMatch(r.postData, pattern, `${r.method} ${r.url} body carries the number`);
    }
    // The demo lists the test cards for people to copy, so the page may show the number from
    // the start: what counts is that it gains no copy.
    const snapshot = await hostSnapshot(session.page);
    const count = (text: string) => text.split(pattern).length - 1;
    assert.equal(
      count(snapshot),
      count(session.initialSnapshot),
      'the host page gained the number',
    );
    for (const text of session.hostConsole) assert.doesNotMatch(text, pattern);
    const toVault = session.requests.filter(
      (r) =>
        r.method === 'POST' &&
        isOrigin(r.url, vaultOrigin) &&
        new URL(r.url).pathname === '/v1/tokens',
    );
    assert.ok(
      toVault.some((r) => isOrigin(r.frameUrl, vaultOrigin) && pattern.test(r.postData)),
      'the vault frame posted the number to /v1/tokens',
    );
  }

  /** Token creations the browser attempted. */
  function tokenPosts(requests: Recorded[]): Recorded[] {
    return requests.filter((r) => r.method === 'POST' && r.url.endsWith('/v1/tokens'));
  }

  /** `GET /v1/tokens/:id` with the secret key, from Node (as a merchant backend would). */
  async function retrieve(id: string): Promise<RetrievedToken> {
    const response = await fetch(`${vault.url}/v1/tokens/${id}`, {
      headers: { authorization: `Bearer ${keys.secret_key}` },
    });
    const text = await response.text();
    assert.equal(response.status, 200, text);
    return JSON.parse(text) as RetrievedToken;
  }

  /** Submits a checkout form and returns the id of the token the Result panel shows. */
  async function submitFlow(page: Page, flow: string, idPattern = /^tok_\w+$/): Promise<string> {
    await click(page, page.locator(`form[data-flow="${flow}"] button[type="submit"]`));
    const code = page.locator('#result-summary code');
    await code.waitFor();
    const id = (await code.textContent()) ?? '';
    assert.match(id, idPattern);
    return id;
  }

  /** Stripe's test cards the issue names, with what the vault must report for each. */
  const cards = [
    { name: 'Visa', number: '4242424242424242', brand: 'Visa', cvc: '123' },
    {
      name: 'Amex (4-digit CVC)',
      number: '378282246310005',
      brand: 'American Express',
      cvc: '1234',
    },
    { name: 'Mastercard 2-series', number: '2223003122003222', brand: 'MasterCard', cvc: '123' },
    { name: 'Diners 14-digit', number: '36227206271667', brand: 'Diners Club', cvc: '123' },
    { name: 'UnionPay 19-digit', number: '6205500000000000004', brand: 'UnionPay', cvc: '123' },
  ];
  type TestCard = (typeof cards)[number];

  /**
   * Submits the no-JavaScript form, checks the receipt, and returns the token id the form
   * posted (the only field of its body).
   */
  async function payWithoutJs(session: Session, card: TestCard): Promise<string> {
    const { page } = session;
    await click(page, page.getByRole('button', { name: /Pay/ }));
    await page.getByRole('heading', { name: 'Payment received' }).waitFor();
    const receipt = `${card.brand} •••• ${card.number.slice(-4)} · expires 12/${String(EXPIRY_YEAR)}`;
    assert.match((await page.locator('body').textContent()) ?? '', new RegExp(receipt));
    const pay = session.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/pay'));
    assert.equal(pay.length, 1, 'one form post');
    const id = /^token=(tok_\w+)$/.exec(pay[0]?.postData ?? '')?.[1];
    assert.ok(id, `the form posted ${pay[0]?.postData ?? 'nothing'}`);
    return id;
  }

  /** The three ways a page collects a card: each types `card` and returns the token id. */
  const integrations = [
    {
      name: 'ESM card element',
      path: '/',
      async tokenize(session: Session, card: TestCard): Promise<string> {
        const { page } = session;
        await typeCard(secureFrame(page, `${CARD_FORM} tessera-card`), card.number, card);
        const id = await submitFlow(page, 'card');
        assert.equal(await page.locator('#result-kind').textContent(), 'Card');
        return id;
      },
    },
    {
      name: 'ESM split fields',
      path: '/',
      async tokenize(session: Session, card: TestCard): Promise<string> {
        const { page } = session;
        const split = (tag: string, id: string) =>
          secureFrame(page, `[data-flow="split"] ${tag}`).locator(id);
        await split('tessera-card-number', '#number').pressSequentially(card.number);
        await split('tessera-card-expiry', '#expiry').pressSequentially(EXPIRY);
        await split('tessera-card-cvc', '#cvc').pressSequentially(card.cvc);
        return submitFlow(page, 'split');
      },
    },
    {
      name: 'script tag, no-JS form',
      path: '/no-js',
      async tokenize(session: Session, card: TestCard): Promise<string> {
        await typeCard(secureFrame(session.page, 'tessera-card'), card.number, card);
        return payWithoutJs(session, card);
      },
    },
  ];

  for (const integration of integrations) {
    for (const card of cards) {
      it(`${integration.name}: ${card.name} becomes a token the backend retrieves; the host never sees the number`, async () => {
        const session = await open(integration.path);
        const id = await integration.tokenize(session, card);
        const token = await retrieve(id);
        assert.equal(token.type, 'card');
        assert.equal(token.used, false);
        assert.deepEqual(cardSummary(token), [card.number.slice(-4), card.brand, 12, EXPIRY_YEAR]);
        await assertHostNeverSaw(session, card.number);
        await close(session);
      });
    }
  }

  /** Forces the card form's submit (its button is disabled) and checks no token is created. */
  async function assertNoTokenOnSubmit(session: Session, message: RegExp): Promise<void> {
    const { page } = session;
    const button = page.locator(`${CARD_FORM} button[type="submit"]`);
    assert.equal(await button.isDisabled(), true, 'the button stays disabled');
    await button.evaluate((el) => {
      (el as HTMLButtonElement).disabled = false;
    });
    await click(page, button);
    await page.locator(`${CARD_FORM} .form-error`).filter({ hasText: message }).waitFor();
    assert.equal(await page.locator('#result-kind').textContent(), 'No token yet');
    assert.deepEqual(tokenPosts(session.requests), [], 'no POST /v1/tokens');
  }

  it('an invalid number (4242424242424241) shows "Your card number is invalid." and creates no token', async () => {
    const session = await open('/');
    const frame = secureFrame(session.page, `${CARD_FORM} tessera-card`);
    await typeCard(frame, '4242424242424241');
    await frame.locator('#error').filter({ hasText: 'Your card number is invalid.' }).waitFor();
    assert.equal(await frame.locator('#number').getAttribute('aria-invalid'), 'true');
    await assertNoTokenOnSubmit(session, /Your card number is invalid\./);
    await close(session);
  });

  it('a past expiry shows the expiry-in-the-past message and creates no token', async () => {
    const session = await open('/');
    const frame = secureFrame(session.page, `${CARD_FORM} tessera-card`);
    await typeCard(frame, '4242424242424242', { expiry: '0120' });
    const message = /Your card's expiration (year|date) is in the past\./;
    await frame.locator('#error').filter({ hasText: message }).waitFor();
    assert.equal(await frame.locator('#expiry').getAttribute('aria-invalid'), 'true');
    await assertNoTokenOnSubmit(session, message);
    await close(session);
  });

  it('pasting a number with spaces and dashes (fill) formats it and tokenizes it', async () => {
    const session = await open('/');
    const { page } = session;
    const frame = secureFrame(page, `${CARD_FORM} tessera-card`);
    await frame.locator('#number').fill('4242 4242-4242 4242');
    assert.equal(await frame.locator('#number').inputValue(), '4242 4242 4242 4242');
    await frame.locator('#expiry').pressSequentially(EXPIRY);
    await frame.locator('#cvc').pressSequentially('123');
    await frame.locator('#postalCode').pressSequentially('94107');
    const token = await retrieve(await submitFlow(page, 'card'));
    assert.deepEqual([token.card?.last4, token.card?.brand], ['4242', 'Visa']);
    await assertHostNeverSaw(session, '4242424242424242');
    await close(session);
  });

  it('autofill (every field set at once, focus untouched) tokenizes', async () => {
    const session = await open('/');
    const { page } = session;
    await autofill(secureFrame(page, `${CARD_FORM} tessera-card`), {
      'cc-number': '5555555555554444',
      'cc-exp': `12/${EXPIRY.slice(2)}`,
      'cc-csc': '123',
      'postal-code': '94107',
    });
    const token = await retrieve(await submitFlow(page, 'card'));
    assert.deepEqual(cardSummary(token), ['4444', 'MasterCard', 12, EXPIRY_YEAR]);
    await assertHostNeverSaw(session, '5555555555554444');
    await close(session);
  });

  it('split fields: autofill into the number frame fills the expiry and CVC frames too', async () => {
    const session = await open('/');
    const { page } = session;
    await autofill(secureFrame(page, '[data-flow="split"] tessera-card-number'), {
      'cc-number': '4000056655665556',
      'cc-exp': `12/${EXPIRY.slice(2)}`,
      'cc-csc': '123',
    });
    // The Create token button enables once all three frames report complete.
    const token = await retrieve(await submitFlow(page, 'split'));
    const split = (tag: string, id: string) =>
      secureFrame(page, `[data-flow="split"] ${tag}`).locator(id).inputValue();
    assert.equal(await split('tessera-card-expiry', '#expiry'), `12 / ${EXPIRY.slice(2)}`);
    assert.equal(await split('tessera-card-cvc', '#cvc'), '123');
    assert.deepEqual(cardSummary(token), ['5556', 'Visa', 12, EXPIRY_YEAR]);
    await assertHostNeverSaw(session, '4000056655665556');
    await close(session);
  });

  it('the bank account panel creates a bank_account token', async () => {
    const session = await open('/');
    const { page } = session;
    const bank = secureFrame(page, 'tessera-bank-account');
    await bank.locator('#accountHolderName').pressSequentially('Jenny Rosen');
    await bank.locator('#routingNumber').pressSequentially('110000000');
    await bank.locator('#accountNumber').pressSequentially('000123456789');
    const id = await submitFlow(page, 'bank', /^btok_\w+$|^tok_\w+$/);
    assert.equal(await page.locator('#result-kind').textContent(), 'Bank account');
    const token = await retrieve(id);
    assert.equal(token.type, 'bank_account');
    assert.deepEqual(
      [token.bank_account?.last4, token.bank_account?.routing_number],
      ['6789', '110000000'],
    );
    await assertHostNeverSaw(session, '000123456789');
    await close(session);
  });

  it('the CVC re-collection panel creates a cvc_update token', async () => {
    const session = await open('/');
    const { page } = session;
    await secureFrame(page, '[data-flow="cvc"] tessera-card-cvc')
      .locator('#cvc')
      .pressSequentially('123');
    const id = await submitFlow(page, 'cvc', /^cvctok_\w+$/);
    assert.equal(await page.locator('#result-kind').textContent(), 'CVC update');
    const token = await retrieve(id);
    assert.equal(token.type, 'cvc_update');
    assert.equal(token.id, id);
    await close(session);
  });

  it('ESM page: the host document cannot read any secure frame (null or SecurityError)', async () => {
    const session = await open('/');
    await secureFrame(session.page, `${CARD_FORM} tessera-card`)
      .locator('#number')
      .pressSequentially('4242424242424242');
    const outcomes = await readFramesFromHost(session.page);
    // card, split number/expiry/CVC, bank account, lone CVC: two attempts each.
    assert.equal(outcomes.length, 12, outcomes.join(', '));
    for (const outcome of outcomes) assert.match(outcome, /^(null|SecurityError)$/);
    await close(session);
  });

  it('script-tag page (/no-js): the host document cannot read the secure frame', async () => {
    const session = await open('/no-js');
    await typeCard(secureFrame(session.page, 'tessera-card'), '4242424242424242');
    const outcomes = await readFramesFromHost(session.page);
    assert.equal(outcomes.length, 2, outcomes.join(', '));
    for (const outcome of outcomes) assert.match(outcome, /^(null|SecurityError)$/);
    await close(session);
  });

  it('script-tag page (/no-js): submitting an incomplete card posts nothing and says why', async () => {
    const session = await open('/no-js');
    const { page } = session;
    await secureFrame(page, 'tessera-card').locator('#number').pressSequentially('4242424242');
    await click(page, page.getByRole('button', { name: /Pay/ }));
    const error = secureFrame(page, 'tessera-card').locator('#error');
    await error.filter({ hasText: /incomplete/ }).waitFor();
    assert.equal(page.url(), `${demo.url}/no-js`, 'still on the checkout');
    assert.deepEqual(
      session.requests.filter((r) => r.method === 'POST'),
      [],
      'no form post and no token request',
    );
    await close(session);
  });
});
