/**
 * Filling the disk with the publishable key: posts 200 card tokens, each with an idempotency
 * key and seven cardholder fields of 5,000 characters (Stripe's per-field maximum), or, where
 * the server refuses that body, the largest one it takes. Prints the bytes each token added to
 * the database and its WAL.
 *
 *   node --conditions=tessera-source --import tsx server/test/attacks/disk-filler.ts [url pk db]
 *
 * By default it starts the built `server/dist/cli.js`; given a URL, a publishable key and that
 * server's database file, it fills that one.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CARDHOLDER_FIELDS } from 'tessera/validation';
import { BUILT_CLI, spawnServe, stopChild } from '../../../scripts/serve-process.js';

const TOKENS = 200;
/** The free-text cardholder fields (all but `currency`, a 3-letter code). */
const FIELDS = CARDHOLDER_FIELDS.filter((field) => field !== 'currency');

function bodyWith(fieldLength: number, key: string): URLSearchParams {
  const body = new URLSearchParams({
    key,
    'card[number]': '4242424242424242',
    'card[exp_month]': '12',
    'card[exp_year]': String(new Date().getUTCFullYear() + 2),
  });
  for (const field of FIELDS) body.set(`card[${field}]`, 'x'.repeat(fieldLength));
  return body;
}

/** The database's size on disk, its WAL checkpointed into it first (as SQLite does by itself). */
function onDisk(db: string): number {
  const handle = new Database(db);
  handle.pragma('wal_checkpoint(TRUNCATE)');
  handle.close();
  return [db, `${db}-wal`].reduce((sum, file) => {
    try {
      return sum + statSync(file).size;
    } catch {
      return sum;
    }
  }, 0);
}

async function fill(url: string, key: string, db: string): Promise<void> {
  const post = (body: URLSearchParams, n: number) =>
    fetch(`${url}/v1/tokens`, {
      method: 'POST',
      headers: { 'idempotency-key': `fill-${String(n)}-${String(Date.now())}` },
      body,
    });
  let fieldLength = 5000;
  for (;;) {
    const probe = await post(bodyWith(fieldLength, key), -fieldLength);
    if (probe.status === 200) break;
    if (probe.status !== 400 || fieldLength < 10) {
      throw new Error(
        `the server refuses even a small token: ${String(probe.status)} ${await probe.text()}`,
      );
    }
    fieldLength = Math.floor(fieldLength * 0.9);
  }
  const bodyBytes = bodyWith(fieldLength, key).toString().length;
  const before = onDisk(db);
  for (let n = 0; n < TOKENS; n++) {
    const reply = await post(bodyWith(fieldLength, key), n);
    if (reply.status !== 200) throw new Error(`token ${String(n)}: ${String(reply.status)}`);
  }
  const perToken = (onDisk(db) - before) / TOKENS;
  console.log(
    `${url}: the largest body taken has ${String(FIELDS.length)} fields of ${String(fieldLength)} characters (${String(bodyBytes)} bytes); each token added ${String(Math.round(perToken))} bytes on disk (${String(TOKENS)} tokens, with idempotency keys)`,
  );
}

async function main(): Promise<void> {
  const [url, key, db] = process.argv.slice(2);
  if (url && key && db) {
    await fill(url, key, db);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tessera-fill-'));
  const path = join(dir, 'tessera.db');
  const server = await spawnServe({
    command: [BUILT_CLI],
    // What one token costs the disk, which the rate limits do not change (they only slow the
    // filling: 25 test tokens a second from one IP), so they are raised here.
    args: [
      '--dev',
      '--port',
      '0',
      '--db',
      path,
      '--log-level',
      'warn',
      '--publishable-limit-test',
      '1000000',
    ],
  });
  try {
    await fill(server.url, server.testKeys?.publishable_key ?? '', path);
  } finally {
    await stopChild(server.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
