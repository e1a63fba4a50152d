/**
 * Property-based fuzzing of the HTTP API with fast-check: 10,000 generated requests (bodies,
 * content types, auth headers, paths, methods, query strings; malformed, deep, huge, duplicated,
 * wrongly typed, badly encoded) to a real listening server. Every reply is a token or Stripe's
 * error envelope with a 4xx: never a 5xx, never a hang. Afterwards the server still answers and
 * the vault holds exactly the tokens that got a 200.
 *
 * FUZZ_RUNS sets the count (default 10,000). The seed is fixed, so that a run is the same
 * everywhere and a failure in CI replays here; FUZZ_SEED=<n> picks another (fast-check prints the
 * seed and the shrunk request of a failure) and FUZZ_SEED=random a fresh one. Random runs found
 * the card number echoed in a 404's path, then in "No such token". Under `npm test` every reply
 * (status, headers, JSON body) also goes to the leak scan's capture folder, beside the server's
 * access log with each URL.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { STRIPE_ERROR_TYPES } from 'tessera/validation';
import { openCapture } from '../../scripts/test-log-capture.js';
import { form, visaCard } from './helpers/http.js';
import { startTestServer, tokenCount, type TestServer } from './helpers/test-server.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const DEFAULT_SEED = 20_261_201;
const SEED =
  process.env.FUZZ_SEED === 'random' ? {} : { seed: Number(process.env.FUZZ_SEED ?? DEFAULT_SEED) };
/** A reply slower than this is a hang (the test's own bound, never a timing assertion). */
const HANG_MS = 5000;

/** One generated request. */
interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
}

interface FuzzReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  contentType: string;
  text: string;
}

/** Sends `request` with node:http, which sends bodies and headers as given. */
function send(url: string, request: FuzzRequest): Promise<FuzzReply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: hostname,
        port: Number(port),
        method: request.method,
        path: request.path,
        headers: {
          ...request.headers,
          ...(request.body ? { 'content-length': String(request.body.length) } : {}),
        },
        timeout: HANG_MS,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            contentType: incoming.headers['content-type'] ?? '',
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
        incoming.on('error', reject);
      },
    );
    outgoing.on('timeout', () => {
      outgoing.destroy(new Error(`no reply within ${String(HANG_MS)} ms: a hang`));
    });
    outgoing.on('error', reject);
    outgoing.end(request.body ?? undefined);
  });
}

// --- Generators -------------------------------------------------------------------------------

/** Text that may hold anything: control characters, lone surrogates, emoji, digits. */
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.stringMatching(/^[0-9 -]{0,25}$/),
  fc.constantFrom('', ' ', '0', '-1', '1e309', 'NaN', 'null', 'true', '[]', '{}', '%', '%zz'),
);

/** A parameter name: real ones, bracket nesting (deep, unbalanced, array-like) and noise. */
const paramName = fc.oneof(
  fc.constantFrom(
    'card[number]',
    'card[exp_month]',
    'card[exp_year]',
    'card[cvc]',
    'card[name]',
    'card[address_zip]',
    'card',
    'bank_account[account_number]',
    'bank_account[routing_number]',
    'bank_account[country]',
    'cvc_update[cvc]',
    'pii[id_number]',
    'account[business_type]',
    'key',
    'expand[]',
    'customer',
    '__proto__',
    'constructor[prototype]',
    'card[__proto__][x]',
  ),
  fc
    .array(fc.stringMatching(/^[a-z_]{0,8}$/), { minLength: 1, maxLength: 30 })
    .map(([first = 'card', ...rest]) => `${first}${rest.map((part) => `[${part}]`).join('')}`),
  fc.stringMatching(/^[a-z[\]]{1,20}$/),
  fc.string({ maxLength: 20 }),
);

/** Percent-encodes every byte of the text's UTF-8 (a lone surrogate becomes U+FFFD's bytes). */
function percent(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => `%${byte.toString(16).padStart(2, '0')}`)
    .join('');
}

/** Percent-encodes text, or leaves it raw (`+`, `&`, `=`, bad escapes and all). */
const encoded = (text: fc.Arbitrary<string>) =>
  fc.oneof(
    text.map(percent),
    text,
    text.map((value) => `${value}%`),
  );

/** A form body: a real card body, mutated or not, or pairs of generated names and values. */
const formBody: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({
      number: fc.oneof(fc.constant('4242424242424242'), anyText),
      exp_month: fc.oneof(fc.constant('12'), anyText),
      exp_year: fc.oneof(fc.constant(String(new Date().getUTCFullYear() + 2)), anyText),
      cvc: fc.oneof(fc.constant('123'), anyText),
    })
    .map((card) => form({ card })),
  fc.constant(form(visaCard())),
  fc
    .array(fc.tuple(encoded(paramName), encoded(anyText)), { maxLength: 40 })
    .map((pairs) => pairs.map(([name, value]) => `${name}=${value}`).join('&')),
  // Duplicate keys, many of them.
  fc
    .tuple(paramName, fc.array(anyText, { minLength: 2, maxLength: 300 }))
    .map(([name, values]) => values.map((value) => `${name}=${percent(value)}`).join('&')),
  // Overlong values, near and past the body limit.
  fc
    .tuple(paramName, fc.integer({ min: 4000, max: 12_000 }), fc.constantFrom('4', 'a', '%41', '['))
    .map(([name, length, unit]) => `${name}=${unit.repeat(Math.ceil(length / unit.length))}`),
  // Deep nesting.
  fc.integer({ min: 5, max: 2000 }).map((depth) => `card${'[a]'.repeat(depth)}=1`),
);

/** A body as bytes: a form, JSON, invalid UTF-8, or random bytes. */
const body: fc.Arbitrary<Buffer | null> = fc.oneof(
  { weight: 6, arbitrary: formBody.map((text) => Buffer.from(text, 'utf8')) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.json().map((text) => Buffer.from(text, 'utf8')) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(formBody, fc.uint8Array({ minLength: 1, maxLength: 8 }))
      .map(([text, junk]) => Buffer.concat([Buffer.from(text), Buffer.from([0xff, 0xfe]), junk])),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)) },
);

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/x-www-form-urlencoded') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/x-www-form-urlencoded; charset=utf-8',
      'application/x-www-form-urlencoded; charset=latin1',
      'APPLICATION/X-WWW-FORM-URLENCODED',
      'application/json',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      '',
      ';;;',
      'application/x-www-form-urlencoded, application/json',
    ),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[\x21-\x7e]{0,40}$/) },
);

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constant('POST') },
  { weight: 3, arbitrary: fc.constant('GET') },
  { weight: 1, arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE') },
);

/** A path (with a query string sometimes): real routes, odd ids, encodings, traversal. */
const path = fc
  .tuple(
    fc.oneof(
      { weight: 6, arbitrary: fc.constant('/v1/tokens') },
      {
        weight: 3,
        arbitrary: fc
          .oneof(
            fc.stringMatching(/^tok_[0-9A-Za-z]{0,30}$/),
            fc.stringMatching(/^[0-9A-Za-z_%.-]{1,300}$/),
            fc.constantFrom('%', '%00', '..%2F..%2Fetc', '4242424242424242', '%E0%A4%A'),
          )
          .chain((id) =>
            fc.constantFrom(`/v1/tokens/${id}`, `/v1/tokens/${id}/detokenize`, `/v1/${id}`),
          ),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '/',
          '/healthz',
          '/readyz',
          '/v1',
          '/v1/tokens/',
          '//v1/tokens',
          '/v1/tokens/../tokens',
          '/V1/TOKENS',
          '/v1/frame/element.html',
          '/v1/tessera.js',
          '*',
        ),
      },
    ),
    fc.option(
      fc.oneof(
        fc.constantFrom('key=sk_test_x', 'card[number]=4242424242424242', 'expand[]=card', '%'),
        fc
          .array(fc.tuple(encoded(paramName), encoded(anyText)), { maxLength: 5 })
          .map((pairs) => pairs.map(([name, value]) => `${name}=${value}`).join('&')),
      ),
      { nil: undefined },
    ),
  )
  // node:http refuses characters a real client would have to escape: escape them too.
  .map(([route, query]) =>
    (query === undefined ? route : `${route}?${query}`).replace(/[^\x21-\x7e]+/g, percent),
  );

describe('fuzzing the HTTP API', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it(`answers ${RUNS.toLocaleString('en-US')} generated requests with a token or a 4xx in Stripe's envelope, and stores exactly the tokens it answered`, async (t) => {
    const auth = fc.oneof(
      { weight: 5, arbitrary: fc.constant(`Bearer ${server.test.publishable_key}`) },
      { weight: 2, arbitrary: fc.constant(`Bearer ${server.test.secret_key}`) },
      { weight: 1, arbitrary: fc.constant(`Bearer ${server.live.publishable_key}`) },
      {
        weight: 2,
        arbitrary: fc.oneof(
          fc.constantFrom(
            '',
            'Bearer',
            'Bearer ',
            'Basic',
            `Basic ${Buffer.from(`${server.test.secret_key}:`).toString('base64')}`,
            'Basic !!!',
            `bearer ${server.test.publishable_key} extra`,
            'Bearer pk_test_unknown',
            'Bearer sk_live_unknown',
            'Digest x',
          ),
          fc.stringMatching(/^[\x20-\x7e]{0,80}$/),
        ),
      },
    );
    const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc
      .record({
        method,
        path,
        body,
        contentType,
        auth: fc.option(auth, { nil: undefined }),
        idempotencyKey: fc.option(fc.stringMatching(/^[\x21-\x7e]{0,300}$/), { nil: undefined }),
        origin: fc.option(fc.constantFrom('https://shop.example', 'null'), { nil: undefined }),
      })
      .map(({ method: verb, path: target, body: bytes, contentType: type, ...rest }) => ({
        method: verb,
        path: target,
        body: verb === 'GET' || verb === 'HEAD' ? null : bytes,
        headers: {
          ...(type === '' ? {} : { 'content-type': type }),
          ...(rest.auth === undefined ? {} : { authorization: rest.auth }),
          ...(rest.idempotencyKey === undefined ? {} : { 'idempotency-key': rest.idempotencyKey }),
          ...(rest.origin === undefined ? {} : { origin: rest.origin }),
        },
      }));

    const before = await tokenCount(server);
    const created = new Set<string>();
    const statuses = new Map<number, number>();
    // What the server said, for the leak scan (the frame's and the script's bodies are not data).
    const replies = openCapture('fuzz-replies');
    t.after(() => replies?.close());
    await fc.assert(
      fc.asyncProperty(fuzzRequest, async (request) => {
        const reply = await send(server.url, request);
        const json = reply.contentType.startsWith('application/json');
        const { status, headers, text } = reply;
        replies?.write(`${JSON.stringify({ status, headers, ...(json ? { body: text } : {}) })}\n`);
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        assert.ok(
          reply.status >= 200 && reply.status < 500,
          `status ${String(reply.status)}: ${reply.text}`,
        );
        if (request.method === 'HEAD' || reply.status === 204 || reply.status === 304) return;
        if (reply.status < 300 && !reply.contentType.startsWith('application/json')) {
          // The frame and the script tag: only their own routes serve anything but JSON.
          assert.match(request.path, /^\/v1\/(frame\/|tessera\.js)/);
          return;
        }
        assert.match(reply.contentType, /^application\/json/, reply.text);
        const parsed = JSON.parse(reply.text) as Record<string, unknown>;
        if (reply.status >= 400) {
          assert.deepEqual(Object.keys(parsed), ['error'], reply.text);
          const error = parsed.error as Record<string, unknown>;
          assert.ok(STRIPE_ERROR_TYPES.includes(error.type as never), reply.text);
          assert.equal(typeof error.message, 'string', reply.text);
          assert.ok(!String(error.message).includes('4242424242424242'), 'a card number echoed');
          return;
        }
        if (parsed.object === 'token' && typeof parsed.id === 'string') created.add(parsed.id);
      }),
      { numRuns: RUNS, ...SEED },
    );

    t.diagnostic(
      `statuses: ${[...statuses]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${String(status)}×${String(count)}`)
        .join(', ')}; tokens made: ${String(created.size)}`,
    );
    const health = await fetch(`${server.url}/healthz`);
    assert.equal(health.status, 200, 'the server is down after the fuzzing');
    assert.equal(
      (await tokenCount(server)) - before,
      created.size,
      `the vault holds other tokens than the ${String(created.size)} that got a 200`,
    );
    // The run did reach the token path, and refused most of what it sent.
    assert.ok(created.size > 0, 'no generated request made a token');
    assert.ok([...statuses.keys()].some((status) => status >= 400));
    const logs = server.logs.join('');
    assert.ok(!/"level":(50|60)/.test(logs), 'an error was logged');
  });
});
