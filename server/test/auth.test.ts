import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'node:http';
import { call, createToken, errorOf, visaCard } from './helpers/http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

describe('API keys from browsers and servers', () => {
  let server: TestServer;
  let tokenId: string;
  before(async () => {
    server = await startTestServer();
    const created = await createToken(server, visaCard(), { key: server.test.publishable_key });
    tokenId = String(created.body.id);
  });
  after(() => server.close());

  it("accepts a secret key from Node's fetch (it sends Sec-Fetch-Mode, not Sec-Fetch-Site)", async () => {
    const reply = await call(`${server.url}/v1/tokens/${tokenId}`, {
      method: 'GET',
      key: server.test.secret_key,
    });
    assert.equal(reply.status, 200, reply.text);
  });

  it('accepts a secret key from a plain HTTP client with no browser headers', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.url}/v1/tokens/${tokenId}`,
        { headers: { authorization: `Bearer ${server.test.secret_key}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 200);
  });

  for (const header of [
    { 'sec-fetch-site': 'cross-site' },
    { origin: 'https://shop.example' },
  ] as Record<string, string>[]) {
    it(`refuses a secret key sent with ${Object.keys(header)[0]} (a browser)`, async () => {
      const reply = await call(`${server.url}/v1/tokens/${tokenId}`, {
        method: 'GET',
        key: server.test.secret_key,
        headers: header,
      });
      assert.equal(reply.status, 403);
      assert.match(String(errorOf(reply).message), /cannot be used from a browser/);
    });
  }

  it('accepts the publishable key from a browser', async () => {
    const reply = await createToken(server, visaCard(), {
      key: server.test.publishable_key,
      headers: { origin: 'https://shop.example', 'sec-fetch-site': 'cross-site' },
    });
    assert.equal(reply.status, 200);
  });

  it('refuses a publishable key that claims to be a secret one', async () => {
    const fake = server.test.publishable_key.replace('pk_', 'sk_');
    const reply = await call(`${server.url}/v1/tokens/${tokenId}`, { method: 'GET', key: fake });
    assert.equal(reply.status, 401);
  });
});
