import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * Stripe's own Node library pointed at Tessera: it must parse our replies and pick the same
 * error classes it picks against Stripe (it chooses them from the HTTP status and `type`).
 */
describe("Stripe's Node library against Tessera", () => {
  let server: TestServer;
  let client: (key: string) => Stripe;
  const year = new Date().getUTCFullYear() + 1;
  before(async () => {
    server = await startTestServer();
    const { port } = new URL(server.url);
    client = (key) =>
      new Stripe(key, {
        host: '127.0.0.1',
        port: Number(port),
        protocol: 'http',
        maxNetworkRetries: 0,
        telemetry: false,
      });
  });
  after(() => server.close());

  it('creates and retrieves a card token', async () => {
    const token = await client(server.test.secret_key).tokens.create({
      card: { number: '4242424242424242', exp_month: '12', exp_year: String(year), cvc: '123' },
    });
    assert.equal(token.object, 'token');
    assert.equal(token.card?.brand, 'Visa');
    assert.equal(token.card.last4, '4242');
    assert.match(token.lastResponse.requestId, /^req_/);
    const retrieved = await client(server.test.secret_key).tokens.retrieve(token.id);
    assert.equal(retrieved.id, token.id);
  });

  it('creates bank account, cvc_update and pii tokens', async () => {
    const stripe = client(server.test.secret_key);
    const bank = await stripe.tokens.create({
      bank_account: {
        country: 'US',
        currency: 'usd',
        routing_number: '110000000',
        account_number: '000123456789',
      },
    });
    assert.equal(bank.bank_account?.bank_name, 'STRIPE TEST BANK');
    const cvc = await stripe.tokens.create({ cvc_update: { cvc: '123' } });
    assert.match(cvc.id, /^cvctok_/);
    const pii = await stripe.tokens.create({ pii: { id_number: '000000000' } });
    assert.equal(pii.type, 'pii');
  });

  it('replays with its automatic idempotency keys when it retries', async () => {
    const stripe = client(server.test.secret_key);
    const params = {
      card: { number: '4242424242424242', exp_month: '12', exp_year: String(year) },
    };
    const first = await stripe.tokens.create(params, { idempotencyKey: 'stripe-node-1' });
    const again = await stripe.tokens.create(params, { idempotencyKey: 'stripe-node-1' });
    assert.equal(again.id, first.id);
  });

  const errorCases: {
    name: string;
    key: () => string;
    run: (stripe: Stripe) => Promise<unknown>;
    errorClass: string;
    code?: string;
    statusCode: number;
  }[] = [
    {
      name: 'incorrect number',
      key: () => server.test.secret_key,
      run: (stripe) =>
        stripe.tokens.create({
          card: { number: '4242424242424241', exp_month: '12', exp_year: String(year) },
        }),
      errorClass: 'StripeCardError',
      code: 'incorrect_number',
      statusCode: 402,
    },
    {
      name: 'missing parameter',
      key: () => server.test.secret_key,
      run: (stripe) => stripe.tokens.create({ card: { number: '4242424242424242' } } as never),
      errorClass: 'StripeInvalidRequestError',
      code: 'parameter_missing',
      statusCode: 400,
    },
    {
      name: 'unknown key',
      key: () => 'sk_test_notarealkey000000000000000000',
      run: (stripe) => stripe.tokens.retrieve('tok_x'),
      errorClass: 'StripeAuthenticationError',
      statusCode: 401,
    },
    {
      name: 'publishable key on retrieve',
      key: () => server.test.publishable_key,
      run: (stripe) => stripe.tokens.retrieve('tok_x'),
      errorClass: 'StripePermissionError',
      statusCode: 403,
    },
    {
      name: 'unknown token',
      key: () => server.test.secret_key,
      run: (stripe) => stripe.tokens.retrieve('tok_missing'),
      errorClass: 'StripeInvalidRequestError',
      code: 'resource_missing',
      statusCode: 404,
    },
  ];

  for (const testCase of errorCases) {
    it(`raises ${testCase.errorClass} for ${testCase.name}`, async () => {
      await assert.rejects(testCase.run(client(testCase.key())), (error: unknown) => {
        const stripeError = error as InstanceType<typeof Stripe.errors.StripeError>;
        assert.equal(stripeError.type, testCase.errorClass);
        assert.equal(stripeError.statusCode, testCase.statusCode);
        assert.equal(stripeError.code, testCase.code);
        assert.match(String(stripeError.requestId), /^req_/);
        return true;
      });
    });
  }

  it('raises StripeIdempotencyError for a reused key with other parameters', async () => {
    const stripe = client(server.test.secret_key);
    await stripe.tokens.create({ cvc_update: { cvc: '123' } }, { idempotencyKey: 'stripe-node-2' });
    await assert.rejects(
      stripe.tokens.create({ cvc_update: { cvc: '456' } }, { idempotencyKey: 'stripe-node-2' }),
      (error: unknown) => {
        assert.equal((error as { type: string }).type, 'StripeIdempotencyError');
        return true;
      },
    );
  });
});
