/**
 * Slow clients are an attack on connections and file descriptors: one that sends its body a
 * byte at a time, or never finishes its headers, or idles on a keep-alive connection, is cut
 * off once its bound passes. Before these bounds, 50 slow-body connections were held 130 s
 * untouched. The bounds here are short; `tessera serve`'s defaults are in `src/app.ts`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { visaCard, createToken } from './helpers/http.js';
import { openRaw, within } from './helpers/raw-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

const TIMEOUTS = {
  request: 400,
  headers: 300,
  keepAlive: 300,
  connection: 2000,
  checkInterval: 50,
};

describe('slow clients', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ timeouts: TIMEOUTS });
  });
  after(() => server.close());

  const head = (length: number) =>
    `POST /v1/tokens HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer KEY\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${String(length)}\r\n\r\n`;

  it('cuts off a body that trickles in, with 408', async () => {
    const { socket, closed } = await openRaw(server.url);
    socket.write(head(1000).replace('KEY', server.test.publishable_key) + 'card[number]=4');
    const trickle = setInterval(() => socket.write('2'), 100);
    try {
      const received = await within(closed, 5000, 'a slow-body connection');
      assert.match(received, /^HTTP\/1\.1 408 /);
      // Stripe's envelope, like every other error.
      const body = JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4)) as {
        error: { type: string; message: string };
      };
      assert.equal(body.error.type, 'invalid_request_error');
      assert.match(body.error.message, /did not arrive in time/);
    } finally {
      clearInterval(trickle);
    }
  });

  it('cuts off headers that never end', async () => {
    const { socket, closed } = await openRaw(server.url);
    socket.write('POST /v1/tokens HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const trickle = setInterval(() => socket.write('a'), 100);
    try {
      const received = await within(closed, 5000, 'a slow-headers connection');
      assert.match(received, /^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(trickle);
    }
  });

  it('closes an idle keep-alive connection', async () => {
    const { socket, closed } = await openRaw(server.url);
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    const received = await within(closed, 5000, 'an idle keep-alive connection');
    assert.match(received, /^HTTP\/1\.1 200 /);
  });

  it('serves others while fifty slow clients wait, and cuts every one of them off', async () => {
    const slow = await Promise.all(Array.from({ length: 50 }, () => openRaw(server.url)));
    for (const { socket } of slow) socket.write(head(500) + 'card');
    const reply = await createToken(server, visaCard(), { key: server.test.publishable_key });
    assert.equal(reply.status, 200, 'a shopper was blocked by the slow clients');
    const received = await within(
      Promise.all(slow.map(({ closed }) => closed)),
      5000,
      'a slow client',
    );
    assert.equal(received.filter((text) => text.startsWith('HTTP/1.1 408 ')).length, 50);
  });
});
