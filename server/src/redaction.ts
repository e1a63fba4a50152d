/** What may be echoed or logged of client input: never anything that looks like a card number. */

/**
 * Runs of 12–19 digits, possibly separated by spaces, dashes, dots or underscores, also URL- or
 * form-encoded (`%20`, `+`, `%2D`, `%2E`, `%5F`): what a card number looks like wherever it
 * turns up.
 */
export const DIGIT_RUN = /\d(?:(?:[ +._-]|%20|%2[dDeE]|%5[fF])?\d){11,18}/g;

/** Client text (a parameter name, a path, an id) made safe to echo: card-number-like runs masked, length capped. */
export function safeName(name: string): string {
  const masked = name.replace(DIGIT_RUN, '[REDACTED]');
  return masked.length > 100 ? `${masked.slice(0, 100)}…` : masked;
}

/**
 * A request URL as logged: the path (card-number-like runs masked) and the query's parameter
 * names, each value replaced. A client may put anything in a query string, a CVC or an account
 * number too short to look like a card number, and the access log writes every URL.
 */
export function loggedUrl(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url.replace(DIGIT_RUN, '[REDACTED]');
  const query = url
    .slice(start + 1)
    .split('&')
    .map((pair) => (pair.includes('=') ? `${pair.slice(0, pair.indexOf('='))}=[REDACTED]` : pair))
    .join('&');
  return `${url.slice(0, start)}?${query}`.replace(DIGIT_RUN, '[REDACTED]');
}
