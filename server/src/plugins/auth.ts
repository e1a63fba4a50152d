import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errors } from '../errors.js';
import { keyKindOf, keyLookup } from '../services/api-keys.js';
import type { Caller } from '../services/token-service.js';
import type { Vault } from '../vault/vault.js';

/** Which keys a route accepts. */
export type RouteAuth = 'publishable-or-secret' | 'secret';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on every API route: which API keys may call it. */
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    /** The authenticated caller, on routes with `config.auth`. */
    caller: Caller | null;
  }
}

/**
 * The API key: `Authorization: Bearer <key>`, Basic auth with the key as the user name, or (as
 * Stripe.js sends a publishable key) a `key` field in the form body.
 */
function readKey(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const [scheme = '', value = ''] = header.trim().split(/\s+/, 2);
    if (/^bearer$/i.test(scheme) && value) return value;
    if (/^basic$/i.test(scheme) && value) {
      const user = Buffer.from(value, 'base64').toString('utf8').split(':', 1)[0];
      if (user) return user;
    }
    throw errors.malformedAuthorization();
  }
  const body = request.body as { key?: unknown } | undefined;
  if (typeof body?.key === 'string' && body.key !== '') return body.key;
  throw errors.noApiKey();
}

/**
 * Browsers send `Origin` on cross-site requests and `Sec-Fetch-Site` on every request; server-side
 * clients send neither. Not `Sec-Fetch-Mode`: Node's own `fetch` (undici) sends that one too.
 */
function fromBrowser(request: FastifyRequest): boolean {
  return request.headers.origin !== undefined || request.headers['sec-fetch-site'] !== undefined;
}

/** Authenticates every route that declares `config.auth`, before its schema is checked. */
export const authPlugin = fp<{ vault: Vault }>(
  (app, { vault }, done) => {
    app.decorateRequest('caller', null);
    app.addHook('preValidation', async (request) => {
      const auth = request.routeOptions.config.auth;
      if (!auth) return;
      const key = readKey(request);
      const record = await vault.findApiKey(keyLookup(key));
      if (!record || record.kind !== keyKindOf(key)) throw errors.invalidApiKey(key);
      if (record.kind === 'secret' && fromBrowser(request)) throw errors.secretKeyFromBrowser();
      if (auth === 'secret' && record.kind !== 'secret') throw errors.secretKeyRequired();
      request.caller = {
        accountId: record.accountId,
        livemode: record.livemode,
        kind: record.kind,
      };
    });
    done();
  },
  { name: 'tessera-auth' },
);
