import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError } from '../src/config-error.js';
import { ApiKeyService, type KeyPair } from '../src/services/api-keys.js';
import { parseAllowedOrigin } from '../src/services/origins.js';
import { createToken, errorOf, visaCard } from './helpers/http.js';
import { withCheckDigit } from './helpers/luhn.js';
import { startTestServer, tokenCount, type TestServer } from './helpers/test-server.js';

/** What the fields' frame sends: a same-origin request stating the host page's origin. */
function fromFrame(server: TestServer, hostOrigin: string): Record<string, string> {
  return { origin: server.url, 'sec-fetch-site': 'same-origin', 'tessera-host-origin': hostOrigin };
}

/** What a page on `origin` posting to the vault itself sends. */
function fromPage(origin: string): Record<string, string> {
  return { origin, 'sec-fetch-site': 'cross-site' };
}

describe('allowed origins as keys store them', () => {
  it('keeps a scheme, a host and a port, lower case, without a default port or a slash', () => {
    for (const [given, stored] of [
      ['https://shop.example', 'https://shop.example'],
      ['HTTPS://Shop.Example/', 'https://shop.example'],
      ['https://shop.example:443', 'https://shop.example'],
      ['https://checkout.shop.example:8443', 'https://checkout.shop.example:8443'],
      ['https://[2001:db8::1]:8443', 'https://[2001:db8::1]:8443'],
      ['https://xn--bcher-kva.example', 'https://xn--bcher-kva.example'],
    ]) {
      assert.equal(parseAllowedOrigin(String(given), true), stored);
    }
    assert.equal(parseAllowedOrigin('http://localhost:3000', false), 'http://localhost:3000');
  });

  it('refuses anything else, saying what an origin is; live keys take https: only', () => {
    for (const [given, livemode, message] of [
      ['shop.example', false, /Not an origin/],
      ['https://shop.example/checkout', false, /scheme, a host and an optional port/],
      ['https://shop.example?x=1', false, /nothing else/],
      ['https://shop.example#x', false, /nothing else/],
      ['https://user:pw@shop.example', false, /nothing else/],
      ['https://*.shop.example', false, /nothing else/],
      ['file:///etc/passwd', false, /nothing else/],
      ['javascript:alert(1)', false, /nothing else/],
      ['ftp://shop.example', false, /uses https:/],
      ['https://shop.example?', false, /nothing else/],
      ['http://shop.example', true, /live key's origins use https:/],
      ['http://localhost:3000', true, /live key's origins use https:/],
      ['', false, /Not an origin/],
    ] as const) {
      assert.throws(
        () => parseAllowedOrigin(given, livemode),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, message, given);
          return true;
        },
      );
    }
  });
});

describe('keys update', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('replaces, adds and removes origins; a live key keeps at least one', async () => {
    const keys = new ApiKeyService(server.vault);
    const live = await keys.createKeyPair({
      livemode: true,
      allowedOrigins: ['https://a.example'],
    });
    const pk = live.publishable_key;
    const update = async (change: Parameters<ApiKeyService['updateAllowedOrigins']>[1]) =>
      (await keys.updateAllowedOrigins(pk, change)).allowed_origins;
    assert.deepEqual(await update({ add: ['https://b.example', 'https://a.example'] }), [
      'https://a.example',
      'https://b.example',
    ]);
    assert.deepEqual(await update({ remove: ['https://A.example/'] }), ['https://b.example']);
    assert.deepEqual(await update({ set: ['https://c.example', 'https://d.example'] }), [
      'https://c.example',
      'https://d.example',
    ]);
    for (const [change, message] of [
      [{ set: [] }, /at least one/],
      [{ remove: ['https://c.example', 'https://d.example'] }, /at least one/],
      [{ add: ['http://e.example'] }, /https:/],
      [{ add: Array.from({ length: 51 }, (_, i) => `https://${String(i)}.example`) }, /at most 50/],
    ] as const) {
      await assert.rejects(keys.updateAllowedOrigins(pk, change), message);
    }
    assert.deepEqual((await server.vault.findApiKey(pk))?.allowedOrigins, [
      'https://c.example',
      'https://d.example',
    ]);
    // A test key may allow every origin again; secret and unknown keys carry none.
    const test = await keys.createKeyPair({
      livemode: false,
      allowedOrigins: ['https://a.example'],
    });
    assert.deepEqual(
      (await keys.updateAllowedOrigins(test.publishable_key, { set: [] })).allowed_origins,
      [],
    );
    await assert.rejects(
      keys.updateAllowedOrigins(live.secret_key, { set: [] }),
      (error: Error) => {
        assert.match(error.message, /Only publishable keys/);
        assert.doesNotMatch(error.message, new RegExp(live.secret_key));
        return true;
      },
    );
    await assert.rejects(keys.updateAllowedOrigins('pk_test_nope', { set: [] }), /No such API key/);
  });
});

describe('token requests checked against the key’s allowed origins', () => {
  let server: TestServer;
  let shop: KeyPair;
  /** A live key migrated from before origins existed: an empty list, so no page may use it. */
  let legacyLive: KeyPair;

  before(async () => {
    server = await startTestServer();
    const keys = new ApiKeyService(server.vault);
    shop = await keys.createKeyPair({
      livemode: false,
      allowedOrigins: ['https://shop.example', 'https://checkout.example:8443'],
    });
    legacyLive = await keys.createKeyPair({
      livemode: true,
      allowedOrigins: ['https://shop.example'],
    });
    await server.query(
      `UPDATE api_keys SET allowed_origins = '[]' WHERE lookup = '${legacyLive.publishable_key}'`,
    );
  });
  after(() => server.close());

  /** Creates a token and checks how many tokens were stored by it. */
  async function attempt(key: string, headers: Record<string, string>) {
    const before = await tokenCount(server);
    // Live keys refuse test cards: a number no test card list holds.
    const card = key.startsWith('pk_live_')
      ? visaCard({ number: withCheckDigit('411111222233334') })
      : visaCard();
    const reply = await createToken(server, card, { key, headers });
    const stored = (await tokenCount(server)) - before;
    assert.equal(
      stored,
      reply.status === 200 ? 1 : 0,
      `${String(reply.status)}: stored ${String(stored)}`,
    );
    return reply;
  }

  it('creates tokens for the frame of a page on an allowed origin, exactly matched', async () => {
    for (const host of ['https://shop.example', 'https://checkout.example:8443']) {
      const reply = await attempt(shop.publishable_key, fromFrame(server, host));
      assert.equal(reply.status, 200, reply.text);
    }
    for (const host of [
      'https://shop.example.evil.example',
      'http://shop.example',
      'https://checkout.example',
      'https://SHOP.example ',
      'null',
      '',
    ]) {
      const reply = await attempt(shop.publishable_key, fromFrame(server, host));
      assert.equal(reply.status, 403, host);
      assert.deepEqual(Object.keys(errorOf(reply)).sort(), ['code', 'message', 'type']);
      assert.equal(errorOf(reply).type, 'invalid_request_error');
      assert.equal(errorOf(reply).code, 'origin_not_allowed');
      assert.match(String(errorOf(reply).message), /--add-origin/);
    }
  });

  it('refuses a same-origin browser request that does not state its page (not the frame)', async () => {
    const withoutHost = { origin: server.url, 'sec-fetch-site': 'same-origin' };
    const reply = await attempt(shop.publishable_key, withoutHost);
    assert.equal(reply.status, 403);
    assert.match(String(errorOf(reply).message), /Tessera-Host-Origin/);
    // A browser without Fetch Metadata: its Origin names the vault itself.
    const old = await attempt(shop.publishable_key, { origin: server.url });
    assert.equal(old.status, 403);
    assert.equal(errorOf(old).code, 'origin_not_allowed');
    const oldWithHost = await attempt(shop.publishable_key, {
      origin: server.url,
      'tessera-host-origin': 'https://shop.example',
    });
    assert.equal(oldWithHost.status, 200, oldWithHost.text);
  });

  it('refuses pages posting card data themselves (CORS is closed), even allowed ones', async () => {
    for (const headers of [
      fromPage('https://shop.example'),
      fromPage('https://evil.example'),
      { origin: 'https://shop.example', 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site' },
    ]) {
      const reply = await attempt(shop.publishable_key, headers);
      assert.equal(reply.status, 403, JSON.stringify(headers));
      assert.match(String(errorOf(reply).message), /--cors/);
      assert.equal(reply.headers.get('access-control-allow-origin'), null);
    }
    // A page cannot make its claim through the frame's header either.
    const forged = await attempt(shop.publishable_key, {
      ...fromPage('https://evil.example'),
      'tessera-host-origin': 'https://shop.example',
    });
    assert.equal(forged.status, 403);
  });

  it('lets servers create tokens with a publishable key (no browser headers), whatever the list', async () => {
    for (const key of [shop.publishable_key, legacyLive.publishable_key]) {
      const reply = await attempt(key, {});
      assert.equal(reply.status, 200, reply.text);
    }
  });

  it('refuses every page for a live key without origins, and allows every page for a test key without', async () => {
    const live = await attempt(
      legacyLive.publishable_key,
      fromFrame(server, 'https://shop.example'),
    );
    assert.equal(live.status, 403);
    assert.equal(errorOf(live).code, 'origin_not_allowed');
    const open = await attempt(
      server.test.publishable_key,
      fromFrame(server, 'http://localhost:3000'),
    );
    assert.equal(open.status, 200, open.text);
  });

  it('never echoes a card number someone put in the stated origin', async () => {
    const reply = await attempt(
      shop.publishable_key,
      fromFrame(server, 'https://4242424242424242.example'),
    );
    assert.equal(reply.status, 403);
    assert.doesNotMatch(reply.text, /4242424242424242/);
  });
});

describe('serve --cors: pages on allowed origins may post themselves', () => {
  let server: TestServer;
  let shop: KeyPair;

  before(async () => {
    server = await startTestServer({ cors: true });
    shop = await new ApiKeyService(server.vault).createKeyPair({
      livemode: false,
      allowedOrigins: ['https://shop.example'],
    });
  });
  after(() => server.close());

  it('grants the preflight for POST /v1/tokens only, and checks the Origin against the key', async () => {
    const preflight = await fetch(`${server.url}/v1/tokens`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, idempotency-key',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.equal(preflight.headers.get('access-control-allow-methods'), 'POST');
    assert.match(String(preflight.headers.get('access-control-allow-headers')), /Idempotency-Key/);
    const retrieve = await fetch(`${server.url}/v1/tokens/tok_x`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'GET' },
    });
    assert.equal(retrieve.headers.get('access-control-allow-origin'), null);

    const allowed = await createToken(server, visaCard(), {
      key: shop.publishable_key,
      headers: fromPage('https://shop.example'),
    });
    assert.equal(allowed.status, 200, allowed.text);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://shop.example');
    // A page may read when to retry after a 429.
    assert.match(String(allowed.headers.get('access-control-expose-headers')), /Retry-After/);
    const refused = await createToken(server, visaCard(), {
      key: shop.publishable_key,
      headers: fromPage('https://evil.example'),
    });
    assert.equal(refused.status, 403);
    assert.equal(errorOf(refused).code, 'origin_not_allowed');
  });
});
