/**
 * The `tessera-server` package as published (`npm test` builds first): what `npm pack` ships,
 * its dependency on the `tessera` release it serves, and both tarballs installed together into
 * an empty project, where `npx tessera serve` starts, serves the installed elements' script tag
 * and frame, and makes a token.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { spawnServe, stopChild, type ServeChild } from '../../scripts/serve-process.js';
import { requireBuilt } from '../helpers/bundle-sizes.js';
import {
  installInEmptyProject,
  pack,
  packageNames,
  productionTree,
  SERVER_PACKAGES,
  type PackResult,
} from '../helpers/packages.js';
import { ROOT } from '../helpers/paths.js';

interface Manifest {
  name: string;
  version: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
  files: string[];
}

const browser = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
const server = JSON.parse(readFileSync(join(ROOT, 'server', 'package.json'), 'utf8')) as Manifest;

/** Tooling of this repository, which no user of the packages should install. */
const DEV_TOOLS = ['vite', 'typescript', 'eslint', 'tsx', 'playwright-core', '@web/test-runner'];

describe('the tessera-server package', () => {
  let packed: PackResult;

  before(async () => {
    requireBuilt(join(ROOT, 'server', 'dist', 'cli.js'));
    packed = await pack('tessera-server');
  });

  it('ships the built server and its README, and no sources or tests', () => {
    const paths = packed.files.map((file) => file.path).sort();
    for (const path of ['package.json', 'README.md', 'LICENSE', 'dist/cli.js']) {
      assert.ok(paths.includes(path), `${path} is not in the package`);
    }
    assert.deepEqual(
      paths.filter((path) =>
        /^(src|test|node_modules)\/|\.ts$|\.db|tsconfig|vite\.config/.test(path),
      ),
      [],
    );
    assert.equal(server.bin.tessera, 'dist/cli.js');
  });

  it('depends on exactly its own release of tessera, and on no browser tooling', () => {
    assert.equal(packed.version, browser.version);
    assert.equal(server.dependencies.tessera, browser.version);
    for (const name of ['lit', ...DEV_TOOLS]) {
      assert.equal(server.dependencies[name], undefined, `${name} is a server dependency`);
    }
  });

  it('imports only Node built-ins and its declared dependencies', () => {
    const code = readFileSync(join(ROOT, 'server', 'dist', 'cli.js'), 'utf8');
    const specifiers = [...code.matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)].map(
      (m) => m[1] ?? '',
    );
    assert.ok(specifiers.includes('tessera/validation'), 'the validators come from tessera');
    for (const specifier of specifiers) {
      if (specifier.startsWith('node:')) continue;
      const name = specifier.startsWith('@')
        ? specifier.split('/').slice(0, 2).join('/')
        : (specifier.split('/')[0] ?? '');
      assert.ok(name in server.dependencies, `dist/cli.js imports ${specifier}, not a dependency`);
    }
  });
});

describe('tessera-server and tessera installed together into an empty project', () => {
  let packs: string;
  let project: string;
  let running: ServeChild | undefined;
  let npx: ChildProcess | undefined;

  before(async () => {
    requireBuilt(join(ROOT, 'server', 'dist', 'cli.js'));
    packs = mkdtempSync(join(tmpdir(), 'tessera-packs-'));
    const tarballs = [await pack('tessera-server', packs), await pack('tessera', packs)];
    // better-sqlite3 compiles its native addon here (about a minute on two cores).
    project = await installInEmptyProject(
      tarballs.map((tarball) => tarball.filename),
      ['better-sqlite3'],
    );
  });
  after(async () => {
    if (running) await stopChild(running.child);
    if (npx) await stopChild(npx);
    rmSync(project, { recursive: true, force: true });
    rmSync(packs, { recursive: true, force: true });
  });

  it('installs one tessera, the server packages, and none of the repository tooling', async () => {
    const tree = await productionTree(project);
    const names = packageNames(tree);
    assert.deepEqual(
      tree.filter((entry) => entry.startsWith('tessera@')),
      [`tessera@${browser.version}`],
    );
    for (const name of SERVER_PACKAGES.filter((p) => p in server.dependencies)) {
      assert.ok(names.includes(name), `${name} is not installed`);
    }
    assert.ok(names.includes('tessera-server'));
    assert.deepEqual(
      names.filter((name) => DEV_TOOLS.includes(name)),
      [],
    );
  });

  it('npx tessera serve starts, serves the installed script tag and frame, and makes a token', async () => {
    const db = join(project, 'tessera.db');
    running = await spawnServe({
      executable: 'npx',
      command: ['tessera'],
      args: ['--dev', '--port', '0', '--db', db, '--log-level', 'warn'],
      cwd: project,
      startTimeoutMs: 30_000,
    });
    npx = running.child;
    const { url, testKeys } = running;
    assert.ok(testKeys, 'serve --dev reported its keys');

    const installed = realpathSync(join(project, 'node_modules', 'tessera'));
    const script = await fetch(`${url}/v1/tessera.js`);
    assert.equal(script.status, 200);
    assert.ok(
      Buffer.from(await script.arrayBuffer()).equals(
        readFileSync(join(installed, 'dist', 'tessera.js')),
      ),
      '/v1/tessera.js is not the installed tessera build',
    );

    const frame = await fetch(`${url}/v1/frame/element.html`);
    assert.equal(frame.status, 200);
    assert.match(frame.headers.get('content-security-policy') ?? '', /frame-ancestors/);
    const html = await frame.text();
    const asset = /src="(\/v1\/frame\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(asset, `no script in the frame document: ${html}`);
    const frameScript = await fetch(`${url}${asset}`);
    assert.equal(frameScript.status, 200);
    assert.ok((await frameScript.text()).length > 1000);

    const form = new URLSearchParams({
      'card[number]': '4242424242424242',
      'card[exp_month]': '12',
      'card[exp_year]': String(new Date().getUTCFullYear() + 2),
      'card[cvc]': '123',
    });
    const created = await fetch(`${url}/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testKeys.publishable_key}` },
      body: form,
    });
    const token = (await created.json()) as { id?: string; card?: { last4?: string } };
    assert.equal(created.status, 200, JSON.stringify(token));
    assert.match(token.id ?? '', /^tok_/);
    assert.equal(token.card?.last4, '4242');
    const retrieved = await fetch(`${url}/v1/tokens/${token.id ?? ''}`, {
      headers: { authorization: `Bearer ${testKeys.secret_key}` },
    });
    assert.equal(retrieved.status, 200);

    // SIGTERM to the server itself (npx runs it as a child): it drains and exits 0, and so does npx.
    const npxExit = once(npx, 'exit');
    process.kill(running.ready.pid, 'SIGTERM');
    assert.deepEqual(await npxExit, [0, null]);
    running = undefined;
  });
});
