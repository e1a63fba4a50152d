import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createToken, visaCard, errorOf } from './helpers/http.js';
import { startTestServer, tokenCount, type TestServer } from './helpers/test-server.js';

describe('Idempotency-Key', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  const withKey = (key: string, apiKey?: string) => ({
    key: apiKey ?? server.test.secret_key,
    headers: { 'idempotency-key': key },
  });

  it('replays the first reply for the same key and parameters', async () => {
    const first = await createToken(server, visaCard(), withKey('replay-1'));
    const again = await createToken(server, visaCard(), withKey('replay-1'));
    assert.equal(first.status, 200);
    assert.equal(again.status, 200);
    assert.equal(again.text, first.text);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.notEqual(again.headers.get('request-id'), first.headers.get('request-id'));
  });

  it('treats reordered parameters as the same request', async () => {
    const year = new Date().getUTCFullYear() + 1;
    const a = await createToken(
      server,
      { card: { number: '4242424242424242', exp_month: '12', exp_year: String(year) } },
      withKey('order-1'),
    );
    const b = await createToken(
      server,
      { card: { exp_year: String(year), exp_month: '12', number: '4242424242424242' } },
      withKey('order-1'),
    );
    assert.equal(b.body.id, a.body.id);
  });

  it('refuses the same key with other parameters (400 idempotency_error)', async () => {
    await createToken(server, visaCard(), withKey('mismatch-1'));
    const other = await createToken(server, visaCard({ cvc: '999' }), withKey('mismatch-1'));
    assert.equal(other.status, 400);
    assert.equal(errorOf(other).type, 'idempotency_error');
    assert.match(String(errorOf(other).message), /Try using a key other than 'mismatch-1'/);
  });

  it('scopes keys to the account: another account gets its own token', async () => {
    const mine = await createToken(server, visaCard(), withKey('scoped-1'));
    const theirs = await createToken(
      server,
      visaCard(),
      withKey('scoped-1', server.other.secret_key),
    );
    assert.equal(theirs.status, 200);
    assert.notEqual(theirs.body.id, mine.body.id);
    assert.equal(theirs.headers.get('idempotent-replayed'), null);
  });

  it('makes one token from 20 concurrent identical requests', async () => {
    const before = await tokenCount(server);
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => createToken(server, visaCard(), withKey('concurrent-1'))),
    );
    const ok = replies.filter((reply) => reply.status === 200);
    const conflicts = replies.filter((reply) => reply.status === 409);
    assert.equal(ok.length + conflicts.length, 20);
    assert.ok(ok.length >= 1);
    assert.equal(new Set(ok.map((reply) => reply.body.id)).size, 1, 'one token id');
    for (const conflict of conflicts) {
      assert.equal(errorOf(conflict).code, 'idempotency_key_in_use');
      assert.equal(conflict.headers.get('stripe-should-retry'), 'true');
    }
    assert.equal((await tokenCount(server)) - before, 1, 'one token stored');
  });

  it('answers 409 idempotency_key_in_use while the first request is in flight', async () => {
    const now = Math.floor(Date.now() / 1000);
    const params = {
      card: { number: '4242424242424242', exp_month: '12', exp_year: '2040' },
    };
    // A first request that claimed the key and has not finished (its server still works on it).
    const { IdempotencyService } = await import('../src/services/idempotency.js');
    const service = new IdempotencyService(server.vault, server.sealer);
    const caller = { accountId: server.test.account, livemode: false, kind: 'secret' as const };
    const ref = service.refOf('inflight-1', caller);
    await server.vault.beginIdempotent(ref, service.paramsHash(params), {
      now,
      expiredBefore: now - 86_400,
      staleBefore: now - 60,
    });
    const reply = await createToken(server, params, withKey('inflight-1'));
    assert.equal(reply.status, 409);
    assert.equal(errorOf(reply).code, 'idempotency_key_in_use');
    assert.equal(errorOf(reply).type, 'invalid_request_error');
  });

  it('replays a card error (402) but lets a corrected retry reuse a key after a 400', async () => {
    const declined = await createToken(
      server,
      visaCard({ number: '4242424242424241' }),
      withKey('err-1'),
    );
    const replayed = await createToken(
      server,
      visaCard({ number: '4242424242424241' }),
      withKey('err-1'),
    );
    assert.equal(declined.status, 402);
    assert.equal(replayed.status, 402);
    assert.equal(replayed.text, declined.text);
    assert.equal(replayed.headers.get('idempotent-replayed'), 'true');

    const missing = await createToken(
      server,
      { card: { number: '4242424242424242' } },
      withKey('err-2'),
    );
    assert.equal(missing.status, 400);
    const fixed = await createToken(server, visaCard(), withKey('err-2'));
    assert.equal(fixed.status, 200, fixed.text);
  });

  it('ignores an empty key and works with the publishable key', async () => {
    const a = await createToken(server, visaCard(), withKey('', server.test.publishable_key));
    const b = await createToken(server, visaCard(), withKey('', server.test.publishable_key));
    assert.notEqual(a.body.id, b.body.id);
    const c = await createToken(server, visaCard(), withKey('pk-1', server.test.publishable_key));
    const d = await createToken(server, visaCard(), withKey('pk-1', server.test.publishable_key));
    assert.equal(d.body.id, c.body.id);
  });

  it('expires keys after 24 hours', async () => {
    const first = await createToken(server, visaCard(), withKey('day-1'));
    server.advanceClock(24 * 60 * 60 + 1);
    try {
      const later = await createToken(server, visaCard({ cvc: '456' }), withKey('day-1'));
      assert.equal(later.status, 200);
      assert.notEqual(later.body.id, first.body.id);
    } finally {
      server.advanceClock(-(24 * 60 * 60 + 1));
    }
  });

  it('keeps the publishable and the secret key of one account apart', async () => {
    // A browser holding the publishable key tries to claim the key the backend will use.
    const pk = await createToken(
      server,
      visaCard({ number: '5555555555554444' }),
      withKey('order-42', server.test.publishable_key),
    );
    assert.equal(pk.status, 200);
    const sk = await createToken(server, visaCard(), withKey('order-42'));
    assert.equal(sk.status, 200, sk.text);
    assert.equal(sk.headers.get('idempotent-replayed'), null, "the browser's token was replayed");
    assert.notEqual(sk.body.id, pk.body.id);
    assert.equal((sk.body.card as Record<string, unknown>).last4, '4242');
  });

  it('stores keys as keyed hashes and a token reply as a reference to its token', async () => {
    const first = await createToken(server, visaCard(), withKey('invoice-2026-0001'));
    const replay = await createToken(server, visaCard(), withKey('invoice-2026-0001'));
    assert.equal(replay.text, first.text);
    const rows = await server.query<{ key: string; body: string | null; token_id: string | null }>(
      'SELECT key, body, token_id FROM idempotency',
    );
    assert.ok(rows.length > 0);
    assert.deepEqual(
      rows.filter((row) => row.key.includes('invoice') || row.key.includes('order-42')),
      [],
      'an idempotency key is stored as sent',
    );
    const saved = rows.find((row) => row.token_id === first.body.id);
    assert.ok(saved, 'the reply does not refer to its token');
    assert.equal(saved.body, '', 'the token object is stored a second time');
  });
});
