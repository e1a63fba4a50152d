/**
 * What a publishable key learns about a card number from the server: nothing it can turn back
 * into the number. Before this was fixed, every token object carried `card.fingerprint` and
 * `card.iin`, and anyone holding the publishable key could tokenize each Luhn-valid candidate
 * between the IIN and the last four digits and compare fingerprints (5555555555554444 fell in
 * 12.5 s). These tests run that attack on a small candidate set.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, createToken, visaCard } from './helpers/http.js';
import { withCheckDigit } from './helpers/luhn.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * Luhn-valid numbers with `number`'s first six and last four digits (what `iin` and `last4`
 * gave away), the true one among them: the attacker's list, shortened for a test.
 */
function candidatesFor(number: string, count: number): string[] {
  const out = new Set<string>([number]);
  for (let middle = 0; out.size < count; middle++) {
    const guess = number.slice(0, 6) + String(middle).padStart(number.length - 10, '0');
    for (let digit = 0; digit < 10; digit++) {
      const candidate = withCheckDigit(guess.slice(0, -1) + String(digit) + number.slice(-4, -1));
      if (candidate.endsWith(number.slice(-4))) out.add(candidate);
    }
  }
  return [...out].sort();
}

/** Every string in a token object but its ids: where digits of the number could show. */
function shownStrings(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return key === 'id' || key === 'fingerprint' ? [] : [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => shownStrings(v, k));
}

describe('no number oracle for publishable keys', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('a publishable key cannot match candidate numbers against a token object it saw', async () => {
    const victim = '5555555555554444';
    const pk = server.test.publishable_key;
    // The token object as every script on the merchant's page (and every log) sees it.
    const seen = (await createToken(server, visaCard({ number: victim }), { key: pk })).body
      .card as Record<string, unknown>;
    let requests = 0;
    let recovered: string | null = null;
    for (const candidate of candidatesFor(victim, 30)) {
      const reply = await createToken(server, visaCard({ number: candidate }), { key: pk });
      requests++;
      const card = reply.body.card as Record<string, unknown>;
      if (seen.fingerprint !== undefined && card.fingerprint === seen.fingerprint) {
        recovered = candidate;
        break;
      }
    }
    assert.equal(recovered, null, `the number was recovered after ${String(requests)} requests`);
    assert.equal(seen.iin, null);
    assert.equal(seen.fingerprint, undefined);
  });

  it('keeps the fingerprint for the secret key, when it creates or retrieves a token', async () => {
    const created = await createToken(server, visaCard(), { key: server.test.publishable_key });
    assert.equal((created.body.card as Record<string, unknown>).fingerprint, undefined);
    const retrieved = await call(`${server.url}/v1/tokens/${String(created.body.id)}`, {
      method: 'GET',
      key: server.test.secret_key,
    });
    const fingerprint = (retrieved.body.card as Record<string, unknown>).fingerprint;
    assert.match(String(fingerprint), /^[0-9A-Za-z_-]{16}$/);
    const bySecret = await createToken(server, visaCard(), { key: server.test.secret_key });
    assert.equal((bySecret.body.card as Record<string, unknown>).fingerprint, fingerprint);
  });

  it('gives no bank account fingerprint to a publishable key either', async () => {
    const bank = {
      bank_account: {
        country: 'US',
        currency: 'usd',
        routing_number: '110000000',
        account_number: '12345678',
      },
    };
    const created = await createToken(server, bank, { key: server.test.publishable_key });
    assert.equal(created.status, 200, created.text);
    const account = created.body.bank_account as Record<string, unknown>;
    assert.equal('fingerprint' in account, false);
    const retrieved = await call(`${server.url}/v1/tokens/${String(created.body.id)}`, {
      method: 'GET',
      key: server.test.secret_key,
    });
    assert.match(
      String((retrieved.body.bank_account as Record<string, unknown>).fingerprint),
      /\S/,
    );
  });

  it('replays a publishable-key request without a fingerprint', async () => {
    const headers = { 'idempotency-key': 'oracle-replay-1' };
    const first = await createToken(server, visaCard(), {
      key: server.test.publishable_key,
      headers,
    });
    const replay = await createToken(server, visaCard(), {
      key: server.test.publishable_key,
      headers,
    });
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.equal(replay.text, first.text);
    assert.equal((replay.body.card as Record<string, unknown>).fingerprint, undefined);
  });

  it('shows and stores no more than the last four digits, even of a 12-digit Maestro', async () => {
    const maestro = withCheckDigit('67596498264');
    const reply = await createToken(server, visaCard({ number: maestro, cvc: '123' }), {
      key: server.test.secret_key,
    });
    assert.equal(reply.status, 200, reply.text);
    const card = reply.body.card as Record<string, unknown>;
    assert.equal(card.last4, maestro.slice(-4));
    const id = String(reply.body.id);
    assert.match(id, /^tok_[0-9A-Za-z]+$/);
    const [stored] = await server.query<{ public_json: string }>(
      `SELECT public_json FROM tokens WHERE id = '${id}'`,
    );
    for (const [where, object] of [
      ['the reply', reply.body],
      ['the stored token object', JSON.parse(stored?.public_json ?? 'null') as unknown],
    ] as const) {
      for (let start = 0; start + 5 <= maestro.length; start++) {
        const window = maestro.slice(start, start + 5);
        const found = shownStrings(object).filter((text) => text.includes(window));
        assert.deepEqual(found, [], `${where} shows ${window}, 5 digits of the number`);
      }
    }
  });
});
