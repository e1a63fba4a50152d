// Browser tests: real Chromium (Debian's package), test pages on http://localhost:<wtr port>,
// and a real token server (the built dist/cli.js) on http://127.0.0.1:<port>: two origins, as
// in production. Commands give tests Playwright's view into the cross-origin frames.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { playwrightLauncher } from '@web/test-runner-playwright';

const commonjs = fromRollup(rollupCommonjs);

/** Starts `tessera serve --dev` on a temporary database; resolves with its URL and keys. */
function startTokenServer() {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-wtr-'));
  const db = join(dir, 'tessera.db');
  const child = spawn(
    process.execPath,
    ['dist/cli.js', 'serve', '--dev', '--port', '0', '--db', db, '--log-level', 'warn'],
    { stdio: ['ignore', 'inherit', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(
      () => reject(new Error(`token server did not start:\n${stderr}`)),
      15000,
    );
    child.on('exit', (code) => reject(new Error(`token server exited (${code}):\n${stderr}`)));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1];
      if (url && /card\[cvc\]=123/.test(stderr)) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        const keys = JSON.parse(readFileSync(`${db}.test-keys.json`, 'utf8'));
        resolve({ child, url, keys, dir });
      }
    });
  });
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
  const frameFor = (session, payload) => {
    const page = session.browser.getPage(session.id);
    const frame = framesOf(page, payload.type)[payload.index ?? 0];
    if (!frame) throw new Error(`no ${payload.type} frame #${payload.index ?? 0} on the page`);
    return frame;
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
          return { vaultOrigin: server.url, publishableKey: server.keys.publishable_key };
        case 'frame-type': {
          // Real key presses into an input of a frame (focus moves there, as a user's would).
          const input = frameFor(session, payload).locator(payload.selector);
          if (payload.clear) await input.fill('');
          await input.pressSequentially(payload.text);
          return true;
        }
        case 'frame-fill': {
          // Sets a value at once and fires input, as autofill and paste do.
          await frameFor(session, payload).locator(payload.selector).fill(payload.text);
          return true;
        }
        case 'frame-press': {
          await frameFor(session, payload).locator(payload.selector).press(payload.key);
          return true;
        }
        case 'frame-read': {
          // What the user sees in a field: value, caret and ARIA state.
          return frameFor(session, payload)
            .locator(payload.selector)
            .evaluate((el) => ({
              value: el.value,
              caret: el.selectionStart,
              ariaInvalid: el.getAttribute('aria-invalid'),
              autocomplete: el.getAttribute('autocomplete'),
              inputmode: el.getAttribute('inputmode'),
              focused:
                el.ownerDocument.activeElement === el || el.getRootNode().activeElement === el,
              error: el.getRootNode().querySelector('#error')?.textContent ?? '',
              label: el.getRootNode().querySelector(`label[for="${el.id}"]`)?.textContent ?? '',
            }));
        }
        case 'frame-style': {
          return frameFor(session, payload)
            .locator(payload.selector)
            .evaluate(
              (el, property) => getComputedStyle(el).getPropertyValue(property),
              payload.property,
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

export default {
  files: 'test/browser/**/*.test.ts',
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 120000,
  testFramework: { config: { timeout: 20000 } },
  plugins: [
    tesseraPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    commonjs({
      include: ['**/node_modules/card-validator/**', '**/node_modules/credit-card-type/**'],
    }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-dev-shm-usage',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
};
