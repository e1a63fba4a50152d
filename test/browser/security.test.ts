import { assert, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/host/index.js';
import {
  Tessera,
  type ElementStyle,
  type TesseraCardElement,
  type TesseraFieldElement,
} from '../../src/host/index.js';
import { PROTOCOL_VERSION } from '../../src/protocol/index.js';
import { frameDocumentHeaders, frameStyle, readField, typeInFrame } from './commands.js';
import {
  CARD_FRAME as card,
  FUTURE_YEAR as year,
  VISA as CARD_NUMBER,
  fillCard,
  mountCard,
  publishableKey,
  roundTrip,
  vaultOrigin,
} from './fixtures.js';

async function expectWorkingToken(el: TesseraFieldElement): Promise<void> {
  const { token, error } = await Tessera(publishableKey, { origin: vaultOrigin }).createToken(el);
  assert.equal(error, undefined, error?.message);
  assert.match(token?.id ?? '', /^tok_/);
}

/** Everything that arrives on a port whose `onmessage` is set while `record` runs. */
async function recordPortMessages<T>(record: () => Promise<T>): Promise<[T, unknown[]]> {
  const descriptor = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage')!;
  const seen: unknown[] = [];
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    ...descriptor,
    set(this: MessagePort, handler: ((event: MessageEvent) => void) | null) {
      descriptor.set!.call(
        this,
        handler &&
          ((event: MessageEvent) => {
            seen.push(event.data);
            handler.call(this, event);
          }),
      );
    },
  });
  try {
    return [await record(), seen];
  } finally {
    Object.defineProperty(MessagePort.prototype, 'onmessage', descriptor);
  }
}

/**
 * Runs `run`, and collects every port whose `onmessage` handler is set meanwhile: the host's
 * ends of the channels to the frames it mounts.
 */
async function capturePorts<T>(run: () => Promise<T>): Promise<[T, MessagePort[]]> {
  const descriptor = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage')!;
  const ports: MessagePort[] = [];
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    ...descriptor,
    set(this: MessagePort, handler: ((event: MessageEvent) => void) | null) {
      if (handler) ports.push(this);
      descriptor.set!.call(this, handler);
    },
  });
  try {
    return [await run(), ports];
  } finally {
    Object.defineProperty(MessagePort.prototype, 'onmessage', descriptor);
  }
}

/**
 * console.warn calls while `run` runs and until the element's frame has answered a request
 * sent after it (the frame reports dropped styles, and the host warns about them).
 */
async function captureWarnings(run: () => Promise<TesseraFieldElement>): Promise<string[]> {
  const original = console.warn;
  const warnings: string[] = [];
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  try {
    await roundTrip(await run());
  } finally {
    console.warn = original;
  }
  return warnings;
}

/** A bare frame document on the vault origin, with no Tessera element to greet it. */
async function bareFrame(): Promise<HTMLIFrameElement> {
  const iframe = document.createElement('iframe');
  iframe.title = 'Bare Tessera frame';
  iframe.src = `${vaultOrigin}/v1/frame/element.html?key=${publishableKey}#type=card`;
  const loaded = new Promise((resolve) => {
    iframe.addEventListener('load', resolve, { once: true });
  });
  await fixture(html`<div>${iframe}</div>`);
  await loaded;
  return iframe;
}

/** A port pair whose far end records what the frame sends. */
function listeningChannel(): { channel: MessageChannel; received: unknown[] } {
  const channel = new MessageChannel();
  const received: unknown[] = [];
  channel.port1.onmessage = (event: MessageEvent<unknown>) => {
    received.push(event.data);
  };
  return { channel, received };
}

const hello = { ns: 'tessera', version: PROTOCOL_VERSION, type: 'hello' } as const;
const configure = {
  version: PROTOCOL_VERSION,
  type: 'configure',
  config: { publishableKey, elementType: 'card', options: {} },
} as const;
const tokenize = {
  version: PROTOCOL_VERSION,
  type: 'tokenize',
  id: 'forged-1',
  kind: 'card',
  data: {},
} as const;

/**
 * Waits until the frame answered a request sent now on `listener`'s port (a token type a card
 * frame cannot create: answered at once, with no side effect). The frame handles what reaches it
 * in order, so by then it has handled everything sent to it before, and anything it sent back
 * on other ports has been delivered.
 */
async function frameBarrier(listener: ReturnType<typeof listeningChannel>): Promise<void> {
  const id = `barrier-${String(Math.random()).slice(2)}`;
  listener.channel.port1.postMessage({ ...tokenize, id, kind: 'bank_account' });
  await waitUntil(
    () => listener.received.some((m) => (m as { id?: string }).id === id),
    'the frame did not answer the barrier request',
  );
}

/** What a page that got hold of the frame would send over its port: set-up, then a token. */
function probe(port: MessagePort): void {
  port.postMessage(configure);
  port.postMessage(tokenize);
}

describe('security', () => {
  describe('the frame’s handshake', () => {
    it('accepts a hello only from window.parent, well formed, with a port, once', async () => {
      const frameWindow = (await bareFrame()).contentWindow!;

      // From another window of the page (a same-origin sibling), a perfect hello.
      const sibling = document.createElement('iframe');
      sibling.title = 'Another window';
      document.body.append(sibling);
      const fromSibling = listeningChannel();
      const postFromSibling = new (sibling.contentWindow as Window & typeof globalThis).Function(
        'target',
        'message',
        'origin',
        'port',
        'target.postMessage(message, origin, [port]);',
      ) as (target: Window, message: unknown, origin: string, port: MessagePort) => void;
      postFromSibling(frameWindow, hello, vaultOrigin, fromSibling.channel.port2);
      probe(fromSibling.channel.port1);

      // From the parent, malformed hellos.
      const malformed = [
        null,
        'hello',
        42,
        [hello],
        { ...hello, ns: 'other' },
        { ...hello, version: PROTOCOL_VERSION + 1 },
        { ...hello, type: 'configure' },
        { ns: 'tessera', type: 'hello' },
      ].map((message) => {
        const listener = listeningChannel();
        frameWindow.postMessage(message, vaultOrigin, [listener.channel.port2]);
        probe(listener.channel.port1);
        return listener;
      });
      // A well-formed hello without a port.
      frameWindow.postMessage(hello, vaultOrigin);

      // The real one, then a second one trying to take over.
      const genuine = listeningChannel();
      frameWindow.postMessage(hello, vaultOrigin, [genuine.channel.port2]);
      genuine.channel.port1.postMessage(configure);
      const second = listeningChannel();
      frameWindow.postMessage(hello, vaultOrigin, [second.channel.port2]);
      probe(second.channel.port1);

      await waitUntil(
        () => genuine.received.some((m) => (m as { type?: string }).type === 'ready'),
        'the genuine hello got no ready',
      );
      await frameBarrier(genuine);
      sibling.remove();
      assert.deepEqual(fromSibling.received, [], 'a hello from another window was answered');
      for (const [index, listener] of malformed.entries()) {
        assert.deepEqual(listener.received, [], `malformed hello #${String(index)} was answered`);
      }
      assert.deepEqual(second.received, [], 'a second hello took over the frame');
    });

    it('ignores a forged hello after the handshake: a forged tokenize gets no answer', async () => {
      const el = await mountCard();
      await fillCard(el);
      const forged = listeningChannel();
      el.frame!.contentWindow!.postMessage(hello, vaultOrigin, [forged.channel.port2]);
      probe(forged.channel.port1);
      // A token through the element's own port: answered after the forgeries were handled.
      await expectWorkingToken(el);
      assert.deepEqual(forged.received, [], 'the frame answered a forged port');
    });

    it('ignores malformed window messages and keeps working', async () => {
      const el = await mountCard();
      const frameWindow = el.frame!.contentWindow!;
      const garbage: unknown[] = [
        null,
        undefined,
        '',
        'tessera',
        0,
        [],
        { type: 'tokenize', id: 'x', kind: 'card', data: {} },
        { version: PROTOCOL_VERSION, type: 'clear' },
        { version: PROTOCOL_VERSION, type: 'update', options: { disabled: true } },
        { ns: 'tessera', version: PROTOCOL_VERSION, type: 'hello', extra: 'x'.repeat(100000) },
        { __proto__: { ns: 'tessera' }, version: PROTOCOL_VERSION, type: 'hello' },
      ];
      await typeInFrame(card, '#number', CARD_NUMBER);
      for (const message of garbage) frameWindow.postMessage(message, vaultOrigin);
      frameWindow.postMessage({ version: PROTOCOL_VERSION, type: 'clear' }, '*');
      // One more window message that the frame does act on would be needed to order these for
      // certain; a round trip over the element's port is the next best: it comes after them.
      await roundTrip(el);
      const number = await readField(card, '#number');
      assert.equal(number.value, '4242 4242 4242 4242', 'a window message cleared the field');
      assert.isFalse(number.disabled, 'a window message disabled the field');
      await typeInFrame(card, '#expiry', `12${year}`);
      await typeInFrame(card, '#cvc', '123');
      await typeInFrame(card, '#postalCode', '94107');
      await waitUntil(() => el.complete, 'the element never reported complete');
      await expectWorkingToken(el);
    });
  });

  describe('the host', () => {
    it('drops malformed and foreign-version messages on its port, and acts on well-formed ones', async () => {
      const [el, ports] = await capturePorts(() => mountCard());
      // The element's end of its channel: the last port whose handler it set.
      const port = ports.at(-1);
      assert.ok(port, 'the element set no port handler');
      const height = el.frame!.style.height;
      const changes: unknown[] = [];
      el.addEventListener('tessera-change', (event) => changes.push(event.detail));
      const change = { elementType: 'card', empty: false, complete: true, brand: 'visa' };
      const forgeries: unknown[] = [
        null,
        'change',
        [],
        { type: 'change', detail: change },
        { version: PROTOCOL_VERSION + 1, type: 'change', detail: change },
        { version: PROTOCOL_VERSION, type: 'change', detail: { ...change, complete: 'yes' } },
        { version: PROTOCOL_VERSION, type: 'change', detail: { ...change, elementType: 'x' } },
        { version: PROTOCOL_VERSION, type: 'change', detail: { ...change, error: { code: 1 } } },
        { version: PROTOCOL_VERSION, type: 'resize', height: -5 },
        { version: PROTOCOL_VERSION, type: 'resize', height: Number.POSITIVE_INFINITY },
        { version: PROTOCOL_VERSION, type: 'resize', height: '5000' },
        { version: PROTOCOL_VERSION + 1, type: 'resize', height: 5000 },
        { version: PROTOCOL_VERSION, type: 'shutdown' },
      ];
      // Delivered as the frame's own messages would be: a message event on the element's port.
      for (const data of forgeries) port.dispatchEvent(new MessageEvent('message', { data }));
      assert.deepEqual(changes, [], 'a malformed message became a tessera-change event');
      assert.isFalse(el.complete);
      assert.equal(el.frame!.style.height, height, 'a malformed message resized the iframe');

      // The same path with well-formed messages takes effect: the drops above are the guard's.
      port.dispatchEvent(
        new MessageEvent('message', {
          data: { version: PROTOCOL_VERSION, type: 'resize', height: 321 },
        }),
      );
      assert.equal(el.frame!.style.height, '321px');
      port.dispatchEvent(
        new MessageEvent('message', {
          data: { version: PROTOCOL_VERSION, type: 'change', detail: change },
        }),
      );
      assert.deepEqual(changes, [change]);
    });

    it('never sends digits of the card to the host while the user types a full card', async () => {
      const [el, portMessages] = await recordPortMessages(async () => {
        const element = await mountCard();
        const details: unknown[] = [];
        element.addEventListener('tessera-change', (event) => details.push(event.detail));
        await fillCard(element);
        await expectWorkingToken(element);
        return { element, details };
      });
      assert.isNotEmpty(el.details);
      for (const detail of el.details) {
        // Stripe reports the (non-sensitive) postal code; nothing else may hold a digit.
        const { value, ...rest } = detail as { value?: { postalCode?: string } };
        assert.notMatch(JSON.stringify(rest), /\d/, `a change detail carries a digit`);
        if (value) assert.deepEqual(Object.keys(value), ['postalCode']);
      }
      const types = portMessages.map((m) => (m as { type?: string }).type);
      assert.includeMembers(types, ['ready', 'change', 'resize', 'tokenized']);
      for (const message of portMessages) {
        const text = JSON.stringify(message);
        assert.notInclude(text, CARD_NUMBER);
        assert.notInclude(text.replace(/\D/g, ''), CARD_NUMBER.slice(0, 12));
        assert.notMatch(text, /"(number|cvc)"\s*:/, 'a message names a number or cvc field');
        const type = (message as { type?: string }).type;
        if (type !== 'change' && type !== 'tokenized' && type !== 'resize') {
          assert.notMatch(text.replace(/"version":\d+/, ''), /\d/, `${String(type)} has digits`);
        }
      }
    });
  });

  describe('styling allowlist', () => {
    const hostile = {
      base: {
        color: 'rgb(10, 20, 30)',
        fontWeight: 'bold',
        backgroundColor: 'url(https://evil.example/bg)',
        fontFamily: '@import "https://evil.example/x.css"',
        textShadow: 'expression(alert(1))',
        textDecoration: 'javascript:alert(1)',
        backgroundImage: 'url(https://evil.example/leak)',
        'input[value$="4"]': { backgroundColor: 'red' },
        ':focus': { color: 'rgb(40, 50, 60)', position: 'absolute' },
      },
      'input[value^="4"]': { color: 'red' },
      invalid: { color: 'rgb(200, 0, 0)' },
    } as unknown as ElementStyle;

    function assertHostileDropped(warnings: string[]): void {
      for (const dropped of [
        'base.backgroundColor',
        'base.fontFamily',
        'base.textShadow',
        'base.textDecoration',
        'base.backgroundImage',
        'base.input[value$="4"]',
        'base:focus.position',
        'style.input[value^="4"]',
      ]) {
        assert.isTrue(
          warnings.some((warning) => warning.includes(dropped)),
          `no console warning for ${dropped}: ${JSON.stringify(warnings)}`,
        );
      }
      for (const kept of ['base.color', 'base.fontWeight', 'invalid.color', 'base:focus.color']) {
        assert.isFalse(
          warnings.some((warning) => warning.includes(`${kept}:`)),
          `${kept} was dropped`,
        );
      }
    }

    /** A card element with `fieldStyle` set before it mounts, once its frame is ready. */
    async function mountStyled(style: ElementStyle): Promise<TesseraCardElement> {
      const el = await fixture<TesseraCardElement>(
        html`<tessera-card
          publishable-key=${publishableKey}
          vault-origin=${vaultOrigin}
          .fieldStyle=${style}
        ></tessera-card>`,
      );
      await el.ready;
      return el;
    }

    async function assertAllowedApplied(): Promise<void> {
      await waitUntil(
        async () => (await frameStyle(card, '#number', 'color')) === 'rgb(10, 20, 30)',
        'the allowed colour did not reach the frame',
      );
      assert.equal(await frameStyle(card, '#number', 'font-weight'), '700');
      assert.equal(await frameStyle(card, '#number', 'background-image'), 'none');
      assert.equal(await frameStyle(card, '#number', 'background-color'), 'rgb(255, 255, 255)');
      assert.notInclude(await frameStyle(card, '#number', 'font-family'), 'evil');
    }

    it('drops url(), @import, expression(), javascript:, selectors and unknown properties with a warning (fieldStyle)', async () => {
      const warnings = await captureWarnings(() => mountStyled(hostile));
      assertHostileDropped(warnings);
      await assertAllowedApplied();
    });

    it('applies the same allowlist to element.updateOptions({ style })', async () => {
      const el = await mountCard();
      const warnings = await captureWarnings(async () => {
        el.updateOptions({ style: hostile });
        await el.updateComplete;
        return el;
      });
      assertHostileDropped(warnings);
      await assertAllowedApplied();
      assert.deepEqual(
        el.fieldStyle,
        hostile,
        'updateOptions({ style }) sets the fieldStyle property',
      );
    });

    it('drops style keys named like Object.prototype members and still becomes ready', async () => {
      const style = JSON.parse(
        '{"base": {"color": "rgb(1, 2, 3)", "constructor": "x", "__proto__": "y", "toString": "z"}}',
      ) as ElementStyle;
      const warnings = await captureWarnings(() => mountStyled(style));
      // One warning for the options, naming each dropped key.
      assert.equal(warnings.length, 1, warnings.join(' | '));
      for (const key of ['base.constructor', 'base.__proto__', 'base.toString']) {
        assert.include(warnings[0], `style.${key} (`, `${key} is not named`);
      }
      assert.equal(await frameStyle(card, '#number', 'color'), 'rgb(1, 2, 3)');
    });

    it('sends a style holding functions or objects too deep as text, which the frame drops', async () => {
      const style = {
        base: { color: 'rgb(1, 2, 3)', fontWeight: () => 'bold', ':hover': { color: { deep: 1 } } },
      } as unknown as ElementStyle;
      const warnings = await captureWarnings(() => mountStyled(style));
      assert.isTrue(
        warnings.some((w) => w.includes('base.fontWeight')),
        warnings.join(' | '),
      );
      assert.isTrue(
        warnings.some((w) => w.includes('base:hover.color')),
        warnings.join(' | '),
      );
      assert.equal(await frameStyle(card, '#number', 'color'), 'rgb(1, 2, 3)');
    });

    it('passes CSS custom properties of the host element through the allowlist', async () => {
      let el: TesseraCardElement | undefined;
      const warnings = await captureWarnings(async () => {
        el = await fixture<TesseraCardElement>(
          html`<tessera-card
            style="--tessera-color: rgb(1, 2, 3); --tessera-font-size: 20px; --tessera-background-color: url(https://evil.example/bg)"
            publishable-key=${publishableKey}
            vault-origin=${vaultOrigin}
          ></tessera-card>`,
        );
        await el.ready;
        return el;
      });
      await waitUntil(
        async () => (await frameStyle(card, '#number', 'color')) === 'rgb(1, 2, 3)',
        '--tessera-color did not reach the frame input',
      );
      assert.equal(await frameStyle(card, '#number', 'font-size'), '20px');
      assert.equal(await frameStyle(card, '#number', 'background-image'), 'none');
      assert.isTrue(
        warnings.some((warning) => warning.includes('backgroundColor')),
        `no warning for a url() custom property: ${JSON.stringify(warnings)}`,
      );

      el!.style.setProperty('--tessera-color', 'rgb(4, 5, 6)');
      el!.refreshStyle();
      await waitUntil(
        async () => (await frameStyle(card, '#number', 'color')) === 'rgb(4, 5, 6)',
        'refreshStyle() did not re-read --tessera-color',
      );
    });

    it('lets an explicit style option win over a custom property', async () => {
      const el = await fixture<TesseraCardElement>(
        html`<div style="--tessera-color: rgb(1, 2, 3)">
          <tessera-card
            publishable-key=${publishableKey}
            vault-origin=${vaultOrigin}
            .fieldStyle=${{ base: { color: 'rgb(7, 8, 9)' } }}
          ></tessera-card>
        </div>`,
      );
      await el.querySelector('tessera-card')!.ready;
      await waitUntil(
        async () => (await frameStyle(card, '#number', 'color')) === 'rgb(7, 8, 9)',
        'the style option did not win over the inherited custom property',
      );
    });
  });

  describe('the frame document', () => {
    it('is served with a CSP allowing only its own origin for scripts and connections', async () => {
      const { status, headers } = await frameDocumentHeaders();
      assert.equal(status, 200);
      const csp = headers['content-security-policy'] ?? '';
      const directives = new Map(
        csp
          .split(';')
          .map((part) => part.trim().split(/\s+/))
          .map(([name, ...sources]) => [name, sources] as const),
      );
      assert.deepEqual(directives.get('script-src'), ["'self'"], csp);
      assert.deepEqual(directives.get('connect-src'), ["'self'"], csp);
      assert.deepEqual(directives.get('default-src'), ["'none'"], csp);
      assert.isNotEmpty(directives.get('frame-ancestors') ?? [], 'frame-ancestors is missing');
      assert.notMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.equal(headers['referrer-policy'], 'no-referrer');
    });
  });
});
