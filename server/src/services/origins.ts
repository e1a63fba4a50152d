/**
 * The origins a publishable key's fields may be embedded in. One list decides three things:
 * the frame document's `frame-ancestors`, the frame's check of the host page's origin, and the
 * server's check of the origin a browser's token request comes from. A test key without a list
 * allows every origin; a live key allows only the ones it lists (none while its list is empty).
 */
import { ConfigError } from '../config-error.js';
import type { ApiKeyRecord } from '../vault/vault.js';

/** A host name (letters, digits, dots, dashes: no wildcard) or a bracketed IPv6 address. */
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/;

/** The most origins one key carries (the list travels in every frame document's CSP). */
export const MAX_ALLOWED_ORIGINS = 50;

/**
 * An origin as a key stores it: `scheme://host[:port]`, lower case, no default port, no path.
 * Throws a `ConfigError` saying what is wrong. Live keys take `https:` only; test keys take
 * `http:` too, for a shop running on a developer's machine or a test network.
 */
export function parseAllowedOrigin(text: string, livemode: boolean): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(
      `Not an origin: ${JSON.stringify(text)} (write it as https://shop.example)`,
    );
  }
  const bare =
    url.origin !== 'null' &&
    url.pathname === '/' &&
    !/[?#]/.test(text) &&
    url.username === '' &&
    url.password === '' &&
    HOST.test(url.hostname);
  if (!bare) {
    throw new ConfigError(
      `An allowed origin is a scheme, a host and an optional port, nothing else: got ${JSON.stringify(text)}${url.origin === 'null' ? '' : `; did you mean ${url.origin}?`}`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`An allowed origin uses https: (got ${url.protocol} in ${text})`);
  }
  if (url.protocol === 'http:' && livemode) {
    throw new ConfigError(
      `A live key's origins use https: (got ${url.origin}); card fields on an http: page can be read by anyone on the network.`,
    );
  }
  return url.origin;
}

/** Parses a key's whole list: each origin once, in the order given, at most {@link MAX_ALLOWED_ORIGINS}. */
export function parseAllowedOrigins(texts: readonly string[], livemode: boolean): string[] {
  const origins = [...new Set(texts.map((text) => parseAllowedOrigin(text, livemode)))];
  if (origins.length > MAX_ALLOWED_ORIGINS) {
    throw new ConfigError(
      `A key allows at most ${String(MAX_ALLOWED_ORIGINS)} origins (got ${String(origins.length)}).`,
    );
  }
  return origins;
}

/** True when `key`'s list lets a page on `origin` embed its fields and ask for its tokens. */
export function originAllowed(key: ApiKeyRecord, origin: string): boolean {
  if (key.allowedOrigins.length === 0) return !key.livemode;
  return key.allowedOrigins.includes(origin);
}

/**
 * What the frame document says of its key, for the frame's own check of the host page: `*`
 * (every origin), the allowed origins separated by spaces, or nothing (no such key, or a live
 * key with an empty list: no page may use it).
 */
export function allowedOriginsOf(key: ApiKeyRecord | null): string {
  if (!key) return '';
  if (key.allowedOrigins.length === 0) return key.livemode ? '' : '*';
  return key.allowedOrigins.join(' ');
}

/**
 * `frame-ancestors` of the frame document for `key`: its origins; `*` for a test key without a
 * list, and for an unknown key (the frame then shows no field, only tells the page the key is
 * unknown, which a developer with a typo needs to hear at once); `'none'` for a live key
 * without a list.
 */
export function frameAncestorsOf(key: ApiKeyRecord | null): string {
  if (!key) return '*';
  return allowedOriginsOf(key) || "'none'";
}
