/**
 * `<TesseraProvider>` in the browser: one Tessera instance for the elements under it, made
 * while rendering (making one has no side effects) and kept for as long as its key and vault
 * origin stay the same. A bad key or origin throws nothing into React: the elements report it in
 * their `tessera-loaderror`, and `createToken` resolves with it.
 */
import { createElement, useEffect, useMemo, useRef, type ReactElement } from 'react';
import type { TokenResult } from '../host/frame-connection.js';
import {
  IntegrationError,
  Tessera,
  type TesseraClient,
  type TesseraOptions,
} from '../host/tessera.js';
import type { ProtocolError } from '../protocol/index.js';
import { failedCreateToken, TesseraContext, type ProviderValue } from './context.js';
import type { CreateToken, TesseraProviderProps } from './types.js';

/** A set-up mistake (an `IntegrationError`, usually) as an error in Stripe's shape. */
function integrationFailure(error: unknown): ProtocolError {
  return {
    type: 'invalid_request_error',
    code: error instanceof IntegrationError ? error.code : 'integration_error',
    message: error instanceof Error ? error.message : String(error),
  };
}

/** `tessera.createToken`, bound, with set-up mistakes resolved as `{ error }` rather than thrown. */
function boundCreateToken(tessera: TesseraClient): CreateToken {
  const createToken = tessera.createToken.bind(tessera) as (
    ...args: unknown[]
  ) => Promise<TokenResult>;
  return async (...args: unknown[]) => {
    try {
      return await createToken(...args);
    } catch (error) {
      return { error: integrationFailure(error) };
    }
  };
}

/** The instance for `publishableKey` and `options`, or, when they make none, why not. */
function providerValue(publishableKey: string, options: TesseraOptions = {}): ProviderValue {
  const { appearance } = options;
  try {
    const tessera = Tessera(publishableKey, options);
    return { tessera, createToken: boundCreateToken(tessera), element: { tessera }, appearance };
  } catch (error) {
    return {
      tessera: null,
      createToken: failedCreateToken(integrationFailure(error)),
      // The elements try the key themselves, and report what is wrong with it.
      element: { publishableKey, vaultOrigin: options.origin },
      appearance,
    };
  }
}

/**
 * Gives the Tessera components under it one instance (`Tessera(publishableKey, options)`), as
 * Stripe's `<Elements>` does, and `useTessera()` its `createToken`. Options are compared by
 * value: a new but equal object each render changes nothing; a changed `locale`, `appearance`,
 * `messages` or `dir` reaches every element in place (`tessera.update()`); a new key or `origin`
 * makes a new instance, and the elements move to it.
 */
export function TesseraProvider({
  publishableKey,
  options,
  children,
}: TesseraProviderProps): ReactElement {
  const { origin, locale, appearance, messages, dir } = options ?? {};
  const value = useMemo(
    () => providerValue(publishableKey, options),
    // Made with the options of its first render; later ones arrive through update().
    [publishableKey, origin],
  );
  const look = JSON.stringify([locale, appearance, messages, dir]);
  const applied = useRef(look);
  const { tessera } = value;
  useEffect(() => {
    if (applied.current === look) return;
    applied.current = look;
    tessera?.update({ locale, appearance, messages, dir });
    // `look` stands for the four options: a new but equal object is no change.
  }, [tessera, look]);
  return createElement(TesseraContext.Provider, { value }, children);
}
