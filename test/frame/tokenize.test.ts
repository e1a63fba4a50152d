import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fr from '../../src/frame/i18n/locales/fr.js';
import { sayIn } from '../../src/frame/i18n/words.js';
import { formEncode, postToken } from '../../src/frame/tokenize.js';

type Call = { url: string; init: RequestInit };

/** A fetch that answers from a script and records what it was sent. */
function scriptedFetch(replies: (Response | Error)[]): { fetcher: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetcher = ((url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = replies.shift();
    if (!next) throw new Error('no more replies');
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  }) as typeof fetch;
  return { fetcher, calls };
}

const HOST = 'https://shop.example';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('formEncode', () => {
  it('writes bracket keys, skips null and undefined, encodes every character', () => {
    assert.equal(
      formEncode({
        key: 'pk_test_1',
        card: { number: '4242424242424242', name: 'Zoë & Co', cvc: undefined, currency: null },
        account: { tos_shown_and_accepted: true, individual: { dob: { day: 1 } } },
      }),
      'key=pk_test_1&card%5Bnumber%5D=4242424242424242&card%5Bname%5D=Zo%C3%AB%20%26%20Co' +
        '&account%5Btos_shown_and_accepted%5D=true&account%5Bindividual%5D%5Bdob%5D%5Bday%5D=1',
    );
  });

  it('refuses data with a cycle, nested too deep or too large, at once (found by the frame fuzz suite)', () => {
    const cyclic: Record<string, unknown> = { name: 'Jenny Rosen' };
    cyclic.self = cyclic;
    assert.throws(() => formEncode({ account: cyclic }), {
      name: 'RangeError',
      message: 'Token data nests deeper than 10 levels.',
    });
    let deep: unknown = 'x';
    for (let i = 0; i < 11; i++) deep = { a: deep };
    assert.throws(() => formEncode({ account: deep }), RangeError);
    // Eight levels of a thousand references to one object: 10^24 values if walked naively.
    let wide: Record<string, unknown> = { leaf: '1' };
    for (let i = 0; i < 8; i++) {
      const level: Record<string, unknown> = {};
      for (let key = 0; key < 1000; key++) level[String(key)] = wide;
      wide = level;
    }
    assert.throws(() => formEncode({ account: wide }), {
      message: 'Token data holds more than 2000 values.',
    });
    deep = 'x';
    for (let i = 0; i < 9; i++) deep = { a: deep };
    assert.equal(formEncode({ account: deep }).split('%5Ba%5D').length, 10);
  });
});

describe('postToken', () => {
  it('answers data it cannot encode with an invalid_request_error and posts nothing', async () => {
    const { fetcher, calls } = scriptedFetch([]);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const reply = await postToken('pk_test_1', { account: cyclic }, { fetcher, hostOrigin: HOST });
    assert.deepEqual(reply, {
      error: { type: 'invalid_request_error', message: 'Token data nests deeper than 10 levels.' },
    });
    assert.equal(calls.length, 0);
  });

  it('posts the form with the key in the body, the host origin and an Idempotency-Key, to its own origin', async () => {
    const { fetcher, calls } = scriptedFetch([json(200, { id: 'tok_1', object: 'token' })]);
    const reply = await postToken(
      'pk_test_1',
      { cvc_update: { cvc: '123' } },
      { fetcher, hostOrigin: HOST },
    );
    assert.deepEqual(reply, { token: { id: 'tok_1', object: 'token' } });
    assert.equal(calls.length, 1);
    const [call] = calls;
    if (!call) throw new Error('no request was made');
    assert.equal(call.url, '/v1/tokens');
    assert.equal(call.init.method, 'POST');
    assert.equal(call.init.body, 'key=pk_test_1&cvc_update%5Bcvc%5D=123');
    assert.equal(call.init.credentials, 'omit');
    const headers = call.init.headers as Record<string, string>;
    assert.equal(headers['Content-Type'], 'application/x-www-form-urlencoded');
    assert.match(headers['Idempotency-Key'] ?? '', /^[0-9a-f-]{36}$/);
    // The host page's origin, as the browser reported it with the hello: the vault checks it.
    assert.equal(headers['Tessera-Host-Origin'], HOST);
  });

  it('retries a network failure once with the same Idempotency-Key', async () => {
    const { fetcher, calls } = scriptedFetch([
      new TypeError('Failed to fetch'),
      json(200, { id: 'tok_2' }),
    ]);
    const reply = await postToken(
      'pk_test_1',
      { pii: { id_number: '1' } },
      { fetcher, hostOrigin: HOST },
    );
    assert.equal(reply.token?.id, 'tok_2');
    const keys = calls.map(
      (call) => (call.init.headers as Record<string, string>)['Idempotency-Key'],
    );
    assert.equal(keys.length, 2);
    assert.equal(keys[0], keys[1]);
  });

  it("reports api_connection_error when the server cannot be reached twice, in the frame's words", async () => {
    const { fetcher } = scriptedFetch([new TypeError('x'), new TypeError('y')]);
    const reply = await postToken('pk_test_1', {}, { fetcher, hostOrigin: HOST });
    assert.equal(reply.error?.type, 'api_connection_error');
    assert.match(reply.error.message, /could not reach the payment server/);
    const french = scriptedFetch([new TypeError('x'), new TypeError('y')]);
    const replyFr = await postToken(
      'pk_test_1',
      {},
      { fetcher: french.fetcher, hostOrigin: HOST, say: sayIn(fr) },
    );
    assert.match(replyFr.error?.message ?? '', /Impossible de joindre le serveur de paiement/);
  });

  it("passes Stripe's error shape through, and only its known fields", async () => {
    const { fetcher } = scriptedFetch([
      json(402, {
        error: {
          type: 'card_error',
          code: 'incorrect_number',
          param: 'number',
          message: 'Your card number is incorrect.',
          doc_url: 'https://stripe.com/docs/error-codes/incorrect-number',
          extra: 'dropped',
        },
      }),
    ]);
    const reply = await postToken('pk_test_1', {}, { fetcher, hostOrigin: HOST });
    assert.deepEqual(reply.error, {
      type: 'card_error',
      code: 'incorrect_number',
      param: 'number',
      message: 'Your card number is incorrect.',
      doc_url: 'https://stripe.com/docs/error-codes/incorrect-number',
    });
  });

  it('turns an unexpected reply into api_error, and an unknown error type too', async () => {
    const { fetcher } = scriptedFetch([
      new Response('<html>502</html>', { status: 502 }),
      json(400, { error: { type: 'made_up_error', message: 'x' } }),
    ]);
    for (let i = 0; i < 2; i++) {
      const reply = await postToken('pk_test_1', {}, { fetcher, hostOrigin: HOST });
      assert.equal(reply.error?.type, 'api_error');
      assert.equal(reply.error.code, 'unexpected_reply');
      assert.equal(reply.error.message, 'The payment server sent an unexpected reply. Try again.');
    }
    const french = scriptedFetch([new Response('<html>502</html>', { status: 502 })]);
    const replyFr = await postToken(
      'pk_test_1',
      {},
      { fetcher: french.fetcher, hostOrigin: HOST, say: sayIn(fr) },
    );
    assert.equal(
      replyFr.error?.message,
      'Le serveur de paiement a envoyé une réponse inattendue. Réessayez.',
    );
  });

  it('retries once after 409 (the same request still in flight)', async () => {
    const { fetcher, calls } = scriptedFetch([
      json(409, {
        error: { type: 'invalid_request_error', code: 'idempotency_key_in_use', message: 'x' },
      }),
      json(200, { id: 'tok_3' }),
    ]);
    const reply = await postToken('pk_test_1', {}, { fetcher, hostOrigin: HOST });
    assert.equal(reply.token?.id, 'tok_3');
    assert.equal(calls.length, 2);
  });
});
