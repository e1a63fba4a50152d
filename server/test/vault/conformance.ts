/**
 * The vault conformance suite: every adapter runs it unchanged (Level's abstract-level pattern).
 * An adapter's test file calls {@link vaultConformance} with a factory for a fresh store and a
 * `supports` manifest of the optional behaviour it has; nothing here knows which database it
 * talks to. "Across connections" tests use a second handle on the same store, as a second
 * `tessera serve` node would have.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type {
  ApiKeyRecord,
  AuditEntry,
  IdempotencyClock,
  IdempotencyRef,
  KeyWrapping,
  TokenRecord,
  Vault,
} from '../../src/vault/vault.js';

/** A fresh store for one test. */
export interface VaultHarness {
  /** The vault under test, on a store no other test uses. */
  vault: Vault;
  /** Opens another handle on the same store; {@link destroy} closes it. */
  connect(): Promise<Vault>;
  /**
   * Runs one SQL statement on the store directly, outside the vault, as anyone with access to
   * the database could; rejects with the store's error.
   */
  exec(sql: string): Promise<void>;
  /** Closes every handle and removes the store. */
  destroy(): Promise<void>;
}

/** Optional behaviour an adapter declares instead of skipping tests by hand. */
export interface VaultSupports {
  /** Data survives closing every handle and opening the store again. */
  persistence: boolean;
}

/** What {@link vaultConformance} needs of an adapter. */
export interface ConformanceOptions {
  /** The adapter's name, for test titles. */
  name: string;
  factory: () => Promise<VaultHarness>;
  supports: VaultSupports;
  /** The schema version a freshly created store must report. */
  schemaVersion: number;
  /** Why the store cannot run here (a database that cannot be reached), when it cannot. */
  skip?: string | undefined;
}

const ACCOUNT = 'acct_conformance';

function apiKey(lookup: string, overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  return {
    lookup,
    accountId: ACCOUNT,
    livemode: false,
    kind: 'publishable',
    display: lookup,
    allowedOrigins: [],
    created: 1000,
    ...overrides,
  };
}

function token(id: string, overrides: Partial<TokenRecord> = {}): TokenRecord {
  return {
    id,
    accountId: ACCOUNT,
    livemode: false,
    type: 'card',
    created: 1000,
    expiresAt: 2000,
    used: false,
    publicJson: JSON.stringify({ id, object: 'token' }),
    sealed: Buffer.from(`sealed:${id}`),
    sealedCvc: null,
    cvcExpiresAt: null,
    ...overrides,
  };
}

function auditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    time: 1_000_000,
    action: 'detokenize',
    tokenId: 'tok_audited',
    key: 'sk_test_****abcd',
    accountId: ACCOUNT,
    livemode: false,
    clientIp: '203.0.113.9',
    requestId: 'req_1',
    outcome: 'ok',
    ...overrides,
  };
}

/** An audit entry for `consumeToken`: the vault decides its outcome. */
function pendingEntry(overrides: Partial<AuditEntry> = {}): Omit<AuditEntry, 'outcome'> {
  const { outcome: _outcome, ...entry } = auditEntry(overrides);
  return entry;
}

/** A clock where nothing has expired or gone stale. */
const FRESH: IdempotencyClock = { now: 1000, expiredBefore: 0, staleBefore: 0 };

/** Registers the whole suite for one adapter. */
export function vaultConformance(options: ConformanceOptions): void {
  const { name, factory, supports } = options;

  describe(`${name} vault: conformance`, { skip: options.skip ?? false }, () => {
    let harness: VaultHarness;
    let vault: Vault;
    beforeEach(async () => {
      harness = await factory();
      vault = harness.vault;
    });
    afterEach(async () => {
      await harness.destroy();
    });

    describe('metadata', () => {
      it('keeps the first value of a key', async () => {
        assert.equal(await vault.getMeta('master_key_id'), null);
        assert.equal(await vault.setMetaIfAbsent('master_key_id', 'a'), 'a');
        assert.equal(await vault.setMetaIfAbsent('master_key_id', 'b'), 'a');
        assert.equal(await vault.getMeta('master_key_id'), 'a');
      });

      it('agrees on one first value when two connections race', async () => {
        const other = await harness.connect();
        const values = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            (i % 2 === 0 ? vault : other).setMetaIfAbsent('race', `value-${String(i)}`),
          ),
        );
        assert.equal(new Set(values).size, 1, `both connections must agree: ${values.join()}`);
        assert.equal(await other.getMeta('race'), values[0]);
      });
    });

    describe('API keys', () => {
      it('creates an account with its keys in one step and finds them', async () => {
        const keys = [apiKey('pk_1'), apiKey('hash_1', { kind: 'secret', display: 'sk_****' })];
        assert.deepEqual(await vault.insertApiKeys(keys, { id: ACCOUNT, created: 1000 }), {
          kind: 'inserted',
        });
        assert.deepEqual(await vault.findApiKey('pk_1'), keys[0]);
        assert.deepEqual(await vault.findApiKey('hash_1'), keys[1]);
        assert.equal(await vault.findApiKey('pk_unknown'), null);
      });

      it('adds keys to an existing account, and lists every key oldest first', async () => {
        await vault.insertApiKeys([apiKey('pk_new', { created: 2000 })], {
          id: ACCOUNT,
          created: 1000,
        });
        await vault.insertApiKeys([apiKey('pk_old', { created: 1500, livemode: true })]);
        const listed = await vault.listApiKeys();
        assert.deepEqual(
          listed.map((key) => [key.lookup, key.livemode]),
          [
            ['pk_old', true],
            ['pk_new', false],
          ],
        );
      });

      it('revokes one key: gone for every connection, its pair untouched, twice is a no-op', async () => {
        const keys = [
          apiKey('pk_gone'),
          apiKey('hash_kept', { kind: 'secret', display: 'sk_****' }),
        ];
        await vault.insertApiKeys(keys, { id: ACCOUNT, created: 1000 });
        const other = await harness.connect();
        assert.deepEqual(await vault.deleteApiKey('pk_gone'), keys[0]);
        assert.equal(await other.findApiKey('pk_gone'), null);
        assert.deepEqual(await other.findApiKey('hash_kept'), keys[1]);
        assert.equal(await vault.deleteApiKey('pk_gone'), null);
        assert.equal(await vault.deleteApiKey('pk_unknown'), null);
      });

      it("replaces a publishable key's allowed origins, for every connection, in order", async () => {
        const keys = [
          apiKey('pk_shop', { allowedOrigins: ['https://shop.example'] }),
          apiKey('hash_shop', { kind: 'secret', display: 'sk_****' }),
        ];
        await vault.insertApiKeys(keys, { id: ACCOUNT, created: 1000 });
        assert.deepEqual(await vault.findApiKey('pk_shop'), keys[0]);
        const origins = ['https://b.example', 'https://a.example:8443'];
        assert.deepEqual(await vault.updateAllowedOrigins('pk_shop', origins), {
          ...keys[0],
          allowedOrigins: origins,
        });
        const other = await harness.connect();
        assert.deepEqual((await other.findApiKey('pk_shop'))?.allowedOrigins, origins);
        assert.deepEqual(await vault.updateAllowedOrigins('pk_shop', []), {
          ...keys[0],
          allowedOrigins: [],
        });
        // Secret keys carry no origins; an unknown key is not created.
        assert.equal(await vault.updateAllowedOrigins('hash_shop', origins), null);
        assert.deepEqual((await vault.findApiKey('hash_shop'))?.allowedOrigins, []);
        assert.equal(await vault.updateAllowedOrigins('pk_unknown', origins), null);
        assert.equal(await vault.findApiKey('pk_unknown'), null);
      });

      it('refuses keys for an account that does not exist, storing none of them', async () => {
        const result = await vault.insertApiKeys([apiKey('pk_orphan')]);
        assert.deepEqual(result, { kind: 'no_such_account' });
        assert.equal(await vault.findApiKey('pk_orphan'), null);
      });

      it('stores nothing of a batch when one of its keys fails', async () => {
        await vault.insertApiKeys([apiKey('pk_taken')], { id: ACCOUNT, created: 1000 });
        const other = { id: 'acct_other', created: 1000 };
        const batch = [
          apiKey('pk_fresh', { accountId: other.id }),
          apiKey('pk_taken', { accountId: other.id }),
        ];
        await assert.rejects(vault.insertApiKeys(batch, other));
        assert.equal(await vault.findApiKey('pk_fresh'), null, 'half a key pair was stored');
        assert.deepEqual((await vault.findApiKey('pk_taken'))?.accountId, ACCOUNT);
        // The account of the failed batch was not created either.
        assert.deepEqual(
          await vault.insertApiKeys([apiKey('pk_late', { accountId: other.id })]),
          { kind: 'no_such_account' },
          'the account of a failed batch was created',
        );
      });

      it('stores a restricted key with its permissions, hashed like a secret key', async () => {
        const restricted = apiKey('hash_rk', {
          kind: 'restricted',
          display: 'rk_test_****wxyz',
          permissions: ['token_read', 'token_detokenize'],
        });
        await vault.insertApiKeys([restricted], { id: ACCOUNT, created: 1000 });
        assert.deepEqual(await vault.findApiKey('hash_rk'), restricted);
        assert.deepEqual(await vault.listApiKeys(), [restricted]);
        assert.deepEqual(await vault.deleteApiKey('hash_rk'), restricted);
        assert.equal(await vault.findApiKey('hash_rk'), null);
        // Only restricted keys hold permissions, and they always do.
        await assert.rejects(
          vault.insertApiKeys([apiKey('pk_with_permissions', { permissions: ['token_read'] })]),
        );
        await assert.rejects(
          vault.insertApiKeys([apiKey('hash_rk_none', { kind: 'restricted', display: 'rk_x' })]),
        );
        assert.deepEqual(await vault.listApiKeys(), []);
      });

      it('refuses to create an account twice', async () => {
        await vault.insertApiKeys([apiKey('pk_a')], { id: ACCOUNT, created: 1000 });
        await assert.rejects(vault.insertApiKeys([apiKey('pk_b')], { id: ACCOUNT, created: 1 }));
        assert.equal(await vault.findApiKey('pk_b'), null);
      });
    });

    describe('tokens', () => {
      it('stores a token and reads back every field', async () => {
        const record = token('tok_round', { livemode: true, type: 'bank_account' });
        await vault.insertToken(record);
        assert.deepEqual(await vault.findToken('tok_round'), record);
        assert.equal(await vault.findToken('tok_unknown'), null);
      });

      it('resolves an insert only once another connection can read it', async () => {
        const other = await harness.connect();
        await Promise.all(
          Array.from({ length: 20 }, (_, i) => vault.insertToken(token(`tok_seen${String(i)}`))),
        );
        for (let i = 0; i < 20; i++) {
          assert.ok(await other.findToken(`tok_seen${String(i)}`), `tok_seen${String(i)}`);
        }
      });

      it('fails a duplicate id alone: the other inserts made at the same time are stored', async () => {
        const results = await Promise.allSettled([
          vault.insertToken(token('tok_dup')),
          vault.insertToken(token('tok_dup', { publicJson: '{"second":true}' })),
          vault.insertToken(token('tok_neighbour')),
        ]);
        assert.deepEqual(
          results.map((result) => result.status),
          ['fulfilled', 'rejected', 'fulfilled'],
        );
        assert.equal((await vault.findToken('tok_dup'))?.publicJson, token('tok_dup').publicJson);
        assert.ok(await vault.findToken('tok_neighbour'));
      });

      it('uses a token once: the data goes to the first caller and is erased', async () => {
        await vault.insertToken(token('tok_use'));
        assert.deepEqual(await vault.consumeToken('tok_use', 1500), {
          kind: 'consumed',
          sealed: Buffer.from('sealed:tok_use'),
          sealedCvc: null,
        });
        assert.deepEqual(await vault.consumeToken('tok_use', 1500), { kind: 'already_used' });
        assert.deepEqual(await vault.consumeToken('tok_missing', 1500), { kind: 'missing' });
        const used = await vault.findToken('tok_use');
        assert.equal(used?.used, true);
        assert.equal(used.sealed, null);
      });

      it('gives the data to exactly one of many concurrent users on two connections', async () => {
        const other = await harness.connect();
        await vault.insertToken(token('tok_race'));
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            (i % 2 === 0 ? vault : other).consumeToken('tok_race', 1500),
          ),
        );
        const kinds = results.map((result) => result.kind);
        assert.equal(kinds.filter((kind) => kind === 'consumed').length, 1, kinds.join());
        assert.equal(kinds.filter((kind) => kind === 'already_used').length, 11, kinds.join());
      });

      it('refuses an expired token and erases its data; a used token stays used', async () => {
        await vault.insertToken(token('tok_old', { expiresAt: 1500 }));
        await vault.insertToken(token('tok_spent', { expiresAt: 1500 }));
        await vault.consumeToken('tok_spent', 1400);
        assert.deepEqual(await vault.consumeToken('tok_old', 1500), { kind: 'expired' });
        const old = await vault.findToken('tok_old');
        assert.equal(old?.sealed, null, 'an expired token kept its sealed data');
        assert.equal(old.used, false);
        assert.deepEqual(await vault.consumeToken('tok_old', 1600), { kind: 'expired' });
        assert.deepEqual(await vault.consumeToken('tok_spent', 1600), { kind: 'already_used' });
      });

      it('deletes the rows of tokens expired long enough, and counts them', async () => {
        await vault.insertToken(token('tok_gone', { expiresAt: 1200 }));
        await vault.insertToken(token('tok_kept', { expiresAt: 5000 }));
        assert.equal(await vault.deleteExpiredTokens(1200), 1);
        assert.equal(await vault.deleteExpiredTokens(1200), 0);
        assert.equal(await vault.findToken('tok_gone'), null);
        assert.deepEqual(await vault.consumeToken('tok_gone', 1300), { kind: 'missing' });
        assert.ok(await vault.findToken('tok_kept'));
      });

      it('erases the data of expired tokens only, and counts them', async () => {
        await vault.insertToken(token('tok_expired_a', { expiresAt: 1200 }));
        await vault.insertToken(token('tok_expired_b', { expiresAt: 1300 }));
        await vault.insertToken(token('tok_current', { expiresAt: 5000 }));
        assert.equal(await vault.eraseExpiredSecrets(1300), 2);
        assert.equal(await vault.eraseExpiredSecrets(1300), 0);
        assert.equal((await vault.findToken('tok_expired_a'))?.sealed, null);
        assert.ok((await vault.findToken('tok_current'))?.sealed);
      });

      it('keeps the CVC apart and erases it at its own time, leaving the token usable', async () => {
        const cvc = (id: string, cvcExpiresAt: number) =>
          token(id, { sealedCvc: Buffer.from(`cvc:${id}`), cvcExpiresAt, expiresAt: 5000 });
        await vault.insertToken(cvc('tok_cvc_due', 1600));
        await vault.insertToken(cvc('tok_cvc_later', 1700));
        await vault.insertToken(token('tok_no_cvc', { expiresAt: 5000 }));
        const stored = await vault.findToken('tok_cvc_due');
        assert.deepEqual(stored?.sealedCvc, Buffer.from('cvc:tok_cvc_due'));
        assert.equal(stored.cvcExpiresAt, 1600);

        assert.equal(await vault.eraseExpiredCvcs(1600), 1);
        assert.equal(await vault.eraseExpiredCvcs(1600), 0);
        const erased = await vault.findToken('tok_cvc_due');
        assert.equal(erased?.sealedCvc, null);
        assert.deepEqual(erased.sealed, Buffer.from('sealed:tok_cvc_due'), 'the rest was erased');
        assert.deepEqual(await vault.consumeToken('tok_cvc_due', 1650), {
          kind: 'consumed',
          sealed: Buffer.from('sealed:tok_cvc_due'),
          sealedCvc: null,
        });
        // Used before its CVC's time: both come back once, and both are erased.
        assert.deepEqual(await vault.consumeToken('tok_cvc_later', 1650), {
          kind: 'consumed',
          sealed: Buffer.from('sealed:tok_cvc_later'),
          sealedCvc: Buffer.from('cvc:tok_cvc_later'),
        });
        const used = await vault.findToken('tok_cvc_later');
        assert.equal(used?.sealed, null);
        assert.equal(used.sealedCvc, null);
        // The token's own expiry erases its CVC too.
        await vault.insertToken(cvc('tok_cvc_expiring', 9000));
        await vault.eraseExpiredSecrets(5000);
        assert.equal((await vault.findToken('tok_cvc_expiring'))?.sealedCvc, null);
      });
    });

    describe('audit log', () => {
      it('lists entries oldest first, by time, token and cursor, as many as asked', async () => {
        const entries = [
          auditEntry({ time: 1000, tokenId: 'tok_a', outcome: 'ok', clientIp: null }),
          auditEntry({ time: 2000, tokenId: 'tok_b', action: 'retrieve', livemode: true }),
          auditEntry({ time: 3000, tokenId: 'tok_a', outcome: 'already_used' }),
          auditEntry({ time: 4000, tokenId: 'tok_a', outcome: 'permission_denied' }),
        ];
        for (const entry of entries) await vault.appendAudit(entry);
        const all = await vault.listAudit();
        assert.deepEqual(
          all.map(({ id: _id, ...entry }) => entry),
          entries,
        );
        const ids = all.map((record) => record.id);
        assert.deepEqual(
          ids,
          [...ids].sort((a, b) => a - b),
          'ids grow in the order appended',
        );
        const times = async (filter: Parameters<Vault['listAudit']>[0]) =>
          (await vault.listAudit(filter)).map((record) => record.time);
        assert.deepEqual(await times({ since: 2000 }), [2000, 3000, 4000]);
        assert.deepEqual(await times({ tokenId: 'tok_a' }), [1000, 3000, 4000]);
        assert.deepEqual(await times({ tokenId: 'tok_a', since: 1500, limit: 1 }), [3000]);
        assert.deepEqual(await times({ afterId: ids[1] }), [3000, 4000]);
        assert.deepEqual(await times({ tokenId: 'tok_none' }), []);
      });

      it('records every use of a token in its transaction, with the outcome it had', async () => {
        await vault.insertToken(token('tok_audit', { expiresAt: 5000 }));
        await vault.insertToken(token('tok_audit_old', { expiresAt: 1200 }));
        const use = (id: string, requestId: string) =>
          vault.consumeToken(id, 1500, pendingEntry({ tokenId: id, requestId }));
        assert.equal((await use('tok_audit', 'req_first')).kind, 'consumed');
        assert.equal((await use('tok_audit', 'req_second')).kind, 'already_used');
        assert.equal((await use('tok_audit_old', 'req_old')).kind, 'expired');
        assert.equal((await use('tok_nowhere', 'req_nowhere')).kind, 'missing');
        assert.deepEqual(
          (await vault.listAudit()).map((record) => [
            record.requestId,
            record.tokenId,
            record.outcome,
          ]),
          [
            ['req_first', 'tok_audit', 'ok'],
            ['req_second', 'tok_audit', 'already_used'],
            ['req_old', 'tok_audit_old', 'expired'],
            ['req_nowhere', 'tok_nowhere', 'no_such_token'],
          ],
        );
        // Without an entry, a consume records nothing (the token service always gives one).
        await vault.insertToken(token('tok_unaudited', { expiresAt: 5000 }));
        await vault.consumeToken('tok_unaudited', 1500);
        assert.equal((await vault.listAudit()).length, 4);
      });

      it('hands out nothing when the entry cannot be stored: the use is rolled back', async () => {
        await vault.insertToken(token('tok_unrecorded', { expiresAt: 5000 }));
        const broken = pendingEntry({ requestId: null as unknown as string });
        await assert.rejects(vault.consumeToken('tok_unrecorded', 1500, broken));
        const kept = await vault.findToken('tok_unrecorded');
        assert.equal(kept?.used, false, 'the token was used without its entry');
        assert.deepEqual(kept.sealed, Buffer.from('sealed:tok_unrecorded'));
        assert.deepEqual(await vault.listAudit(), []);
        assert.equal(
          (await vault.consumeToken('tok_unrecorded', 1500, pendingEntry())).kind,
          'consumed',
        );
        assert.equal((await vault.listAudit()).length, 1);
      });

      it('records each of many concurrent uses on two connections, one of them ok', async () => {
        const other = await harness.connect();
        await vault.insertToken(token('tok_audit_race', { expiresAt: 5000 }));
        await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            (i % 2 === 0 ? vault : other).consumeToken(
              'tok_audit_race',
              1500,
              pendingEntry({ tokenId: 'tok_audit_race', requestId: `req_${String(i)}` }),
            ),
          ),
        );
        const records = await other.listAudit({ tokenId: 'tok_audit_race' });
        assert.equal(new Set(records.map((record) => record.requestId)).size, 12);
        const outcomes = records.map((record) => record.outcome);
        assert.equal(outcomes.filter((outcome) => outcome === 'ok').length, 1, outcomes.join());
        assert.equal(outcomes.filter((outcome) => outcome === 'already_used').length, 11);
      });

      it('refuses to change or delete an entry, even outside the vault', async () => {
        await vault.appendAudit(auditEntry({ outcome: 'permission_denied' }));
        await vault.appendAudit(auditEntry({ requestId: 'req_2' }));
        const before = await vault.listAudit();
        for (const sql of [
          "UPDATE audit_log SET outcome = 'ok'",
          "UPDATE audit_log SET key = 'sk_test_****zzzz' WHERE request_id = 'req_2'",
          'DELETE FROM audit_log',
          "DELETE FROM audit_log WHERE request_id = 'req_1'",
        ]) {
          await assert.rejects(harness.exec(sql), /append-only/, sql);
        }
        assert.deepEqual(await vault.listAudit(), before);
      });
    });

    describe('idempotency', () => {
      const ref: IdempotencyRef = { scope: `${ACCOUNT}:test`, key: 'key-1' };

      it('claims a key once: a duplicate waits, other parameters are refused', async () => {
        assert.deepEqual(await vault.beginIdempotent(ref, 'h1', FRESH), { kind: 'proceed' });
        assert.deepEqual(await vault.beginIdempotent(ref, 'h1', FRESH), { kind: 'in_flight' });
        assert.deepEqual(await vault.beginIdempotent(ref, 'h2', FRESH), { kind: 'mismatch' });
        const otherScope = { ...ref, scope: 'acct_else:test' };
        assert.deepEqual(await vault.beginIdempotent(otherScope, 'h2', FRESH), {
          kind: 'proceed',
        });
      });

      it('saves the reply with the token it made, in one step, and replays it', async () => {
        await vault.beginIdempotent(ref, 'h1', FRESH);
        await vault.insertToken(token('tok_idem'), { ...ref, statusCode: 200, body: '{"a":1}' });
        assert.deepEqual(await vault.beginIdempotent(ref, 'h1', FRESH), {
          kind: 'replay',
          reply: { statusCode: 200, body: '{"a":1}' },
        });
        assert.deepEqual(await vault.beginIdempotent(ref, 'h2', FRESH), { kind: 'mismatch' });
      });

      it('stores a token only while the key that authorized it exists, its reply only then', async () => {
        await vault.insertApiKeys([apiKey('pk_current')], { id: ACCOUNT, created: 1000 });
        const revoked = { ...ref, key: 'key-revoked' };
        await vault.beginIdempotent(revoked, 'h1', FRESH);
        const reply = { ...revoked, statusCode: 200, body: '', tokenId: 'tok_unauthorized' };
        const results = await Promise.all([
          vault.insertToken(token('tok_authorized'), undefined, 'pk_current'),
          vault.insertToken(token('tok_unauthorized'), reply, 'pk_revoked'),
          vault.insertToken(token('tok_unchecked')),
        ]);
        assert.deepEqual(results, ['inserted', 'key_revoked', 'inserted']);
        assert.ok(await vault.findToken('tok_authorized'));
        assert.ok(await vault.findToken('tok_unchecked'));
        assert.equal(await vault.findToken('tok_unauthorized'), null);
        assert.deepEqual(await vault.beginIdempotent(revoked, 'h1', FRESH), { kind: 'in_flight' });
      });

      it('saves a token reply as a reference to its token, and replays the reference', async () => {
        const other = { ...ref, key: 'key-reference' };
        await vault.beginIdempotent(other, 'h1', FRESH);
        await vault.insertToken(token('tok_ref'), {
          ...other,
          statusCode: 200,
          body: '',
          tokenId: 'tok_ref',
        });
        assert.deepEqual(await vault.beginIdempotent(other, 'h1', FRESH), {
          kind: 'replay',
          reply: { statusCode: 200, body: '', tokenId: 'tok_ref' },
        });
        // A claim taken anew forgets the reference.
        const later = { now: 90_000, expiredBefore: 3_600, staleBefore: 89_940 };
        assert.deepEqual(await vault.beginIdempotent(other, 'h2', later), { kind: 'proceed' });
        await vault.completeIdempotent({ ...other, statusCode: 402, body: '{"error":{}}' });
        assert.deepEqual(await vault.beginIdempotent(other, 'h2', later), {
          kind: 'replay',
          reply: { statusCode: 402, body: '{"error":{}}' },
        });
      });

      it('replays a saved error reply, and a released claim can be taken again', async () => {
        await vault.beginIdempotent(ref, 'h1', FRESH);
        await vault.completeIdempotent({ ...ref, statusCode: 402, body: '{"error":{}}' });
        await vault.releaseIdempotent(ref);
        assert.deepEqual(await vault.beginIdempotent(ref, 'h1', FRESH), {
          kind: 'replay',
          reply: { statusCode: 402, body: '{"error":{}}' },
        });
        const other = { ...ref, key: 'key-released' };
        await vault.beginIdempotent(other, 'h1', FRESH);
        await vault.releaseIdempotent(other);
        assert.deepEqual(await vault.beginIdempotent(other, 'h2', FRESH), { kind: 'proceed' });
      });

      it('lets a retry take over a stale claim and reuse an expired key', async () => {
        await vault.beginIdempotent(ref, 'h', { now: 1000, expiredBefore: 0, staleBefore: 0 });
        const later = { now: 1061, expiredBefore: 0, staleBefore: 1001 };
        assert.deepEqual(await vault.beginIdempotent(ref, 'h', later), { kind: 'proceed' });
        await vault.completeIdempotent({ ...ref, statusCode: 200, body: '{}' });
        // A completed reply is never stale, only expired.
        const muchLater = { now: 2000, expiredBefore: 0, staleBefore: 1900 };
        assert.equal((await vault.beginIdempotent(ref, 'h', muchLater)).kind, 'replay');
        const nextDay = { now: 90_000, expiredBefore: 3_600, staleBefore: 89_940 };
        assert.deepEqual(await vault.beginIdempotent(ref, 'other', nextDay), { kind: 'proceed' });
      });

      it('lets exactly one of many concurrent requests on two connections proceed', async () => {
        const other = await harness.connect();
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            (i % 2 === 0 ? vault : other).beginIdempotent(ref, 'h1', FRESH),
          ),
        );
        const kinds = results.map((result) => result.kind);
        assert.equal(kinds.filter((kind) => kind === 'proceed').length, 1, kinds.join());
        assert.equal(kinds.filter((kind) => kind === 'in_flight').length, 11, kinds.join());
      });

      it('purges records created before a time, and counts them', async () => {
        await vault.beginIdempotent({ ...ref, key: 'old' }, 'h', { ...FRESH, now: 100 });
        await vault.beginIdempotent({ ...ref, key: 'new' }, 'h', { ...FRESH, now: 900 });
        assert.equal(await vault.purgeIdempotency(500), 1);
        assert.equal(await vault.purgeIdempotency(500), 0);
        assert.deepEqual(await vault.beginIdempotent({ ...ref, key: 'new' }, 'h', FRESH), {
          kind: 'in_flight',
        });
      });
    });

    describe('keyring and rotation', () => {
      /** A wrapping as a rotation stores it (the bytes are opaque to the vault). */
      function wrapping(keyId: string, masterKeyId: string): KeyWrapping {
        return { keyId, masterKeyId, wrapped: randomBytes(60), created: 1000 };
      }
      /** A blob with a sealed record's header: version 1, then the data key's id. */
      function sealedUnder(keyId: string): Buffer {
        return Buffer.concat([Buffer.of(1), Buffer.from(keyId, 'hex'), randomBytes(40)]);
      }
      const A = 'aaaaaaaaaaaaaaaa';
      const B = 'bbbbbbbbbbbbbbbb';

      it('stores the first keyring once, and moves the current key only from the expected one', async () => {
        assert.deepEqual(await vault.getKeyring(), { wrappings: [], currentKeyId: null });
        const first = [wrapping(A, 'm1'), wrapping('fingerprint', 'm1')];
        assert.equal(await vault.updateKeyring(first, A, null), true);
        assert.equal(await vault.updateKeyring([wrapping(B, 'm1')], B, null), false);
        assert.equal(await vault.updateKeyring([wrapping(B, 'm1')], B, 'wrong'), false);
        const stored = await vault.getKeyring();
        assert.equal(stored.currentKeyId, A);
        assert.deepEqual(
          stored.wrappings.map((w) => [w.keyId, w.masterKeyId, w.wrapped]),
          first.map((w) => [w.keyId, w.masterKeyId, w.wrapped]),
        );
        // A wrapping stored already stays as it was; the new ones are added.
        const rotation = [
          wrapping(A, 'm1'),
          wrapping(A, 'm2'),
          wrapping(B, 'm1'),
          wrapping(B, 'm2'),
        ];
        assert.equal(await vault.updateKeyring(rotation, B, A), true);
        const rotated = await vault.getKeyring();
        assert.equal(rotated.currentKeyId, B);
        assert.equal(rotated.wrappings.length, 5);
        assert.deepEqual(
          rotated.wrappings.find((w) => w.keyId === A && w.masterKeyId === 'm1')?.wrapped,
          first[0]?.wrapped,
        );
      });

      it('lets one of two connections racing to make the first keyring store it', async () => {
        const other = await harness.connect();
        const results = await Promise.all(
          [vault, other, vault, other].map((handle, i) =>
            handle.updateKeyring([wrapping(String(i).repeat(16), 'm1')], `k${String(i)}`, null),
          ),
        );
        assert.equal(results.filter(Boolean).length, 1, String(results));
        const stored = await other.getKeyring();
        assert.equal(stored.wrappings.length, 1);
        assert.equal(stored.currentKeyId, `k${String(results.indexOf(true))}`);
      });

      it('finds, counts and replaces blobs by the data key in their header', async () => {
        const t1 = token('tok_r1', { sealed: sealedUnder(A), sealedCvc: sealedUnder(B) });
        const t2 = token('tok_r2', { sealed: sealedUnder(B) });
        const t3 = token('tok_r3', { sealed: sealedUnder(A), sealedCvc: sealedUnder(A) });
        for (const t of [t1, t2, t3, token('tok_r4', { sealed: null })]) await vault.insertToken(t);
        assert.deepEqual(Object.fromEntries(await vault.countSealedByKey()), { [A]: 3, [B]: 2 });
        const notUnderB = await vault.findSealedNotUnder(B, '', 10);
        assert.deepEqual(
          notUnderB.map((row) => [row.id, row.sealed, row.sealedCvc]),
          [t1, t3].map((t) => [t.id, t.sealed, t.sealedCvc]),
        );
        assert.deepEqual(
          (await vault.findSealedNotUnder(B, 'tok_r1', 10)).map((row) => row.id),
          ['tok_r3'],
        );
        assert.deepEqual(
          (await vault.findSealedNotUnder(B, '', 1)).map((row) => row.id),
          ['tok_r1'],
        );
        const fresh = sealedUnder(B);
        const replaced = await vault.replaceSealed([
          { id: 'tok_r1', column: 'sealed', old: t1.sealed ?? Buffer.alloc(0), new: fresh },
          // Not the blob stored any more (a detokenize got there first): left alone.
          { id: 'tok_r3', column: 'sealed_cvc', old: sealedUnder(A), new: sealedUnder(B) },
        ]);
        assert.equal(replaced, 1);
        assert.deepEqual((await vault.findToken('tok_r1'))?.sealed, fresh);
        assert.deepEqual((await vault.findToken('tok_r3'))?.sealedCvc, t3.sealedCvc);
        assert.deepEqual(Object.fromEntries(await vault.countSealedByKey()), { [A]: 2, [B]: 3 });
        await vault.consumeToken('tok_r3', 1500);
        assert.deepEqual(
          (await vault.findSealedNotUnder(B, '', 10)).map((row) => row.id),
          [],
        );
      });

      it('retires a master key only once no record needs the data keys it takes along', async () => {
        const all = [wrapping(A, 'm1'), wrapping(A, 'm2'), wrapping(B, 'm1'), wrapping(B, 'm2')];
        assert.equal(
          await vault.updateKeyring([...all, wrapping('fingerprint', 'm1')], B, null),
          true,
        );
        await vault.insertToken(token('tok_old', { sealed: sealedUnder(A) }));
        assert.deepEqual(await vault.retireMasterKey('m1', [A]), { kind: 'in_use', records: 1 });
        assert.equal((await vault.getKeyring()).wrappings.length, 5, 'nothing was deleted');
        await vault.consumeToken('tok_old', 1500);
        assert.deepEqual(await vault.retireMasterKey('m1', [A]), { kind: 'retired', deleted: 4 });
        const left = await vault.getKeyring();
        assert.deepEqual(
          left.wrappings.map((w) => [w.keyId, w.masterKeyId]),
          [[B, 'm2']],
        );
        assert.equal(left.currentKeyId, B);
      });
    });

    describe('the store', () => {
      it('reports its size on disk, which grows as tokens are stored', async () => {
        const before = await vault.storageBytes();
        assert.ok(before > 0, String(before));
        await Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            vault.insertToken(
              // Random, so that a store which compresses (Postgres's TOAST) cannot shrink it.
              token(`tok_size${String(i)}`, { publicJson: randomBytes(1000).toString('hex') }),
            ),
          ),
        );
        assert.ok((await vault.storageBytes()) > before + 200 * 1000);
      });

      it('answers a ping, and reports its connections as numbers or not at all', async () => {
        await vault.ping();
        const stats = vault.connectionStats();
        if (stats !== null) {
          assert.ok(stats.max >= 1 && stats.total <= stats.max, JSON.stringify(stats));
          assert.ok(stats.idle >= 0 && stats.waiting >= 0, JSON.stringify(stats));
        }
      });

      it('describes itself with its kind and schema version', async () => {
        const described = await vault.describe();
        assert.equal(typeof described.storage, 'string');
        assert.equal(described.schema_version, String(options.schemaVersion));
      });

      it('rejects every call after close instead of throwing', async () => {
        await vault.close();
        const calls: [string, () => Promise<unknown>][] = [
          ['getMeta', () => vault.getMeta('k')],
          ['setMetaIfAbsent', () => vault.setMetaIfAbsent('k', 'v')],
          ['insertApiKeys', () => vault.insertApiKeys([apiKey('pk_x')])],
          ['findApiKey', () => vault.findApiKey('pk_x')],
          ['listApiKeys', () => vault.listApiKeys()],
          ['deleteApiKey', () => vault.deleteApiKey('pk_x')],
          ['insertToken', () => vault.insertToken(token('tok_closed'))],
          ['findToken', () => vault.findToken('tok_closed')],
          ['consumeToken', () => vault.consumeToken('tok_closed', 1)],
          ['eraseExpiredSecrets', () => vault.eraseExpiredSecrets(1)],
          ['eraseExpiredCvcs', () => vault.eraseExpiredCvcs(1)],
          ['deleteExpiredTokens', () => vault.deleteExpiredTokens(1)],
          ['beginIdempotent', () => vault.beginIdempotent(accountRef(), 'h', FRESH)],
          [
            'completeIdempotent',
            () => vault.completeIdempotent({ ...accountRef(), statusCode: 200, body: '' }),
          ],
          ['releaseIdempotent', () => vault.releaseIdempotent(accountRef())],
          ['purgeIdempotency', () => vault.purgeIdempotency(1)],
          ['appendAudit', () => vault.appendAudit(auditEntry())],
          ['listAudit', () => vault.listAudit()],
          ['describe', () => vault.describe()],
          ['storageBytes', () => vault.storageBytes()],
          ['ping', () => vault.ping()],
        ];
        for (const [method, call] of calls) {
          let pending: Promise<unknown> | undefined;
          assert.doesNotThrow(() => {
            pending = call();
          }, `${method} threw synchronously`);
          await assert.rejects(pending ?? Promise.resolve(), `${method} did not reject`);
        }
        await vault.close();
      });

      it(
        'keeps everything once every handle is closed and the store is opened again',
        { skip: !supports.persistence && 'the adapter declares no persistence' },
        async () => {
          await vault.insertApiKeys([apiKey('pk_kept')], { id: ACCOUNT, created: 1000 });
          await vault.insertToken(token('tok_kept'));
          await vault.setMetaIfAbsent('kept', 'yes');
          await vault.beginIdempotent(accountRef(), 'h', FRESH);
          await vault.appendAudit(auditEntry());
          await vault.close();
          const reopened = await harness.connect();
          assert.ok(await reopened.findApiKey('pk_kept'));
          assert.deepEqual(await reopened.findToken('tok_kept'), token('tok_kept'));
          assert.equal(await reopened.getMeta('kept'), 'yes');
          assert.deepEqual(
            (await reopened.listAudit()).map(({ id: _id, ...entry }) => entry),
            [auditEntry()],
          );
          assert.equal(
            (await reopened.beginIdempotent(accountRef(), 'h', FRESH)).kind,
            'in_flight',
          );
        },
      );
    });
  });
}

/** An idempotency key of the main account. */
function accountRef(): IdempotencyRef {
  return { scope: `${ACCOUNT}:test`, key: 'closed' };
}
