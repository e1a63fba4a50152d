/**
 * The provider's context and `useTessera()`, shared by the browser and server entries: what a
 * `<TesseraProvider>` gives the components under it.
 */
import { createContext, useContext } from 'react';
import type { TesseraFieldElement } from '../host/field-element.js';
import type { Appearance, ProtocolError } from '../protocol/index.js';
import type { CreateToken, TesseraContextValue } from './types.js';

/** What a provider holds: what `useTessera()` returns, and what its elements get. */
export interface ProviderValue extends TesseraContextValue {
  /**
   * Set on each element under the provider: its instance, or, when the key could not make one,
   * the key itself, so that the element reports why in its `tessera-loaderror`.
   */
  element: Partial<Pick<TesseraFieldElement, 'tessera' | 'publishableKey' | 'vaultOrigin'>>;
  /** The instance's appearance: its layout decides the height each element reserves. */
  appearance: Appearance | undefined;
}

/** A `createToken` that resolves with `error` (there is no instance to ask). */
export function failedCreateToken(error: ProtocolError): CreateToken {
  return () => Promise.resolve({ error });
}

/** Outside a provider: elements take their own `publishableKey`; `createToken` says what is missing. */
export const TesseraContext = createContext<ProviderValue>({
  tessera: null,
  createToken: failedCreateToken({
    type: 'invalid_request_error',
    code: 'publishable_key_missing',
    message: 'useTessera() needs a <TesseraProvider publishableKey="pk_…"> around it.',
  }),
  element: {},
  appearance: undefined,
});

/**
 * The provider's instance and its `createToken`, as `useStripe()` gives Stripe's:
 * `const { createToken } = useTessera(); const { token, error } = await createToken(card.current)`.
 * The value stays the same object while the instance and its options do.
 */
export function useTessera(): TesseraContextValue {
  return useContext(TesseraContext);
}
