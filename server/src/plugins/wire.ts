import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import qs from 'qs';
import { ApiError, errors, shouldRetry } from '../errors.js';
import { newId } from '../ids.js';
import { loggedUrl, safeName } from '../redaction.js';
import { schemaError } from '../schema-errors.js';

/**
 * Limits for form bodies: deeper or larger bodies are refused with a 400, never parsed. Every
 * token body is stored, so its size is a disk quota: Stripe's 5,000-character field maximum is
 * kept, but a whole body is capped far lower (a real token request is well under 1 KB).
 */
export const BODY_LIMIT_BYTES = 8 * 1024;
/**
 * How bodies and query strings are parsed, one set of rules for both: Stripe's bracket keys,
 * nested at most 4 deep, at most 200 parameters and 20 array items, no prototype keys. qs
 * throws past a limit instead of quietly truncating, so nothing is half parsed.
 */
const QS_OPTIONS = {
  depth: 4,
  strictDepth: true,
  parameterLimit: 200,
  throwOnLimitExceeded: true,
  arrayLimit: 20,
  allowPrototypes: false,
} as const;

/** Parses bracket-nested form bodies and queries (`card[number]=…`) with qs; throws past a limit. */
export function parseForm(text: string): Record<string, unknown> {
  return qs.parse(text, QS_OPTIONS);
}

/** Marks a query string that {@link parseForm} refused (the router must not throw). */
const UNPARSABLE_QUERY = Symbol('tessera.unparsable-query');

/**
 * The router's query string parser: {@link parseForm}'s rules, but a query it refuses becomes
 * a marked empty query that the `onRequest` hook answers with a 400.
 */
export function parseQuery(text: string): Record<string | symbol, unknown> {
  try {
    return parseForm(text);
  } catch {
    return { [UNPARSABLE_QUERY]: true };
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes a publishable key (public) as `?key=`: the frame document. */
    publishableKeyInUrl?: boolean;
  }
}

/** True for `?key=pk_…` (one key, publishable) on a route that takes one in its URL. */
function publicKeyInUrl(request: FastifyRequest): boolean {
  if (request.routeOptions.config.publishableKeyInUrl !== true) return false;
  const { key } = request.query as { key?: unknown };
  return typeof key === 'string' && /^pk_(?:test|live)_/.test(key);
}

/** The headers every reply carries: its request id, no caching, no referrer, no sniffing. */
function wireHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('Request-Id', request.id);
  reply.header('Cache-Control', 'no-cache, no-store');
  securityHeaders(request, reply);
}

/**
 * Security headers, by helmet: `nosniff`, `no-referrer`, a CSP that lets an API reply load and
 * be framed by nothing (the frame and script routes set their own), `Cross-Origin-Resource-
 * Policy: same-origin` (the same: those two are `cross-origin`), and the rest of helmet's
 * defaults. HSTS only on a request that came over TLS: to this server, or to a proxy that
 * `--trust-proxy` believes (`X-Forwarded-Proto: https`). The middleware is built once, not per
 * request as @fastify/helmet does.
 */
const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
  // X-Frame-Options is legacy, and the frame document must be framed: CSP frame-ancestors rules.
  xFrameOptions: false,
  strictTransportSecurity: false,
} as const;
const plainHeaders = helmet(HELMET_OPTIONS);
const tlsHeaders = helmet({
  ...HELMET_OPTIONS,
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
});

function securityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const apply = request.protocol === 'https' ? tlsHeaders : plainHeaders;
  apply(request.raw, reply.raw, (error?: unknown) => {
    // helmet 8 throws instead of calling back with an error; this is never reached with one.
    if (error instanceof Error) throw error;
  });
}

/**
 * Fastify's `frameworkErrors`: a URL the router cannot take (not decodable, a path part over
 * 100 characters) gets Stripe's envelope and the usual headers like any other error, is logged,
 * and its URL is not echoed.
 */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const apiError =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? errors.urlParameterTooLong()
      : errors.malformedUrl();
  request.log.info(
    { code: error.code, url: loggedUrl(request.url) },
    'refused a URL the router cannot take',
  );
  wireHeaders(request, reply);
  reply.header('Stripe-Should-Retry', 'false');
  void reply.code(apiError.statusCode).send(apiError.toJSON());
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before there is a request
 * (headers or URL past the size limit, a request cut off by a timeout, bytes that are not
 * HTTP) gets Stripe's envelope and the usual headers too, then the connection is closed, as
 * Node would. Nothing of what the client sent is echoed or logged.
 */
export function clientError(
  this: FastifyInstance,
  error: NodeJS.ErrnoException,
  socket: Duplex,
): void {
  // A reset connection, or one already closed: there is no one to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const apiError =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? errors.requestTimeout()
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? errors.headersTooLarge()
        : errors.malformedHttp();
  this.log.info({ code: error.code }, 'refused what the HTTP parser could not take');
  if (socket.writable) {
    const body = JSON.stringify(apiError.toJSON());
    const status = apiError.statusCode;
    socket.write(
      [
        `HTTP/1.1 ${String(status)} ${STATUS_CODES[status] ?? ''}`,
        `Request-Id: ${newId('req')}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${String(Buffer.byteLength(body))}`,
        'Cache-Control: no-cache, no-store',
        'Referrer-Policy: no-referrer',
        'X-Content-Type-Options: nosniff',
        `Stripe-Should-Retry: ${String(shouldRetry(status))}`,
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  }
  socket.destroy(error);
}

/** The parameter names of a URL's query string, as sent (decoded where they decode). */
function rawQueryNames(url: string): string[] {
  const start = url.indexOf('?');
  if (start === -1) return [];
  return url
    .slice(start + 1)
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const name = part.split('=', 1)[0] ?? '';
      try {
        return decodeURIComponent(name.replaceAll('+', ' '));
      } catch {
        return name;
      }
    });
}

/** Maps anything thrown while handling a request to the Stripe error to send. */
function toApiError(error: FastifyError | ApiError): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error.validation?.[0]) return schemaError(error.validation[0]);
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return errors.unsupportedContentType();
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errors.bodyTooLarge(BODY_LIMIT_BYTES);
  }
  const status = error.statusCode ?? 500;
  return status >= 400 && status < 500 ? errors.malformedBody() : null;
}

/**
 * Stripe's wire conventions for every route: form bodies parsed by qs, `Request-Id` and
 * `Stripe-Should-Retry` headers, no caching, errors in Stripe's envelope, and a 500 that
 * never leaks internals.
 */
export const wirePlugin = fp(
  (app, _options, done) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES },
      (_request, body, parsed) => {
        try {
          parsed(null, parseForm(body as string));
        } catch {
          parsed(errors.malformedBody());
        }
      },
    );

    app.addHook('onRequest', async (request, reply) => {
      wireHeaders(request, reply);
      if (UNPARSABLE_QUERY in (request.query as object)) throw errors.malformedQuery();
      // Read from the raw query: the parsed one has dropped `__proto__` and nameless parameters.
      const names = rawQueryNames(request.url);
      if (names.some((name) => name.split('[', 1)[0] === 'key') && !publicKeyInUrl(request)) {
        throw errors.keyInUrl();
      }
      // Card data must never travel in a URL (it ends up in logs and browser history).
      const [first] = names;
      if (request.method === 'POST' && first !== undefined) {
        throw errors.parametersInUrl(safeName(first));
      }
    });

    app.addHook('preValidation', (request, _reply, next) => {
      if (request.method === 'POST') request.body ??= {};
      next();
    });

    app.addHook('onSend', (_request, reply, payload, next) => {
      if (reply.statusCode >= 400) {
        reply.header('Stripe-Should-Retry', String(shouldRetry(reply.statusCode)));
      }
      next(null, payload);
    });

    app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
      const apiError = toApiError(error);
      if (apiError) return reply.code(apiError.statusCode).send(apiError.toJSON());
      request.log.error({ err: error }, 'unexpected error');
      const internal = errors.internal();
      return reply.code(internal.statusCode).send(internal.toJSON());
    });

    app.setNotFoundHandler((request, reply) => {
      // The path is echoed as Stripe does, with card-number-like runs masked and its length capped.
      const error = errors.unrecognizedUrl(
        safeName(request.method),
        safeName(request.url.split('?')[0] ?? '/'),
      );
      return reply.code(error.statusCode).send(error.toJSON());
    });
    done();
  },
  { name: 'tessera-wire' },
);
