import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { maskKey } from '../src/errors.js';
import { ApiKeyService } from '../src/services/api-keys.js';
import { auditEntries } from '../src/services/audit.js';
import type { AuditOutcome, AuditRecord } from '../src/vault/vault.js';
import { call, createToken, errorOf, form, visaCard, type ApiReply } from './helpers/http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/** The card data this suite tokenizes: none of it may reach the audit log. */
const AMEX = '378282246310005';
const AMEX_CVC = '7351';
const BANK_ACCOUNT = '000123456789';

describe('the audit log of token reads', () => {
  let server: TestServer;
  let readOnly: string;
  before(async () => {
    server = await startTestServer({ tokenTtlSeconds: 600 });
    readOnly = (
      await new ApiKeyService(server.vault).createRestrictedKey({
        livemode: false,
        permissions: ['token_read'],
        accountId: server.test.account,
      })
    ).restricted_key;
  });
  after(() => server.close());

  const get = (id: string, key: string, headers: Record<string, string> = {}) =>
    call(`${server.url}/v1/tokens/${id}`, { method: 'GET', key, headers });
  const detokenize = (
    id: string,
    key: string,
    init: { headers?: Record<string, string>; body?: string } = {},
  ) => call(`${server.url}/v1/tokens/${id}/detokenize`, { method: 'POST', key, ...init });

  async function newToken(params = visaCard()): Promise<string> {
    const reply = await createToken(server, params, { key: server.test.publishable_key });
    assert.equal(reply.status, 200, reply.text);
    return String(reply.body.id);
  }

  /** The one entry of the request that got `reply` (found by its Request-Id). */
  async function entryOf(reply: ApiReply): Promise<AuditRecord> {
    const requestId = reply.headers.get('request-id');
    const entries = (await server.vault.listAudit({ limit: 10_000 })).filter(
      (entry) => entry.requestId === requestId,
    );
    assert.equal(entries.length, 1, `entries of ${String(requestId)}: ${JSON.stringify(entries)}`);
    return entries[0] as AuditRecord;
  }

  it('records a retrieve and a detokenize: time, masked key, token, client IP, request id', async () => {
    const id = await newToken();
    const started = Date.now();
    const retrieved = await get(id, server.test.secret_key);
    const used = await detokenize(id, server.test.secret_key);
    assert.equal(used.status, 200, used.text);
    const entries = await server.vault.listAudit({ tokenId: id });
    assert.deepEqual(
      entries.map(({ id: _id, time: _time, ...entry }) => entry),
      [retrieved, used].map((reply, index) => ({
        action: index === 0 ? 'retrieve' : 'detokenize',
        tokenId: id,
        key: maskKey(server.test.secret_key),
        accountId: server.test.account,
        livemode: false,
        clientIp: '127.0.0.1',
        requestId: reply.headers.get('request-id'),
        outcome: 'ok',
      })),
    );
    for (const entry of entries) {
      assert.ok(
        entry.time >= started - 1000 && entry.time <= Date.now() + 1000,
        String(entry.time),
      );
    }
  });

  it('records every detokenize that fails, each with why', async () => {
    const used = await newToken();
    await detokenize(used, server.test.secret_key);
    const fresh = await newToken();
    const cases: [AuditOutcome, () => Promise<ApiReply>, number][] = [
      ['already_used', () => detokenize(used, server.test.secret_key), 400],
      ['no_such_token', () => detokenize('tok_neverissued', server.test.secret_key), 404],
      ['no_such_token', () => detokenize(fresh, server.other.secret_key), 404],
      ['livemode_mismatch', () => detokenize(fresh, server.live.secret_key), 404],
      ['permission_denied', () => detokenize(fresh, readOnly), 403],
      ['permission_denied', () => detokenize(fresh, server.test.publishable_key), 403],
      [
        'from_browser',
        () =>
          detokenize(fresh, server.test.secret_key, {
            headers: { origin: 'https://shop.example' },
          }),
        403,
      ],
      [
        'invalid_request',
        () => detokenize(fresh, server.test.secret_key, { body: form({ amount: '100' }) }),
        400,
      ],
    ];
    for (const [outcome, request, status] of cases) {
      const reply = await request();
      assert.equal(reply.status, status, `${outcome}: ${reply.text}`);
      const entry = await entryOf(reply);
      assert.equal(entry.outcome, outcome, reply.text);
      assert.equal(entry.action, 'detokenize');
    }
    // None of them used the token.
    assert.equal((await detokenize(fresh, server.test.secret_key)).status, 200);
  });

  it('records a detokenize of an expired token, and retrieves that fail', async () => {
    const id = await newToken();
    const other = await newToken();
    server.advanceClock(601);
    const expired = await detokenize(id, server.test.secret_key);
    assert.equal(errorOf(expired).code, 'token_expired');
    assert.equal((await entryOf(expired)).outcome, 'expired');
    for (const [outcome, reply] of [
      ['no_such_token', await get('tok_neverissued', server.test.secret_key)],
      ['livemode_mismatch', await get(other, server.live.secret_key)],
      ['permission_denied', await get(other, server.test.publishable_key)],
      ['ok', await get(other, readOnly)],
    ] as const) {
      const entry = await entryOf(reply);
      assert.deepEqual([entry.action, entry.outcome], ['retrieve', outcome], reply.text);
      assert.match(entry.key, /^(sk|pk|rk)_(test|live)_\*+\w{4}$/);
    }
    assert.equal((await entryOf(await get(other, readOnly))).key, maskKey(readOnly));
  });

  it('is read a page at a time, oldest first, as many entries as asked', async () => {
    for (let i = 0; i < 7; i++) {
      await server.vault.appendAudit({
        time: 1000 + i,
        action: 'retrieve',
        tokenId: 'tok_paged',
        key: 'sk_test_****abcd',
        accountId: server.test.account,
        livemode: false,
        clientIp: null,
        requestId: `req_paged${String(i)}`,
        outcome: 'ok',
      });
    }
    const read = async (limit?: number) => {
      const ids: string[] = [];
      const filter = { tokenId: 'tok_paged', ...(limit === undefined ? {} : { limit }) };
      for await (const entry of auditEntries(server.vault, filter, 3)) ids.push(entry.requestId);
      return ids;
    };
    const all = Array.from({ length: 7 }, (_, i) => `req_paged${String(i)}`);
    assert.deepEqual(await read(), all);
    assert.deepEqual(await read(6), all.slice(0, 6));
    assert.deepEqual(await read(3), all.slice(0, 3));
  });

  it('records nothing for a request without a valid key: there is no key to record', async () => {
    const id = await newToken();
    const before = (await server.vault.listAudit({ limit: 10_000 })).length;
    const unauthenticated = [
      await call(`${server.url}/v1/tokens/${id}/detokenize`, { method: 'POST' }),
      await detokenize(id, `sk_test_${'0'.repeat(32)}`),
      await get(id, `rk_test_${'0'.repeat(32)}`),
      await call(`${server.url}/v1/tokens/${id}`, {
        method: 'GET',
        headers: { authorization: 'Bearer' },
      }),
    ];
    for (const reply of unauthenticated) assert.equal(reply.status, 401, reply.text);
    assert.equal((await server.vault.listAudit({ limit: 10_000 })).length, before);
  });

  it('masks a card number put where a token id goes, and stores any other id it is given', async () => {
    const ids: [sent: string, stored: string][] = [
      ['4242424242424242', '[REDACTED]'],
      ['tok_%00x', 'tok_\ufffdx'],
      ['tok_%C3%A9%E2%80%AE', 'tok_\u00e9\u202e'],
    ];
    for (const [sent, stored] of ids) {
      const reply = await get(sent, server.test.secret_key);
      assert.equal(reply.status, 404, reply.text);
      const entry = await entryOf(reply);
      assert.equal(entry.tokenId, stored);
      assert.equal(entry.outcome, 'no_such_token');
    }
  });

  it('hands out no card data unless its entry is committed', async () => {
    const id = await newToken();
    const refuse =
      server.storage === 'sqlite'
        ? "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit disk full'); END"
        : `CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit disk full'; END $$;
           CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()`;
    await server.query(refuse);
    try {
      const failed = await detokenize(id, server.test.secret_key);
      assert.equal(failed.status, 500, failed.text);
      assert.equal(failed.text.includes('4242'), false, 'card data without an audit entry');
      const retrieved = await get(id, server.test.secret_key);
      assert.equal(retrieved.status, 500, 'a retrieve without an audit entry');
    } finally {
      await server.query(
        server.storage === 'sqlite'
          ? 'DROP TRIGGER refuse_audit'
          : 'DROP TRIGGER refuse_audit ON audit_log; DROP FUNCTION refuse_audit()',
      );
    }
    const [row] = await server.query<{ used: unknown; sealed: unknown }>(
      `SELECT used, sealed FROM tokens WHERE id = '${id}'`,
    );
    assert.ok(row && !row.used && row.sealed !== null, 'the failed request used the token');
    const used = await detokenize(id, server.test.secret_key);
    assert.equal(used.status, 200, used.text);
    assert.equal((await entryOf(used)).outcome, 'ok');
  });

  it('holds no card data and no full key', async () => {
    const amex = await newToken(visaCard({ number: AMEX, cvc: AMEX_CVC }));
    const bank = await newToken({
      bank_account: {
        country: 'US',
        currency: 'usd',
        routing_number: '110000000',
        account_number: BANK_ACCOUNT,
      },
    });
    for (const id of [amex, bank]) {
      assert.equal((await get(id, readOnly)).status, 200);
      const used = await detokenize(id, server.test.secret_key);
      assert.equal(used.status, 200, used.text);
    }
    // The table as anyone with the database sees it, and the entries as the vault lists them.
    const rows = JSON.stringify(await server.query('SELECT * FROM audit_log'));
    const listed = JSON.stringify(await server.vault.listAudit({ limit: 10_000 }));
    for (const text of [rows, listed]) {
      assert.ok(text.includes(amex) && text.includes(bank), 'the entries are not there');
      for (const secret of ['4242424242424242', AMEX, BANK_ACCOUNT]) {
        assert.equal(text.includes(secret), false, `${secret} in the audit log`);
      }
      // The CVC as a value of its own, not four digits inside an id or a time.
      assert.doesNotMatch(text, new RegExp(`(?<![0-9A-Za-z])${AMEX_CVC}(?![0-9A-Za-z])`));
      for (const key of [server.test.secret_key, readOnly, server.live.secret_key]) {
        assert.equal(text.includes(key), false, 'a full API key in the audit log');
      }
    }
  });
});
