import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startAppServer, type AppServer } from './helpers/test-server.js';

describe('GET /v1/frame/…', () => {
  let dir: string;
  let url: string;
  const servers: AppServer[] = [];

  async function serve(options: { frameDir?: string; frameAncestors?: string }): Promise<string> {
    const server = await startAppServer(options);
    servers.push(server);
    return server.url;
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-frame-'));
    mkdirSync(join(dir, 'frame', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'frame', 'element.html'), '<!doctype html><title>frame</title>');
    writeFileSync(join(dir, 'frame', 'assets', 'element-abc123.js'), 'export {};');
    url = await serve({ frameDir: join(dir, 'frame'), frameAncestors: 'https://shop.example' });
  });
  after(async () => {
    for (const server of servers) await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the frame document with a strict CSP, never cached', async () => {
    const response = await fetch(`${url}/v1/frame/element.html`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "connect-src 'self'",
      "style-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      'frame-ancestors https://shop.example',
    ]) {
      assert.ok(csp.includes(directive), directive);
    }
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(response.headers.get('cache-control'), 'no-cache');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
  });

  it('serves content-hashed scripts cacheable for a year', async () => {
    const response = await fetch(`${url}/v1/frame/assets/element-abc123.js`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /javascript/);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  });

  it('answers 404 in Stripe shape for a missing file and for paths outside the frame', async () => {
    for (const path of [
      '/v1/frame/nope.html',
      '/v1/frame/../../package.json',
      '/v1/frame/%2e%2e/x',
    ]) {
      const response = await fetch(`${url}${path}`);
      assert.equal(response.status, 404, path);
    }
  });

  it('lets any page embed the frame by default, and answers 404 when there is no build', async () => {
    const open = await serve({ frameDir: join(dir, 'frame') });
    const response = await fetch(`${open}/v1/frame/element.html`);
    assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors \*/);
    const unbuilt = await serve({ frameDir: join(dir, 'missing') });
    assert.equal((await fetch(`${unbuilt}/v1/frame/element.html`)).status, 404);
  });
});
