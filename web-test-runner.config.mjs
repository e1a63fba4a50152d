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

/** axe-core's browser build, read once, told to trust results from the frames' other origin. */
let axeSource;
async function axeScript() {
  if (!axeSource) {
    const { readFile } = await import('node:fs/promises');
    const { createRequire } = await import('node:module');
    const path = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    axeSource = `${await readFile(path, 'utf8')}
axe.configure({ allowedOrigins: ['<unsafe_all_origins>'] });`;
  }
  return axeSource;
}

/** The background colour a frame document paints behind its content, and whether it is clear. */
function frameBackground() {
  const colours = [document.documentElement, document.body].map(
    (element) => getComputedStyle(element).backgroundColor,
  );
  return { colours, transparent: colours.every((colour) => colour === 'rgba(0, 0, 0, 0)') };
}

/**
 * Runs axe-core over `include` (selectors on the page) and every frame inside it, as
 * @axe-core/playwright does (its current release needs Node 22): axe goes into each frame
 * through the DevTools protocol (the frames' CSP allows no script tag), `axe.runPartial` runs in
 * each document and `axe.finishRun` in the page puts the results together, so the rules that
 * span documents (frame titles, …) see the whole page. axe cannot look through a frame to the
 * page behind it: it measures a transparent frame's text against white. So while a transparent
 * frame is audited its root is painted `backdrop`, the page's colour behind the element, which
 * is what the user sees through it; an opaque frame is left as it is.
 */
async function axeAudit(page, { include, backdrop, options }) {
  const script = await axeScript();
  const frames = [];
  const partialsOf = async (frame, context, isChild) => {
    if (!(await frame.evaluate(() => typeof window.axe === 'object'))) await frame.evaluate(script);
    let painted = false;
    let audited = null;
    if (isChild) {
      const { colours, transparent } = await frame.evaluate(frameBackground);
      painted = transparent && typeof backdrop === 'string';
      if (painted) {
        await frame.evaluate((colour) => {
          document.documentElement.style.setProperty('background-color', colour);
        }, backdrop);
      }
      audited = { url: frame.url(), background: colours, painted, nodes: 0 };
      frames.push(audited);
    }
    try {
      const contexts = await frame.evaluate(
        (ctx) => window.axe.utils.getFrameContexts(ctx),
        context,
      );
      const own = await frame.evaluate(
        ([ctx, opts]) => window.axe.runPartial(ctx, opts),
        [context, options],
      );
      if (audited) audited.nodes = own.results.reduce((sum, rule) => sum + rule.nodes.length, 0);
      const partials = [own];
      for (const { frameSelector, frameContext } of contexts) {
        const handle = await frame.evaluateHandle(
          (selector) => window.axe.utils.shadowSelect(selector),
          frameSelector,
        );
        const child = await handle.asElement()?.contentFrame();
        // finishRun pairs results with frames by position: a frame that cannot be read is null.
        partials.push(...(child ? await partialsOf(child, frameContext, true) : [null]));
      }
      return partials;
    } finally {
      if (painted) {
        await frame.evaluate(() => {
          document.documentElement.style.removeProperty('background-color');
        });
      }
    }
  };
  const main = page.mainFrame();
  const partials = await partialsOf(main, { include, exclude: [] }, false);
  const results = await main.evaluate(
    ([all, opts]) => window.axe.finishRun(all, opts),
    [partials, options],
  );
  const brief = (rules) =>
    rules.map((rule) => ({
      id: rule.id,
      impact: rule.impact ?? null,
      help: rule.help,
      nodes: rule.nodes.map((node) => ({
        target: node.target,
        html: node.html,
        failureSummary: node.failureSummary ?? '',
      })),
    }));
  return {
    violations: brief(results.violations),
    incomplete: brief(results.incomplete),
    documents: partials.length,
    frames,
  };
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
        case 'frame-words': {
          // Every word the frame shows or says to assistive technology, and where its inputs sit.
          return (await frameFor(session, payload)).evaluate(() => {
            const app = document.querySelector('tessera-frame-app');
            const root = app?.shadowRoot;
            const all = (selector) => [...(root?.querySelectorAll(selector) ?? [])];
            return {
              lang: document.documentElement.lang,
              dir: document.documentElement.dir,
              title: document.title,
              labels: all('label').map((label) => label.textContent.trim()),
              placeholders: all('input:not(.autofill-catcher)').map((input) => input.placeholder),
              options: all('option').map((option) => option.textContent.trim()),
              descriptions: all('.sr-only').map((span) => span.textContent.trim()),
              error: root?.querySelector('#error')?.textContent.trim() ?? '',
              inputs: all('input:not(.autofill-catcher), select').map((input) => {
                const box = input.getBoundingClientRect();
                return {
                  id: input.id,
                  dir: getComputedStyle(input).direction,
                  textAlign: getComputedStyle(input).textAlign,
                  left: box.left,
                  right: box.right,
                };
              }),
              icons: all('svg').map((icon) => {
                const box = icon.getBoundingClientRect();
                return {
                  className: icon.getAttribute('class'),
                  ariaHidden: icon.getAttribute('aria-hidden'),
                  paths: icon.querySelectorAll('path').length,
                  d: icon.querySelector('path')?.getAttribute('d') ?? '',
                  left: box.left,
                  right: box.right,
                };
              }),
            };
          });
        }
        case 'frame-resources': {
          // The URLs the frame's document fetched (scripts and chunks), in the order it did.
          return (await frameFor(session, payload)).evaluate(() =>
            performance.getEntriesByType('resource').map((entry) => entry.name),
          );
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
        // Accessibility commands (a11y.test.ts)
        case 'a11y-axe': {
          return axeAudit(session.browser.getPage(session.id), payload);
        }
        case 'a11y-style': {
          // Computed style of an element in a frame (`pseudo`: of its ::placeholder, …), read
          // once its transitions have run, so a focus ring is measured as it ends up.
          return (await frameFor(session, payload)).locator(payload.selector).evaluate(
            async (el, { properties, pseudo }) => {
              await new Promise((resolve) => {
                requestAnimationFrame(() => requestAnimationFrame(resolve));
              });
              await Promise.all(el.getAnimations().map((animation) => animation.finished));
              const style = getComputedStyle(el, pseudo);
              return Object.fromEntries(
                properties.map((property) => [property, style.getPropertyValue(property)]),
              );
            },
            { properties: payload.properties, pseudo: payload.pseudo ?? null },
          );
        }
        case 'a11y-media': {
          // Emulated user preferences for the page and its frames; null ends the emulation.
          await session.browser.getPage(session.id).emulateMedia({
            reducedMotion: payload.reducedMotion ?? null,
            forcedColors: payload.forcedColors ?? null,
          });
          return true;
        }
        case 'a11y-pixel': {
          // One pixel of the page as the user sees it, frames composited in, as a base64 PNG.
          const { x, y } = payload;
          const png = await session.browser
            .getPage(session.id)
            .screenshot({ clip: { x, y, width: 1, height: 1 } });
          return png.toString('base64');
        }
        case 'a11y-structure': {
          // What assistive technology is told about a frame's controls, and where they sit.
          return (await frameFor(session, payload)).evaluate(() => {
            const root = document.querySelector('tessera-frame-app')?.shadowRoot;
            const text = (node) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
            const controls = [...(root?.querySelectorAll('input, select, textarea, button') ?? [])];
            const live = root?.querySelector('#error') ?? null;
            const natively =
              'a[href], area[href], button, input, select, textarea, iframe, summary, ' +
              '[contenteditable]:not([contenteditable="false"]), audio[controls], video[controls]';
            const hidden = [
              ...document.querySelectorAll('[aria-hidden="true"]'),
              ...(root?.querySelectorAll('[aria-hidden="true"]') ?? []),
            ];
            const hiddenFocusable = hidden
              .flatMap((element) => [element, ...element.querySelectorAll('*')])
              .filter((element) => {
                const tabindex = element.getAttribute('tabindex');
                if (tabindex !== null) return Number(tabindex) >= 0;
                return element.matches(natively) && element.disabled !== true;
              })
              .map((element) => element.outerHTML.slice(0, 160));
            return {
              lang: document.documentElement.lang,
              dir: document.documentElement.dir,
              title: document.title,
              live: live && {
                ariaLive: live.getAttribute('aria-live'),
                role: live.getAttribute('role'),
                text: text(live),
              },
              hiddenFocusable,
              controls: controls.map((control) => {
                const describedBy = control.getAttribute('aria-describedby');
                const ids = describedBy?.split(/\s+/).filter(Boolean) ?? [];
                const box = control.getBoundingClientRect();
                return {
                  id: control.id,
                  tag: control.localName,
                  hidden: control.closest('[aria-hidden="true"]') !== null,
                  labels: [...(control.labels ?? [])].map(text),
                  ariaRequired: control.getAttribute('aria-required'),
                  ariaInvalid: control.getAttribute('aria-invalid'),
                  shownInvalid: control.classList.contains('Input--invalid'),
                  describedBy,
                  missingDescriptions: ids.filter((id) => !root.getElementById(id)),
                  description: ids.map((id) => text(root.getElementById(id))).join(' '),
                  box: { top: box.top, left: box.left, right: box.right, bottom: box.bottom },
                };
              }),
            };
          });
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
