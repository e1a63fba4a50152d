/**
 * The framework example apps (`demo/frameworks/<name>`) as a user would run them: built by Vite
 * against the packed `tessera` tarball, not the source, and served on one origin (localhost)
 * with the vault on another (127.0.0.1). `npm run demo:frameworks` and the end-to-end suites
 * build and serve them with these.
 *
 * An app is copied to a temporary folder whose `node_modules` holds the unpacked tarball as
 * `tessera` and links to this repository's other packages (React, Vue, Svelte, the Vite plugins),
 * so `tessera`, `tessera/react` and the rest resolve through the package's own `exports`, as in
 * an application that installed it.
 */
import { execFile } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { pack } from '../scripts/pack.js';
import { REPO_ROOT } from '../scripts/serve-process.js';

const run = promisify(execFile);

/** The frameworks with an example app. */
export const FRAMEWORKS = ['react', 'vue', 'svelte'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** Temporary folders made by this process, removed when it exits. */
const temporary: string[] = [];
process.once('exit', () => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A new folder in the system's temporary folder, removed when this process exits. */
export function temporaryDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

let unpacked: Promise<string> | undefined;

/** The `tessera` tarball, packed once per process and unpacked: the folder of the package. */
export function packedTessera(): Promise<string> {
  unpacked ??= (async () => {
    if (!existsSync(join(REPO_ROOT, 'dist', 'esm', 'index.js'))) {
      throw new Error('dist/esm/index.js is missing: run `npm run build` first.');
    }
    const dir = temporaryDir('tessera-packed-');
    const tarball = await pack('tessera', dir);
    await run('tar', ['-xzf', tarball.filename, '-C', dir]);
    return join(dir, 'package');
  })();
  return unpacked;
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
  const source = join(REPO_ROOT, 'demo', 'frameworks', name);
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
  for (const entry of readdirSync(join(REPO_ROOT, 'node_modules'))) {
    if (entry === 'tessera' || entry === 'tessera-server' || entry === '.package-lock.json') {
      continue;
    }
    await symlink(packages[entry] ?? join(REPO_ROOT, 'node_modules', entry), join(modules, entry));
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

/** Answers a page itself (server rendering), or null to serve the app's `index.html`. */
export type PageRenderer = (
  path: string,
  config: AppConfig,
) => Promise<string | null> | string | null;

/**
 * The React example's server renderer: `src/entry-server.tsx` as built into `serverDir`
 * (`buildFrameworkApp('react', { ssrEntry: 'src/entry-server.tsx' })`), its HTML put into the
 * client build's `index.html` (in `clientDir`) for the browser to hydrate.
 */
export async function reactPageRenderer(
  clientDir: string,
  serverDir: string,
): Promise<PageRenderer> {
  const entry = readdirSync(serverDir).find((file) => /^entry-server\.m?js$/.test(file));
  if (!entry) throw new Error(`${serverDir} holds no built entry-server.`);
  const { render } = (await import(pathToFileURL(join(serverDir, entry)).href)) as {
    render: (config: AppConfig) => Promise<string>;
  };
  const template = readFileSync(join(clientDir, 'index.html'), 'utf8');
  return async (_path, config) => template.replace('<!--app-->', await render(config));
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** The path of a request's URL, decoded; null when its percent-escapes are not valid. */
function decodedPath(url: string): string | null {
  try {
    return decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return null;
  }
}

/** A built app being served. */
export interface ServedApp {
  /** The app's origin, `http://localhost:<port>/`. */
  url: string;
  close(): Promise<void>;
}

/**
 * A static server for the built app in `dir` on localhost (`port` 0 picks a free one).
 * `/config.json` gives the page `config` (the vault's origin and a publishable key); `html` may
 * answer a page itself (server rendering), else `index.html` is served for every path that is
 * not a file. Pages are served with a CSP of `script-src 'self'` that lets in only the vault's
 * frames.
 */
export async function serveApp(
  dir: string,
  options: { config: AppConfig; port?: number; html?: PageRenderer },
): Promise<ServedApp> {
  const { config } = options;
  const root = resolve(dir);
  const page = (response: ServerResponse, body: string): void => {
    response.writeHead(200, {
      'content-type': TYPES['.html'],
      'content-security-policy': `default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-src ${config.vaultOrigin}; img-src 'self' data:`,
    });
    response.end(body);
  };
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = decodedPath(request.url ?? '/');
      if (path === null) {
        response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('The address is not valid.');
        return;
      }
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
      console.error(`Serving ${request.url ?? '/'} failed: ${String(error)}`);
      if (!response.headersSent) response.writeHead(500);
      response.end('The page could not be served.');
    });
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, 'localhost', () => {
      server.off('error', fail);
      ready();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://localhost:${String(port)}/`,
    async close() {
      await new Promise<void>((closed) =>
        server.close(() => {
          closed();
        }),
      );
      server.closeAllConnections();
    },
  };
}
