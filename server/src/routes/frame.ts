import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/** Where the built frame lives and who may embed it. */
export interface FrameRoutesOptions {
  /** The built frame (`dist/frame`). */
  frameDir: string;
  /** `frame-ancestors` sources: `*` (any page may embed the fields) or a list of origins. */
  frameAncestors: string;
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

/**
 * `GET /v1/frame/…`: the iframe documents (never cached, so a new build takes effect at once)
 * and their content-hashed scripts (cached for a year). The headers follow the file the static
 * handler resolved, never the raw URL: it decodes the path, so `element%2ehtml` is the frame
 * document too, and gets its CSP.
 */
export const frameRoutes: FastifyPluginAsync<FrameRoutesOptions> = async (app, options) => {
  if (!existsSync(options.frameDir)) {
    app.log.warn(
      { frameDir: options.frameDir },
      'frame build not found: run `npm run build`; /v1/frame/ answers 404',
    );
    return;
  }
  const csp = frameContentSecurityPolicy(options.frameAncestors);
  /** The file each response is serving, as the static handler resolved it. */
  const served = new WeakMap<object, string>();
  // Encapsulated: these headers replace the API's for the frame's files only.
  app.addHook('onSend', (_request, reply, payload, next) => {
    const file = served.get(reply.raw);
    // A 304 too: its headers replace the cached copy's, so it must carry the frame's CSP, not
    // the API's `frame-ancestors 'none'`.
    if ((reply.statusCode === 200 || reply.statusCode === 304) && file !== undefined) {
      if (extname(file) === '.html') {
        reply.header('Content-Security-Policy', csp);
        reply.header('Cache-Control', 'no-cache');
      } else {
        reply.header('Cache-Control', 'public, max-age=31536000, immutable');
      }
    }
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    next(null, payload);
  });
  await app.register(fastifyStatic, {
    root: options.frameDir,
    prefix: '/v1/frame/',
    decorateReply: false,
    index: false,
    cacheControl: false,
    // `pathname` is decoded here, as the file it names will be.
    allowedPath: (pathname) => options.sourceMaps === true || extname(pathname) !== '.map',
    setHeaders: (response, file) => {
      served.set(response, file);
    },
  });
};
