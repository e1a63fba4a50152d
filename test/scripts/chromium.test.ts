import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { planChromium, type ChromiumHost } from '../../scripts/chromium.js';
import { ROOT } from '../helpers/paths.js';

/** A machine with `files` executable, `folders` listable, and the rest as given. */
function host(
  files: string[],
  overrides: Partial<ChromiumHost> & { folders?: Record<string, string[]> } = {},
): ChromiumHost {
  const { folders = {}, ...rest } = overrides;
  return {
    env: { PATH: '/usr/local/bin:/usr/bin' },
    home: '/home/shopper',
    isExecutable: (path) => files.includes(path),
    list: (dir) => folders[dir] ?? [],
    isRoot: false,
    ...rest,
  };
}

describe('finding Chromium', () => {
  it('takes CHROMIUM_PATH first, and says so when it points at nothing', () => {
    const configured = host(['/opt/chrome/chrome', '/usr/bin/chromium'], {
      env: { PATH: '/usr/bin', CHROMIUM_PATH: '/opt/chrome/chrome' },
    });
    assert.deepEqual(planChromium(configured), {
      kind: 'found',
      path: '/opt/chrome/chrome',
      source: 'CHROMIUM_PATH',
    });
    const wrong = host(['/usr/bin/chromium'], {
      env: { PATH: '/usr/bin', CHROMIUM_PATH: '/nope' },
    });
    assert.deepEqual(planChromium(wrong), {
      kind: 'missing',
      message:
        'CHROMIUM_PATH is /nope, which is not an executable file: point it at a Chromium or Chrome binary, or unset it.',
    });
  });

  it('looks for chromium, chromium-browser and google-chrome on PATH, in that order', () => {
    assert.deepEqual(planChromium(host(['/usr/bin/google-chrome', '/usr/local/bin/chromium'])), {
      kind: 'found',
      path: '/usr/local/bin/chromium',
      source: 'chromium on PATH',
    });
    assert.equal(
      planChromium(host(['/usr/bin/chromium-browser'])).kind === 'found' &&
        (planChromium(host(['/usr/bin/chromium-browser'])) as { path: string }).path,
      '/usr/bin/chromium-browser',
    );
  });

  it("falls back to Playwright's cache, newest build first", () => {
    const cache = '/home/shopper/.cache/ms-playwright';
    const machine = host(
      [
        `${cache}/chromium-1100/chrome-linux/chrome`,
        `${cache}/chromium-1200/chrome-linux64/chrome`,
      ],
      { folders: { [cache]: ['ffmpeg-1009', 'chromium-1100', 'chromium-1200'] } },
    );
    assert.deepEqual(planChromium(machine), {
      kind: 'found',
      path: `${cache}/chromium-1200/chrome-linux64/chrome`,
      source: "Playwright's browser cache",
    });
  });

  it('installs Debian’s chromium as root with apt-get, and otherwise says what to install', () => {
    const root = host(['/usr/bin/apt-get'], { isRoot: true });
    const install = planChromium(root) as { kind: string; command?: readonly string[] };
    assert.equal(install.kind, 'install');
    assert.ok(install.command?.includes('chromium'));
    for (const machine of [host(['/usr/bin/apt-get']), host([], { isRoot: true })]) {
      const plan = planChromium(machine) as { kind: string; message?: string };
      assert.equal(plan.kind, 'missing');
      const message = plan.message ?? '';
      assert.match(message, /apt-get install chromium/);
      assert.match(message, /CHROMIUM_PATH/);
      assert.doesNotMatch(message, /\n/, 'one line');
    }
  });

  it('stops the test run with one line when CHROMIUM_PATH points at nothing', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/chromium.ts'], {
      cwd: ROOT,
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
      encoding: 'utf8',
    });
    assert.equal(result.status, 1);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /CHROMIUM_PATH is \/nonexistent\/chromium/);
  });
});
