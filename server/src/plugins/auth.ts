import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errors, maskKey, type ApiError } from '../errors.js';
import { safeName } from '../redaction.js';
import { keyKindOf, keyLookup, type PublishableKeyCache } from '../services/api-keys.js';
import type { AuditLog, RequestAudit } from '../services/audit.js';
import { originAllowed } from '../services/origins.js';
import { grants, stripeName, type Permission } from '../services/permissions.js';
import type { Caller } from '../services/token-service.js';
import type { ApiKeyRecord, AuditAction, AuditOutcome } from '../vault/vault.js';

/**
 * The header in which the fields' frame states the origin of the page it serves, as the browser
 * told the frame in the host's `hello` (a page cannot forge it: only a script on the vault's own
 * origin can send it, and a browser sends it nowhere else).
 */
export const HOST_ORIGIN_HEADER = 'tessera-host-origin';

/** Which keys a route accepts (restricted keys count as secret ones, given the permission). */
export type RouteAuth = 'publishable-or-secret' | 'secret';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on every API route: which API keys may call it. */
    auth?: RouteAuth;
    /**
     * The permission a restricted key needs here. A route with `auth` and no permission is
     * closed to restricted keys (Stripe's "not available for use by restricted keys").
     */
    permission?: Permission;
    /** Set on the routes that read a token: every request with a valid key is audited. */
    audit?: AuditAction;
  }
  interface FastifyRequest {
    /** The authenticated caller, on routes with `config.auth`. */
    caller: Caller | null;
    /** The audit entry of this request, on routes with `config.audit` once the key is known. */
    audit: RequestAudit | null;
  }
}

/** `Bearer <key>`: one token after the scheme, nothing after it. */
const BEARER = /^Bearer ([\x21-\x7e]+)$/i;
/** `Basic <base64>`: canonical base64, nothing after it. */
const BASIC = /^Basic ((?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)$/i;
/** What Basic carries: the key as the user name, then a colon and a password that is ignored. */
const BASIC_CREDENTIALS = /^([\x21-\x39\x3b-\x7e]+):[\x20-\x7e]*$/;

/** The key of an `Authorization` header, parsed strictly; null when the header is malformed. */
function keyFromHeader(header: string): string | null {
  const bearer = BEARER.exec(header);
  if (bearer) return bearer[1] ?? null;
  const basic = BASIC.exec(header)?.[1];
  if (!basic) return null;
  return BASIC_CREDENTIALS.exec(Buffer.from(basic, 'base64').toString('latin1'))?.[1] ?? null;
}

/**
 * The API key: `Authorization: Bearer <key>`, Basic auth with the key as the user name, or (as
 * Stripe.js sends a publishable key) a `key` field in the form body. A header with anything
 * beyond that (`Bearer <key> junk`, garbage after the base64) is refused, not half read.
 */
function readKey(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const key = keyFromHeader(header);
    if (key === null) throw errors.malformedAuthorization();
    return key;
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

/** True when a browser says the request comes from a page on the vault's own origin. */
function fromVaultOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  // A browser too old for Fetch Metadata: compare its Origin with the Host it asked.
  const origin = request.headers.origin;
  try {
    return origin !== undefined && new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * Checks a browser's request made with a publishable key against the key's allowed origins.
 * The fields' frame posts from the vault's own origin and states the host page's origin; any
 * other page posting card data itself is refused unless `cors` allows it, and then its Origin
 * must be allowed. Requests from servers (no Origin, no Fetch Metadata) are not checked here.
 */
function checkBrowserOrigin(request: FastifyRequest, key: ApiKeyRecord, cors: boolean): void {
  let origin: string;
  if (fromVaultOrigin(request)) {
    const stated = request.headers[HOST_ORIGIN_HEADER];
    if (typeof stated !== 'string') throw errors.hostOriginMissing();
    origin = stated;
  } else {
    origin = request.headers.origin ?? 'null';
    if (!cors) throw errors.directBrowserPost(origin);
  }
  if (!originAllowed(key, origin)) throw errors.originNotAllowed(origin, key.display);
}

/** Why a valid key may not make this request, and what the audit log records of it. */
interface Refusal {
  error: ApiError;
  outcome: AuditOutcome;
}

/**
 * Whether the key of `record` may make this request: never a server key from a browser, never
 * a publishable key on a secret route, and a restricted key only with the route's permission.
 */
function refusalOf(request: FastifyRequest, key: string, record: ApiKeyRecord): Refusal | null {
  const { auth, permission } = request.routeOptions.config;
  if (record.kind !== 'publishable' && fromBrowser(request)) {
    return {
      error:
        record.kind === 'secret'
          ? errors.secretKeyFromBrowser()
          : errors.restrictedKeyFromBrowser(),
      outcome: 'from_browser',
    };
  }
  if (auth === 'secret' && record.kind === 'publishable') {
    return { error: errors.secretKeyRequired(), outcome: 'permission_denied' };
  }
  if (record.kind !== 'restricted') return null;
  if (permission === undefined) {
    return {
      error: errors.restrictedKeyNotAllowed(key, record.accountId),
      outcome: 'permission_denied',
    };
  }
  if (!grants(record.permissions ?? [], permission)) {
    return {
      error: errors.permissionDenied(key, record.accountId, stripeName(permission)),
      outcome: 'permission_denied',
    };
  }
  return null;
}

/** Options of {@link authPlugin}. */
export interface AuthOptions {
  keys: PublishableKeyCache;
  /** Pages on a key's allowed origins may post to `/v1/tokens` themselves (`serve --cors`). */
  cors: boolean;
  /** Where retrieves and detokenizes are recorded. */
  audit: AuditLog;
}

/**
 * Authenticates every route that declares `config.auth`, before its schema is checked, and on
 * routes with `config.audit` starts the request's audit entry as soon as the key is known: a
 * refused request is recorded here, and one that fails later without an entry (its
 * parameters, a server error) is recorded by the `onError` hook. A request without a valid
 * key is not recorded: it has no key to record, and the log must not be a disk anyone on the
 * network can fill.
 */
export const authPlugin = fp<AuthOptions>(
  (app, { keys, cors, audit }, done) => {
    app.decorateRequest('caller', null);
    app.decorateRequest('audit', null);
    app.addHook('preValidation', async (request) => {
      const { auth, audit: action } = request.routeOptions.config;
      if (!auth) return;
      const key = readKey(request);
      const lookup = keyLookup(key);
      const { record, cached } = await keys.find(lookup);
      if (!record || record.kind !== keyKindOf(key)) throw errors.invalidApiKey(key);
      if (action) {
        const { token } = request.params as { token?: unknown };
        request.audit = audit.begin({
          action,
          // The id as sent, which may be anything: never a card number someone put there, nor
          // a NUL (Postgres cannot store one in text).
          tokenId: safeName(typeof token === 'string' ? token : '').replaceAll('\u0000', '\ufffd'),
          key: maskKey(key),
          accountId: record.accountId,
          livemode: record.livemode,
          clientIp: isIP(request.ip) ? request.ip : null,
          requestId: request.id,
        });
      }
      const refusal = refusalOf(request, key, record);
      if (refusal) {
        await request.audit?.write(refusal.outcome);
        throw refusal.error;
      }
      if (record.kind === 'publishable' && fromBrowser(request)) {
        checkBrowserOrigin(request, record, cors);
      }
      request.caller = {
        accountId: record.accountId,
        livemode: record.livemode,
        kind: record.kind,
        keyLookup: lookup,
        keyCached: cached,
      };
    });
    app.addHook('onError', async (request, _reply, error) => {
      if (!request.audit || request.audit.written) return;
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      try {
        await request.audit.write(
          status === 429
            ? 'rate_limited'
            : status >= 400 && status < 500
              ? 'invalid_request'
              : 'error',
        );
      } catch (failure) {
        request.log.error({ err: failure }, 'the audit entry of a failed request was not written');
      }
    });
    done();
  },
  { name: 'tessera-auth' },
);
