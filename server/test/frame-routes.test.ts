import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { ApiKeyService, type KeyPair } from '../src/services/api-keys.js';
import { startAppServer, type AppServer } from './helpers/test-server.js';

/** A GET with `path` sent as it is (fetch would normalise dot segments and `%2e`). */
function rawGet(
  base: string,
  path: string,
): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = httpGet({ hostname, port, path }, (response) => {
      response.resume();
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers });
      });
    });
    request.on('error', reject);
  });
}

describe('GET /v1/frame/…', () => {
  let dir: string;
  let url: string;
  /** A test key bound to https://shop.example. */
  let shop: KeyPair;
  /** A test key without a list: every origin. */
  let open: KeyPair;
  /** A live key bound to two origins. */
  let live: KeyPair;
  /** The frame document of the bound test key. */
  let document: string;
  const servers: AppServer[] = [];

  async function serve(options: { frameDir?: string; frameSourceMaps?: boolean }) {
    const server = await startAppServer(options);
    servers.push(server);
    return server;
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-frame-'));
    mkdirSync(join(dir, 'frame', 'assets'), { recursive: true });
    writeFileSync(
      join(dir, 'frame', 'element.html'),
      '<!doctype html><html><head><title>frame</title></head><body></body></html>',
    );
    writeFileSync(join(dir, 'frame', 'assets', 'element-abc123.js'), 'export {};');
    writeFileSync(join(dir, 'frame', 'assets', 'element-abc123.js.map'), '{"version":3}');
    writeFileSync(join(dir, 'frame', 'assets', 'de-d3d3d3d3.js'), 'export default {};');
    writeFileSync(join(dir, 'frame', 'assets', 'styling-5ty1e5ty.js'), 'export {};');
    // Vite's manifest of the frame build, as `build.manifest` writes it.
    mkdirSync(join(dir, 'frame', '.vite'));
    writeFileSync(
      join(dir, 'frame', '.vite', 'manifest.json'),
      JSON.stringify({
        'element.html': { file: 'assets/element-abc123.js', isEntry: true },
        'i18n/locales/de.ts': { file: 'assets/de-d3d3d3d3.js', isDynamicEntry: true },
        'i18n/locales/pt-br.ts': { file: 'assets/pt-br-00000000.js', isDynamicEntry: true },
        'styling.ts': { file: 'assets/styling-5ty1e5ty.js', isDynamicEntry: true },
        'i18n/locales/evil.ts': { file: '"><script>alert(1)</script>', isDynamicEntry: true },
      }),
    );
    const server = await serve({ frameDir: join(dir, 'frame') });
    url = server.url;
    const keys = new ApiKeyService(server.vault);
    shop = await keys.createKeyPair({ livemode: false, allowedOrigins: ['https://shop.example'] });
    open = await keys.createKeyPair({ livemode: false });
    live = await keys.createKeyPair({
      livemode: true,
      allowedOrigins: ['https://shop.example', 'https://checkout.shop.example:8443'],
    });
    document = `element.html?key=${shop.publishable_key}`;
  });
  after(async () => {
    for (const server of servers) await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the frame document with a strict CSP, never cached', async () => {
    const response = await fetch(`${url}/v1/frame/${document}`);
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

  it('sends the frame CSP on a revalidation (304) too: its headers replace the cached copy’s', async () => {
    const first = await fetch(`${url}/v1/frame/${document}`);
    const etag = first.headers.get('etag') ?? '';
    assert.notEqual(etag, '');
    const again = await fetch(`${url}/v1/frame/${document}`, {
      // As a browser revalidates (fetch would add `Cache-Control: no-cache` otherwise).
      headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' },
    });
    assert.equal(again.status, 304);
    assert.equal(
      again.headers.get('content-security-policy'),
      first.headers.get('content-security-policy'),
    );
    assert.equal(again.headers.get('cross-origin-resource-policy'), 'cross-origin');
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

  it('sends the CSP with the frame document however its name is encoded', async () => {
    // Each is the frame document to a static handler that decodes the path: the headers must
    // follow the file served, not the raw URL (and only the document route serves it).
    const query = `?key=${shop.publishable_key}`;
    const variants = [
      '/v1/frame/element.html',
      '/v1/frame/element%2ehtml',
      '/v1/frame/element%2Ehtml',
      '/v1/frame/element.htm%6C',
      '/v1/frame/element.htm%6c',
      '/v1/frame/%65lement.html',
      '/v1/frame/element%2Ehtm%6C',
      '/v1/frame//element.html',
      '/v1/frame/./element.html',
      '/v1/frame/assets/../element.html',
      '/v1/frame/assets%2F..%2Felement.html',
      '/v1/frame/element.html?v=1',
      '/v1/frame/element.HTML',
      '/v1/frame/element%252ehtml',
      '/v1/frame/element.html%00',
    ];
    let served = 0;
    for (const path of variants) {
      const [name = '', rest = ''] = path.split(/(?=[?#])/, 2);
      const response = await rawGet(url, `${name}${query}${rest.replace(/^\?/, '&')}`);
      if (response.status !== 200) continue;
      served++;
      assert.ok(
        (response.headers['content-security-policy'] ?? '').includes(
          'frame-ancestors https://shop.example',
        ),
        `${path} served the frame without its CSP`,
      );
      assert.equal(response.headers['cache-control'], 'no-cache', `${path} is cacheable`);
    }
    assert.ok(served >= 2, 'the plain name and at least one encoded name should be served');
  });

  it("lists each key's allowed origins as frame-ancestors, and in the document for the frame", async () => {
    const cases: [string, string, string][] = [
      [shop.publishable_key, 'frame-ancestors https://shop.example', 'https://shop.example'],
      [
        live.publishable_key,
        'frame-ancestors https://shop.example https://checkout.shop.example:8443',
        'https://shop.example https://checkout.shop.example:8443',
      ],
      [open.publishable_key, 'frame-ancestors *', '*'],
      // An unknown key: any page may show the frame, which shows no field and says why.
      ['pk_test_unknown0000000000', 'frame-ancestors *', ''],
      ['pk_test_<script>', 'frame-ancestors *', ''],
    ];
    for (const [key, ancestors, listed] of cases) {
      const response = await fetch(`${url}/v1/frame/element.html?key=${encodeURIComponent(key)}`);
      assert.equal(response.status, 200, key);
      assert.ok(
        (response.headers.get('content-security-policy') ?? '').endsWith(ancestors),
        `${key}: ${String(response.headers.get('content-security-policy'))}`,
      );
      const html = await response.text();
      assert.ok(
        html.includes(`<meta name="tessera-allowed-origins" content="${listed}" />`),
        `${key}: ${html}`,
      );
      assert.doesNotMatch(html, /<script>/);
    }
    const missing = await fetch(`${url}/v1/frame/element.html`);
    assert.match(await missing.text(), /content=""/);
    // Only a publishable key may travel in a URL: a secret one is refused, as everywhere.
    const secret = await fetch(`${url}/v1/frame/element.html?key=${shop.secret_key}`);
    assert.equal(secret.status, 400);
    const body = (await secret.json()) as { error: { param: string; message: string } };
    assert.equal(body.error.param, 'key');
    assert.match(body.error.message, /Roll this key/);
  });

  it("never revalidates one key's document as another's: the ETag follows the list", async () => {
    const shopDocument = await fetch(`${url}/v1/frame/${document}`);
    const etag = shopDocument.headers.get('etag') ?? '';
    const other = await fetch(`${url}/v1/frame/element.html?key=${open.publishable_key}`, {
      headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' },
    });
    assert.equal(other.status, 200);
    assert.notEqual(other.headers.get('etag'), etag);
    assert.match(String(other.headers.get('content-security-policy')), /frame-ancestors \*$/);
  });

  it('serves the frame scripts’ source maps only in dev mode', async () => {
    assert.equal((await fetch(`${url}/v1/frame/assets/element-abc123.js.map`)).status, 404);
    assert.equal((await rawGet(url, '/v1/frame/assets/element-abc123.js%2Emap')).status, 404);
    const { url: dev } = await serve({ frameDir: join(dir, 'frame'), frameSourceMaps: true });
    const map = await fetch(`${dev}/v1/frame/assets/element-abc123.js.map`);
    assert.equal(map.status, 200);
  });

  it("names the language's catalogue and the styling checks for the browser to preload", async () => {
    const preloads = async (query: string) => {
      const html = await (await fetch(`${url}/v1/frame/${document}${query}`)).text();
      return [...html.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)" \/>/g)].map(
        (match) => match[1],
      );
    };
    assert.deepEqual(await preloads(''), []);
    assert.deepEqual(await preloads('&locale=de'), ['/v1/frame/assets/de-d3d3d3d3.js']);
    assert.deepEqual(await preloads('&locale=pt-BR'), ['/v1/frame/assets/pt-br-00000000.js']);
    assert.deepEqual(await preloads('&locale=de&styled=1'), [
      '/v1/frame/assets/de-d3d3d3d3.js',
      '/v1/frame/assets/styling-5ty1e5ty.js',
    ]);
    // English is in the frame's script; unknown tags, paths and what the manifest does not
    // name as a script are ignored.
    for (const query of [
      '&locale=en',
      '&locale=xx',
      '&locale=../de',
      '&locale=evil',
      '&styled=yes',
    ]) {
      assert.deepEqual(await preloads(query), [], query);
    }
    // The preloads are part of the document its ETag covers.
    const plain = await fetch(`${url}/v1/frame/${document}`);
    const german = await fetch(`${url}/v1/frame/${document}&locale=de`);
    assert.notEqual(plain.headers.get('etag'), german.headers.get('etag'));
  });

  it('never serves the build manifest', async () => {
    for (const path of ['/v1/frame/.vite/manifest.json', '/v1/frame/%2Evite/manifest.json']) {
      assert.equal((await rawGet(url, path)).status, 404, path);
    }
  });

  it('answers 404 when there is no build', async () => {
    const { url: unbuilt } = await serve({ frameDir: join(dir, 'missing') });
    assert.equal((await fetch(`${unbuilt}/v1/frame/element.html`)).status, 404);
  });
});
