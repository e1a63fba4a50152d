import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  STRIPE_TEST_BANK_ACCOUNTS,
  STRIPE_TEST_CARDS,
} from '../../test/fixtures/stripe-test-cards.js';
import { call, createToken, visaCard, errorOf } from './helpers/http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/** The example token in Stripe's Token object page (shared/seeds). */
function seedExample(): Record<string, unknown> {
  const seed = readFileSync(
    new URL('../../../shared/seeds/004_560ba6b223abf75b.txt', import.meta.url),
    'utf8',
  );
  const start = seed.lastIndexOf('{\n"id": "tok_');
  return JSON.parse(seed.slice(start)) as Record<string, unknown>;
}

/** The card attributes Stripe's Token object page lists (shared/seeds). */
const SEED_CARD_ATTRIBUTES = [
  'id',
  'object',
  'address_city',
  'address_country',
  'address_line1',
  'address_line1_check',
  'address_line2',
  'address_state',
  'address_zip',
  'address_zip_check',
  'brand',
  'country',
  'currency',
  'cvc_check',
  'dynamic_last4',
  'exp_month',
  'exp_year',
  'fingerprint',
  'funding',
  'iin',
  'last4',
  'metadata',
  'name',
  'networks',
  'regulated_status',
  'tokenization_method',
  'wallet',
];

const nextYear = new Date().getUTCFullYear() + 1;

describe('POST /v1/tokens', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  describe('card tokens', () => {
    it('returns the seed example token field for field', async () => {
      const reply = await createToken(
        server,
        {
          card: {
            number: '4242424242424242',
            exp_month: '5',
            exp_year: String(nextYear),
            cvc: '314',
          },
        },
        // Stripe's example is a token as the secret key sees it (a fingerprint included).
        { key: server.test.secret_key },
      );
      assert.equal(reply.status, 200);
      const seed = seedExample();
      const token = reply.body;
      assert.deepEqual(Object.keys(token).sort(), Object.keys(seed).sort());
      const seedCard = seed.card as Record<string, unknown>;
      const card = token.card as Record<string, unknown>;
      assert.deepEqual(Object.keys(card).sort(), [...SEED_CARD_ATTRIBUTES].sort());
      for (const key of Object.keys(seedCard)) assert.ok(key in card, `card.${key} present`);
      for (const key of [
        'object',
        'brand',
        'country',
        'cvc_check',
        'funding',
        'last4',
        'metadata',
        'address_city',
        'address_line1_check',
        'dynamic_last4',
        'name',
        'tokenization_method',
        'wallet',
      ]) {
        assert.deepEqual(card[key], seedCard[key], `card.${key}`);
      }
      assert.equal(card.exp_month, 5);
      assert.equal(card.exp_year, nextYear);
      assert.match(String(token.id), /^tok_[0-9A-Za-z]{24}$/);
      assert.match(String(card.id), /^card_[0-9A-Za-z]{24}$/);
      assert.match(String(card.fingerprint), /^[0-9A-Za-z_-]{16}$/);
      assert.equal(token.object, 'token');
      assert.equal(token.type, 'card');
      assert.equal(token.livemode, false);
      assert.equal(token.used, false);
      assert.equal(token.client_ip, '127.0.0.1');
      assert.ok(Math.abs(Number(token.created) - Date.now() / 1000) < 60);
      assert.deepEqual(card.networks, { preferred: null });
      assert.equal(card.iin, null, 'the IIN is six more digits of the number');
    });

    for (const testCard of STRIPE_TEST_CARDS) {
      it(`tokenizes ${testCard.description} with brand, funding, country and last4`, async () => {
        const reply = await createToken(
          server,
          {
            card: {
              number: testCard.number,
              exp_month: '12',
              exp_year: String(nextYear),
              cvc: '1234'.slice(0, testCard.cvcLength),
            },
          },
          { key: server.test.publishable_key },
        );
        assert.equal(reply.status, 200, reply.text);
        const card = reply.body.card as Record<string, unknown>;
        assert.equal(card.brand, testCard.displayBrand);
        assert.equal(card.funding, testCard.funding);
        assert.equal(card.country, testCard.country);
        assert.equal(card.last4, testCard.number.slice(-4));
        assert.equal(reply.text.includes(testCard.number), false, 'reply never carries the number');
      });
    }

    it('accepts the number with spaces and dashes, a 2-digit year, and the address fields', async () => {
      const reply = await createToken(
        server,
        {
          card: {
            number: '4242 4242-4242 4242',
            exp_month: '01',
            exp_year: String(nextYear % 100).padStart(2, '0'),
            name: 'Jenny Rosen',
            address_line1: '1 Main St',
            address_line2: 'Apt 2',
            address_city: 'Springfield',
            address_state: 'IL',
            address_zip: '62701',
            address_country: 'US',
            currency: 'USD',
          },
        },
        { key: server.test.publishable_key },
      );
      assert.equal(reply.status, 200, reply.text);
      const card = reply.body.card as Record<string, unknown>;
      assert.equal(card.exp_year, nextYear);
      assert.equal(card.exp_month, 1);
      assert.equal(card.name, 'Jenny Rosen');
      assert.equal(card.address_line1_check, 'unchecked');
      assert.equal(card.address_zip_check, 'unchecked');
      assert.equal(card.address_city, 'Springfield');
      assert.equal(card.currency, 'usd');
      assert.equal(card.cvc_check, null, 'no CVC given: cvc_check is null');
    });

    it('gives the same card the same fingerprint within an account and another across accounts', async () => {
      /** A token made with `key`, as the account's secret key retrieves it. */
      const fingerprint = async (key: string, secret: string, number = '4242424242424242') => {
        const created = await createToken(server, visaCard({ number }), { key });
        const retrieved = await call(`${server.url}/v1/tokens/${String(created.body.id)}`, {
          method: 'GET',
          key: secret,
        });
        return (retrieved.body.card as Record<string, unknown>).fingerprint;
      };
      const { test, other } = server;
      const first = await fingerprint(test.publishable_key, test.secret_key);
      assert.match(String(first), /^[0-9A-Za-z_-]{16}$/);
      assert.equal(await fingerprint(test.secret_key, test.secret_key), first);
      assert.notEqual(await fingerprint(other.publishable_key, other.secret_key), first);
      assert.notEqual(
        await fingerprint(test.publishable_key, test.secret_key, '5555555555554444'),
        first,
      );
    });

    it('takes the publishable key from the form body, as Stripe.js sends it', async () => {
      const reply = await call(`${server.url}/v1/tokens`, {
        method: 'POST',
        body: `key=${server.test.publishable_key}&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=${nextYear}`,
      });
      assert.equal(reply.status, 200, reply.text);
      assert.equal(reply.body.livemode, false);
    });

    it('takes the key by Basic auth with the key as the user name', async () => {
      const basic = Buffer.from(`${server.test.secret_key}:`).toString('base64');
      const reply = await call(`${server.url}/v1/tokens`, {
        method: 'POST',
        body: `card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=${nextYear}`,
        headers: { authorization: `Basic ${basic}` },
      });
      assert.equal(reply.status, 200, reply.text);
    });

    it('creates live-mode tokens with live keys, and refuses Stripe test cards there', async () => {
      const live = await createToken(server, visaCard({ number: '4111111111111111' }), {
        key: server.live.publishable_key,
      });
      assert.equal(live.status, 200, live.text);
      assert.equal(live.body.livemode, true);
      const refused = await createToken(server, visaCard(), { key: server.live.publishable_key });
      assert.equal(refused.status, 402);
      assert.equal(errorOf(refused).type, 'card_error');
      assert.equal(errorOf(refused).code, 'card_declined');
      assert.equal(errorOf(refused).decline_code, 'test_mode_live_card');
    });

    it('reports unknown BINs as funding "unknown" and country null', async () => {
      const reply = await createToken(server, visaCard({ number: '4111111111111111' }), {
        key: server.test.publishable_key,
      });
      const card = reply.body.card as Record<string, unknown>;
      assert.equal(card.funding, 'unknown');
      assert.equal(card.country, null);
      assert.equal(card.brand, 'Visa');
    });
  });

  describe('bank account tokens', () => {
    for (const account of STRIPE_TEST_BANK_ACCOUNTS) {
      it(`tokenizes test account ${account.accountNumber} (${account.payoutOutcome})`, async () => {
        const reply = await createToken(
          server,
          {
            bank_account: {
              country: 'US',
              currency: 'usd',
              account_holder_name: 'Jane Austen',
              account_holder_type: 'company',
              account_type: 'checking',
              routing_number: account.routingNumber,
              account_number: account.accountNumber,
            },
          },
          { key: server.test.publishable_key },
        );
        assert.equal(reply.status, 200, reply.text);
        assert.equal(reply.body.type, 'bank_account');
        assert.deepEqual(reply.body.bank_account, {
          id: (reply.body.bank_account as Record<string, unknown>).id,
          object: 'bank_account',
          account_holder_name: 'Jane Austen',
          account_holder_type: 'company',
          account_type: 'checking',
          bank_name: 'STRIPE TEST BANK',
          country: 'US',
          currency: 'usd',
          last4: account.accountNumber.slice(-4),
          routing_number: account.routingNumber,
          status: 'new',
        });
        assert.match(String((reply.body.bank_account as Record<string, unknown>).id), /^ba_/);
        assert.equal(reply.text.includes(account.accountNumber), false);
      });
    }

    it('defaults the currency from the country and lower-cases it', async () => {
      const reply = await createToken(
        server,
        {
          bank_account: {
            country: 'us',
            routing_number: '110000000',
            account_number: '000123456789',
          },
        },
        { key: server.test.publishable_key },
      );
      assert.equal(reply.status, 200, reply.text);
      const account = reply.body.bank_account as Record<string, unknown>;
      assert.equal(account.currency, 'usd');
      assert.equal(account.country, 'US');
      assert.equal(account.account_holder_name, null);
    });

    it('accepts a non-US IBAN without a routing number', async () => {
      const reply = await createToken(
        server,
        {
          bank_account: { country: 'DE', account_number: 'DE89370400440532013000' },
        },
        { key: server.test.publishable_key },
      );
      assert.equal(reply.status, 200, reply.text);
      const account = reply.body.bank_account as Record<string, unknown>;
      assert.equal(account.currency, 'eur');
      assert.equal(account.routing_number, null);
      assert.equal(account.last4, '3000');
    });
  });

  describe('cvc_update, pii and account tokens', () => {
    it('creates a cvc_update token with a cvctok_ id', async () => {
      const reply = await createToken(
        server,
        { cvc_update: { cvc: '123' } },
        {
          key: server.test.publishable_key,
        },
      );
      assert.equal(reply.status, 200, reply.text);
      assert.match(String(reply.body.id), /^cvctok_/);
      assert.deepEqual(Object.keys(reply.body).sort(), [
        'client_ip',
        'created',
        'id',
        'livemode',
        'object',
        'type',
        'used',
      ]);
      assert.equal(reply.body.type, 'cvc_update');
    });

    it('creates a pii token that does not echo the id number', async () => {
      const reply = await createToken(
        server,
        { pii: { id_number: '000000000' } },
        {
          key: server.test.publishable_key,
        },
      );
      assert.equal(reply.status, 200, reply.text);
      assert.equal(reply.body.type, 'pii');
      assert.equal(reply.text.includes('000000000'), false);
    });

    it('creates account tokens with either key in test mode', async () => {
      const params = {
        account: {
          business_type: 'individual',
          individual: {
            first_name: 'Jane',
            last_name: 'Doe',
            dob: { day: '1', month: '2', year: '1990' },
          },
          tos_shown_and_accepted: 'true',
        },
      };
      for (const key of [server.test.publishable_key, server.test.secret_key]) {
        const reply = await createToken(server, params, { key });
        assert.equal(reply.status, 200, reply.text);
        assert.equal(reply.body.type, 'account');
      }
    });

    it('creates live account tokens only with the publishable key', async () => {
      const params = { account: { business_type: 'company', company: { name: 'Acme' } } };
      const withPk = await createToken(server, params, { key: server.live.publishable_key });
      assert.equal(withPk.status, 200, withPk.text);
      assert.equal(withPk.body.livemode, true);
      const withSk = await createToken(server, params, { key: server.live.secret_key });
      assert.equal(withSk.status, 403);
      assert.equal(errorOf(withSk).type, 'invalid_request_error');
      assert.match(String(errorOf(withSk).message), /publishable key/);
    });
  });

  describe('headers and CORS', () => {
    it('sends a Request-Id on every reply, and no CORS grant by default', async () => {
      const created = await createToken(server, visaCard(), { key: server.test.publishable_key });
      assert.match(String(created.headers.get('request-id')), /^req_[0-9A-Za-z]{24}$/);
      assert.equal(created.headers.get('access-control-allow-origin'), null);
      const retrieved = await call(`${server.url}/v1/tokens/${String(created.body.id)}`, {
        method: 'GET',
        key: server.test.secret_key,
      });
      assert.match(String(retrieved.headers.get('request-id')), /^req_/);
      assert.equal(retrieved.headers.get('access-control-allow-origin'), null);
      assert.notEqual(created.headers.get('request-id'), retrieved.headers.get('request-id'));
    });

    it('answers no preflight by default: no page needs to post card data itself', async () => {
      for (const [path, method] of [
        ['/v1/tokens', 'POST'],
        ['/v1/tokens/tok_x', 'GET'],
        ['/healthz', 'GET'],
      ] as const) {
        const preflight = await fetch(`${server.url}${path}`, {
          method: 'OPTIONS',
          headers: { origin: 'https://shop.example', 'access-control-request-method': method },
        });
        assert.equal(preflight.headers.get('access-control-allow-origin'), null, path);
        assert.equal(preflight.headers.get('access-control-allow-methods'), null, path);
      }
    });

    it('refuses a secret key sent from a browser', async () => {
      const reply = await createToken(server, visaCard(), {
        key: server.test.secret_key,
        headers: { origin: 'https://shop.example' },
      });
      assert.equal(reply.status, 403);
      assert.match(String(errorOf(reply).message), /browser/);
    });

    it('GET /healthz answers without a key', async () => {
      const reply = await call(`${server.url}/healthz`, { method: 'GET' });
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, { status: 'ok' });
    });
  });
});
