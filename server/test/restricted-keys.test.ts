import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { buildApp } from '../src/app.js';
import { Sealer } from '../src/crypto/sealer.js';
import { maskKey } from '../src/errors.js';
import { ApiKeyService } from '../src/services/api-keys.js';
import type { Permission } from '../src/services/permissions.js';
import { openSqliteVault } from '../src/vault/sqlite/sqlite-vault.js';
import { call, createToken, errorOf, visaCard, type ApiReply } from './helpers/http.js';
import {
  RAISED_RATE_LIMITS,
  startTestServer,
  tokenCount,
  type TestServer,
} from './helpers/test-server.js';

/** Stripe's message for a key without the permission that would allow the request. */
function missingPermission(key: string, account: string, permission: string): string {
  return `The provided key '${maskKey(key)}' does not have the required permissions for this endpoint on account '${account}'. Having the '${permission}' permission would allow this request to continue.`;
}

/** A 403 in Stripe's shape for a missing permission: no code, no param, the exact message. */
function assertPermissionError(reply: ApiReply, key: string, account: string, permission: string) {
  assert.equal(reply.status, 403, reply.text);
  assert.deepEqual(errorOf(reply), {
    type: 'invalid_request_error',
    message: missingPermission(key, account, permission),
  });
  assert.equal(reply.text.includes(key), false, 'the full key was echoed');
}

describe('restricted keys (rk_…)', () => {
  let server: TestServer;
  let account: string;
  const keys: Record<'read' | 'write' | 'detokenize' | 'liveDetokenize', string> = {
    read: '',
    write: '',
    detokenize: '',
    liveDetokenize: '',
  };
  before(async () => {
    server = await startTestServer();
    account = server.test.account;
    const service = new ApiKeyService(server.vault);
    const make = async (permissions: Permission[], livemode = false) =>
      (await service.createRestrictedKey({ livemode, permissions, accountId: account }))
        .restricted_key;
    keys.read = await make(['token_read']);
    keys.write = await make(['token_write']);
    keys.detokenize = await make(['token_detokenize']);
    keys.liveDetokenize = await make(['token_detokenize'], true);
  });
  after(() => server.close());

  const get = (id: string, key: string, headers: Record<string, string> = {}) =>
    call(`${server.url}/v1/tokens/${id}`, { method: 'GET', key, headers });
  const detokenize = (id: string, key: string, headers: Record<string, string> = {}) =>
    call(`${server.url}/v1/tokens/${id}/detokenize`, { method: 'POST', key, headers });

  async function newToken(): Promise<string> {
    const reply = await createToken(server, visaCard(), { key: server.test.publishable_key });
    assert.equal(reply.status, 200, reply.text);
    return String(reply.body.id);
  }

  it('are created as rk_test_… and rk_live_… with the permissions asked for', async () => {
    assert.match(keys.read, /^rk_test_\w{24,}$/);
    assert.match(keys.liveDetokenize, /^rk_live_\w{24,}$/);
    const listed = await new ApiKeyService(server.vault).list();
    const restricted = listed.filter((key) => key.type === 'restricted');
    assert.equal(restricted.length, 4);
    for (const key of restricted) assert.match(key.key, /^rk_(test|live)_\*+\w{4}$/);
    // Keys created in the same second are listed in no particular order.
    assert.deepEqual(
      restricted.map((key) => `${String(key.livemode)}:${String(key.permissions)}`).sort(),
      ['false:token_detokenize', 'false:token_read', 'false:token_write', 'true:token_detokenize'],
    );
  });

  it('token_read retrieves a token and may do nothing else', async () => {
    const id = await newToken();
    const reply = await get(id, keys.read);
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(reply.body, (await get(id, server.test.secret_key)).body);

    assertPermissionError(
      await detokenize(id, keys.read),
      keys.read,
      account,
      'rak_token_detokenize',
    );
    const before = await tokenCount(server);
    const refused = await createToken(server, visaCard(), { key: keys.read });
    assertPermissionError(refused, keys.read, account, 'rak_token_write');
    assert.equal(await tokenCount(server), before, 'a refused request stored a token');
    // Refusals changed nothing: the token is still there to be used once.
    assert.equal((await detokenize(id, server.test.secret_key)).status, 200);
  });

  it('token_write creates tokens from a server and reads them (write implies read), no more', async () => {
    const created = await createToken(server, visaCard(), { key: keys.write });
    assert.equal(created.status, 200, created.text);
    // A server key's reply: with the fingerprint a publishable key never gets.
    assert.match(String((created.body.card as Record<string, unknown>).fingerprint), /^\S{16}$/);
    const id = String(created.body.id);
    assert.equal((await get(id, keys.write)).status, 200);
    assertPermissionError(
      await detokenize(id, keys.write),
      keys.write,
      account,
      'rak_token_detokenize',
    );
  });

  it('token_detokenize uses a token once and does not imply token_read', async () => {
    const id = await newToken();
    const used = await detokenize(id, keys.detokenize);
    assert.equal(used.status, 200, used.text);
    assert.equal((used.body.card as Record<string, unknown>).number, '4242424242424242');
    const again = await detokenize(id, keys.detokenize);
    assert.equal(again.status, 400);
    assert.equal(errorOf(again).code, 'token_already_used');
    assertPermissionError(
      await get(id, keys.detokenize),
      keys.detokenize,
      account,
      'rak_token_read',
    );
    assertPermissionError(
      await createToken(server, visaCard(), { key: keys.detokenize }),
      keys.detokenize,
      account,
      'rak_token_write',
    );
  });

  it('keep to their account and mode', async () => {
    const id = await newToken();
    const live = await detokenize(id, keys.liveDetokenize);
    assert.equal(live.status, 404, live.text);
    assert.equal(errorOf(live).code, 'resource_missing');
    const other = await createToken(server, visaCard(), { key: server.other.publishable_key });
    const foreign = await get(String(other.body.id), keys.read);
    assert.equal(foreign.status, 404, foreign.text);
  });

  it('are refused from a browser, like secret keys', async () => {
    const id = await newToken();
    const browsers: Record<string, string>[] = [
      { origin: 'https://shop.example' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of browsers) {
      const reply = await detokenize(id, keys.detokenize, headers);
      assert.equal(reply.status, 403, reply.text);
      assert.match(
        String(errorOf(reply).message),
        /^Restricted API keys cannot be used from a browser/,
      );
    }
    assert.equal((await detokenize(id, keys.detokenize)).status, 200, 'the refusals used it');
  });

  it('show masked in errors; an unknown or revoked one gets 401', async () => {
    const unknown = `rk_test_${'x'.repeat(28)}WXYZ`;
    const reply = await get('tok_x', unknown);
    assert.equal(reply.status, 401);
    assert.equal(errorOf(reply).message, `Invalid API Key provided: ${maskKey(unknown)}`);
    assert.match(String(errorOf(reply).message), /rk_test_\*+WXYZ$/);

    const service = new ApiKeyService(server.vault);
    const { restricted_key: doomed } = await service.createRestrictedKey({
      livemode: false,
      permissions: ['token_read'],
      accountId: account,
    });
    const id = await newToken();
    assert.equal((await get(id, doomed)).status, 200);
    const revoked = await service.revoke(doomed);
    assert.equal(revoked.type, 'restricted');
    assert.equal((await get(id, doomed)).status, 401);
  });

  it('leave full secret keys every permission', async () => {
    const created = await createToken(server, visaCard(), { key: server.test.secret_key });
    const id = String(created.body.id);
    assert.equal((await get(id, server.test.secret_key)).status, 200);
    assert.equal((await detokenize(id, server.test.secret_key)).status, 200);
  });

  it("are refused in a way Stripe's Node library raises as StripePermissionError", async () => {
    const { port } = new URL(server.url);
    const stripe = new Stripe(keys.read, {
      host: '127.0.0.1',
      port: Number(port),
      protocol: 'http',
      maxNetworkRetries: 0,
      telemetry: false,
    });
    await assert.rejects(stripe.tokens.create(visaCard()), (error: unknown) => {
      assert.ok(error instanceof Stripe.errors.StripePermissionError, String(error));
      assert.equal(error.statusCode, 403);
      assert.equal(error.rawType, 'invalid_request_error');
      assert.equal(error.code, undefined);
      assert.equal(error.message, missingPermission(keys.read, account, 'rak_token_write'));
      assert.match(String(error.requestId), /^req_/);
      return true;
    });
    const id = await newToken();
    assert.equal((await stripe.tokens.retrieve(id)).id, id);
  });
});

describe('a route that declares no permission', () => {
  it("is closed to restricted keys, with Stripe's message for them, and open to secret keys", async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-rk-'));
    const vault = await openSqliteVault({ path: join(dir, 'tessera.db') });
    const app = await buildApp({
      vault,
      sealer: new Sealer(Buffer.alloc(32, 9)),
      tokenTtlSeconds: 60,
      logLevel: false,
      rateLimits: RAISED_RATE_LIMITS,
    });
    t.after(async () => {
      await app.close();
      await vault.close();
      rmSync(dir, { recursive: true, force: true });
    });
    // A server-side route added without thinking of restricted keys: they are kept out.
    app.get('/v1/unscoped', { config: { auth: 'secret' } }, () => ({ object: 'unscoped' }));
    const keys = new ApiKeyService(vault);
    const pair = await keys.createKeyPair({ livemode: false });
    const { restricted_key: key } = await keys.createRestrictedKey({
      livemode: false,
      permissions: ['token_read', 'token_write', 'token_detokenize'],
      accountId: pair.account,
    });
    const ask = (bearer: string) =>
      app.inject({
        method: 'GET',
        url: '/v1/unscoped',
        headers: { authorization: `Bearer ${bearer}` },
      });
    const refused = await ask(key);
    assert.equal(refused.statusCode, 403);
    assert.deepEqual(refused.json(), {
      error: {
        type: 'invalid_request_error',
        message: `The provided key '${maskKey(key)}' does not have the required permissions for this endpoint on account '${pair.account}'. This is a restricted API key, but the required permissions are not available for use by restricted keys.`,
      },
    });
    const allowed = await ask(pair.secret_key);
    assert.equal(allowed.statusCode, 200);
    assert.deepEqual(allowed.json(), { object: 'unscoped' });
  });
});
