/**
 * What Node's HTTP parser refuses before Fastify sees a request (headers or a URL past the size
 * limit, bytes that are not HTTP) is answered in Stripe's error envelope with the usual
 * headers, like every other error, and the connection is closed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openRaw, within } from './helpers/raw-http.js';
import { startTestServer, tokenCount, type TestServer } from './helpers/test-server.js';

/** A raw reply: status line, headers (lower-cased names) and the parsed JSON body. */
function parse(raw: string): { status: number; headers: Map<string, string>; body: unknown } {
  const [head = '', body = ''] = raw.split('\r\n\r\n', 2);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = new Map(
    lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) as unknown };
}

describe('what the HTTP parser refuses', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  const send = async (bytes: string) => {
    const { socket, closed } = await openRaw(server.url);
    socket.write(bytes);
    return parse(await within(closed, 5000, 'a refused connection'));
  };

  const cases: [string, string, number, RegExp][] = [
    [
      'headers past the size limit',
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      /headers, or its URL, are larger/,
    ],
    [
      'a URL past the size limit',
      `GET /v1/tokens?card[number]=${'4'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      431,
      /headers, or its URL, are larger/,
    ],
    ['bytes that are not HTTP', 'HELLO THERE\r\n\r\n', 400, /not valid HTTP/],
    [
      'a header line without a colon',
      'POST /v1/tokens HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n',
      400,
      /not valid HTTP/,
    ],
  ];
  for (const [name, bytes, status, message] of cases) {
    it(`answers ${name} with ${String(status)} in Stripe's envelope, and echoes none of it`, async () => {
      const before = await tokenCount(server);
      const reply = await send(bytes);
      assert.equal(reply.status, status);
      assert.deepEqual(Object.keys(reply.body as object), ['error']);
      const { error } = reply.body as { error: Record<string, unknown> };
      assert.equal(error.type, 'invalid_request_error');
      assert.match(String(error.message), message);
      assert.ok(!String(error.message).includes('4444'), 'the URL was echoed');
      assert.match(reply.headers.get('request-id') ?? '', /^req_[0-9A-Za-z]{24}$/);
      assert.equal(reply.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal(reply.headers.get('stripe-should-retry'), 'false');
      assert.equal(reply.headers.get('cache-control'), 'no-cache, no-store');
      assert.equal(reply.headers.get('connection'), 'close');
      assert.equal(await tokenCount(server), before);
      assert.ok(!server.logs.join('').includes('4'.repeat(19)), 'a digit run was logged');
    });
  }

  it('keeps serving after all of them', async () => {
    const reply = await fetch(`${server.url}/healthz`);
    assert.equal(reply.status, 200);
  });
});
