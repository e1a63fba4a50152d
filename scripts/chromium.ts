/**
 * Chromium for everything here that drives a browser (web-test-runner, the end-to-end and build
 * tests, the demo's screenshots, the element bench): the one place that finds it, installs it
 * where it can, and holds its launch flags.
 *
 * `npm test` runs this file first (`node --import tsx scripts/chromium.ts`): it prints the
 * Chromium it will use, installs Debian's `chromium` package when it finds none and runs as
 * root with apt-get, and otherwise stops the run with one line that says what to install.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Headless Chromium as these machines need it: no sandbox (tests run as root), no GPU, and no
 * background traffic (the network is closed, and Chromium would keep trying it).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Browser commands looked up on `PATH`, in this order. */
export const CHROMIUM_COMMANDS: readonly string[] = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
];

/** The Debian package the tests are known to work with (see `../shared/ENV-RECIPE.md`). */
const DEBIAN_PACKAGE = 'chromium';

/** What the search may look at: the real machine by default, a fake one in tests. */
export interface ChromiumHost {
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  /** Whether an executable file exists at `path`. */
  isExecutable(path: string): boolean;
  /** Folder entries, or none when the folder does not exist. */
  list(dir: string): string[];
  /** True when running as root (an install needs it). */
  isRoot: boolean;
}

/** Where a Chromium was found, or what to do about none. */
export type ChromiumPlan =
  | { kind: 'found'; path: string; source: string }
  | { kind: 'install'; command: readonly string[] }
  | { kind: 'missing'; message: string };

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function listFolder(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** This machine. */
export function localHost(): ChromiumHost {
  return {
    env: process.env,
    home: homedir(),
    isExecutable,
    list: listFolder,
    isRoot: process.getuid?.() === 0,
  };
}

/** The first `name` on `PATH` that is executable. */
function onPath(host: ChromiumHost, name: string): string | undefined {
  for (const dir of (host.env.PATH ?? '').split(delimiter)) {
    if (dir && host.isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** Chromium builds in Playwright's browser cache, newest first. */
function playwrightBuilds(host: ChromiumHost): string[] {
  const cache = host.env.PLAYWRIGHT_BROWSERS_PATH || join(host.home, '.cache', 'ms-playwright');
  return host
    .list(cache)
    .filter((entry) => /^chromium-\d+$/.test(entry))
    .sort((a, b) => Number(b.slice(9)) - Number(a.slice(9)))
    .flatMap((entry) =>
      ['chrome-linux64', 'chrome-linux'].map((dir) => join(cache, entry, dir, 'chrome')),
    );
}

/**
 * Where to find Chromium on `host`: `CHROMIUM_PATH` (which must then exist), a browser command
 * on `PATH`, or Playwright's cache; else an install (root with apt-get), else what to install.
 */
export function planChromium(host: ChromiumHost): ChromiumPlan {
  const configured = host.env.CHROMIUM_PATH;
  if (configured) {
    return host.isExecutable(configured)
      ? { kind: 'found', path: configured, source: 'CHROMIUM_PATH' }
      : {
          kind: 'missing',
          message: `CHROMIUM_PATH is ${configured}, which is not an executable file: point it at a Chromium or Chrome binary, or unset it.`,
        };
  }
  for (const name of CHROMIUM_COMMANDS) {
    const path = onPath(host, name);
    if (path) return { kind: 'found', path, source: `${name} on PATH` };
  }
  const cached = playwrightBuilds(host).find((path) => host.isExecutable(path));
  if (cached) return { kind: 'found', path: cached, source: "Playwright's browser cache" };
  if (host.isRoot && onPath(host, 'apt-get')) {
    return {
      kind: 'install',
      command: ['apt-get', 'install', '-y', '-q', '--no-install-recommends', DEBIAN_PACKAGE],
    };
  }
  return {
    kind: 'missing',
    message: `No Chromium found (CHROMIUM_PATH, ${CHROMIUM_COMMANDS.join(', ')} on PATH, Playwright's cache): install one (Debian or Ubuntu: sudo apt-get install ${DEBIAN_PACKAGE}) or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
  };
}

/** The Chromium to launch; throws an error with the one line to act on when there is none. */
export function findChromium(host: ChromiumHost = localHost()): string {
  const plan = planChromium(host);
  if (plan.kind === 'found') return plan.path;
  throw new Error(
    plan.kind === 'missing'
      ? plan.message
      : `No Chromium found: run \`node --import tsx scripts/chromium.ts\` (npm test does) to install Debian's ${DEBIAN_PACKAGE}.`,
  );
}

/** Finds Chromium, installing Debian's package when it can; returns the exit status. */
function ensureChromium(): number {
  let plan = planChromium(localHost());
  if (plan.kind === 'install') {
    console.error(`No Chromium found: installing Debian's ${DEBIAN_PACKAGE} package (as root).`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const command of [['apt-get', 'update', '-q'], plan.command]) {
      const [program = '', ...args] = command;
      // apt's progress is noise here; its errors (stderr) are not.
      const result = spawnSync(program, args, { stdio: ['ignore', 'ignore', 'inherit'], env });
      if (result.status !== 0) {
        console.error(
          `\`${command.join(' ')}\` failed (${String(result.status ?? result.signal)}).`,
        );
        return 1;
      }
    }
    plan = planChromium(localHost());
  }
  if (plan.kind !== 'found') {
    console.error(
      plan.kind === 'missing' ? plan.message : 'Chromium is still missing after the install.',
    );
    return 1;
  }
  console.error(`Chromium for the browser tests: ${plan.path} (${plan.source})`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = ensureChromium();
}
