/**
 * `npm run demo:frameworks` as a newcomer runs it (after `npm run build`): `demo/start-frameworks.ts`
 * as a child process, on free ports. It builds the three example apps against the packed
 * `tessera`, starts the token server, and serves each app on its own origin: the React page
 * rendered on the server, every page allowed to frame only the vault, and each told the vault's
 * origin and a publishable key. SIGTERM stops it all with exit code 0. (The apps themselves are
 * driven in Chromium by `test/e2e/`.)
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stopChild } from '../../scripts/serve-process.js';
import { requireBuilt } from '../helpers/bundle-sizes.js';
import { ROOT } from '../helpers/paths.js';

const SCRIPT = join(ROOT, 'demo', 'start-frameworks.ts');

/** `node --import tsx demo/start-frameworks.ts …args`, its stderr collected. */
function startScript(args: readonly string[]): { child: ChildProcess; stderr: () => string } {
  let stderr = '';
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout.resume();
  return { child, stderr: () => stderr };
}

/** Resolves with the script's output once it says `text`; rejects if it exits first. */
function outputUntil(
  started: ReturnType<typeof startScript>,
  text: string,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      finish(new Error(`no "${text}" after ${String(timeoutMs)} ms:\n${started.stderr()}`));
    }, timeoutMs);
    const check = () => {
      if (started.stderr().includes(text)) finish(null);
    };
    const exited = (code: number | null) => {
      finish(new Error(`exited (${String(code)}) before "${text}":\n${started.stderr()}`));
    };
    function finish(error: Error | null) {
      clearTimeout(timer);
      started.child.stderr?.off('data', check);
      started.child.off('exit', exited);
      if (error) reject(error);
      else resolve(started.stderr());
    }
    started.child.stderr?.on('data', check);
    started.child.once('exit', exited);
    check();
  });
}

describe('npm run demo:frameworks', { timeout: 240_000 }, () => {
  const data = mkdtempSync(join(tmpdir(), 'tessera-fw-demo-'));
  let started: ReturnType<typeof startScript>;
  /** The app origins it printed, by framework. */
  const urls: Record<string, string> = {};
  let vaultUrl = '';

  before(async () => {
    requireBuilt(join(ROOT, 'dist', 'esm', 'index.js'));
    started = startScript(['--port', '0', '--vault-port', '0', '--db', join(data, 'tessera.db')]);
    const output = await outputUntil(started, 'Ctrl-C stops everything', 200_000);
    for (const name of ['React', 'Vue', 'Svelte']) {
      const url = new RegExp(`^  ${name} .*?(http://localhost:\\d+/)$`, 'm').exec(output)?.[1];
      assert.ok(url, `no ${name} address in:\n${output}`);
      urls[name] = url;
    }
    vaultUrl = /token server: (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
  });
  after(async () => {
    await stopChild(started.child);
    rmSync(data, { recursive: true, force: true });
  });

  it('serves each app on its own origin, the vault on another', () => {
    assert.match(vaultUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(new Set(Object.values(urls)).size, 3);
  });

  it('tells each app the vault and a publishable key, never the secret key', async () => {
    for (const url of Object.values(urls)) {
      const config = (await (await fetch(new URL('/config.json', url))).json()) as Record<
        string,
        unknown
      >;
      assert.equal(config.vaultOrigin, vaultUrl);
      assert.match(String(config.publishableKey), /^pk_test_\w+$/);
      assert.deepEqual(Object.keys(config).sort(), ['publishableKey', 'vaultOrigin']);
    }
  });

  it('renders the React page on the server and serves the built Vue and Svelte pages', async () => {
    const pages: Record<string, string> = {};
    for (const [name, url] of Object.entries(urls)) {
      const response = await fetch(url);
      assert.equal(response.status, 200, name);
      assert.match(
        response.headers.get('content-security-policy') ?? '',
        new RegExp(`frame-src ${vaultUrl};`),
        `${name}: its pages may frame the vault, and only it`,
      );
      pages[name] = await response.text();
    }
    // React: the card element is already in the HTML, with its height reserved.
    assert.match(pages.React ?? '', /<div id="root"><[^!][\s\S]*<tessera-card\b[^>]*min-height/);
    // Vue and Svelte render in the browser: their built page loads its bundled script.
    for (const name of ['Vue', 'Svelte']) {
      assert.match(pages[name] ?? '', /<script type="module"[^>]* src="\/assets\/[^"]+\.js"/);
    }
  });

  it('answers a malformed address with 400, and serves no file outside the app', async () => {
    const base = urls.Vue ?? '';
    const malformed = await fetch(new URL('/assets/%E0%A4%A', base));
    assert.equal(malformed.status, 400);
    assert.equal(await malformed.text(), 'The address is not valid.');
    // An escaped slash survives URL parsing and decodes to `/../package.json`: the app's page,
    // not the file beside the built app.
    const escaping = await fetch(new URL('/..%2Fpackage.json', base));
    assert.equal(escaping.status, 200);
    assert.match(escaping.headers.get('content-type') ?? '', /^text\/html/);
    assert.doesNotMatch(await escaping.text(), /"private"|"name"/);
  });

  it('stops the apps and the token server on SIGTERM, with exit code 0', async () => {
    const exit = await stopChild(started.child);
    assert.deepEqual(exit, { code: 0, signal: null });
    for (const url of [...Object.values(urls), vaultUrl]) {
      await assert.rejects(fetch(url), `${url} still answers`);
    }
  });
});

describe('npm run demo:frameworks with a bad flag', () => {
  it('says what is wrong and exits 1 before building anything', async () => {
    const started = startScript(['--port', '70000']);
    const exit = await new Promise<number | null>((resolve) => started.child.once('exit', resolve));
    assert.equal(exit, 1);
    assert.match(started.stderr(), /--port must be a port number up to 65533\./);
    assert.doesNotMatch(started.stderr(), /Building/);
  });
});
