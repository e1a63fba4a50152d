import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, createToken, visaCard, errorOf } from './helpers/http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

describe('GET /v1/tokens/:id and POST /v1/tokens/:id/detokenize', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ tokenTtlSeconds: 600 });
  });
  after(() => server.close());

  const get = (id: string, key: string) =>
    call(`${server.url}/v1/tokens/${id}`, { method: 'GET', key });
  const detokenize = (id: string, key: string) =>
    call(`${server.url}/v1/tokens/${id}/detokenize`, { method: 'POST', key });

  async function newCardToken(key = server.test.publishable_key): Promise<string> {
    const reply = await createToken(server, visaCard({ name: 'Jenny Rosen' }), { key });
    assert.equal(reply.status, 200, reply.text);
    return String(reply.body.id);
  }

  it('retrieves the token with the secret key of the same account and mode', async () => {
    const created = await createToken(server, visaCard(), { key: server.test.publishable_key });
    const reply = await get(String(created.body.id), server.test.secret_key);
    assert.equal(reply.status, 200);
    // The same object, with the fingerprint that only a secret key sees.
    const { fingerprint, ...card } = reply.body.card as Record<string, unknown>;
    assert.match(String(fingerprint), /^[0-9A-Za-z_-]{16}$/);
    assert.deepEqual({ ...reply.body, card }, created.body);
    assert.equal(reply.text.includes('4242424242424242'), false);
    assert.equal(reply.text.includes('"123"'), false);
  });

  it('hides tokens of another account and of the other mode (404 resource_missing)', async () => {
    const id = await newCardToken();
    for (const key of [server.other.secret_key, server.live.secret_key]) {
      const reply = await get(id, key);
      assert.equal(reply.status, 404);
      assert.equal(errorOf(reply).code, 'resource_missing');
      assert.equal(errorOf(reply).type, 'invalid_request_error');
      assert.equal(errorOf(reply).message, `No such token: '${id}'`);
      const used = await detokenize(id, key);
      assert.equal(used.status, 404);
    }
    assert.equal(
      (await detokenize(id, server.test.secret_key)).status,
      200,
      'still usable by its owner',
    );
  });

  it('answers 404 for a token that does not exist', async () => {
    const reply = await get('tok_doesnotexist', server.test.secret_key);
    assert.equal(reply.status, 404);
    assert.equal(errorOf(reply).code, 'resource_missing');
  });

  it('detokenizes a card once, then reports token_already_used and used: true', async () => {
    const id = await newCardToken();
    const first = await detokenize(id, server.test.secret_key);
    assert.equal(first.status, 200, first.text);
    const year = new Date().getUTCFullYear() + 2;
    assert.deepEqual(first.body, {
      object: 'detokenized_token',
      id,
      type: 'card',
      livemode: false,
      card: {
        number: '4242424242424242',
        exp_month: 12,
        exp_year: year,
        cvc: '123',
        name: 'Jenny Rosen',
        address_line1: null,
        address_line2: null,
        address_city: null,
        address_state: null,
        address_zip: null,
        address_country: null,
        currency: null,
        networks: { preferred: null },
      },
    });
    const second = await detokenize(id, server.test.secret_key);
    assert.equal(second.status, 400);
    assert.equal(errorOf(second).code, 'token_already_used');
    assert.equal(errorOf(second).message, `You cannot use a Stripe token more than once: ${id}.`);
    assert.equal(second.text.includes('4242424242424242'), false);
    const retrieved = await get(id, server.test.secret_key);
    assert.equal(retrieved.body.used, true);
  });

  it('detokenizes bank account, cvc_update and pii tokens', async () => {
    const cases = [
      {
        params: {
          bank_account: {
            country: 'US',
            routing_number: '110000000',
            account_number: '000123456789',
          },
        },
        expect: {
          bank_account: {
            account_number: '000123456789',
            routing_number: '110000000',
            country: 'US',
            currency: 'usd',
            account_holder_name: null,
            account_holder_type: null,
            account_type: null,
          },
        },
      },
      { params: { cvc_update: { cvc: '9876' } }, expect: { cvc_update: { cvc: '9876' } } },
      {
        params: { pii: { id_number: '123-45-6789' } },
        expect: { pii: { id_number: '123-45-6789' } },
      },
    ];
    for (const { params, expect } of cases) {
      const created = await createToken(server, params, { key: server.test.publishable_key });
      const reply = await detokenize(String(created.body.id), server.test.secret_key);
      assert.equal(reply.status, 200, reply.text);
      const [type] = Object.keys(expect);
      assert.equal(reply.body.type, type);
      assert.deepEqual(reply.body[type ?? ''], Object.values(expect)[0]);
    }
  });

  it('lets exactly one of 10 concurrent detokenize calls win', async () => {
    const id = await newCardToken();
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => detokenize(id, server.test.secret_key)),
    );
    const statuses = replies.map((reply) => reply.status).sort();
    assert.deepEqual(statuses, [200, ...Array<number>(9).fill(400)]);
  });

  it('expires tokens after the TTL: their data is erased and they cannot be used', async () => {
    const id = await newCardToken();
    server.advanceClock(601);
    try {
      const reply = await detokenize(id, server.test.secret_key);
      assert.equal(reply.status, 400);
      assert.equal(errorOf(reply).code, 'token_expired');
      assert.equal((await get(id, server.test.secret_key)).status, 200, 'still retrievable');
      const record = await server.vault.findToken(id);
      assert.equal(record?.sealed, null, 'sealed data erased');
    } finally {
      server.advanceClock(-601);
    }
  });

  it('erases sealed data of expired tokens when swept, and on use', async () => {
    const unused = await newCardToken();
    const used = await newCardToken();
    await detokenize(used, server.test.secret_key);
    assert.equal((await server.vault.findToken(used))?.sealed, null, 'erased on use');
    assert.notEqual((await server.vault.findToken(unused))?.sealed, null);
    const erased = await server.vault.eraseExpiredSecrets(Math.floor(Date.now() / 1000) + 601);
    assert.ok(erased >= 1);
    assert.equal((await server.vault.findToken(unused))?.sealed, null, 'erased on expiry');
  });

  it('refuses a body on detokenize and the publishable key', async () => {
    const id = await newCardToken();
    const withBody = await call(`${server.url}/v1/tokens/${id}/detokenize`, {
      method: 'POST',
      key: server.test.secret_key,
      body: 'x=1',
    });
    assert.equal(withBody.status, 400);
    assert.equal(errorOf(withBody).code, 'parameter_unknown');
    const withPk = await detokenize(id, server.test.publishable_key);
    assert.equal(withPk.status, 403);
    assert.equal((await detokenize(id, server.test.secret_key)).status, 200, 'nothing was used up');
  });
});

describe('the CVC is kept shorter than the token (--cvc-ttl)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ tokenTtlSeconds: 3600, cvcTtlSeconds: 600 });
  });
  after(() => server.close());

  const detokenize = (id: string) =>
    call(`${server.url}/v1/tokens/${id}/detokenize`, {
      method: 'POST',
      key: server.test.secret_key,
    });
  const newToken = async (params: Record<string, unknown> = visaCard()) => {
    const reply = await createToken(server, params, { key: server.test.publishable_key });
    assert.equal(reply.status, 200, reply.text);
    return String(reply.body.id);
  };

  it('hands out the CVC within its time, and the card without it after, though not swept', async () => {
    const early = await newToken();
    const late = await newToken();
    // Ten seconds short of the CVC's 600: the clock is read in whole seconds, and the real one
    // moves on too while the test runs.
    server.advanceClock(590);
    try {
      const first = await detokenize(early);
      assert.equal(first.status, 200, first.text);
      assert.equal((first.body.card as Record<string, unknown>).cvc, '123');
      server.advanceClock(10);
      const second = await detokenize(late);
      assert.equal(second.status, 200, second.text);
      const card = second.body.card as Record<string, unknown>;
      assert.equal(card.number, '4242424242424242');
      assert.equal('cvc' in card, false, JSON.stringify(card));
    } finally {
      server.advanceClock(-600);
    }
  });

  it('erases the CVC when swept after its time, and leaves the token usable', async () => {
    const id = await newToken();
    assert.notEqual((await server.vault.findToken(id))?.sealedCvc, null);
    server.advanceClock(600);
    try {
      const swept = await server.sweep();
      assert.ok(swept.cvcsErased >= 1, JSON.stringify(swept));
      const record = await server.vault.findToken(id);
      assert.equal(record?.sealedCvc, null, 'the CVC is still stored');
      assert.notEqual(record.sealed, null, 'the card number went too');
      const reply = await detokenize(id);
      assert.equal(reply.status, 200, reply.text);
      assert.equal((reply.body.card as Record<string, unknown>).number, '4242424242424242');
    } finally {
      server.advanceClock(-600);
    }
  });

  it('lets a CVC-only token live no longer than its CVC', async () => {
    const id = await newToken({ cvc_update: { cvc: '123' } });
    server.advanceClock(600);
    try {
      const reply = await detokenize(id);
      assert.equal(reply.status, 400, reply.text);
      assert.equal(errorOf(reply).code, 'token_expired');
    } finally {
      server.advanceClock(-600);
    }
  });

  it('keeps a card without a CVC as before', async () => {
    const { cvc: _cvc, ...noCvc } = visaCard().card as Record<string, unknown>;
    const id = await newToken({ card: noCvc });
    assert.equal((await server.vault.findToken(id))?.sealedCvc, null);
    const reply = await detokenize(id);
    assert.equal(reply.status, 200, reply.text);
    assert.equal('cvc' in (reply.body.card as Record<string, unknown>), false);
  });
});
