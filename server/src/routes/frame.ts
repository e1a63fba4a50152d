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
 * already kept every other page from displaying it).
 */
function renderDocument(built: string, key: ApiKeyRecord | null): string {
  const meta = `<meta name="tessera-allowed-origins" content="${escapeAttribute(allowedOriginsOf(key))}" />`;
  return built.includes('<head>')
    ? built.replace('<head>', `<head>\n    ${meta}`)
    : `${meta}\n${built}`;
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
      const body = renderDocument(await readFile(documentPath, 'utf8'), record);
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
      return extension !== '.html' && (options.sourceMaps === true || extension !== '.map');
    },
    setHeaders: (response) => {
      served.add(response);
    },
  });
};
