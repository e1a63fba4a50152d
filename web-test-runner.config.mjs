// Browser tests: real Chromium (found by scripts/chromium.ts), test pages on
// http://localhost:<wtr port>, and a real token server (the built server/dist/cli.js) on
// http://127.0.0.1:<port>: two origins, as in production. Commands give tests Playwright's view
// into the cross-origin frames.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { promisify } from 'node:util';
import { tsImport } from 'tsx/esm/api';

const commonjs = fromRollup(rollupCommonjs);
const { CHROMIUM_ARGS, findChromium } = await tsImport('./scripts/chromium.ts', import.meta.url);
const { BUILT_CLI, spawnServe } = await tsImport('./scripts/serve-process.ts', import.meta.url);

/** Starts `tessera serve --dev` on a temporary database; resolves with its URL and keys. */
async function startTokenServer() {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-wtr-'));
  const db = join(dir, 'tessera.db');
  try {
    const { child, url, testKeys } = await spawnServe({
      args: ['--dev', '--port', '0', '--db', db, '--log-level', 'warn'],
      stdio: ['inherit', 'pipe'],
    });
    return { child, url, keys: testKeys, dir, db };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The token server for the run, its env module for tests, and Playwright-backed commands. */
function tesseraPlugin() {
  let server;
  /** The frames of a page whose URL says `type=<type>`, in document order. */
  const framesOf = (page, type) =>
    page
      .frames()
      .filter(
        (frame) => frame.url().includes('/v1/frame/') && frame.url().includes(`type=${type}`),
      );
  /** True while the frame's iframe element is in the page (Playwright may lag behind removals). */
  const isLive = (frame) =>
    frame
      .frameElement()
      .then((element) => element.evaluate((el) => el.isConnected))
      .catch(() => false);
  /**
   * The frame a command targets. Playwright learns an out-of-process frame's URL a little after
   * the page sees it load (it reads "" meanwhile) and of its removal a little after it happened,
   * so this skips removed frames and waits up to 5 s for the frame to show up.
   */
  const frameFor = async (session, payload) => {
    const page = session.browser.getPage(session.id);
    const deadline = Date.now() + 5000;
    for (;;) {
      const candidates = framesOf(page, payload.type);
      const live = await Promise.all(candidates.map(isLive));
      const frame = candidates.filter((_, i) => live[i])[payload.index ?? 0];
      if (frame) return frame;
      if (Date.now() > deadline) {
        const urls = JSON.stringify(page.frames().map((f) => f.url()));
        throw new Error(`no ${payload.type} frame #${payload.index ?? 0} on the page: ${urls}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return {
    name: 'tessera',
    async serverStart() {
      server = await startTokenServer();
    },
    async serverStop() {
      server?.child.kill('SIGTERM');
      if (server) rmSync(server.dir, { recursive: true, force: true });
    },
    async executeCommand({ command, payload, session }) {
      switch (command) {
        case 'env':
          return {
            vaultOrigin: server.url,
            publishableKey: server.keys.publishable_key,
            // The frame fuzz suite's seed and size (`FUZZ_SEED`, `FUZZ_RUNS`), as the Node one.
            fuzz: { seed: process.env.FUZZ_SEED ?? null, runs: process.env.FUZZ_RUNS ?? null },
          };
        case 'frame-type': {
          // Real key presses into an input of a frame (focus moves there, as a user's would).
          const input = (await frameFor(session, payload)).locator(payload.selector);
          if (payload.clear) await input.fill('');
          await input.pressSequentially(payload.text);
          return true;
        }
        case 'frame-fill': {
          // Sets a value at once and fires input, as autofill and paste do.
          await (await frameFor(session, payload)).locator(payload.selector).fill(payload.text);
          return true;
        }
        case 'frame-press': {
          await (await frameFor(session, payload)).locator(payload.selector).press(payload.key);
          return true;
        }
        case 'frame-read': {
          // What the user sees in a field: value, caret and ARIA state.
          return (await frameFor(session, payload)).locator(payload.selector).evaluate((el) => ({
            value: el.value,
            caret: el.selectionStart,
            ariaInvalid: el.getAttribute('aria-invalid'),
            autocomplete: el.getAttribute('autocomplete'),
            inputmode: el.getAttribute('inputmode'),
            focused: el.ownerDocument.activeElement === el || el.getRootNode().activeElement === el,
            // The focused element of an unfocused frame stays its activeElement: this says
            // whether the frame's document has the keyboard focus at all.
            documentHasFocus: el.ownerDocument.hasFocus(),
            placeholder: el.getAttribute('placeholder'),
            disabled: el.disabled === true,
            error: el.getRootNode().querySelector('#error')?.textContent ?? '',
            label: el.getRootNode().querySelector(`label[for="${el.id}"]`)?.textContent ?? '',
          }));
        }
        case 'frame-style': {
          return (await frameFor(session, payload))
            .locator(payload.selector)
            .evaluate(
              (el, property) => getComputedStyle(el).getPropertyValue(property),
              payload.property,
            );
        }
        case 'frame-metrics': {
          // The frame document's own view of its size: scrollHeight above clientHeight means
          // content is cut off (scrolling="no") or would scroll.
          return (await frameFor(session, payload)).evaluate(() => ({
            scrollHeight: document.documentElement.scrollHeight,
            clientHeight: document.documentElement.clientHeight,
            innerHeight: window.innerHeight,
            bodyHeight: document.body.getBoundingClientRect().height,
          }));
        }
        case 'frame-exists': {
          return (await (await frameFor(session, payload)).locator(payload.selector).count()) > 0;
        }
        case 'frame-headers': {
          // The frame document's response headers, fetched from Node: the page cannot read them
          // (the vault origin sends no CORS headers for the frame document).
          const response = await fetch(
            `${server.url}/v1/frame/element.html?key=${server.keys.publishable_key}`,
          );
          await response.arrayBuffer();
          return { status: response.status, headers: Object.fromEntries(response.headers) };
        }
        case 'keys-create': {
          // `tessera keys create` on the running server's database, as its operator would.
          const origins = (payload.allowedOrigins ?? []).flatMap((o) => ['--allowed-origin', o]);
          const { stdout } = await promisify(execFile)(process.execPath, [
            BUILT_CLI,
            'keys',
            'create',
            '--db',
            server.db,
            ...origins,
          ]);
          return JSON.parse(stdout);
        }
        case 'closed-port': {
          // A port on 127.0.0.1 that nothing listens on (bound, then released).
          const probe = createServer();
          await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
          const { port } = probe.address();
          await new Promise((resolve) => probe.close(resolve));
          return port;
        }
        case 'frame-languages': {
          // Every frame attached or navigated from now on sees these browser languages.
          await session.browser.getPage(session.id).addInitScript((languages) => {
            Object.defineProperty(Navigator.prototype, 'languages', { get: () => languages });
            Object.defineProperty(Navigator.prototype, 'language', { get: () => languages[0] });
          }, payload.languages);
          return true;
        }
        case 'visible-fields': {
          // Card number inputs a user could see, in every frame of the page, whatever its URL
          // (a frame the browser refused to display shows an error page instead).
          const frames = session.browser.getPage(session.id).frames();
          const counts = await Promise.all(
            frames.map((frame) =>
              frame
                .locator('#number:visible')
                .count()
                .catch(() => 0),
            ),
          );
          return counts.reduce((sum, n) => sum + n, 0);
        }
        case 'frame-watch-errors': {
          // From now on, collects the frame's uncaught errors and unhandled rejections (the
          // frame has no hook of its own). With `probe`, throws one of each, so a test can see
          // that the collector works.
          return (await frameFor(session, payload)).evaluate((probe) => {
            if (!globalThis.__tesseraErrors) {
              const errors = [];
              globalThis.__tesseraErrors = errors;
              addEventListener('error', (event) => {
                errors.push(`uncaught error: ${event.message}`);
              });
              addEventListener('unhandledrejection', (event) => {
                errors.push(`unhandled rejection: ${String(event.reason?.stack ?? event.reason)}`);
              });
            }
            if (probe) {
              setTimeout(() => {
                throw new Error('probe');
              });
              void Promise.reject(new Error('probe'));
            }
            return true;
          }, payload.probe === true);
        }
        case 'frame-errors': {
          // What the collector saw since the last read (null: no collector in that frame).
          return (await frameFor(session, payload)).evaluate(
            () => globalThis.__tesseraErrors?.splice(0) ?? null,
          );
        }
        case 'frame-broadcast': {
          // Posts on a BroadcastChannel from inside a frame of the vault origin: the only place
          // a group channel can be reached from. The messages travel as JSON text: the DevTools
          // protocol refuses deeply nested arguments.
          const { channel, messages } = payload;
          return (await frameFor(session, payload)).evaluate(
            ([name, text]) => {
              const broadcast = new BroadcastChannel(name);
              const list = JSON.parse(text);
              for (const message of list) broadcast.postMessage(message);
              broadcast.close();
              return list.length;
            },
            [channel, JSON.stringify(messages)],
          );
        }
        case 'frame-count': {
          return framesOf(session.browser.getPage(session.id), payload.type).length;
        }
        case 'retrieve-token': {
          // The merchant backend's view: GET with the secret key, from Node (never the browser).
          const response = await fetch(`${server.url}/v1/tokens/${payload.id}`, {
            headers: { authorization: `Bearer ${server.keys.secret_key}` },
          });
          return response.json();
        }
        case 'detokenize': {
          const response = await fetch(`${server.url}/v1/tokens/${payload.id}/detokenize`, {
            method: 'POST',
            headers: { authorization: `Bearer ${server.keys.secret_key}` },
          });
          return response.json();
        }
      }
      return undefined;
    },
  };
}

/**
 * `POST /__tessera__/echo` answers with the posted body as text: the merchant backend of the
 * form tests, on the page's own origin so a test can read the reply from a named iframe.
 */
async function echoPostMiddleware(ctx, next) {
  if (ctx.method !== 'POST' || ctx.path !== '/__tessera__/echo') return next();
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  ctx.type = 'text/plain';
  ctx.body = Buffer.concat(chunks).toString('utf8');
}

export default {
  files: 'test/browser/**/*.test.ts',
  middleware: [echoPostMiddleware],
  nodeResolve: true,
  concurrency: 1,
  // A fresh machine's first page waits for the dev server to transform Lit, card-validator and
  // fast-check: that once took more than the default 30 s on CI.
  browserStartTimeout: 120000,
  testsFinishTimeout: 120000,
  testFramework: { config: { timeout: 20000 } },
  plugins: [
    tesseraPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.base.json' }),
    commonjs({
      include: ['**/node_modules/card-validator/**', '**/node_modules/credit-card-type/**'],
    }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: findChromium(), headless: true, args: [...CHROMIUM_ARGS] },
    }),
  ],
};
