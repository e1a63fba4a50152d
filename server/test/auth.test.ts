import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'node:http';
import { call, createToken, errorOf, visaCard } from './helpers/http.js';
import { startTestServer, tokenCount, type TestServer } from './helpers/test-server.js';

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

  it("accepts the publishable key from a browser, as the fields' frame sends it", async () => {
    const reply = await createToken(server, visaCard(), {
      key: server.test.publishable_key,
      headers: {
        origin: server.url,
        'sec-fetch-site': 'same-origin',
        'tessera-host-origin': 'https://shop.example',
      },
    });
    assert.equal(reply.status, 200);
  });

  it('refuses a publishable key that claims to be a secret one', async () => {
    const fake = server.test.publishable_key.replace('pk_', 'sk_');
    const reply = await call(`${server.url}/v1/tokens/${tokenId}`, { method: 'GET', key: fake });
    assert.equal(reply.status, 401);
  });
});

describe('a revoked key', () => {
  it('stops creating tokens at once, though this node has it cached', async () => {
    const server = await startTestServer();
    try {
      /** Revokes a key behind the node's back, as another node or the CLI would. */
      const revoke = async (pk: string) => {
        assert.match(pk, /^pk_test_[0-9A-Za-z]+$/);
        await server.query(`DELETE FROM api_keys WHERE lookup = '${pk}'`);
      };
      const pk = server.test.publishable_key;
      assert.equal((await createToken(server, visaCard(), { key: pk })).status, 200);
      await revoke(pk); // cached by the request above
      const before = await tokenCount(server);
      const refused = await createToken(server, visaCard(), { key: pk });
      assert.equal(refused.status, 401, refused.text);
      assert.equal(errorOf(refused).code, 'api_key_expired');
      assert.equal(await tokenCount(server), before, 'a token was stored for a revoked key');
      // Forgotten once found revoked: from now on the key is unknown.
      const unknown = await createToken(server, visaCard(), { key: pk });
      assert.match(String(errorOf(unknown).message), /^Invalid API Key provided/);
      // The account's secret key is a key of its own, and still works.
      const secret = await createToken(server, visaCard(), { key: server.test.secret_key });
      assert.equal(secret.status, 200, secret.text);

      // An idempotent replay stores nothing: it is refused all the same.
      const other = server.other.publishable_key;
      const replayed = { key: other, headers: { 'Idempotency-Key': 'order-1' } };
      assert.equal((await createToken(server, visaCard(), replayed)).status, 200);
      await revoke(other);
      const replay = await createToken(server, visaCard(), replayed);
      assert.equal(replay.status, 401, replay.text);
      assert.equal(errorOf(replay).code, 'api_key_expired');
    } finally {
      await server.close();
    }
  });
});
