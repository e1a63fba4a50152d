/**
 * The browser's `<TesseraProvider>` (`src/react/provider.ts`), rendered by `react-dom/server`:
 * rendering runs what the provider does while rendering (making its instance; effects and the
 * elements need a browser: `test/e2e/react.test.ts`). A good key gives `useTessera()` the
 * instance and a `createToken` that never throws; a bad key or origin throws nothing into
 * React, and `createToken` and the elements hear why.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createElement as h, useContext } from 'react';
import { renderToString } from 'react-dom/server';
import type { TokenResult } from '../../src/host/frame-connection.js';
import type { TesseraOptions } from '../../src/host/tessera.js';
import type { ProviderValue } from '../../src/react/context.js';

/** The one browser global the instance's module reads when loaded (was it a script tag's?). */
abstract class HTMLScriptElement {
  abstract readonly src: string;
}
Object.assign(globalThis, { HTMLScriptElement });
const { TesseraClient } = await import('../../src/host/tessera.js');
const { TesseraContext } = await import('../../src/react/context.js');
const { TesseraProvider } = await import('../../src/react/provider.js');

/** What the provider gives the components under it, for `publishableKey` and `options`. */
function provided(publishableKey: string, options?: TesseraOptions): ProviderValue {
  let value: ProviderValue | undefined;
  function Probe(): null {
    value = useContext(TesseraContext);
    return null;
  }
  renderToString(h(TesseraProvider, { publishableKey, options }, h(Probe)));
  assert.ok(value, 'the probe did not render');
  return value;
}

/** An element as `createToken` sees it, recording what it is asked. */
function fakeElement(result: TokenResult) {
  const calls: unknown[][] = [];
  return {
    calls,
    element: {
      elementType: 'card',
      tokenize(kind: string, data: Record<string, unknown>) {
        calls.push([kind, data]);
        return Promise.resolve(result);
      },
    },
  };
}

const ORIGIN = 'http://127.0.0.1:4242';

describe('TesseraProvider (browser)', { timeout: 30_000 }, () => {
  it('makes one instance with the options, and gives it to its elements', () => {
    const appearance = { theme: 'night', labels: 'floating' } as const;
    const value = provided('pk_test_123', { origin: ORIGIN, locale: 'fr', appearance });
    assert.ok(value.tessera instanceof TesseraClient);
    assert.equal(value.tessera.publishableKey, 'pk_test_123');
    assert.equal(value.tessera.origin, ORIGIN);
    assert.equal(value.tessera.locale, 'fr');
    assert.deepEqual(value.tessera.appearance, appearance);
    assert.deepEqual(value.element, { tessera: value.tessera });
    assert.deepEqual(value.appearance, appearance);
  });

  it('binds createToken to the instance: an element tokenizes with the data', async () => {
    const { createToken } = provided('pk_test_123', { origin: ORIGIN });
    const token = { id: 'tok_1' } as unknown as NonNullable<TokenResult['token']>;
    const { calls, element } = fakeElement({ token });
    assert.deepEqual(await createToken(element, { name: 'Jenny Rosen' }), { token });
    const bank = fakeElement({ token });
    await createToken('bank_account', bank.element, { country: 'US' });
    assert.deepEqual(
      [...calls, ...bank.calls],
      [
        ['card', { name: 'Jenny Rosen' }],
        ['bank_account', { country: 'US' }],
      ],
    );
  });

  it('resolves a mistake of the call as { error } instead of throwing it', async () => {
    const { createToken } = provided('pk_test_123', { origin: ORIGIN });
    // An unmounted card: its ref is null.
    const result = await createToken(null as never);
    assert.equal(result.error?.type, 'invalid_request_error');
    assert.match(result.error.message, /Unknown token type/);
  });

  describe('throws nothing for a key or origin that makes no instance', () => {
    const cases = [
      ['a secret key', 'sk_test_123', ORIGIN, 'publishable_key_invalid'],
      ['a malformed key', 'pk_nope', ORIGIN, 'publishable_key_invalid'],
      [
        'an http origin on the internet',
        'pk_test_123',
        'http://vault.example.com',
        'vault_origin_insecure',
      ],
      ['no origin', 'pk_test_123', undefined, 'vault_origin_invalid'],
      ['an origin that is not a URL', 'pk_test_123', 'vault', 'vault_origin_invalid'],
    ] as const;
    for (const [what, key, origin, code] of cases) {
      it(`${what}: createToken resolves with ${code}; the elements get the key to report it`, async () => {
        const value = provided(key, origin === undefined ? {} : { origin });
        assert.equal(value.tessera, null);
        assert.deepEqual(value.element, { publishableKey: key, vaultOrigin: origin });
        const { element, calls } = fakeElement({ error: { type: 'api_error', message: '' } });
        const result = await value.createToken(element);
        assert.equal(result.error?.type, 'invalid_request_error');
        assert.equal(result.error.code, code);
        assert.ok(result.error.message);
        assert.deepEqual(calls, []);
      });
    }
  });
});
