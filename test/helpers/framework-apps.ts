/**
 * The framework example apps (`demo/frameworks/<name>`) as their end-to-end suites use them:
 * built by Vite against the packed `tessera` tarball, not the source, served on one origin
 * (localhost) with the vault on another (127.0.0.1), and driven in Chromium.
 *
 * An app is copied to a temporary folder whose `node_modules` holds the unpacked tarball as
 * `tessera` and links to this repository's other packages (React, Vue, Svelte, the Vite plugins),
 * so `tessera`, `tessera/react` and the rest resolve through the package's own `exports`, as in
 * an application that installed it.
 */
import { execFile } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../demo/browser-driver.js';
import { startTokenServer } from '../../demo/token-server.js';
import { requireBuilt } from './bundle-sizes.js';
import { installInto, pack } from './packages.js';
import { ROOT } from './paths.js';

const run = promisify(execFile);

/** The frameworks with an example app. */
export type Framework = 'react' | 'vue' | 'svelte';

/** Temporary folders made by this process, removed when it exits. */
const temporary: string[] = [];
process.once('exit', () => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function temporaryDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

let unpacked: Promise<string> | undefined;

/** The `tessera` tarball, packed once per process and unpacked: the folder of the package. */
export function packedTessera(): Promise<string> {
  unpacked ??= (async () => {
    requireBuilt(join(ROOT, 'dist', 'esm', 'index.js'));
    const dir = temporaryDir('tessera-packed-');
    const tarball = await pack('tessera', dir);
    await run('tar', ['-xzf', tarball.filename, '-C', dir]);
    return join(dir, 'package');
  })();
  return unpacked;
}

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

/**
 * A copy of `demo/frameworks/<name>` in a temporary folder, with `node_modules/tessera` the
 * packed package, the `packages` given linked where they say, and every other package of this
 * repository linked.
 */
async function appCopy(
  name: Framework,
  packages: Readonly<Record<string, string>> = {},
): Promise<string> {
  const source = join(ROOT, 'demo', 'frameworks', name);
  const dir = join(temporaryDir(`tessera-${name}-app-`), name);
  await cp(source, dir, {
    recursive: true,
    filter: (path) => !/[\\/](node_modules|dist|dist-ssr)$/.test(path),
  });
  // An ES module project, as Vite's own templates make (its config is ESM).
  if (!existsSync(join(dir, 'package.json'))) {
    await writeFile(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  }
  const modules = join(dir, 'node_modules');
  await mkdir(modules);
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry === 'tessera' || entry === 'tessera-server' || entry === '.package-lock.json') {
      continue;
    }
    await symlink(packages[entry] ?? join(ROOT, 'node_modules', entry), join(modules, entry));
  }
  // A copy, not a link: Vite resolves a linked package's own imports from where the link
  // points, and the unpacked tarball has no node_modules beside it.
  await cp(await packedTessera(), join(modules, 'tessera'), { recursive: true });
  return dir;
}

/**
 * Builds `demo/frameworks/<name>` with its own `vite.config.ts` against the packed `tessera`;
 * `ssrEntry` (relative to the app) builds that entry for Node instead, into `dist-ssr/`;
 * `mode: 'development'` keeps the frameworks' development checks.
 * Resolves with the folder of the built files. `npm run build` must have run.
 */
export async function buildFrameworkApp(
  name: Framework,
  options: {
    ssrEntry?: string;
    mode?: 'production' | 'development';
    /** Packages to link instead of this repository's, by name (another React, say). */
    packages?: Readonly<Record<string, string>>;
  } = {},
): Promise<string> {
  const dir = await appCopy(name, options.packages);
  const { build } = await import('vite');
  const outDir = join(dir, options.ssrEntry ? 'dist-ssr' : 'dist');
  await build({
    root: dir,
    configFile: join(dir, 'vite.config.ts'),
    logLevel: 'warn',
    // Development builds keep the frameworks' checks (React's StrictMode double mounts).
    mode: options.mode ?? 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify(options.mode ?? 'production') },
    build: {
      outDir,
      emptyOutDir: true,
      ...(options.ssrEntry ? { ssr: options.ssrEntry } : {}),
    },
  });
  return outDir;
}

/** The page's configuration, served as `/config.json` (and given to a server renderer). */
export interface AppConfig {
  vaultOrigin: string;
  publishableKey: string;
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

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * The vault (the built `tessera serve --dev`, on 127.0.0.1) and a static server for `dir` on
 * localhost: two origins. `/config.json` gives the page the vault's origin and test key;
 * `html(path, config)` may answer a page itself (server rendering), else `index.html` is served
 * for every path that is not a file. Pages are served with a CSP of `script-src 'self'`.
 */
export async function startFrameworkStack(
  dir: string,
  options: {
    html?: (path: string, config: AppConfig) => Promise<string | null> | string | null;
  } = {},
): Promise<FrameworkStack> {
  const data = temporaryDir('tessera-fw-vault-');
  const vault = await startTokenServer({ db: join(data, 'tessera.db'), port: 0, logLevel: 'warn' });
  const config: AppConfig = { vaultOrigin: vault.url, publishableKey: vault.keys.publishable_key };
  const root = resolve(dir);
  const page = (response: import('node:http').ServerResponse, body: string): void => {
    response.writeHead(200, {
      'content-type': TYPES['.html'],
      'content-security-policy': `default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-src ${vault.url}; img-src 'self' data:`,
    });
    response.end(body);
  };
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      if (path === '/config.json') {
        response.writeHead(200, { 'content-type': TYPES['.json'], 'cache-control': 'no-store' });
        response.end(JSON.stringify(config));
        return;
      }
      const file = normalize(join(root, path));
      const isFile = file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile();
      if (isFile && extname(file) !== '.html') {
        response.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        });
        createReadStream(file).pipe(response);
        return;
      }
      // Pages: rendered by the app's server renderer, else its index.html, with the CSP.
      const rendered = await options.html?.(path, config);
      const index = join(root, 'index.html');
      if (rendered) page(response, rendered);
      else if (existsSync(index)) page(response, await readFile(index, 'utf8'));
      else response.writeHead(404).end();
    })().catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((ready) => server.listen(0, 'localhost', ready));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://localhost:${String(port)}/`,
    config,
    async retrieve(tokenId) {
      const response = await fetch(`${vault.url}/v1/tokens/${tokenId}`, {
        headers: { authorization: `Bearer ${vault.keys.secret_key}` },
      });
      return (await response.json()) as Record<string, unknown>;
    },
    async close() {
      await new Promise<void>((closed) =>
        server.close(() => {
          closed();
        }),
      );
      server.closeAllConnections();
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
