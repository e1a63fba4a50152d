/**
 * The merchant backend's side of the Tokens API: retrieve a token and use it once, with the
 * secret key. Only the demo server holds this client; nothing it knows reaches the browser.
 */

/** A reply of the token server: its HTTP status and parsed JSON body. */
export interface VaultReply {
  status: number;
  body: Record<string, unknown>;
}

/** The token server could not be reached, or did not answer with JSON. */
export class VaultUnavailableError extends Error {
  override name = 'VaultUnavailableError';
}

/** Token ids as the token server issues them (`tok_…`, `cvctok_…`): checked before any call. */
export const TOKEN_ID = /^[a-z]{2,10}_[0-9A-Za-z]{1,64}$/;

/** How long one call to the token server may take. */
const TIMEOUT_MS = 5000;

/** Calls the token server with the secret key, as a merchant backend does. */
export class VaultClient {
  readonly #baseUrl: string;
  readonly #secretKey: string;

  /**
   * @param baseUrl - the token server, e.g. `http://127.0.0.1:4242`
   * @param secretKey - `sk_test_…`: sent to the token server only
   */
  constructor(baseUrl: string, secretKey: string) {
    this.#baseUrl = new URL(baseUrl).origin;
    this.#secretKey = secretKey;
  }

  /** `GET /v1/tokens/:id`: the token as the merchant sees it (never a full number). */
  retrieveToken(id: string): Promise<VaultReply> {
    return this.#call('GET', `/v1/tokens/${encodeURIComponent(id)}`);
  }

  /** `POST /v1/tokens/:id/detokenize`: the stored data, once; the token is used afterwards. */
  detokenize(id: string): Promise<VaultReply> {
    return this.#call('POST', `/v1/tokens/${encodeURIComponent(id)}/detokenize`);
  }

  async #call(method: 'GET' | 'POST', path: string): Promise<VaultReply> {
    let response: Response;
    try {
      response = await fetch(`${this.#baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.#secretKey}` },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new VaultUnavailableError(
        `The token server at ${this.#baseUrl} did not answer (${(error as Error).message}).`,
      );
    }
    const text = await response.text();
    try {
      const body: unknown = JSON.parse(text);
      if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
        return { status: response.status, body: body as Record<string, unknown> };
      }
    } catch {
      // Reported below.
    }
    throw new VaultUnavailableError(
      `The token server at ${this.#baseUrl} answered ${response.status} without a JSON object.`,
    );
  }
}
