/**
 * `tessera/react` in Node, where server rendering runs: importing it and rendering with
 * `react-dom/server` (to a string, and streamed) touches neither `window`, `document` nor
 * `customElements`, and each component renders its tag with its HTML attributes, `class`,
 * `style`, and the height its element will take (no layout shift when the page hydrates).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { requireBuilt } from '../helpers/bundle-sizes.js';
import { ROOT } from '../helpers/paths.js';

/** Reads and writes of the browser's globals, recorded by getters installed before any import. */
const touched: string[] = [];
const BROWSER_GLOBALS = ['window', 'document', 'customElements', 'HTMLElement'] as const;
for (const name of BROWSER_GLOBALS) {
  assert.equal(name in globalThis, false, `Node has a global ${name}`);
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() {
      touched.push(`read ${name}: ${new Error().stack ?? ''}`);
      return undefined;
    },
    set() {
      touched.push(`wrote ${name}: ${new Error().stack ?? ''}`);
    },
  });
}

// Only now: the entry and React, as a server renderer loads them.
const { createElement: h } = await import('react');
const server = await import('react-dom/server');
const tessera = await import('../../src/react/server.js');
const {
  TesseraBankAccount,
  TesseraCard,
  TesseraCardCvc,
  TesseraCardExpiry,
  TesseraCardNumber,
  TesseraProvider,
  useTessera,
} = tessera;

type Element = Parameters<typeof server.renderToString>[0];

/** `element` rendered by `renderToReadableStream`, read to the end. */
async function streamed(element: Element): Promise<string> {
  const stream = await server.renderToReadableStream(element);
  await stream.allReady;
  return new Response(stream).text();
}

/** `element` rendered by `renderToPipeableStream`, collected once everything is ready. */
function piped(element: Element): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const { pipe } = server.renderToPipeableStream(element, {
      onAllReady() {
        pipe(
          new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
            final(done) {
              resolve(Buffer.concat(chunks).toString('utf8'));
              done();
            },
          }),
        );
      },
      onShellError: reject,
      onError: reject,
    });
  });
}

/** A checkout as an application writes it: a provider, its options, a card and split fields. */
function checkout(): Element {
  return h(
    TesseraProvider,
    {
      publishableKey: 'pk_test_123',
      options: {
        origin: 'https://vault.example.com',
        locale: 'fr',
        appearance: { theme: 'night' },
      },
    },
    h(TesseraCard, {
      id: 'card',
      className: 'field',
      'aria-describedby': 'card-help',
      name: 'token',
      hidePostalCode: true,
      appearance: { variables: { colorText: '#111' } },
      onChange: () => undefined,
      onReady: () => undefined,
    }),
    h(TesseraCardNumber, { placeholder: 'Card number' }),
    h(TesseraCardExpiry, {}),
    h(TesseraCardCvc, {}),
    h(TesseraBankAccount, { style: { marginTop: 12 } }),
  );
}

const CHECKOUT =
  '<tessera-card id="card" class="field" aria-describedby="card-help" style="display:block;min-height:165px"></tessera-card>' +
  '<tessera-card-number style="display:block;min-height:88px"></tessera-card-number>' +
  '<tessera-card-expiry style="display:block;min-height:88px"></tessera-card-expiry>' +
  '<tessera-card-cvc style="display:block;min-height:88px"></tessera-card-cvc>' +
  '<tessera-bank-account style="display:block;min-height:242px;margin-top:12px"></tessera-bank-account>';

describe('tessera/react on the server', { timeout: 30_000 }, () => {
  after(() => {
    for (const name of BROWSER_GLOBALS) Reflect.deleteProperty(globalThis, name);
  });

  it('exports what the browser entry exports', () => {
    assert.deepEqual(Object.keys(tessera).sort(), [
      'TesseraBankAccount',
      'TesseraCard',
      'TesseraCardCvc',
      'TesseraCardExpiry',
      'TesseraCardNumber',
      'TesseraProvider',
      'useTessera',
    ]);
  });

  describe('renders each element with its attributes and its height reserved', () => {
    let rendered: Record<'string' | 'readable stream' | 'pipeable stream', string>;
    before(async () => {
      rendered = {
        string: server.renderToString(checkout()),
        'readable stream': await streamed(checkout()),
        'pipeable stream': await piped(checkout()),
      };
    });

    for (const how of ['string', 'readable stream', 'pipeable stream'] as const) {
      it(`to a ${how}`, () => {
        assert.equal(rendered[how], CHECKOUT);
      });
    }

    it('without touching window, document, customElements or HTMLElement', () => {
      assert.deepEqual(touched, []);
    });
  });

  describe('reserves the initial height of the layout the appearance asks for', () => {
    const cases = [
      ['above', {}, [165, 88, 242]],
      ['floating', { labels: 'floating' }, [131, 71, 192]],
      ['condensed', { inputs: 'condensed' }, [118, 71, 166]],
      ['condensed, labels floating', { inputs: 'condensed', labels: 'floating' }, [118, 71, 166]],
    ] as const;
    for (const [layout, appearance, [card, split, bank]] of cases) {
      it(`${layout}: the element's own appearance`, () => {
        const html = server.renderToString(
          h('div', {}, [
            h(TesseraCard, { key: 1, appearance }),
            h(TesseraCardCvc, { key: 2, appearance }),
            h(TesseraBankAccount, { key: 3, appearance }),
          ]),
        );
        assert.deepEqual(
          [...html.matchAll(/min-height:(\d+)px/g)].map((match) => Number(match[1])),
          [card, split, bank],
        );
      });
      it(`${layout}: the provider's, under the element's own`, () => {
        const html = server.renderToString(
          h(
            TesseraProvider,
            { publishableKey: 'pk_test_123', options: { appearance } },
            h(TesseraCard, {}),
            // The element's own layout wins over its instance's.
            h(TesseraCardCvc, { appearance: { labels: 'above', inputs: 'spaced' } }),
          ),
        );
        assert.deepEqual(
          [...html.matchAll(/min-height:(\d+)px/g)].map((match) => Number(match[1])),
          [card, 88],
        );
      });
    }
  });

  it('lets the page’s own style win, and reserves nothing for a hidden element', () => {
    assert.equal(
      server.renderToString(h(TesseraCard, { style: { display: 'flex', minHeight: 200 } })),
      '<tessera-card style="display:flex;min-height:200px"></tessera-card>',
    );
    assert.equal(
      server.renderToString(h(TesseraCard, { hidden: true, style: { color: 'red' } })),
      '<tessera-card hidden="" style="color:red"></tessera-card>',
    );
  });

  it('renders none of the element’s properties or event props as attributes', () => {
    const html = server.renderToString(
      h(TesseraCard, {
        publishableKey: 'pk_test_123',
        vaultOrigin: 'https://vault.example.com',
        locale: 'de',
        theme: 'flat',
        disabled: true,
        placeholder: 'x',
        frameTitle: 'Card',
        loadTimeout: 5000,
        messages: { incomplete_number: '…' },
        fieldStyle: { base: { color: 'red' } },
        postalCode: '94107',
        onLoadError: () => undefined,
        onFocus: () => undefined,
        onBlur: () => undefined,
        onEscape: () => undefined,
      }),
    );
    assert.equal(html, '<tessera-card style="display:block;min-height:165px"></tessera-card>');
  });

  it('gives useTessera() no instance, and a createToken that resolves with an error', async () => {
    /** What `useTessera()` returns inside `element`. */
    function probe(wrap: (probe: Element) => Element): ReturnType<typeof useTessera> {
      const seen: ReturnType<typeof useTessera>[] = [];
      function Probe(): null {
        seen.push(useTessera());
        return null;
      }
      server.renderToString(wrap(h(Probe)));
      assert.ok(seen[0], 'the probe did not render');
      return seen[0];
    }
    const inProvider = probe((child) =>
      h(TesseraProvider, { publishableKey: 'pk_test_123' }, child),
    );
    assert.equal(inProvider.tessera, null);
    const element = { elementType: 'card', tokenize: () => assert.fail('tokenized on the server') };
    assert.equal((await inProvider.createToken(element)).error?.code, 'server_rendering');
    // Outside a provider: what is missing.
    const outside = probe((child) => child);
    assert.equal(
      (await outside.createToken('pii', { personal_id_number: '1' })).error?.code,
      'publishable_key_missing',
    );
  });

  it('is what Node gets for `tessera/react` once built (the `node` export condition)', async () => {
    requireBuilt(join(ROOT, 'dist', 'esm', 'react', 'server.js'));
    // A specifier TypeScript does not resolve: the package's own types need a build too.
    const specifier = 'tessera/react';
    const built = (await import(specifier)) as typeof tessera;
    assert.deepEqual(Object.keys(built).sort(), Object.keys(tessera).sort());
    const { TesseraProvider: Provider, TesseraCard: Card } = built;
    assert.equal(
      server.renderToString(
        h(Provider, { publishableKey: 'pk_test_123' }, h(Card, { className: 'field' })),
      ),
      '<tessera-card class="field" style="display:block;min-height:165px"></tessera-card>',
    );
    assert.deepEqual(touched, []);
  });

  // Last: this one trips the wires on purpose.
  it('would see a module that touches them (Lit, which the elements are built with)', async () => {
    await import('@lit/reactive-element');
    assert.ok(
      touched.some((access) => access.startsWith('wrote customElements')),
      'Lit did not define customElements: the wires see nothing',
    );
  });
});
