/**
 * The built browser bundles in Chromium (`npm test` builds first): the script tag, served by the
 * token server and pinned with SRI, on a page of another origin; and the npm ESM entry loaded
 * twice on one page. The page is on `localhost`, the token server on `127.0.0.1`: two origins.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../demo/browser-driver.js';
import { spawnServe, stopChild } from '../../scripts/serve-process.js';
import { BUILT, requireBuilt } from '../helpers/bundle-sizes.js';
import { ELEMENT_TAGS } from '../helpers/elements.js';
import { ROOT } from '../helpers/paths.js';

/** The script tag's global, as `src/script-tag.ts` declares it. */
type WithTessera = Window & { Tessera?: (key: string) => { origin: string } };

/** Lit's packages for the browser's own module resolution (what a bundler does otherwise). */
const IMPORT_MAP = {
  imports: {
    lit: '/node_modules/lit/index.js',
    'lit/': '/node_modules/lit/',
    'lit-html': '/node_modules/lit-html/lit-html.js',
    'lit-html/': '/node_modules/lit-html/',
    'lit-element/': '/node_modules/lit-element/',
    '@lit/reactive-element': '/node_modules/@lit/reactive-element/reactive-element.js',
    '@lit/reactive-element/': '/node_modules/@lit/reactive-element/',
  },
};

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.html': 'text/html',
};

/**
 * The merchant's site: test pages, and this checkout's `dist/` and `node_modules/` files, also
 * under `/copy/` (a second copy of the package, as two bundles of one site may each ship).
 */
function startPageServer(pages: Record<string, string>): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname).replace(/^\/copy\//, '/');
    const page = pages[path];
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (page !== undefined) {
      response.writeHead(200, { 'content-type': 'text/html' }).end(page);
      return;
    }
    const file = normalize(join(ROOT, path));
    if (!/^\/(dist|node_modules)\//.test(path) || !file.startsWith(ROOT)) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'text/plain' });
        response.end(body);
      },
      () => {
        response.writeHead(404).end();
      },
    );
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, url: `http://localhost:${String(port)}` });
    });
  });
}

describe('the built bundles in Chromium', () => {
  let dir: string;
  let vaultProcess: ChildProcess;
  let pageServer: Server;
  let browser: Browser;
  let vaultUrl: string;
  let pageUrl: string;
  let publishableKey: string;

  before(async () => {
    requireBuilt(BUILT.script);
    requireBuilt(join(ROOT, 'dist', 'esm', 'index.js'));
    requireBuilt(join(ROOT, 'dist', 'frame', 'element.html'));
    // First: without a Chromium the suite fails here, before it starts anything to stop.
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'tessera-bundles-'));
    // The built server, serving the frame and script tag of the built `tessera` it depends on.
    const vault = await spawnServe({
      args: ['--dev', '--port', '0', '--db', join(dir, 'tessera.db'), '--log-level', 'warn'],
    });
    vaultProcess = vault.child;
    vaultUrl = vault.url;
    publishableKey = vault.testKeys?.publishable_key ?? '';
    const digest = createHash('sha384').update(readFileSync(BUILT.script)).digest('base64');
    const integrity = `sha384-${digest}`;
    const scriptPage = (sri: string) => `<!doctype html><title>checkout</title>
<script src="${vaultUrl}/v1/tessera.js" integrity="${sri}" crossorigin="anonymous"></script>
<tessera-card publishable-key="${publishableKey}"></tessera-card>`;
    ({ server: pageServer, url: pageUrl } = await startPageServer({
      '/script-tag.html': scriptPage(integrity),
      '/script-tag-tampered.html': scriptPage(`sha384-${'A'.repeat(64)}`),
      '/esm-twice.html': `<!doctype html><title>twice</title>
<script type="importmap">${JSON.stringify(IMPORT_MAP)}</script>`,
    }));
  });
  after(async () => {
    await browser.close();
    await new Promise((resolve) => pageServer.close(resolve));
    await stopChild(vaultProcess);
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh page, with every uncaught error and console error collected. */
  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${pageUrl}${path}`);
    return { page, errors };
  }

  it('script tag with SRI: defines the elements and Tessera, vault origin from its URL', async () => {
    const { page, errors } = await open('/script-tag.html');
    try {
      const state = await page.evaluate(
        async ({ tags, key }) => {
          const card = document.querySelector('tessera-card');
          // `ready` rejects when the frame does not answer within the element's load-timeout.
          const ready = card
            ? await card.ready.then(
                () => true,
                () => false,
              )
            : false;
          const frame = card?.shadowRoot?.querySelector('iframe');
          return {
            factory: typeof (window as WithTessera).Tessera,
            defined: tags.filter((tag) => customElements.get(tag) !== undefined),
            origin: (window as WithTessera).Tessera?.(key).origin,
            ready,
            frameOrigin: frame ? new URL(frame.src).origin : null,
          };
        },
        { tags: ELEMENT_TAGS, key: publishableKey },
      );
      assert.deepEqual(state, {
        factory: 'function',
        defined: ELEMENT_TAGS,
        origin: vaultUrl,
        ready: true,
        frameOrigin: vaultUrl,
      });
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it('script tag with a wrong integrity value: the browser refuses to run it', async () => {
    const { page, errors } = await open('/script-tag-tampered.html');
    try {
      assert.equal(await page.evaluate(() => typeof (window as WithTessera).Tessera), 'undefined');
      assert.match(errors.join('\n'), /integrity/i);
    } finally {
      await page.close();
    }
  });

  it('ESM entry imported twice, then the script tag: each element is defined once', async () => {
    const { page, errors } = await open('/esm-twice.html');
    try {
      const state = await page.evaluate(
        async ({ tags, entry, copyEntry, script }) => {
          type Entry = typeof import('../../src/index.js');
          const first = (await import(entry)) as Entry;
          const again = (await import(entry)) as Entry;
          // A second copy of the package: other modules, other classes, the same tags.
          const copy = (await import(copyEntry)) as Entry;
          // And the script-tag bundle on top (its own Lit, its own classes).
          await new Promise((resolve, reject) => {
            const element = Object.assign(document.createElement('script'), { src: script });
            element.addEventListener('load', resolve);
            element.addEventListener('error', reject);
            document.head.append(element);
          });
          return {
            defined: tags.filter((tag) => customElements.get(tag) !== undefined),
            firstWins: tags.every(
              (tag) =>
                customElements.get(tag) ===
                Object.values(first).find((value) => value === customElements.get(tag)),
            ),
            sameModule: first === again,
            copyIsOther: copy.TesseraCardElement !== first.TesseraCardElement,
            factory: typeof (window as WithTessera).Tessera,
          };
        },
        {
          tags: ELEMENT_TAGS,
          entry: '/dist/esm/index.js',
          copyEntry: '/copy/dist/esm/index.js',
          script: `${vaultUrl}/v1/tessera.js`,
        },
      );
      assert.deepEqual(state, {
        defined: ELEMENT_TAGS,
        firstWins: true,
        sameModule: true,
        copyIsOther: true,
        factory: 'function',
      });
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});
