/**
 * Every error the Tokens API emits, in one catalogue: HTTP status, Stripe `type`, `code`,
 * `param` and message template. Statuses follow Stripe exactly because Stripe's client libraries
 * choose their error class from the status. Messages name the bad parameter but never echo a
 * submitted value.
 */

import type { StripeErrorType } from 'tessera/validation';
import { safeName } from './redaction.js';

/** Stripe's error `type`. */
export type ErrorType = StripeErrorType;

/** The `error` object inside Stripe's error envelope. */
export interface ErrorBody {
  type: ErrorType;
  code?: string;
  decline_code?: string;
  param?: string;
  message: string;
  doc_url?: string;
}

/** An error that renders as Stripe's envelope `{ "error": { … } }`. */
export class ApiError extends Error {
  constructor(
    /** HTTP status. */
    readonly statusCode: number,
    /** The envelope's `error` object. */
    readonly body: ErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }

  /** `{ error: body }`, as sent on the wire. */
  toJSON(): { error: ErrorBody } {
    return { error: this.body };
  }
}

const DOCS = 'https://stripe.com/docs/error-codes/';

function coded(
  statusCode: number,
  type: ErrorType,
  code: string,
  message: string,
  param?: string,
): ApiError {
  const body: ErrorBody = { type, code, message, doc_url: DOCS + code.replaceAll('_', '-') };
  if (param !== undefined) body.param = param;
  return new ApiError(statusCode, body);
}

function plain(statusCode: number, type: ErrorType, message: string, param?: string): ApiError {
  const body: ErrorBody = { type, message };
  if (param !== undefined) body.param = param;
  return new ApiError(statusCode, body);
}

/** An error with a code of Tessera's own: there is no Stripe page to point to. */
function own(statusCode: number, type: ErrorType, code: string, message: string): ApiError {
  return new ApiError(statusCode, { type, code, message });
}

/** Shows a key the way Stripe does in errors: its prefix and last four characters only. */
export function maskKey(key: string): string {
  const prefix = /^(?:pk|sk|rk)_(?:test|live)_/.exec(key)?.[0] ?? '';
  const rest = key.slice(prefix.length);
  const shown = rest.length > 8 ? rest.slice(-4) : '';
  return prefix + '*'.repeat(Math.min(rest.length - shown.length, 32)) + shown;
}

/** How Stripe's permission errors begin: the key, masked, and the account. */
function keyLacksPermissions(key: string, accountId: string): string {
  return `The provided key '${maskKey(key)}' does not have the required permissions for this endpoint on account '${accountId}'.`;
}

/** The catalogue. */
export const errors = {
  noApiKey: () =>
    plain(
      401,
      'invalid_request_error',
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See the Tessera README for details.",
    ),
  malformedAuthorization: () =>
    plain(
      401,
      'invalid_request_error',
      "Invalid Authorization header. Use Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY') or Basic auth with the key as the user name.",
    ),
  invalidApiKey: (key: string) =>
    plain(401, 'invalid_request_error', `Invalid API Key provided: ${maskKey(key)}`),
  revokedApiKey: () =>
    coded(
      401,
      'invalid_request_error',
      'api_key_expired',
      'The API key used for this request has been revoked. Use a current key.',
    ),
  secretKeyRequired: () =>
    plain(
      403,
      'invalid_request_error',
      'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys with `tessera keys list`.',
    ),
  secretKeyFromBrowser: () =>
    plain(
      403,
      'invalid_request_error',
      'Secret API keys cannot be used from a browser. Use your publishable key in the browser and keep the secret key on your server.',
    ),
  originNotAllowed: (origin: string, publishableKey: string) =>
    own(
      403,
      'invalid_request_error',
      'origin_not_allowed',
      `The publishable key ${publishableKey} does not allow pages on ${safeName(origin)}. Add the origin with: tessera keys update ${publishableKey} --add-origin ${safeName(origin)}`,
    ),
  hostOriginMissing: () =>
    own(
      403,
      'invalid_request_error',
      'origin_not_allowed',
      "A token request made in a browser on the vault's own origin must come from the fields' frame, which states the page it serves (Tessera-Host-Origin).",
    ),
  directBrowserPost: (origin: string) =>
    own(
      403,
      'invalid_request_error',
      'origin_not_allowed',
      `Pages may not post card data to the vault themselves (this request came from ${safeName(origin)}): collect it with Tessera's elements, whose frame creates the token. To allow it anyway, start the server with --cors.`,
    ),
  restrictedKeyFromBrowser: () =>
    plain(
      403,
      'invalid_request_error',
      'Restricted API keys cannot be used from a browser. Use your publishable key in the browser and keep the restricted key on your server.',
    ),
  /** Stripe's message for a restricted key without the permission a route needs. */
  permissionDenied: (key: string, accountId: string, permission: string) =>
    plain(
      403,
      'invalid_request_error',
      `${keyLacksPermissions(key, accountId)} Having the '${permission}' permission would allow this request to continue.`,
    ),
  /** Stripe's message for a route that no restricted key may use. */
  restrictedKeyNotAllowed: (key: string, accountId: string) =>
    plain(
      403,
      'invalid_request_error',
      `${keyLacksPermissions(key, accountId)} This is a restricted API key, but the required permissions are not available for use by restricted keys.`,
    ),
  accountTokenNeedsPublishableKey: () =>
    plain(
      403,
      'invalid_request_error',
      'In live mode, account tokens can only be created with your publishable key.',
    ),

  parameterMissing: (param: string) =>
    coded(
      400,
      'invalid_request_error',
      'parameter_missing',
      `Missing required param: ${param}.`,
      param,
    ),
  parameterUnknown: (param: string) =>
    coded(
      400,
      'invalid_request_error',
      'parameter_unknown',
      `Received unknown parameter: ${param}`,
      param,
    ),
  parameterEmpty: (param: string) =>
    coded(
      400,
      'invalid_request_error',
      'parameter_invalid_empty',
      `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
      param,
    ),
  parameterInvalid: (param: string, expected: string) =>
    plain(400, 'invalid_request_error', `Invalid ${param}: ${expected}.`, param),
  parametersExclusive: (params: readonly string[]) =>
    coded(
      400,
      'invalid_request_error',
      'parameters_exclusive',
      `You may only specify one of these parameters: ${params.join(', ')}.`,
    ),
  nothingToTokenize: () =>
    plain(
      400,
      'invalid_request_error',
      'You must supply either a card, customer, or bank account to create a token.',
    ),
  parametersInUrl: (param: string) =>
    plain(
      400,
      'invalid_request_error',
      `Received parameter ${param} in the URL. Send POST parameters in the form-encoded request body, never in the URL.`,
      param,
    ),
  expandUnsupported: (param: string) =>
    plain(400, 'invalid_request_error', 'This property cannot be expanded.', param),

  incorrectNumber: () =>
    coded(402, 'card_error', 'incorrect_number', 'Your card number is incorrect.', 'number'),
  invalidNumber: () =>
    coded(402, 'card_error', 'invalid_number', 'Your card number is invalid.', 'number'),
  invalidExpiryMonth: () =>
    coded(
      402,
      'card_error',
      'invalid_expiry_month',
      "Your card's expiration month is invalid.",
      'exp_month',
    ),
  invalidExpiryYear: () =>
    coded(
      402,
      'card_error',
      'invalid_expiry_year',
      "Your card's expiration year is invalid.",
      'exp_year',
    ),
  invalidCvc: () =>
    coded(402, 'card_error', 'invalid_cvc', "Your card's security code is invalid.", 'cvc'),
  testCardInLiveMode: () => {
    const error = coded(
      402,
      'card_error',
      'card_declined',
      'Your card was declined. Your request was in live mode, but used a known test card.',
    );
    error.body.decline_code = 'test_mode_live_card';
    return error;
  },
  routingNumberInvalid: (message: string) =>
    coded(
      400,
      'invalid_request_error',
      'routing_number_invalid',
      message,
      'bank_account[routing_number]',
    ),
  accountNumberInvalid: (message: string) =>
    coded(
      400,
      'invalid_request_error',
      'account_number_invalid',
      message,
      'bank_account[account_number]',
    ),

  noSuchToken: (id: string) =>
    // The id as sent, echoed as Stripe does, but never a card number someone put there.
    coded(
      404,
      'invalid_request_error',
      'resource_missing',
      `No such token: '${safeName(id)}'`,
      'token',
    ),
  tokenAlreadyUsed: (id: string) =>
    coded(
      400,
      'invalid_request_error',
      'token_already_used',
      `You cannot use a Stripe token more than once: ${id}.`,
    ),
  tokenExpired: (id: string) =>
    coded(
      400,
      'invalid_request_error',
      'token_expired',
      `Token ${id} has expired; its card or account data has been erased. Collect the details again.`,
    ),

  idempotencyKeyTooLong: () =>
    plain(
      400,
      'invalid_request_error',
      'Invalid Idempotency-Key: keys may be at most 255 characters long.',
    ),
  idempotencyParamsMismatch: (key: string) =>
    plain(
      400,
      'idempotency_error',
      `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    ),
  idempotencyKeyInUse: (key: string) =>
    coded(
      409,
      'invalid_request_error',
      'idempotency_key_in_use',
      `There is currently another in-progress request using this Idempotency-Key (${key}). Please try again later.`,
    ),

  malformedBody: () =>
    plain(
      400,
      'invalid_request_error',
      'Invalid request body: it could not be parsed as application/x-www-form-urlencoded.',
    ),
  keyInUrl: () =>
    plain(
      400,
      'invalid_request_error',
      'API keys must not be sent in the URL, where logs and browser histories keep them: use the Authorization header. Roll this key if it was a secret key.',
      'key',
    ),
  requestTimeout: () =>
    plain(
      408,
      'invalid_request_error',
      "The request did not arrive in time: its headers and body must be sent within the server's request timeout.",
    ),
  headersTooLarge: () =>
    plain(
      431,
      'invalid_request_error',
      'Invalid request: its headers, or its URL, are larger than the server accepts.',
    ),
  malformedHttp: () =>
    plain(400, 'invalid_request_error', 'Invalid request: it is not valid HTTP/1.1.'),
  malformedUrl: () =>
    plain(400, 'invalid_request_error', 'Invalid request URL: it could not be decoded.'),
  urlParameterTooLong: () =>
    plain(
      400,
      'invalid_request_error',
      'Invalid request URL: a part of its path is longer than 100 characters.',
    ),
  malformedQuery: () =>
    plain(
      400,
      'invalid_request_error',
      'Invalid request URL: its query string could not be parsed (nested more than 4 deep, or more than 200 parameters or 20 array items).',
    ),
  unsupportedContentType: () =>
    plain(
      400,
      'invalid_request_error',
      'Invalid request: the body must be application/x-www-form-urlencoded, as Stripe clients send it.',
    ),
  bodyTooLarge: (limit: number) =>
    plain(400, 'invalid_request_error', `Invalid request: the body is larger than ${limit} bytes.`),
  unrecognizedUrl: (method: string, url: string) =>
    plain(
      404,
      'invalid_request_error',
      `Unrecognized request URL (${method}: ${url}). Please see the Tessera README for the API.`,
    ),
  rateLimited: () =>
    coded(
      429,
      'invalid_request_error',
      'rate_limit',
      'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
    ),
  vaultUnavailable: () =>
    plain(
      503,
      'api_error',
      'The token vault is not answering, so this server cannot take requests now. Retry shortly.',
    ),
  internal: () =>
    plain(
      500,
      'api_error',
      'An unexpected error occurred while processing your request. It has been logged; retrying may help.',
    ),
} as const;

/**
 * Whether a client should retry after this status: never for a 4xx it cannot fix by retrying,
 * yes for a conflict (an idempotent request still in flight) and for server errors.
 */
export function shouldRetry(statusCode: number): boolean {
  return statusCode === 409 || statusCode === 429 || statusCode >= 500;
}
