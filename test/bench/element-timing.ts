/**
 * Element timings in a real browser, each against a baseline measured in the same run:
 * - mount → `tessera-ready` of a `<tessera-card>` vs loading a bare iframe from the same server;
 * - `createToken` from the page vs a raw `fetch` POST of the same body from the frame's origin.
 *
 * The page is served from `localhost`, the token server (the built `dist/cli.js`, with the
 * script-tag bundle at `/v1/tessera.js`) from `127.0.0.1`: two origins, as in production.
 * Run: `npm run bench` (after `npm run build`). BENCH_MOUNTS (default 25) and BENCH_TOKENS
 * (default 60) set the sample counts. Prints medians and ratios; never fails on timing.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { launchChromium } from '../../demo/browser-driver.js';
import { startTokenServer } from '../../demo/token-server.js';
import { median } from '../../scripts/median.js';

const MOUNTS = Number(process.env.BENCH_MOUNTS ?? 25);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 60);
const GOALS = { mount: 1.5, createToken: 1.3 };
/** Rounds of each measurement run first and not counted (cold code paths on both sides). */
const WARM_UPS = 3;

/**
 * What the bench page measures, as plain browser JavaScript (page code in `evaluate` callbacks
 * would be transpiled with helpers the page does not have): each function mounts one thing,
 * waits for it, removes it and returns the milliseconds it took.
 */
const PAGE_SCRIPT = `
window.bench = {
  async bare(vault, round) {
    const iframe = document.createElement('iframe');
    const start = performance.now();
    const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
    iframe.src = vault + '/healthz?bench=' + round;
    document.getElementById('slot').append(iframe);
    await loaded;
    const elapsed = performance.now() - start;
    iframe.remove();
    return elapsed;
  },
  async element(vault, pk, attributes = {}) {
    const start = performance.now();
    const card = document.createElement('tessera-card');
    card.setAttribute('publishable-key', pk);
    card.setAttribute('vault-origin', vault);
    for (const [name, value] of Object.entries(attributes)) card.setAttribute(name, value);
    document.getElementById('slot').append(card);
    await card.ready;
    const elapsed = performance.now() - start;
    card.remove();
    return elapsed;
  },
};`;

/** A page on another origin that loads the script-tag bundle from the vault. */
function pageServer(vault: string): Promise<{ server: Server; url: string }> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>bench</title>
<script src="${vault}/v1/tessera.js"></script><script>${PAGE_SCRIPT}</script></head>
<body><div id="slot"></div></body></html>`;
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  return new Promise((resolve) => {
    server.listen(0, 'localhost', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, url: `http://localhost:${String(port)}/` });
    });
  });
}

const CARD_BODY = (key: string, year: number) =>
  `key=${key}&card%5Bnumber%5D=4242424242424242&card%5Bexp_month%5D=12&card%5Bexp_year%5D=${String(year)}&card%5Bcvc%5D=123&card%5Baddress_zip%5D=94107`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-element-bench-'));
  const db = join(dir, 'tessera.db');
  // Tokens come faster than a shopper's (25/s for a test key per IP): the limits are raised.
  const vault = await startTokenServer({
    db,
    port: 0,
    logLevel: 'warn',
    extraArgs: ['--publishable-limit-test', '1000000'],
  });
  const { keys } = vault;
  const page = await pageServer(vault.url);
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage();
    await tab.goto(page.url);
    await tab.waitForFunction(() => 'Tessera' in window);

    // Mount → ready vs a bare iframe, interleaved so every kind sees the same conditions, in
    // rotating order (a frame removed just before may still hold its process), after WARM_UPS
    // uncounted rounds: the default card (English, stripe theme), one in German (its catalogue
    // is a chunk of its own) and one in the night theme (the styling checks are a chunk too).
    const KINDS = [null, { locale: 'de' }, { theme: 'night' }] as const;
    const bare: number[] = [];
    const kinds: number[][] = KINDS.map(() => []);
    for (let round = 0; round < WARM_UPS + MOUNTS; round++) {
      const times = await tab.evaluate(
        async ({ vault, pk, round, kinds }) => {
          const { bench } = window as unknown as {
            bench: {
              bare: (vault: string, round: number) => Promise<number>;
              element: (vault: string, pk: string, attributes?: object) => Promise<number>;
            };
          };
          const runs = [
            () => bench.bare(vault, round),
            ...kinds.map((attributes) => () => bench.element(vault, pk, attributes ?? {})),
          ];
          const out = new Array<number>(runs.length);
          // Each round starts with another kind: the first mount after a removal pays more.
          const order = runs.map((_, i) => (i + round) % runs.length);
          for (const index of order) {
            const run = runs[index];
            if (run) out[index] = await run();
          }
          return out;
        },
        { vault: vault.url, pk: keys.publishable_key, round, kinds: KINDS },
      );
      if (round < WARM_UPS) continue;
      bare.push(times[0] ?? 0);
      KINDS.forEach((_, i) => kinds[i]?.push(times[i + 1] ?? 0));
    }
    const [element = [], german = [], night = []] = kinds;
    const mounts = { bare, element };

    // createToken from the page vs a raw fetch of the same body from the frame's origin.
    const year = new Date().getFullYear() + 2;
    await tab.evaluate(
      ({ vault, pk }) => {
        const card = document.createElement('tessera-card');
        card.id = 'card';
        card.setAttribute('publishable-key', pk);
        card.setAttribute('vault-origin', vault);
        document.getElementById('slot')?.append(card);
      },
      { vault: vault.url, pk: keys.publishable_key },
    );
    let frame: Frame | undefined;
    for (let waited = 0; !frame && waited < 10_000; waited += 50) {
      frame = tab
        .frames()
        .find((f) => f.url().includes('/v1/frame/') && f.url().includes('type=card'));
      if (!frame) await tab.waitForTimeout(50);
    }
    if (!frame) throw new Error('the card frame did not appear');
    await frame.locator('#number').fill('4242424242424242');
    await frame.locator('#expiry').fill(`12${String(year % 100)}`);
    await frame.locator('#cvc').fill('123');
    await frame.locator('#postalCode').fill('94107');
    // Interleaved, one of each per round, so both see the same server and vault state; the
    // first WARM_UPS rounds (cold code paths on both sides) are not counted.
    const body = CARD_BODY(keys.publishable_key, year);
    const viaElement: number[] = [];
    const viaFetch: number[] = [];
    for (let round = 0; round < WARM_UPS + TOKENS; round++) {
      const element = await tab.evaluate(
        async ({ vault, pk }) => {
          const tessera = (
            window as unknown as {
              Tessera: (
                k: string,
                o: object,
              ) => {
                createToken: (el: Element) => Promise<{ token?: unknown; error?: unknown }>;
              };
            }
          ).Tessera(pk, { origin: vault });
          const card = document.getElementById('card') as Element;
          const start = performance.now();
          const result = await tessera.createToken(card);
          const elapsed = performance.now() - start;
          if (!result.token) throw new Error(`createToken failed: ${JSON.stringify(result.error)}`);
          return elapsed;
        },
        { vault: vault.url, pk: keys.publishable_key },
      );
      const raw = await frame.evaluate(
        async ([formBody, hostOrigin]) => {
          const start = performance.now();
          // As the frame posts: with the host page's origin, which the vault checks.
          const response = await fetch('/v1/tokens', {
            method: 'POST',
            headers: {
              'Content-Type': 'application/x-www-form-urlencoded',
              'Idempotency-Key': crypto.randomUUID(),
              'Tessera-Host-Origin': hostOrigin,
            },
            body: formBody,
          });
          await response.json();
          const elapsed = performance.now() - start;
          if (!response.ok) throw new Error(`raw POST failed: ${String(response.status)}`);
          return elapsed;
        },
        [body, new URL(page.url).origin] as const,
      );
      if (round >= WARM_UPS) {
        viaElement.push(element);
        viaFetch.push(raw);
      }
    }

    const rows = [
      ['bare iframe load (/healthz)', median(mounts.bare), MOUNTS],
      ['<tessera-card> mount → ready', median(mounts.element), MOUNTS],
      ['<tessera-card locale="de"> mount → ready', median(german), MOUNTS],
      ['<tessera-card theme="night"> mount → ready', median(night), MOUNTS],
      ['raw fetch POST /v1/tokens (frame origin)', median(viaFetch), TOKENS],
      ['createToken(card) from the page', median(viaElement), TOKENS],
    ] as const;
    const mountRatio = median(mounts.element) / median(mounts.bare);
    const tokenRatio = median(viaElement) / median(viaFetch);
    console.log(`Tessera element timings: Chromium ${browser.version()}, medians, same run\n`);
    console.log('| Measurement | Median | Samples |');
    console.log('|:--|--:|--:|');
    for (const [name, value, samples] of rows) {
      console.log(`| ${name} | ${value.toFixed(1)} ms | ${String(samples)} |`);
    }
    console.log(
      `\nGoal mount/bare ≤ ${String(GOALS.mount)}: ${mountRatio <= GOALS.mount ? 'met' : 'NOT met'} (${mountRatio.toFixed(2)}×)`,
    );
    console.log(
      `German and night theme against the default: ${(median(german) / median(mounts.element)).toFixed(2)}× and ${(median(night) / median(mounts.element)).toFixed(2)}× (mount/bare ${(median(german) / median(mounts.bare)).toFixed(2)}× and ${(median(night) / median(mounts.bare)).toFixed(2)}×)`,
    );
    console.log(
      `Goal createToken/raw fetch ≤ ${String(GOALS.createToken)}: ${tokenRatio <= GOALS.createToken ? 'met' : 'NOT met'} (${tokenRatio.toFixed(2)}×)`,
    );
  } finally {
    await browser.close();
    page.server.close();
    await vault.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
