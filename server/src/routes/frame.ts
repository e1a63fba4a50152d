import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import type { PublishableKeyCache } from '../services/api-keys.js';
import { allowedOriginsOf, frameAncestorsOf } from '../services/origins.js';
import type { ApiKeyRecord } from '../vault/vault.js';

/** Where the built frame lives, and the keys that say who may embed it. */
export interface FrameRoutesOptions {
  /** The built frame (`dist/frame`). */
  frameDir: string;
  /** The publishable keys, whose allowed origins become the document's `frame-ancestors`. */
  keys: PublishableKeyCache;
  /** Serve the scripts' source maps too (`serve --dev`); otherwise they answer 404. */
  sourceMaps?: boolean;
}

/**
 * The frame's CSP: scripts, styles and connections from the vault origin only, nothing inline,
 * no plugins, no forms, and embedding as configured.
 */
export function frameContentSecurityPolicy(frameAncestors: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/** The frame document's name in the build. */
const FRAME_DOCUMENT = 'element.html';
const PUBLISHABLE_KEY = /^pk_(?:test|live)_[0-9A-Za-z]{1,128}$/;

/** `&`, `<`, `>` and `"` escaped, for an attribute value. */
function escapeAttribute(value: string): string {
  return value.replace(/[&<>"]/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

/**
 * The frame document for one key: the built page with the key's allowed origins in a meta
 * element, which the frame checks the host page's origin against (the CSP's `frame-ancestors`
 * already kept every other page from displaying it), and the chunks to preload.
 */
function renderDocument(built: string, key: ApiKeyRecord | null, preloads: string[]): string {
  const meta = `<meta name="tessera-allowed-origins" content="${escapeAttribute(allowedOriginsOf(key))}" />`;
  const links = preloads.map(
    (href) => `<link rel="modulepreload" crossorigin href="${escapeAttribute(href)}" />`,
  );
  const head = [meta, ...links].join('\n    ');
  return built.includes('<head>')
    ? built.replace('<head>', `<head>\n    ${head}`)
    : `${head}\n${built}`;
}

/** Where Vite's manifest names the frame's chunks (`build.manifest`). */
const MANIFEST = join('.vite', 'manifest.json');

/** A resolved locale tag as the element names it (`de`, `pt-BR`, `zh-Hans`). */
const LOCALE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,4})?$/i;

/**
 * What a frame document should preload, from what its URL says it will need (`?locale=de`,
 * `&styled=1`): that language's catalogue and the styling checks, so they arrive with the
 * frame's script instead of after the page's greeting. Only chunks the build's manifest lists;
 * anything else in the query is ignored.
 */
async function preloadsFor(frameDir: string, query: Record<string, unknown>): Promise<string[]> {
  const wanted: string[] = [];
  const { locale, styled } = query;
  if (typeof locale === 'string' && LOCALE_TAG.test(locale)) {
    wanted.push(`i18n/locales/${locale.toLowerCase()}.ts`);
  }
  if (styled === '1') wanted.push('styling.ts');
  if (wanted.length === 0) return [];
  const manifest = JSON.parse(
    await readFile(join(frameDir, MANIFEST), 'utf8').catch(() => '{}'),
  ) as Record<string, { file?: unknown } | undefined>;
  return wanted
    .map((source) => (Object.hasOwn(manifest, source) ? manifest[source]?.file : undefined))
    .filter(
      (file): file is string => typeof file === 'string' && /^assets\/[\w.-]+\.js$/.test(file),
    )
    .map((file) => `/v1/frame/${file}`);
}

/**
 * `GET /v1/frame/…`: the iframe document and its content-hashed scripts (cached for a year).
 * The document names its publishable key in the query (`element.html?key=pk_…`; the key is
 * public) and is served with that key's allowed origins as `frame-ancestors`, so a page on any
 * other origin cannot even display the fields; it is never cached without revalidation, so a
 * changed list or a new build takes effect at once. The static handler serves scripts only:
 * it decodes paths, so `element%2ehtml` would be the document too, and it never serves HTML.
 */
export const frameRoutes: FastifyPluginAsync<FrameRoutesOptions> = async (app, options) => {
  if (!existsSync(options.frameDir)) {
    app.log.warn(
      { frameDir: options.frameDir },
      'frame build not found: run `npm run build`; /v1/frame/ answers 404',
    );
    return;
  }
  const documentPath = join(options.frameDir, FRAME_DOCUMENT);
  /** The scripts each response is serving, as the static handler resolved them. */
  const served = new WeakSet<object>();
  // Encapsulated: these headers replace the API's for the frame's files only.
  app.addHook('onSend', (_request, reply, payload, next) => {
    if (reply.statusCode === 200 && served.has(reply.raw)) {
      reply.header('Cache-Control', 'public, max-age=31536000, immutable');
    }
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    next(null, payload);
  });

  app.get<{ Querystring: Record<string, unknown> }>(
    `/v1/frame/${FRAME_DOCUMENT}`,
    { config: { publishableKeyInUrl: true } },
    async (request, reply) => {
      const given = request.query.key;
      const key =
        typeof given === 'string' && PUBLISHABLE_KEY.test(given)
          ? (await options.keys.find(given)).record
          : null;
      const record = key?.kind === 'publishable' ? key : null;
      // Read each time: a rebuild replaces the scripts it names.
      const [built, preloads] = await Promise.all([
        readFile(documentPath, 'utf8'),
        preloadsFor(options.frameDir, request.query),
      ]);
      const body = renderDocument(built, record, preloads);
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      // A 304 too: its headers replace the cached copy's, so it must carry the frame's CSP, not
      // the API's `frame-ancestors 'none'`.
      reply.header('Content-Security-Policy', frameContentSecurityPolicy(frameAncestorsOf(record)));
      reply.header('Cache-Control', 'no-cache');
      reply.header('ETag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('text/html; charset=utf-8').send(body);
    },
  );

  await app.register(fastifyStatic, {
    root: options.frameDir,
    prefix: '/v1/frame/',
    decorateReply: false,
    index: false,
    cacheControl: false,
    // `pathname` is decoded here, as the file it names will be.
    allowedPath: (pathname) => {
      const extension = extname(pathname).toLowerCase();
      return (
        extension !== '.html' &&
        !pathname.includes('/.') &&
        (options.sourceMaps === true || extension !== '.map')
      );
    },
    setHeaders: (response) => {
      served.add(response);
    },
  });
};
