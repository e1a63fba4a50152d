import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { FastifyPluginCallback, FastifyReply } from 'fastify';

/** Where the script-tag bundle lives. */
export interface ScriptRoutesOptions {
  /** The built script-tag bundle (`dist/tessera.js`). */
  scriptFile: string;
}

/** The bundle as served, with what is derived from its bytes. */
interface BuiltScript {
  body: Buffer;
  /** `sha384-…`, for `<script integrity>`. */
  integrity: string;
  mtimeMs: number;
  size: number;
}

/**
 * Short enough that a new build reaches pages within minutes (the URL carries no content
 * hash), long enough that a checkout's visitors do not fetch it on every page.
 */
const CACHE_CONTROL = 'public, max-age=300';

/** The Subresource Integrity value of `body`: `sha384-` and the base64 digest. */
export function subresourceIntegrity(body: Buffer): string {
  return `sha384-${createHash('sha384').update(body).digest('base64')}`;
}

/** Headers both routes share: cacheable, and readable by any page (`crossorigin` + SRI). */
function shareable(reply: FastifyReply, script: BuiltScript): FastifyReply {
  return reply
    .header('Cache-Control', CACHE_CONTROL)
    .header('Cross-Origin-Resource-Policy', 'cross-origin')
    .header('Access-Control-Allow-Origin', '*')
    .header('X-Tessera-Integrity', script.integrity);
}

/**
 * `GET /v1/tessera.js`: the script-tag bundle, and `GET /v1/tessera.js.sri`: its SRI value as
 * text, so a merchant can pin it (`<script integrity="sha384-…" crossorigin="anonymous">`).
 * The file is read again when it changes on disk, so a rebuild takes effect without a restart;
 * without a build both answer 404 in Stripe's shape.
 */
export const scriptRoutes: FastifyPluginCallback<ScriptRoutesOptions> = (app, options, done) => {
  if (!existsSync(options.scriptFile)) {
    app.log.warn(
      { scriptFile: options.scriptFile },
      'script-tag bundle not found: run `npm run build`; /v1/tessera.js answers 404',
    );
  }
  let cached: BuiltScript | null = null;

  /** The current build, or null when there is none. */
  async function load(): Promise<BuiltScript | null> {
    let info;
    try {
      info = await stat(options.scriptFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    if (cached?.mtimeMs !== info.mtimeMs || cached.size !== info.size) {
      const body = await readFile(options.scriptFile);
      cached = {
        body,
        integrity: subresourceIntegrity(body),
        mtimeMs: info.mtimeMs,
        size: info.size,
      };
    }
    return cached;
  }

  app.get('/v1/tessera.js', async (request, reply) => {
    const script = await load();
    if (!script) {
      reply.callNotFound();
      return reply;
    }
    const etag = `"${script.integrity}"`;
    shareable(reply, script).header('ETag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('text/javascript; charset=utf-8').send(script.body);
  });

  app.get('/v1/tessera.js.sri', async (_request, reply) => {
    const script = await load();
    if (!script) {
      reply.callNotFound();
      return reply;
    }
    return shareable(reply, script).type('text/plain; charset=utf-8').send(script.integrity);
  });
  done();
};
