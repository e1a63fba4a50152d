import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { subresourceIntegrity } from '../src/routes/script.js';
import { startAppServer, type AppServer } from './helpers/test-server.js';

const SCRIPT = '(function(){window.Tessera=function(){};})();\n';

function sri(text: string): string {
  return `sha384-${createHash('sha384').update(text).digest('base64')}`;
}

describe('GET /v1/tessera.js and /v1/tessera.js.sri', () => {
  let dir: string;
  let scriptFile: string;
  let url: string;
  const servers: AppServer[] = [];

  async function serve(options: { scriptFile?: string }): Promise<string> {
    const server = await startAppServer(options);
    servers.push(server);
    return server.url;
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-script-'));
    scriptFile = join(dir, 'tessera.js');
    writeFileSync(scriptFile, SCRIPT);
    url = await serve({ scriptFile });
  });
  after(async () => {
    for (const server of servers) await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the bundle as JavaScript any page may load, cached for five minutes', async () => {
    const response = await fetch(`${url}/v1/tessera.js`, {
      headers: { origin: 'https://shop.example' },
    });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), SCRIPT);
    assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=300');
    assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('x-tessera-integrity'), sri(SCRIPT));
  });

  it('gives the SRI value in a header and at /v1/tessera.js.sri', async () => {
    const response = await fetch(`${url}/v1/tessera.js.sri`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const value = await response.text();
    assert.equal(value, sri(SCRIPT));
    assert.match(value, /^sha384-[A-Za-z0-9+/]{64}$/);
    assert.equal(subresourceIntegrity(Buffer.from(SCRIPT)), value);
  });

  it('answers a conditional request with 304 while the bundle is unchanged', async () => {
    const first = await fetch(`${url}/v1/tessera.js`);
    await first.arrayBuffer();
    const etag = first.headers.get('etag') ?? '';
    assert.equal(etag, `"${sri(SCRIPT)}"`);
    const again = await fetch(`${url}/v1/tessera.js`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get('cache-control'), 'public, max-age=300');
    const stale = await fetch(`${url}/v1/tessera.js`, { headers: { 'if-none-match': '"old"' } });
    assert.equal(stale.status, 200);
    await stale.arrayBuffer();
  });

  it('answers HEAD with the headers of GET', async () => {
    const response = await fetch(`${url}/v1/tessera.js`, { method: 'HEAD' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-tessera-integrity'), sri(SCRIPT));
    assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
  });

  it('serves a new build without a restart, with its new integrity', async () => {
    const rebuilt = `${SCRIPT}// rebuilt\n`;
    writeFileSync(scriptFile, rebuilt);
    try {
      const response = await fetch(`${url}/v1/tessera.js`);
      assert.equal(await response.text(), rebuilt);
      assert.equal(response.headers.get('x-tessera-integrity'), sri(rebuilt));
      assert.equal(await (await fetch(`${url}/v1/tessera.js.sri`)).text(), sri(rebuilt));
    } finally {
      writeFileSync(scriptFile, SCRIPT);
    }
  });

  it('answers 404 in Stripe shape when there is no build, and when no bundle is configured', async () => {
    const unbuilt = await serve({ scriptFile: join(dir, 'missing.js') });
    const unconfigured = await serve({});
    for (const base of [unbuilt, unconfigured]) {
      for (const path of ['/v1/tessera.js', '/v1/tessera.js.sri']) {
        const response = await fetch(`${base}${path}`);
        assert.equal(response.status, 404, path);
        const body = (await response.json()) as { error: { type: string; message: string } };
        assert.equal(body.error.type, 'invalid_request_error');
        assert.match(body.error.message, /Unrecognized request URL/);
        assert.equal(response.headers.get('cache-control'), 'no-cache, no-store');
      }
    }
  });
});
