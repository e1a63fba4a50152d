import { STRIPE_ERROR_TYPES } from '../domain/index.js';
import type { ProtocolError } from '../protocol/index.js';
import { en, sayIn, type Say } from './i18n/words.js';

/**
 * How deep parameters nest: more than any of the Tokens API's (`account[individual][dob][day]`)
 * and the server's own limit, so deeper data (the page's, for pii and account tokens) is junk or
 * holds a cycle.
 */
export const MAX_PARAM_DEPTH = 10;
/** How many values and objects one body may hold: far above the server's parameter limit. */
export const MAX_PARAM_NODES = 2000;

/**
 * Form-encodes nested parameters with bracket keys (`card[number]=…`), as Stripe.js does.
 * Throws a RangeError for data nested deeper than {@link MAX_PARAM_DEPTH} (a cycle, say) or
 * holding more than {@link MAX_PARAM_NODES} values, which no server would accept.
 */
export function formEncode(params: Record<string, unknown>): string {
  const parts: string[] = [];
  let nodes = 0;
  const visit = (object: Record<string, unknown>, prefix: string, depth: number): void => {
    if (depth > MAX_PARAM_DEPTH) {
      throw new RangeError(`Token data nests deeper than ${String(MAX_PARAM_DEPTH)} levels.`);
    }
    for (const [key, value] of Object.entries(object)) {
      if (++nodes > MAX_PARAM_NODES) {
        throw new RangeError(`Token data holds more than ${String(MAX_PARAM_NODES)} values.`);
      }
      if (value === undefined || value === null) continue;
      const name = prefix ? `${prefix}[${key}]` : key;
      if (typeof value === 'object') {
        visit(value as Record<string, unknown>, name, depth + 1);
      } else if (
        typeof value === 'string' ||
        typeof value === 'number' ||
        typeof value === 'boolean'
      ) {
        parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
      }
    }
  };
  visit(params, '', 0);
  return parts.join('&');
}

/** What the token server answered. */
export type TokenReply =
  | { token: Record<string, unknown>; error?: undefined }
  | { token?: undefined; error: ProtocolError };

function isStripeErrorType(type: unknown): type is ProtocolError['type'] {
  return (STRIPE_ERROR_TYPES as readonly unknown[]).includes(type);
}

function toProtocolError(body: unknown, say: Say): ProtocolError {
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  if (!error || typeof error.message !== 'string' || !isStripeErrorType(error.type)) {
    return {
      type: 'api_error',
      code: 'unexpected_reply',
      message: say('unexpected_reply'),
    };
  }
  const out: ProtocolError = { type: error.type, message: error.message };
  for (const key of ['code', 'param', 'decline_code', 'doc_url'] as const) {
    if (typeof error[key] === 'string') out[key] = error[key];
  }
  return out;
}

/** Options of {@link postToken}. */
export interface PostOptions {
  /**
   * The origin of the page the token is for, as the browser reported it with the host's hello:
   * the vault refuses it unless the key allows it.
   */
  hostOrigin: string;
  /** Says the errors the frame writes itself (the server's are Stripe's English). */
  say?: Say;
  /** The fetch to use (tests pass a scripted one). */
  fetcher?: typeof fetch;
}

/**
 * POSTs to `/v1/tokens` on the frame's own origin with the publishable key in the body (as
 * Stripe.js sends it), the host page's origin and an idempotency key, retrying once on a network
 * failure with the same key so a retry can never make two tokens.
 */
export async function postToken(
  publishableKey: string,
  params: Record<string, unknown>,
  { hostOrigin, say = sayIn(en), fetcher = fetch }: PostOptions,
): Promise<TokenReply> {
  const idempotencyKey = crypto.randomUUID();
  let body: string;
  try {
    body = formEncode({ key: publishableKey, ...params });
  } catch (error) {
    // The page's data for a pii or account token: refused here, as the server would refuse it.
    if (!(error instanceof RangeError)) throw error;
    return { error: { type: 'invalid_request_error', message: error.message } };
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    let response: Response;
    try {
      response = await fetcher('/v1/tokens', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Idempotency-Key': idempotencyKey,
          'Tessera-Host-Origin': hostOrigin,
        },
        body,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      continue;
    }
    if (response.status === 409 && attempt === 0) continue;
    const json: unknown = await response.json().catch(() => null);
    if (response.ok && json && typeof json === 'object' && 'id' in json) {
      return { token: json };
    }
    return { error: toProtocolError(json, say) };
  }
  return {
    error: { type: 'api_connection_error', message: say('api_connection_error') },
  };
}
