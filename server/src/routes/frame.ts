import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/** Where the built frame lives and who may embed it. */
export interface FrameRoutesOptions {
  /** The built frame (`dist/frame`). */
  frameDir: string;
  /** `frame-ancestors` sources: `*` (any page may embed the fields) or a list of origins. */
  frameAncestors: string;
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
 * and their content-hashed scripts (cached for a year).
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
  // Encapsulated: these headers replace the API's for the frame's files only.
  app.addHook('onSend', (request, reply, payload, next) => {
    if (reply.statusCode === 200 && request.url.split('?')[0]?.endsWith('.html')) {
      reply.header('Content-Security-Policy', csp);
      reply.header('Cache-Control', 'no-cache');
    } else if (reply.statusCode === 200) {
      reply.header('Cache-Control', 'public, max-age=31536000, immutable');
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
  });
};
