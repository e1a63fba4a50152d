import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideConsume, decideIdempotency, keysAccount } from '../../src/vault/policy.js';

const sealed = Buffer.from('sealed');

describe('vault policy', () => {
  it('decides single use and expiry from a token row', () => {
    const cases = [
      { token: null, result: 'missing', write: 'none' },
      {
        token: { used: false, expiresAt: 200, sealed, sealedCvc: null, cvcExpiresAt: null },
        result: 'consumed',
        write: 'mark_used_and_erase',
      },
      {
        token: { used: true, expiresAt: 200, sealed: null, sealedCvc: null, cvcExpiresAt: null },
        result: 'already_used',
        write: 'none',
      },
      {
        token: { used: true, expiresAt: 50, sealed: null, sealedCvc: null, cvcExpiresAt: null },
        result: 'already_used',
        write: 'none',
      },
      {
        token: { used: false, expiresAt: 100, sealed, sealedCvc: null, cvcExpiresAt: null },
        result: 'expired',
        write: 'erase',
      },
      {
        token: { used: false, expiresAt: 200, sealed: null, sealedCvc: null, cvcExpiresAt: null },
        result: 'expired',
        write: 'none',
      },
    ] as const;
    for (const { token, result, write } of cases) {
      const decision = decideConsume(token, 100);
      assert.equal(decision.result.kind, result, JSON.stringify(token));
      assert.equal(decision.write, write, JSON.stringify(token));
    }
  });

  it('hands out a CVC only before its time, though the sweep has not erased it yet', () => {
    const cvc = Buffer.from('cvc');
    const row = { used: false, expiresAt: 500, sealed, sealedCvc: cvc };
    const fresh = decideConsume({ ...row, cvcExpiresAt: 101 }, 100);
    assert.deepEqual(fresh.result, { kind: 'consumed', sealed, sealedCvc: cvc });
    const late = decideConsume({ ...row, cvcExpiresAt: 100 }, 100);
    assert.deepEqual(late.result, { kind: 'consumed', sealed, sealedCvc: null });
    // Either way the use erases everything.
    assert.equal(late.write, 'mark_used_and_erase');
  });

  it('decides what an idempotent request may do with a stored record', () => {
    const clock = { now: 1000, expiredBefore: 500, staleBefore: 900 };
    const claim = { paramsHash: 'h', created: 950, lockedAt: 950, reply: null };
    const done = { ...claim, lockedAt: null, reply: { statusCode: 200, body: '{}' } };
    const cases = [
      { record: null, hash: 'h', kind: 'proceed' },
      { record: claim, hash: 'h', kind: 'in_flight' },
      { record: claim, hash: 'other', kind: 'mismatch' },
      { record: { ...claim, lockedAt: 899 }, hash: 'other', kind: 'proceed' },
      { record: done, hash: 'h', kind: 'replay' },
      { record: done, hash: 'other', kind: 'mismatch' },
      { record: { ...done, created: 499 }, hash: 'other', kind: 'proceed' },
    ] as const;
    for (const { record, hash, kind } of cases) {
      assert.equal(decideIdempotency(record, hash, clock).kind, kind, JSON.stringify(record));
    }
  });

  it('names the one account of a key batch, and refuses mixed or empty batches', () => {
    const key = (accountId: string) => ({
      lookup: 'x',
      accountId,
      livemode: false,
      kind: 'publishable' as const,
      display: 'x',
      allowedOrigins: [],
      created: 1,
    });
    assert.equal(keysAccount([key('acct_a'), key('acct_a')]), 'acct_a');
    assert.throws(() => keysAccount([key('acct_a'), key('acct_b')]), TypeError);
    assert.throws(() => keysAccount([]), TypeError);
    assert.throws(() => keysAccount([key('acct_a')], { id: 'acct_b', created: 1 }), TypeError);
  });
});
