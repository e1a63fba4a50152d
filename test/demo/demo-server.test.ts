import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LOCALES, THEMES } from '../../demo/preferences.js';
import { buildDemoApp, type RunningDemo } from '../../demo/server.js';
import type { TestKeys, TokenServer } from '../../demo/token-server.js';
import { ROOT } from '../helpers/paths.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { createToken, visaCard } from '../../server/test/helpers/http.js';
import {
  RTL_LOCALES,
  SUPPORTED_LOCALES,
  THEMES as ELEMENT_THEMES,
} from '../../src/protocol/index.js';

const FULL_NUMBER = '4242424242424242';
const DEMO_PUBLIC = join(ROOT, 'demo', 'public');
const ESM_BUILD = join(ROOT, 'dist', 'esm');

/** A GET or POST to the demo, with its body as text. */
async function fetchText(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** `POST /pay` as the no-JavaScript form sends it. */
function postForm(url: string, body: string): Promise<{ status: number; text: string }> {
  return fetchText(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

/** Every file below `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

/** The opening tag of the first `<name …>` of a page, with its attributes on one line. */
function openingTag(html: string, name: string): string {
  const tag = new RegExp(`<${name}\\b[^>]*>`).exec(html)?.[0];
  assert.ok(tag, `the page has a <${name}>`);
  return tag.replace(/\s+/g, ' ');
}

/** The `imports` of the page's import map. */
function importMapOf(html: string): Record<string, string> {
  const json = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1];
  assert.ok(json, 'the page has an import map');
  return (JSON.parse(json) as { imports: Record<string, string> }).imports;
}

describe('demo checkout server', () => {
  let stack: DemoStack;
  let vault: TokenServer;
  let keys: TestKeys;
  let demo: RunningDemo;

  /** A token created the way the page creates one: with the publishable key. */
  async function newToken(params: Record<string, unknown> = visaCard()): Promise<string> {
    const reply = await createToken(vault, params, { key: keys.publishable_key });
    assert.equal(reply.status, 200, reply.text);
    return String(reply.body.id);
  }

  /** Asserts `text` holds neither the secret key nor anything shaped like one. */
  function assertNoSecret(what: string, text: string): void {
    assert.ok(!text.includes(keys.secret_key), `${what} contains the secret key`);
    assert.doesNotMatch(text, /sk_(test|live)_[0-9A-Za-z]/, `${what} contains a secret key`);
  }

  before(async () => {
    stack = await startDemoStack();
    ({ vault, keys, demo } = stack);
  });

  after(() => stack.stop());

  it('runs on another origin than the token server', () => {
    assert.notEqual(new URL(demo.url).origin, new URL(vault.url).origin);
    assert.equal(new URL(demo.url).hostname, 'localhost');
    assert.equal(new URL(vault.url).hostname, '127.0.0.1');
  });

  it('serves the checkout page: the npm build through an import map, the no-JS page framed', async () => {
    const page = await fetchText(`${demo.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(page.text, /<script type="module" src="\/assets\/checkout\.js"><\/script>/);
    assert.match(page.text, /<iframe[^>]*src="\/no-js"/);
    assert.ok(page.text.includes(`data-publishable-key="${keys.publishable_key}"`));
    assert.ok(page.text.includes(`data-vault-origin="${vault.url}"`));
    for (const tag of ['tessera-card', 'tessera-card-number', 'tessera-card-expiry']) {
      assert.ok(page.text.includes(`<${tag} `), tag);
    }
    assert.ok(page.text.includes('<tessera-bank-account '));
    assert.equal(page.text.match(/<tessera-card-cvc /g)?.length, 2, 'split CVC and re-collection');

    const imports = importMapOf(page.text);
    assert.equal(imports.tessera, '/lib/index.js');
    // The elements use Lit's reactive base, which the page loads from node_modules too.
    assert.equal(
      imports['@lit/reactive-element'],
      '/vendor/@lit/reactive-element/reactive-element.js',
    );
    for (const target of Object.values(imports)) {
      assert.doesNotMatch(target, /\/(node|development)\//, `${target}: browser production build`);
    }
    // Only its own scripts, and the import map by the hash of its exact text.
    const csp = page.headers.get('content-security-policy') ?? '';
    const importMapText = /<script type="importmap">([\s\S]*?)<\/script>/.exec(page.text)?.[1];
    const hash = createHash('sha256')
      .update(importMapText ?? '')
      .digest('base64');
    assert.ok(csp.includes(`script-src 'self' 'sha256-${hash}';`), csp);
    assert.ok(csp.includes(`frame-src 'self' ${vault.url}`));
  });

  it('serves the no-JavaScript page: the vault script tag and a plain form posting to /pay', async () => {
    const page = await fetchText(`${demo.url}/no-js`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(`<script src="${vault.url}/v1/tessera.js"></script>`));
    assert.match(page.text, /<form class="flow" method="post" action="\/pay">/);
    assert.equal(
      openingTag(page.text, 'tessera-card'),
      `<tessera-card name="token" publishable-key="${keys.publishable_key}" >`,
    );
    assert.equal(openingTag(page.text, 'html'), '<html lang="en" dir="ltr" data-theme="light">');
    assert.equal(page.text.match(/<script/g)?.length, 1, 'no script besides the vault bundle');
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src http:\/\/127/);
    // The script tag resolves: the token server serves the bundle there.
    const script = await fetchText(`${vault.url}/v1/tessera.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
  });

  it('offers every theme and language the elements have, right to left where they are', () => {
    assert.deepEqual(THEMES, ELEMENT_THEMES);
    assert.deepEqual(
      LOCALES.map(({ tag }) => tag),
      SUPPORTED_LOCALES,
    );
    assert.deepEqual(
      LOCALES.filter((locale) => 'rtl' in locale).map(({ tag }) => tag),
      RTL_LOCALES,
    );
  });

  it('renders the checkout with the display preferences of its query', async () => {
    const page = await fetchText(`${demo.url}/?theme=flat&page=dark&locale=he`);
    assert.equal(page.status, 200);
    assert.equal(
      openingTag(page.text, 'html'),
      '<html lang="he" dir="rtl" data-theme="dark" data-element-theme="flat">',
    );
    assert.match(page.text, /<input type="radio" name="theme" value="flat" checked \/>/);
    assert.match(page.text, /<input type="radio" name="page" value="dark" checked \/>/);
    assert.equal(page.text.match(/ checked /g)?.length, 2, 'one theme, one page lightness');
    assert.match(page.text, /<option value="he" lang="he" data-dir="rtl" selected>עברית<\/option>/);
    assert.equal(page.text.match(/ selected>/g)?.length, 1);
    // The no-JavaScript page is framed with the same preferences.
    assert.match(page.text, /<iframe[^>]*src="\/no-js\?theme=flat&#38;page=dark&#38;locale=he"/);
    // The page's own text stays English.
    assert.match(page.text, /<main id="main" class="container" lang="en">/);
    // Still no inline script but the import map, allowed by its hash.
    const csp = page.headers.get('content-security-policy') ?? '';
    const importMapText = /<script type="importmap">([\s\S]*?)<\/script>/.exec(page.text)?.[1];
    const hash = createHash('sha256')
      .update(importMapText ?? '')
      .digest('base64');
    assert.ok(csp.includes(`script-src 'self' 'sha256-${hash}';`), csp);
    assert.equal(page.text.match(/<script/g)?.length, 2, 'the import map and checkout.js');

    const plain = await fetchText(`${demo.url}/`);
    assert.equal(
      openingTag(plain.text, 'html'),
      '<html lang="en" dir="ltr" data-theme="light" data-element-theme="stripe">',
    );
    assert.match(plain.text, /<option value="auto" selected>Browser language<\/option>/);
    assert.match(plain.text, /<iframe[^>]*src="\/no-js"/);
  });

  it('renders the no-JavaScript page with the theme and language of its query', async () => {
    const page = await fetchText(`${demo.url}/no-js?theme=night&page=dark&locale=ar`);
    assert.equal(page.status, 200);
    assert.equal(openingTag(page.text, 'html'), '<html lang="ar" dir="rtl" data-theme="dark">');
    assert.equal(
      openingTag(page.text, 'tessera-card'),
      `<tessera-card name="token" publishable-key="${keys.publishable_key}" theme="night" locale="ar" lang="ar" >`,
    );
    // The form keeps them for the page it leads to.
    assert.match(page.text, /action="\/pay\?theme=night&#38;page=dark&#38;locale=ar"/);
    assert.equal(
      page.headers.get('content-security-policy'),
      (await fetchText(`${demo.url}/no-js`)).headers.get('content-security-policy'),
    );

    for (const theme of THEMES) {
      const themed = await fetchText(`${demo.url}/no-js?theme=${theme}`);
      const attribute = theme === 'stripe' ? '' : ` theme="${theme}"`;
      assert.ok(openingTag(themed.text, 'tessera-card').endsWith(`"${attribute} >`), theme);
    }
    for (const locale of SUPPORTED_LOCALES) {
      const localized = await fetchText(`${demo.url}/no-js?locale=${encodeURIComponent(locale)}`);
      assert.ok(
        openingTag(localized.text, 'tessera-card').endsWith(
          ` locale="${locale}" lang="${locale}" >`,
        ),
        locale,
      );
      const dir = RTL_LOCALES.includes(locale) ? 'rtl' : 'ltr';
      assert.equal(
        openingTag(localized.text, 'html'),
        `<html lang="${locale}" dir="${dir}" data-theme="light">`,
      );
    }
  });

  it('ignores display preferences it does not know, and reflects nothing of them', async () => {
    const queries = [
      'theme=neon&page=dim&locale=xx',
      'theme=Night&page=DARK&locale=AR',
      'theme=night&theme=flat&page=dark&page=light&locale=de&locale=fr',
      'locale=auto&theme=&page=',
      'locale=de-CH&theme=stripe%20night',
      `theme=${encodeURIComponent('"><script>alert(1)</script>')}`,
      `locale=${encodeURIComponent("ar' onmouseover='alert(1)")}`,
      `page=${encodeURIComponent('dark" data-x="')}`,
      'constructor=1&__proto__=1&toString=1',
    ];
    for (const path of ['/', '/no-js']) {
      const plain = await fetchText(`${demo.url}${path}`);
      for (const query of queries) {
        const page = await fetchText(`${demo.url}${path}?${query}`);
        assert.equal(page.status, 200, `${path}?${query}`);
        // Exactly the page without a query: nothing of it was taken, nothing reflected.
        assert.equal(page.text, plain.text, `${path}?${query}`);
        assert.equal(
          page.headers.get('content-security-policy'),
          plain.headers.get('content-security-policy'),
        );
      }
    }
  });

  it('sends no secret key in any page, script or style', async () => {
    const page = await fetchText(`${demo.url}/`);
    const urls = [
      '/',
      '/no-js',
      ...filesUnder(DEMO_PUBLIC).map((file) => `/assets/${file}`),
      ...filesUnder(ESM_BUILD).map((file) => `/lib/${file}`),
      ...Object.values(importMapOf(page.text)).filter((target) => !target.endsWith('/')),
    ];
    assert.ok(urls.length > 10, urls.join(', '));
    for (const url of urls) {
      const reply = await fetchText(`${demo.url}${url}`);
      assert.equal(reply.status, 200, url);
      assertNoSecret(url, reply.text);
    }
  });

  it('POST /pay keeps the display preferences of its query, and ignores unknown ones', async () => {
    const id = await newToken();
    const themed = await postForm(`${demo.url}/pay?theme=night&page=dark&locale=he`, `token=${id}`);
    assert.equal(themed.status, 200, themed.text);
    assert.equal(openingTag(themed.text, 'html'), '<html lang="he" dir="rtl" data-theme="dark">');
    assert.match(themed.text, /<main class="receipt" lang="en">/);
    assert.match(themed.text, /href="\/no-js\?theme=night&#38;page=dark&#38;locale=he">Start over/);

    const failed = await postForm(`${demo.url}/pay?page=dark&locale=ar`, 'token=');
    assert.equal(failed.status, 400);
    assert.equal(openingTag(failed.text, 'html'), '<html lang="ar" dir="rtl" data-theme="dark">');
    assert.match(failed.text, /href="\/no-js\?page=dark&#38;locale=ar">Try again/);

    const hostile = `page=${encodeURIComponent('"><script>alert(1)</script>')}&theme=x`;
    const plain = await postForm(`${demo.url}/pay?${hostile}`, 'token=');
    assert.equal(openingTag(plain.text, 'html'), '<html lang="en" dir="ltr" data-theme="light">');
    assert.match(plain.text, /href="\/no-js">Try again/);
    assert.doesNotMatch(plain.text, /alert\(|<script/);
  });

  it('POST /pay retrieves the posted token with the secret key and shows its last four digits', async () => {
    const id = await newToken();
    const reply = await postForm(`${demo.url}/pay`, `token=${id}`);
    assert.equal(reply.status, 200, reply.text);
    assert.match(reply.text, /Payment received/);
    assert.match(reply.text, /Visa •••• 4242/);
    assert.ok(reply.text.includes(id));
    assert.match(reply.text, /&#34;last4&#34;: &#34;4242&#34;/, 'the token JSON, escaped');
    assert.ok(!reply.text.includes(FULL_NUMBER));
    assert.doesNotMatch(reply.text, /\d{12,}/, 'no long digit run');
    assertNoSecret('/pay', reply.text);
  });

  it('GET /api/tokens/:id returns the token as the merchant backend sees it', async () => {
    const id = await newToken();
    const reply = await fetchText(`${demo.url}/api/tokens/${id}`);
    assert.equal(reply.status, 200, reply.text);
    const token = JSON.parse(reply.text) as { id: string; used: boolean; card: object };
    assert.equal(token.id, id);
    assert.equal(token.used, false);
    assert.deepEqual(
      { last4: '4242', brand: 'Visa' },
      {
        last4: (token.card as { last4: string }).last4,
        brand: (token.card as { brand: string }).brand,
      },
    );
    assert.ok(!reply.text.includes(FULL_NUMBER));
    assertNoSecret('/api/tokens/:id', reply.text);
  });

  it('POST /api/tokens/:id/use uses a card token once: last4, brand and expiry only', async () => {
    const id = await newToken();
    const first = await fetchText(`${demo.url}/api/tokens/${id}/use`, { method: 'POST' });
    assert.equal(first.status, 200, first.text);
    const body = JSON.parse(first.text) as { used: boolean; received: Record<string, unknown> };
    assert.equal(body.used, true);
    const { fields, ...received } = body.received;
    assert.deepEqual(received, {
      brand: 'Visa',
      last4: '4242',
      exp_month: 12,
      exp_year: new Date().getUTCFullYear() + 2,
    });
    assert.ok(Array.isArray(fields) && fields.includes('number') && fields.includes('cvc'));
    assert.ok(!first.text.includes(FULL_NUMBER));
    assert.ok(!first.text.includes('"123"'), 'no CVC');

    const second = await fetchText(`${demo.url}/api/tokens/${id}/use`, { method: 'POST' });
    assert.equal(second.status, 400);
    const { error } = JSON.parse(second.text) as { error: { code: string; message: string } };
    assert.equal(error.code, 'token_already_used');
    const after = JSON.parse((await fetchText(`${demo.url}/api/tokens/${id}`)).text) as {
      used: boolean;
    };
    assert.equal(after.used, true);
  });

  it('uses bank account and CVC tokens, showing only what proves receipt', async () => {
    const bank = await newToken({
      bank_account: {
        country: 'US',
        currency: 'usd',
        routing_number: '110000000',
        account_number: '000123456789',
        account_holder_type: 'individual',
      },
    });
    const bankReply = await fetchText(`${demo.url}/api/tokens/${bank}/use`, { method: 'POST' });
    assert.equal(bankReply.status, 200, bankReply.text);
    const bankBody = JSON.parse(bankReply.text) as { received: Record<string, unknown> };
    assert.equal(bankBody.received.last4, '6789');
    assert.equal(bankBody.received.routing_number, '110000000');
    assert.ok(!bankReply.text.includes('000123456789'));

    const cvc = await newToken({ cvc_update: { cvc: '123' } });
    assert.match(cvc, /^cvctok_/);
    const cvcReply = await fetchText(`${demo.url}/api/tokens/${cvc}/use`, { method: 'POST' });
    assert.equal(cvcReply.status, 200, cvcReply.text);
    const cvcBody = JSON.parse(cvcReply.text) as {
      type: string;
      received: Record<string, unknown>;
    };
    assert.equal(cvcBody.type, 'cvc_update');
    assert.equal(cvcBody.received.cvc_digits, 3);
    assert.ok(!cvcReply.text.includes('"123"'));
  });

  it('answers a bad or unknown token id with a clear error, never a 500', async () => {
    const malformed = await fetchText(`${demo.url}/api/tokens/not-a-token`);
    assert.equal(malformed.status, 400);
    assert.match(malformed.text, /Not a token id/);

    const unknown = await fetchText(`${demo.url}/api/tokens/tok_doesnotexist123`);
    assert.equal(unknown.status, 404);
    assert.equal(
      (JSON.parse(unknown.text) as { error: { code: string } }).error.code,
      'resource_missing',
    );
    const unknownUse = await fetchText(`${demo.url}/api/tokens/tok_doesnotexist123/use`, {
      method: 'POST',
    });
    assert.equal(unknownUse.status, 404);

    const noToken = await postForm(`${demo.url}/pay`, 'token=');
    assert.equal(noToken.status, 400);
    assert.match(noToken.text, /Payment not completed/);
    assert.match(noToken.text, /posted no token/);

    const notAToken = await postForm(`${demo.url}/pay`, 'token=%3Cscript%3E');
    assert.equal(notAToken.status, 400);
    assert.doesNotMatch(notAToken.text, /<script>/);

    const unknownPay = await postForm(`${demo.url}/pay`, 'token=tok_doesnotexist123');
    assert.equal(unknownPay.status, 404);
    assert.match(unknownPay.text, /No such token/);
  });

  it('reports an unreachable token server as 502, not a crash', async (t) => {
    // Port 9 (discard) on 127.0.0.1: nothing listens there, so connections are refused.
    const app = await buildDemoApp({
      vaultUrl: 'http://127.0.0.1:9',
      publishableKey: keys.publishable_key,
      secretKey: keys.secret_key,
    });
    t.after(() => app.close());
    const api = await app.inject({ url: '/api/tokens/tok_abc123' });
    assert.equal(api.statusCode, 502);
    assert.equal(api.json<{ error: { type: string } }>().error.type, 'api_connection_error');
    const pay = await app.inject({
      method: 'POST',
      url: '/pay',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'token=tok_abc123',
    });
    assert.equal(pay.statusCode, 502);
    assert.match(pay.body, /did not answer/);
    assertNoSecret('502 replies', api.body + pay.body);
  });
});
