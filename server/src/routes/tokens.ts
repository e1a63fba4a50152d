import cors, { type FastifyCorsOptions } from '@fastify/cors';
import { isIP } from 'node:net';
import type { FastifyPluginAsync } from 'fastify';
import type { RequestAudit } from '../services/audit.js';
import type { IdempotencyService } from '../services/idempotency.js';
import type { CreateTokenParams } from '../services/token-params.js';
import type { Caller, TokenService } from '../services/token-service.js';
import { createTokenBody, emptyBody, retrieveTokenQuery, tokenParams } from './token-schemas.js';

/** Services the token routes use. */
export interface TokenRoutesOptions {
  tokens: TokenService;
  idempotency: IdempotencyService;
  /**
   * Grant CORS on `POST /v1/tokens` (`serve --cors`): pages on a key's allowed origins may post
   * to it and read the reply (the auth hook checks the origin). Off: no page needs to, since
   * the fields' frame posts to its own origin.
   */
  cors: boolean;
}

type TokenPath = { Params: { token: string } };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** @fastify/cors options of this route: merged over the scope's, which grant nothing. */
    cors?: FastifyCorsOptions;
  }
}

/**
 * The one CORS grant, with `--cors`: pages may create tokens (with a publishable key whose
 * allowed origins include theirs, which the auth hook enforces) and read the reply. Static, so
 * nothing is computed per request; the preflight lists POST only, so a browser sends nothing
 * else to `/v1/tokens`.
 */
const CREATE_TOKEN_CORS: FastifyCorsOptions = {
  origin: true,
  methods: ['POST'],
  allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
  exposedHeaders: ['Request-Id', 'Idempotent-Replayed', 'Retry-After'],
  maxAge: 600,
};

/** The authenticated caller; the auth hook guarantees one on routes with `config.auth`. */
function callerOf(request: { caller: Caller | null }): Caller {
  if (!request.caller) throw new Error('route reached without authentication');
  return request.caller;
}

/** The request's audit entry; the auth hook starts one on routes with `config.audit`. */
function auditOf(request: { audit: RequestAudit | null }): RequestAudit {
  if (!request.audit) throw new Error('audited route reached without an audit entry');
  return request.audit;
}

/**
 * `/v1/tokens`: create (publishable or secret key, or a restricted key with `token_write`),
 * retrieve (`token_read`) and detokenize (`token_detokenize`); full secret keys hold every
 * permission. Retrieve and detokenize are audited.
 * CORS lives in this scope only, and grants nothing but what a route's `config.cors` names:
 * other routes, and preflights for any other path or method, get no CORS header at all; without
 * `--cors`, no route names any.
 */
export const tokenRoutes: FastifyPluginAsync<TokenRoutesOptions> = async (
  app,
  { tokens, idempotency, cors: corsOn },
) => {
  // Not strict: an OPTIONS without the preflight headers gets the same grant, never a text/plain 400.
  await app.register(cors, { origin: false, hook: 'onRequest', strictPreflight: false });
  const createCors: { cors?: FastifyCorsOptions } = corsOn ? { cors: CREATE_TOKEN_CORS } : {};

  // The preflight: @fastify/cors answers it in its onRequest hook; the handler never runs.
  app.options('/v1/tokens', { config: createCors }, (_request, reply) => {
    reply.callNotFound();
  });

  app.post<{ Body: CreateTokenParams }>(
    '/v1/tokens',
    {
      schema: { body: createTokenBody },
      config: { auth: 'publishable-or-secret', permission: 'token_write', ...createCors },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { key: _key, ...params } = request.body;
      const result = await idempotency.run(
        idempotency.requestOf(request, caller),
        params,
        // `request.ip` may come from a header: only a real address is stored.
        (claimed) => tokens.create(params, caller, isIP(request.ip) ? request.ip : null, claimed),
        (tokenId) => tokens.replyFor(tokenId, caller),
      );
      if (result.replayed) reply.header('Idempotent-Replayed', 'true');
      return reply.code(result.statusCode).type('application/json').send(result.payload);
    },
  );

  app.get<TokenPath>(
    '/v1/tokens/:token',
    {
      schema: { params: tokenParams, querystring: retrieveTokenQuery },
      config: { auth: 'secret', permission: 'token_read', audit: 'retrieve' },
    },
    async (request, reply) => {
      const payload = await tokens.retrieve(
        request.params.token,
        callerOf(request),
        auditOf(request),
      );
      return reply.type('application/json').send(payload);
    },
  );

  app.post<TokenPath>(
    '/v1/tokens/:token/detokenize',
    {
      schema: { params: tokenParams, body: emptyBody },
      config: { auth: 'secret', permission: 'token_detokenize', audit: 'detokenize' },
    },
    async (request) => tokens.detokenize(request.params.token, callerOf(request), auditOf(request)),
  );
};
