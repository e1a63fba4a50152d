/**
 * The framework example apps (`demo/frameworks/<name>`) as their end-to-end suites use them:
 * built by Vite against the packed `tessera` tarball (`demo/framework-apps.ts`, which
 * `npm run demo:frameworks` uses too), served on one origin (localhost) with a vault of their
 * own on another (127.0.0.1), and driven in Chromium; and what the suites check on the page.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { JSHandle, Page } from 'playwright-core';
import { launchChromium } from '../../demo/browser-driver.js';
import {
  serveApp,
  temporaryDir,
  type AppConfig,
  type PageRenderer,
} from '../../demo/framework-apps.js';
import { startTokenServer } from '../../demo/token-server.js';
import { installInto } from './packages.js';

export {
  buildFrameworkApp,
  packedTessera,
  reactPageRenderer,
  type AppConfig,
  type Framework,
} from '../../demo/framework-apps.js';

const installed = new Map<string, Promise<string>>();

/**
 * `specs` (`react@18`, …) installed from the registry into a project of their own, once per
 * process: resolves with its `node_modules`, for an app to link other versions of its framework
 * than this repository's (React 18 besides the repository's 19, say).
 */
export function installedPackages(specs: readonly string[]): Promise<string> {
  const key = specs.join(' ');
  let dir = installed.get(key);
  if (!dir) {
    dir = (async () => {
      const project = temporaryDir('tessera-fw-packages-');
      await writeFile(join(project, 'package.json'), '{ "private": true }\n');
      await installInto(project, specs);
      return join(project, 'node_modules');
    })();
    installed.set(key, dir);
  }
  return dir;
}

/** A running vault and app server. */
export interface FrameworkStack {
  /** The app's origin, `http://localhost:<port>/`. */
  url: string;
  config: AppConfig;
  /** The merchant backend's view of a token: GET with the secret key, from Node. */
  retrieve(tokenId: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * A vault of its own (the built `tessera serve --dev`, on 127.0.0.1, on a fresh database) and
 * the built app in `dir` served on localhost (`serveApp`): two origins. `html` may render pages
 * on the server.
 */
export async function startFrameworkStack(
  dir: string,
  options: { html?: PageRenderer } = {},
): Promise<FrameworkStack> {
  const data = temporaryDir('tessera-fw-vault-');
  const vault = await startTokenServer({ db: join(data, 'tessera.db'), port: 0, logLevel: 'warn' });
  const config: AppConfig = { vaultOrigin: vault.url, publishableKey: vault.keys.publishable_key };
  const app = await serveApp(dir, { config, html: options.html }).catch(async (error: unknown) => {
    await vault.stop();
    throw error;
  });
  return {
    url: app.url,
    config,
    async retrieve(tokenId) {
      const response = await fetch(`${vault.url}/v1/tokens/${tokenId}`, {
        headers: { authorization: `Bearer ${vault.keys.secret_key}` },
      });
      return (await response.json()) as Record<string, unknown>;
    },
    async close() {
      await app.close();
      await vault.stop();
    },
  };
}

/**
 * Headless Chromium and a page whose console errors and warnings and uncaught page errors are
 * collected in `problems` (Lit's dev-mode notice, which only a development build prints, is
 * not a problem).
 */
export async function openPage(): Promise<{
  page: Page;
  problems: string[];
  close(): Promise<void>;
}> {
  const browser = await launchChromium();
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.text().startsWith('Lit is in dev mode')) return;
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return {
    page,
    problems,
    close: () => browser.close(),
  };
}

/** A node as the DevTools protocol describes it (what the census reads of it). */
interface DomNode {
  nodeName: string;
  backendNodeId: number;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

/**
 * What churn must leave: the vault's iframes in the document per element tag, iframes the page
 * still holds that are not in the document (through the DevTools protocol's view of the heap's
 * DOM: detached nodes), and the event listeners on `window` and `document`.
 */
export async function frameCensus(
  page: Page,
): Promise<{ iframes: Record<string, number>; detached: number; listeners: number }> {
  const iframes = await page.evaluate(() => {
    const counts: Record<string, number> = {};
    for (const element of document.querySelectorAll('*')) {
      if (!element.localName.startsWith('tessera-')) continue;
      const frames = element.shadowRoot?.querySelectorAll('iframe').length ?? 0;
      counts[element.localName] = (counts[element.localName] ?? 0) + frames;
    }
    return counts;
  });
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('DOM.enable');
    await session.send('HeapProfiler.enable');
    await session.send('HeapProfiler.collectGarbage');
    // An experimental method of the protocol (Chromium 119 and later), typed here. It names
    // each detached tree by its root (an unmounted form, say): the iframes are found inside,
    // in shadow roots too.
    const { detachedNodes } = (await session.send('DOM.getDetachedDomNodes' as never)) as {
      detachedNodes?: { treeNode: DomNode }[];
    };
    const iframeIds = new Set<number>();
    const visit = (node: DomNode): void => {
      if (node.nodeName.toLowerCase() === 'iframe') iframeIds.add(node.backendNodeId);
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) visit(child);
    };
    for (const { treeNode } of detachedNodes ?? []) visit(treeNode);
    const detached = iframeIds.size;
    let listeners = 0;
    for (const expression of ['window', 'document']) {
      const { result } = await session.send('Runtime.evaluate', { expression });
      if (!result.objectId) continue;
      const found = await session.send('DOMDebugger.getEventListeners', {
        objectId: result.objectId,
      });
      listeners += found.listeners.length;
    }
    return { iframes, detached, listeners };
  } finally {
    await session.detach();
  }
}

/**
 * Types `text` key by key into `field` (`#number`, `#expiry`, …) of the secure frame inside
 * the element matched by `selector`, as a shopper would.
 */
export async function typeInSecureFrame(
  page: Page,
  selector: string,
  field: string,
  text: string,
): Promise<void> {
  await page.frameLocator(`${selector} iframe`).locator(field).pressSequentially(text);
}

/** The night theme's input background (`colorBackground: #30313d`), as the frame computes it. */
export const NIGHT_BACKGROUND = 'rgb(48, 49, 61)';

/**
 * Reads `read` every 50 ms until it returns `expected`, for at most `timeoutMs`; then asserts
 * it, so a failure shows what was last read.
 */
export async function until<T>(
  read: () => Promise<T>,
  expected: T,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!isDeepStrictEqual(last, expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await read();
  }
  assert.deepEqual(last, expected, what);
}

/** The card element's iframe, as a handle that tells whether the iframe survives re-renders. */
export function cardFrame(page: Page): Promise<JSHandle<HTMLIFrameElement | null>> {
  return page.evaluateHandle(() => document.querySelector('tessera-card')?.frame ?? null);
}

/**
 * Asserts that the card element still holds `frame` (from {@link cardFrame}): its options were
 * updated in place, not by reloading the frame. Releases the handle.
 */
export async function assertSameCardFrame(
  page: Page,
  frame: JSHandle<HTMLIFrameElement | null>,
): Promise<void> {
  const same = await page.evaluate(
    (before) => before === document.querySelector('tessera-card')?.frame,
    frame,
  );
  await frame.dispose();
  assert.equal(same, true, 'the iframe was replaced (a reload) instead of updated');
}
