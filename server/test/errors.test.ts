import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call } from './helpers/http.js';
import { startTestServer, tokenCount, type TestServer } from './helpers/test-server.js';

const year = new Date().getUTCFullYear();
const validCard = `card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=${year + 1}`;

/** One bad request and the Stripe error it must get. */
interface ErrorCase {
  name: string;
  body?: string;
  /** Which key to send; default: the test publishable key. */
  key?: string;
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  status: number;
  type: string;
  code?: string;
  param?: string;
  message: RegExp;
}

const CASES: ErrorCase[] = [
  {
    name: 'no API key',
    body: validCard,
    key: 'none',
    status: 401,
    type: 'invalid_request_error',
    message:
      /^You did not provide an API key\. You need to provide your API key in the Authorization header, using Bearer auth/,
  },
  {
    name: 'unknown secret key, masked',
    body: validCard,
    key: 'sk_test_abcdefghijklmnopqrstuvwxyz1234',
    status: 401,
    type: 'invalid_request_error',
    message: /^Invalid API Key provided: sk_test_\*+1234$/,
  },
  {
    name: 'unknown key without a known prefix',
    body: validCard,
    key: 'hello',
    status: 401,
    type: 'invalid_request_error',
    message: /^Invalid API Key provided: \*+$/,
  },
  {
    name: 'malformed Authorization header',
    body: validCard,
    key: 'none',
    headers: { authorization: 'Token abc' },
    status: 401,
    type: 'invalid_request_error',
    message: /Invalid Authorization header/,
  },
  {
    name: 'publishable key on GET /v1/tokens/:id',
    method: 'GET',
    path: '/v1/tokens/tok_abc',
    status: 403,
    type: 'invalid_request_error',
    message: /cannot be made with a publishable API key/,
  },
  {
    name: 'publishable key on detokenize',
    method: 'POST',
    path: '/v1/tokens/tok_abc/detokenize',
    status: 403,
    type: 'invalid_request_error',
    message: /cannot be made with a publishable API key/,
  },
  {
    name: 'missing card[number]',
    body: `card[exp_month]=12&card[exp_year]=${year + 1}`,
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_missing',
    param: 'card[number]',
    message: /^Missing required param: card\[number\]\.$/,
  },
  {
    name: 'missing card[exp_year]',
    body: 'card[number]=4242424242424242&card[exp_month]=12',
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_missing',
    param: 'card[exp_year]',
    message: /^Missing required param: card\[exp_year\]\.$/,
  },
  {
    name: 'missing bank_account[account_number]',
    body: 'bank_account[country]=US&bank_account[routing_number]=110000000',
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_missing',
    param: 'bank_account[account_number]',
    message: /^Missing required param: bank_account\[account_number\]\.$/,
  },
  {
    name: 'missing routing number for a US account',
    body: 'bank_account[country]=US&bank_account[account_number]=000123456789',
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_missing',
    param: 'bank_account[routing_number]',
    message: /routing_number/,
  },
  {
    name: 'empty required card[number]',
    body: `card[number]=&card[exp_month]=12&card[exp_year]=${year + 1}`,
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_invalid_empty',
    param: 'card[number]',
    message: /empty string for 'card\[number\]'/,
  },
  {
    name: 'unknown top-level parameter',
    body: `${validCard}&x=1`,
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_unknown',
    param: 'x',
    message: /^Received unknown parameter: x$/,
  },
  {
    name: 'unknown nested parameter',
    body: `${validCard}&card[colour]=red`,
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_unknown',
    param: 'card[colour]',
    message: /^Received unknown parameter: card\[colour\]$/,
  },
  {
    name: 'unknown parameter shaped like a card number is masked',
    body: `${validCard}&card[x4242424242424242]=1`,
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_unknown',
    param: 'card[x[REDACTED]]',
    message: /REDACTED/,
  },
  {
    name: 'nothing to tokenize',
    body: '',
    status: 400,
    type: 'invalid_request_error',
    message: /^You must supply either a card, customer, or bank account to create a token\.$/,
  },
  {
    name: 'two things to tokenize',
    body: `${validCard}&cvc_update[cvc]=123`,
    status: 400,
    type: 'invalid_request_error',
    code: 'parameters_exclusive',
    message: /card, cvc_update/,
  },
  {
    name: 'card given as a string',
    body: 'card=card_123',
    status: 400,
    type: 'invalid_request_error',
    param: 'card',
    message: /Invalid card: must be a hash/,
  },
  {
    name: 'repeated card[number]',
    body: `${validCard}&card[number]=4000056655665556`,
    status: 400,
    type: 'invalid_request_error',
    param: 'card[number]',
    message: /must be a string/,
  },
  {
    name: 'Luhn failure (4242424242424241)',
    body: `card[number]=4242424242424241&card[exp_month]=12&card[exp_year]=${year + 1}`,
    status: 402,
    type: 'card_error',
    code: 'incorrect_number',
    param: 'number',
    message: /^Your card number is incorrect\.$/,
  },
  {
    name: 'number with letters',
    body: `card[number]=4242abcd42424242&card[exp_month]=12&card[exp_year]=${year + 1}`,
    status: 402,
    type: 'card_error',
    code: 'invalid_number',
    param: 'number',
    message: /^Your card number is invalid\.$/,
  },
  {
    name: 'number too short for its brand',
    body: `card[number]=424242424242&card[exp_month]=12&card[exp_year]=${year + 1}`,
    status: 402,
    type: 'card_error',
    code: 'invalid_number',
    param: 'number',
    message: /^Your card number is invalid\.$/,
  },
  {
    name: 'full-width digits',
    body: `card[number]=${encodeURIComponent('４２４２４２４２４２４２４２４２')}&card[exp_month]=12&card[exp_year]=${year + 1}`,
    status: 402,
    type: 'card_error',
    code: 'invalid_number',
    param: 'number',
    message: /^Your card number is invalid\.$/,
  },
  {
    name: 'month 13',
    body: `card[number]=4242424242424242&card[exp_month]=13&card[exp_year]=${year + 1}`,
    status: 402,
    type: 'card_error',
    code: 'invalid_expiry_month',
    param: 'exp_month',
    message: /^Your card's expiration month is invalid\.$/,
  },
  {
    name: 'month in the past this year',
    body: `card[number]=4242424242424242&card[exp_month]=1&card[exp_year]=${year}`,
    status: 402,
    type: 'card_error',
    code: 'invalid_expiry_month',
    param: 'exp_month',
    message: /expiration month/,
  },
  {
    name: 'past year',
    body: `card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=${year - 1}`,
    status: 402,
    type: 'card_error',
    code: 'invalid_expiry_year',
    param: 'exp_year',
    message: /^Your card's expiration year is invalid\.$/,
  },
  {
    name: 'year absurdly far ahead',
    body: `card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=${year + 25}`,
    status: 402,
    type: 'card_error',
    code: 'invalid_expiry_year',
    param: 'exp_year',
    message: /expiration year/,
  },
  {
    name: 'CVC too short',
    body: `${validCard}&card[cvc]=12`,
    status: 402,
    type: 'card_error',
    code: 'invalid_cvc',
    param: 'cvc',
    message: /^Your card's security code is invalid\.$/,
  },
  {
    name: 'three-digit CVC on Amex',
    body: `card[number]=378282246310005&card[exp_month]=12&card[exp_year]=${year + 1}&card[cvc]=123`,
    status: 402,
    type: 'card_error',
    code: 'invalid_cvc',
    param: 'cvc',
    message: /security code/,
  },
  {
    name: 'cvc_update with letters',
    body: 'cvc_update[cvc]=12a',
    status: 402,
    type: 'card_error',
    code: 'invalid_cvc',
    param: 'cvc',
    message: /security code/,
  },
  {
    name: 'routing number with a bad check digit',
    body: 'bank_account[country]=US&bank_account[routing_number]=110000001&bank_account[account_number]=000123456789',
    status: 400,
    type: 'invalid_request_error',
    code: 'routing_number_invalid',
    param: 'bank_account[routing_number]',
    message: /routing number/i,
  },
  {
    name: 'routing number of 8 digits',
    body: 'bank_account[country]=US&bank_account[routing_number]=11000000&bank_account[account_number]=000123456789',
    status: 400,
    type: 'invalid_request_error',
    code: 'routing_number_invalid',
    param: 'bank_account[routing_number]',
    message: /9 digits/,
  },
  {
    name: 'US account number of 18 digits',
    body: 'bank_account[country]=US&bank_account[routing_number]=110000000&bank_account[account_number]=123456789012345678',
    status: 400,
    type: 'invalid_request_error',
    code: 'account_number_invalid',
    param: 'bank_account[account_number]',
    message: /4 to 17 digits/,
  },
  {
    name: 'unknown country',
    body: 'bank_account[country]=XX&bank_account[account_number]=000123456789',
    status: 400,
    type: 'invalid_request_error',
    param: 'bank_account[country]',
    message: /ISO country code/,
  },
  {
    name: 'unknown currency',
    body: 'bank_account[country]=US&bank_account[currency]=abc&bank_account[routing_number]=110000000&bank_account[account_number]=000123456789',
    status: 400,
    type: 'invalid_request_error',
    param: 'bank_account[currency]',
    message: /ISO currency code/,
  },
  {
    name: 'account holder type outside the enum',
    body: 'bank_account[country]=US&bank_account[account_holder_type]=robot&bank_account[routing_number]=110000000&bank_account[account_number]=000123456789',
    status: 400,
    type: 'invalid_request_error',
    param: 'bank_account[account_holder_type]',
    message: /individual, company/,
  },
  {
    name: 'expand of a field',
    body: `${validCard}&expand[]=card`,
    status: 400,
    type: 'invalid_request_error',
    param: 'expand',
    message: /cannot be expanded/,
  },
  {
    name: 'card data in the URL of a POST',
    path: '/v1/tokens?card[number]=4242424242424242',
    body: 'x=1',
    status: 400,
    type: 'invalid_request_error',
    param: 'card[number]',
    message: /never in the URL/,
  },
  {
    name: 'JSON body',
    body: '{"card":{"number":"4242424242424242"}}',
    headers: { 'content-type': 'application/json' },
    status: 400,
    type: 'invalid_request_error',
    message: /application\/x-www-form-urlencoded/,
  },
  {
    name: 'nesting deeper than any parameter',
    body: 'card[a][b][c][d][e][f]=1',
    status: 400,
    type: 'invalid_request_error',
    message: /could not be parsed/,
  },
  {
    name: 'more than 200 parameters',
    body: Array.from({ length: 300 }, (_, i) => `p${i}=1`).join('&'),
    status: 400,
    type: 'invalid_request_error',
    message: /could not be parsed/,
  },
  {
    name: 'query nested deeper than any parameter',
    method: 'GET',
    key: 'sk',
    path: '/v1/tokens/tok_x?a[b][c][d][e][f]=1',
    status: 400,
    type: 'invalid_request_error',
    message: /query string could not be parsed/,
  },
  {
    name: 'query with more than 200 parameters',
    method: 'GET',
    key: 'sk',
    path: `/v1/tokens/tok_x?${Array.from({ length: 300 }, (_, i) => `p${i}=1`).join('&')}`,
    status: 400,
    type: 'invalid_request_error',
    message: /query string could not be parsed/,
  },
  {
    name: 'query on a POST past the limits',
    path: '/v1/tokens?a[b][c][d][e][f][g]=1',
    body: validCard,
    status: 400,
    type: 'invalid_request_error',
    message: /query string could not be parsed/,
  },
  {
    name: 'body over 8 KiB',
    body: `card[name]=${'a'.repeat(4000)}&card[address_line1]=${'b'.repeat(4500)}`,
    status: 400,
    type: 'invalid_request_error',
    message: /larger than/,
  },
  {
    name: 'string over 5000 characters',
    body: `${validCard}&card[name]=${'a'.repeat(5001)}`,
    status: 400,
    type: 'invalid_request_error',
    param: 'card[name]',
    message: /at most 5000 characters/,
  },
  {
    name: 'unknown route',
    method: 'GET',
    path: '/v1/charges',
    status: 404,
    type: 'invalid_request_error',
    message: /^Unrecognized request URL \(GET: \/v1\/charges\)/,
  },
  {
    name: 'wrong method on /v1/tokens',
    method: 'DELETE',
    path: '/v1/tokens',
    status: 404,
    type: 'invalid_request_error',
    message: /DELETE: \/v1\/tokens/,
  },
  {
    name: 'Idempotency-Key over 255 characters',
    body: validCard,
    headers: { 'idempotency-key': 'k'.repeat(256) },
    status: 400,
    type: 'invalid_request_error',
    message: /at most 255 characters/,
  },
];

describe('Stripe-shaped errors', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  for (const testCase of CASES) {
    it(`${testCase.name} → ${testCase.status} ${testCase.code ?? testCase.type}`, async () => {
      const key =
        testCase.key === undefined || testCase.key === 'pk'
          ? server.test.publishable_key
          : testCase.key === 'sk'
            ? server.test.secret_key
            : testCase.key === 'none'
              ? undefined
              : testCase.key;
      const reply = await call(`${server.url}${testCase.path ?? '/v1/tokens'}`, {
        method: testCase.method ?? 'POST',
        ...(testCase.body === undefined ? {} : { body: testCase.body }),
        ...(key === undefined ? {} : { key }),
        headers: testCase.headers ?? {},
      });
      assert.equal(reply.status, testCase.status, reply.text);
      const error = reply.body.error;
      assert.ok(error, 'error envelope');
      assert.deepEqual(Object.keys(reply.body), ['error']);
      assert.equal(error.type, testCase.type);
      assert.equal(error.code, testCase.code);
      assert.equal(error.param, testCase.param);
      assert.match(String(error.message), testCase.message);
      if (testCase.code) {
        assert.equal(
          error.doc_url,
          `https://stripe.com/docs/error-codes/${testCase.code.replaceAll('_', '-')}`,
        );
      }
      assert.match(String(reply.headers.get('request-id')), /^req_/);
      assert.equal(reply.headers.get('stripe-should-retry'), 'false');
      assert.equal(reply.text.includes('4242424242424242'), false, 'never echoes the number');
    });
  }

  it('changes nothing: no token is stored by any failed request', async () => {
    assert.equal(await tokenCount(server), 0);
  });
});
