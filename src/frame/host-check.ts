/**
 * The frame's own check of the page it serves. The vault served this document for one
 * publishable key (named in its URL) with that key's allowed origins in a meta element, and
 * with the same list as its `frame-ancestors`; the frame compares the host origin the browser
 * reported with the hello against that list, exactly (never a prefix), and refuses anything
 * else before a field is shown.
 */
import type { ProtocolError } from '../protocol/index.js';

/** What the document says of its key: whom it serves, and which key it was served for. */
export interface FrameGrant {
  /** The key named in the frame's URL (`?key=`), or null. */
  publishableKey: string | null;
  /**
   * `*` (every origin), the allowed origins separated by spaces, or empty: the vault does not
   * know the key, or the key allows no origin.
   */
  allowedOrigins: string;
}

/** Reads the grant from the frame's own URL and document. */
export function readGrant(location: Location, document: Document): FrameGrant {
  const meta = document.querySelector('meta[name="tessera-allowed-origins"]');
  return {
    publishableKey: new URLSearchParams(location.search).get('key'),
    allowedOrigins: meta?.getAttribute('content') ?? '',
  };
}

function refusal(code: string, message: string): ProtocolError {
  return { type: 'invalid_request_error', code, message };
}

/**
 * Why the frame will not serve a page on `hostOrigin` configured with `publishableKey`, or null
 * when it will. Said to the developer (as Stripe.js's integration errors are): English, with
 * what to change.
 */
export function refuseHost(
  grant: FrameGrant,
  hostOrigin: string,
  publishableKey: string,
): ProtocolError | null {
  const key = grant.publishableKey;
  if (key === null || key !== publishableKey) {
    return refusal(
      'publishable_key_mismatch',
      'Tessera: this frame was loaded for another publishable key; reload the page.',
    );
  }
  const allowed = grant.allowedOrigins;
  if (allowed === '*' || allowed.split(' ').includes(hostOrigin)) return null;
  const fix = `tessera keys update ${key} --add-origin ${hostOrigin}`;
  return allowed === ''
    ? refusal(
        'publishable_key_unknown',
        `Tessera: the vault knows no key ${key} that allows a page (check it; a live key needs: ${fix})`,
      )
    : refusal('origin_not_allowed', `Tessera: ${key} does not allow ${hostOrigin}. Run: ${fix}`);
}
