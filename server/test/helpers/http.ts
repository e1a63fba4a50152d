/**
 * Calling the Tokens API over HTTP as Stripe's clients do (form bodies with bracket keys, JSON
 * replies): for the server's tests and for the demo's, which talk to a server in another process.
 */

/** A parsed reply. */
export interface ApiReply {
  status: number;
  headers: Headers;
  /** Parsed JSON body. */
  body: Record<string, unknown> & { error?: Record<string, unknown> };
  text: string;
}

/** Options of one API call. */
export interface CallOptions {
  /** Sent as `Authorization: Bearer <key>`. */
  key?: string;
  headers?: Record<string, string>;
}

/** Sends a request and parses its JSON reply. */
export async function call(
  url: string,
  init: { method: string; body?: string } & CallOptions,
): Promise<ApiReply> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.key !== undefined) headers.authorization = `Bearer ${init.key}`;
  if (init.body !== undefined) headers['content-type'] ??= 'application/x-www-form-urlencoded';
  const response = await fetch(url, { method: init.method, headers, body: init.body });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: JSON.parse(text) as ApiReply['body'],
    text,
  };
}

/** Form-encodes nested parameters with bracket keys, as Stripe's clients do. */
export function form(params: Record<string, unknown>, prefix = ''): string {
  return Object.entries(params)
    .flatMap(([key, value]) => {
      const name = prefix ? `${prefix}[${key}]` : key;
      if (value !== null && typeof value === 'object') {
        return [form(value as Record<string, unknown>, name)];
      }
      return [`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`];
    })
    .filter((part) => part !== '')
    .join('&');
}

/** `POST /v1/tokens` with form parameters. */
export function createToken(
  server: { url: string },
  params: Record<string, unknown>,
  options: CallOptions = {},
): Promise<ApiReply> {
  return call(`${server.url}/v1/tokens`, { method: 'POST', body: form(params), ...options });
}

/** A card that tokenizes: Stripe's Visa test number, next year, CVC 123. */
export function visaCard(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    card: {
      number: '4242424242424242',
      exp_month: '12',
      exp_year: String(new Date().getUTCFullYear() + 2),
      cvc: '123',
      ...overrides,
    },
  };
}

/** The `error` object of a Stripe error envelope; fails the test when the reply has none. */
export function errorOf(reply: ApiReply): Record<string, unknown> {
  const { error } = reply.body;
  if (!error) throw new Error(`expected an error envelope, got: ${reply.text}`);
  return error;
}
