/**
 * The smaller findings of the security test, each as its attack: keys in the URL, card numbers
 * in URLs and error bodies, parameters slipping into a POST's URL, a forged X-Forwarded-For,
 * URLs the router cannot take, and Authorization headers with something after the key.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serveConfig } from '../src/config.js';
import { redactingStream } from '../src/logging.js';
import { call, createToken, errorOf, visaCard } from './helpers/http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

function redacted(line: string): string {
  let out = '';
  redactingStream({ write: (text: string) => (out += text) }).write(line);
  return out;
}

describe('hardening', () => {
  let server: TestServer;
  let proxied: TestServer;
  before(async () => {
    server = await startTestServer();
    proxied = await startTestServer({ trustProxy: ['127.0.0.1'] });
  });
  after(async () => {
    await server.close();
    await proxied.close();
  });

  it('refuses an API key in the URL, and never logs a key in full', async () => {
    const secret = server.test.secret_key;
    for (const path of [`/v1/tokens/tok_x?key=${secret}`, `/v1/tokens?key=${secret}`]) {
      const method = path.startsWith('/v1/tokens?') ? 'POST' : 'GET';
      const reply = await call(`${server.url}${path}`, {
        method,
        ...(method === 'POST' ? { body: 'x=1' } : {}),
      });
      assert.equal(reply.status, 400, path);
      assert.equal(errorOf(reply).param, 'key');
      assert.equal(reply.text.includes(secret), false, 'the key was echoed');
    }
    const logs = server.logs.join('');
    assert.equal(logs.includes(secret.slice(8)), false, 'a secret key was logged');
    // The access log keeps the parameter's name, never its value.
    assert.match(logs, /\?key=\[REDACTED\]/);
  });

  it('logs one valid JSON line per request: method, URL, status and response time', async () => {
    const before = server.logs.length;
    for (let i = 0; i < 20; i++)
      await createToken(server, visaCard(), { key: server.test.publishable_key });
    const lines = server.logs.slice(before).flatMap((chunk) => chunk.split('\n').filter(Boolean));
    const entries = lines.map(
      (line) =>
        JSON.parse(line) as {
          msg?: string;
          reqId?: string;
          req?: { method?: string; url?: string };
          res?: { statusCode?: number };
          responseTime?: unknown;
        },
    );
    assert.equal(entries.length, 20, lines.join('\n'));
    for (const entry of entries) {
      assert.equal(entry.msg, 'request completed');
      assert.match(String(entry.reqId), /^req_/);
      assert.equal(entry.req?.method, 'POST');
      assert.equal(entry.req.url, '/v1/tokens');
      assert.equal(entry.res?.statusCode, 200);
      assert.equal(typeof entry.responseTime, 'number');
    }
  });

  it('redacts card numbers however they are separated, and API keys past their prefix', () => {
    for (const number of [
      '4242.4242.4242.4242',
      '4242_4242_4242_4242',
      '4242%2D4242%2D4242%2D4242',
      '4242%2e4242%2e4242%2e4242',
      '4242%5F4242%5F4242%5F4242',
    ]) {
      assert.equal(redacted(`GET /v1/tokens/${number}`), 'GET /v1/tokens/[REDACTED]', number);
    }
    assert.equal(
      redacted('sk_test_abc123 rk_live_XYZ pk_test_Q1w2'),
      'sk_test_[REDACTED] rk_live_[REDACTED] pk_test_[REDACTED]',
    );
    assert.equal(redacted('client 127.0.0.1 at 12:00'), 'client 127.0.0.1 at 12:00');
  });

  it('refuses every parameter in a POST URL without echoing a card number', async () => {
    for (const query of ['4242424242424242', '__proto__=1', '=1', 'card%5Bnumber%5D=1']) {
      const reply = await call(`${server.url}/v1/tokens?${query}`, {
        method: 'POST',
        key: server.test.publishable_key,
        body: new URLSearchParams(visaCard() as Record<string, string>).toString(),
      });
      assert.equal(reply.status, 400, `?${query}: ${reply.text}`);
      assert.match(errorOf(reply).message as string, /in the URL/);
      assert.equal(reply.text.includes('4242424242424242'), false, 'the number was echoed');
    }
  });

  it('never echoes a card number put where a token id or a route belongs (both found by fuzzing)', async () => {
    const cases = [
      [
        'GET',
        '/v1/tokens/4242424242424242',
        server.test.secret_key,
        404,
        /^No such token: '\[REDACTED\]'$/,
      ],
      [
        'POST',
        '/v1/tokens/4242-4242-4242-4242/detokenize',
        server.test.secret_key,
        404,
        /REDACTED/,
      ],
      [
        'PUT',
        '/v1/tokens/4242424242424242',
        undefined,
        404,
        /^Unrecognized request URL \(PUT: \/v1\/tokens\/\[REDACTED\]\)/,
      ],
    ] as const;
    for (const [method, path, key, status, message] of cases) {
      const reply = await call(`${server.url}${path}`, { method, ...(key ? { key } : {}) });
      assert.equal(reply.status, status, `${method} ${path}: ${reply.text}`);
      assert.match(String(errorOf(reply).message), message);
      assert.equal(/4242.?4242.?4242.?4242/.test(reply.text), false, reply.text);
    }
  });

  it('takes client_ip only from a trusted proxy, and only a real address', async () => {
    const forwarded = (target: TestServer, value: string) =>
      createToken(target, visaCard(), {
        key: target.test.publishable_key,
        headers: { 'x-forwarded-for': value },
      });
    assert.equal((await forwarded(server, '203.0.113.5')).body.client_ip, '127.0.0.1');
    assert.equal((await forwarded(proxied, '203.0.113.5')).body.client_ip, '203.0.113.5');
    assert.equal((await forwarded(proxied, '<script>')).body.client_ip, null);
    assert.throws(() => serveConfig({ 'trust-proxy': 'everyone' }, {}), /--trust-proxy takes/);
    // The CVC's lifetime: 10 minutes unless told.
    assert.equal(serveConfig({}, {}).cvcTtlSeconds, 600);
    assert.equal(serveConfig({ 'cvc-ttl': '120' }, {}).cvcTtlSeconds, 120);
    assert.deepEqual(
      serveConfig({ 'trust-proxy': '10.0.0.5, 10.1.0.0/16,loopback' }, {}).trustProxy,
      ['10.0.0.5', '10.1.0.0/16', 'loopback'],
    );
  });

  it('answers URLs the router cannot take in Stripe’s shape, without echoing them', async () => {
    for (const path of ['/v1/tokens/%', `/v1/tokens/tok_${'4'.repeat(16)}${'a'.repeat(200)}`]) {
      const reply = await call(`${server.url}${path}`, {
        method: 'GET',
        key: server.test.secret_key,
      });
      assert.equal(reply.status, 400, path);
      assert.equal(errorOf(reply).type, 'invalid_request_error');
      assert.match(reply.headers.get('request-id') ?? '', /^req_/);
      assert.equal(reply.headers.get('cache-control'), 'no-cache, no-store');
      assert.equal(reply.text.includes(path.slice(11, 40)), false, 'the URL was echoed');
    }
    assert.ok(server.logs.some((line) => line.includes('refused a URL the router cannot take')));
  });

  it('sends security headers on every reply, and HSTS only behind a TLS proxy it trusts', async () => {
    const replies = {
      token: await createToken(server, visaCard(), { key: server.test.publishable_key }),
      refused: await createToken(server, visaCard(), { key: 'pk_test_unknown' }),
      unmatched: await call(`${server.url}/v1/nope`, { method: 'GET' }),
      unroutable: await call(`${server.url}/v1/tokens/%E0%A4%A`, { method: 'GET' }),
      health: await call(`${server.url}/healthz`, { method: 'GET' }),
    };
    for (const [name, reply] of Object.entries(replies)) {
      const header = (header: string) => reply.headers.get(header);
      assert.equal(header('x-content-type-options'), 'nosniff', name);
      assert.equal(header('referrer-policy'), 'no-referrer', name);
      assert.equal(
        header('content-security-policy'),
        // /healthz may be framed (the element bench's bare iframe); it shows nothing.
        name === 'health' ? "default-src 'none'" : "default-src 'none';frame-ancestors 'none'",
        name,
      );
      assert.equal(header('cross-origin-resource-policy'), 'same-origin', name);
      assert.equal(header('x-powered-by'), null, name);
      assert.equal(header('strict-transport-security'), null, `${name}: HSTS over plain HTTP`);
    }
    const tls = { 'x-forwarded-proto': 'https' };
    // A client's own X-Forwarded-Proto proves nothing.
    const forged = await call(`${server.url}/healthz`, { method: 'GET', headers: tls });
    assert.equal(forged.headers.get('strict-transport-security'), null);
    // Behind a proxy it trusts that says the shopper came over TLS: HSTS.
    for (const path of ['/healthz', '/v1/nope']) {
      const behind = await call(`${proxied.url}${path}`, { method: 'GET', headers: tls });
      assert.equal(
        behind.headers.get('strict-transport-security'),
        'max-age=31536000; includeSubDomains',
        path,
      );
    }
    const plain = await call(`${proxied.url}/healthz`, { method: 'GET' });
    assert.equal(plain.headers.get('strict-transport-security'), null);
  });

  it('parses Authorization strictly: nothing after the key', async () => {
    const secret = server.test.secret_key;
    const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
    const statusWith = async (authorization: string) =>
      (
        await call(`${server.url}/v1/tokens/tok_unknown`, {
          method: 'GET',
          headers: { authorization },
        })
      ).status;
    for (const good of [
      `Bearer ${secret}`,
      `bearer ${secret}`,
      basic(`${secret}:`),
      basic(`${secret}:x`),
    ]) {
      assert.equal(await statusWith(good), 404, good);
    }
    for (const bad of [
      `Bearer ${secret} junk`,
      `Bearer  ${secret}`,
      `${basic(`${secret}:`)} junk`,
      `${basic(`${secret}:`)}!!`,
      basic(secret),
      basic(`${secret}:\u0000junk`),
      'Bearer',
      `Token ${secret}`,
    ]) {
      const status = await statusWith(bad);
      assert.equal(status, 401, `${bad} was accepted`);
    }
  });
});
