/**
 * Slow clients: opens 50 connections that each send a token request's headers and then its
 * body a byte every second, and reports every 5 s how many the server still holds open, for
 * at most 40 s. Before the timeouts, all 50 stayed open; now they are cut off after
 * `--request-timeout` (15 s by default).
 *
 *   node --conditions=tessera-source --import tsx server/test/attacks/slow-clients.ts [url]
 *
 * By default it starts the built `server/dist/cli.js`; given a URL, it tries that server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_CLI, spawnServe, stopChild } from '../../../scripts/serve-process.js';

const CLIENTS = 50;
const REPORT_EVERY_MS = 5000;
const GIVE_UP_MS = 40_000;

async function hold(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  const open = new Set<Socket>();
  const timers: NodeJS.Timeout[] = [];
  /** The status lines the server answered the slow requests with, and how often. */
  const answers = new Map<string, number>();
  for (let i = 0; i < CLIENTS; i++) {
    const socket = connect(Number(port), hostname);
    open.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', (chunk: Buffer) => {
      const status = chunk.toString('latin1').split('\r\n', 1)[0] ?? '';
      answers.set(status, (answers.get(status) ?? 0) + 1);
    });
    socket.once('close', () => open.delete(socket));
    socket.write(
      // Under the 8 KiB body limit, so that only a timeout can end it: about an hour at this pace.
      'POST /v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\ncard',
    );
    timers.push(setInterval(() => socket.write('x'), 1000));
  }
  const started = Date.now();
  await new Promise<void>((resolve) => {
    const report = setInterval(() => {
      const seconds = Math.round((Date.now() - started) / 1000);
      console.log(
        `${String(seconds)} s: ${String(open.size)} of ${String(CLIENTS)} slow connections still open`,
      );
      if (open.size === 0 || Date.now() - started >= GIVE_UP_MS) {
        clearInterval(report);
        resolve();
      }
    }, REPORT_EVERY_MS);
  });
  for (const timer of timers) clearInterval(timer);
  for (const socket of open) socket.destroy();
  const answered = [...answers].map(([status, count]) => `${String(count)} × ${status}`);
  console.log(`Answers: ${answered.length > 0 ? answered.join(', ') : 'none'}`);
}

async function main(): Promise<void> {
  const [url] = process.argv.slice(2);
  if (url) {
    await hold(url);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tessera-slow-'));
  const server = await spawnServe({
    command: [BUILT_CLI],
    args: ['--port', '0', '--db', join(dir, 'tessera.db'), '--log-level', 'warn'],
  });
  try {
    await hold(server.url);
  } finally {
    await stopChild(server.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
