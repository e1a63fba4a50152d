/**
 * Property-based fuzzing of the frame's message handling with fast-check, in real Chromium
 * against the frame the run's token server serves. With a card typed in, thousands of generated
 * messages reach the frame: over the host's own MessagePort (wrong or missing versions, unknown
 * types, known types with wrongly typed fields, huge strings, deep and cyclic objects, arrays,
 * binary data, extra ports), as window messages from the host page and from a window of another
 * origin (a sandboxed frame), and, for split fields, on the group's BroadcastChannel from
 * another frame of the vault origin. The frame never throws nor leaves a promise rejection
 * unhandled, answers every well-formed token request exactly once and nothing else, still makes
 * a token afterwards, and nothing it sent the host holds the card number, its CVC or a run of
 * their digits.
 *
 * The seed is fixed so a failure replays anywhere; FUZZ_SEED=<n> (or `random`) and FUZZ_RUNS
 * change it, as for server/test/fuzz.test.ts (fast-check prints the seed and the shrunk
 * messages of a failure). By default 400 batches of port and window messages (about 1,300
 * messages, some 60 of them well-formed token requests) and 134 batches on the group channel
 * (about 700 messages). The first run found the frame recursing without end on a token request
 * whose data held a cycle.
 */
import { assert, fixture, html, waitUntil } from '@open-wc/testing';
import fc from 'fast-check';
import '../../src/host/index.js';
import {
  Tessera,
  type TesseraCardElement,
  type TesseraCardCvcElement,
  type TesseraCardExpiryElement,
  type TesseraCardNumberElement,
  type TesseraFieldElement,
} from '../../src/host/index.js';
import { TOKEN_TYPES } from '../../src/domain/index.js';
import { PROTOCOL_NAMESPACE, PROTOCOL_VERSION, isHostMessage } from '../../src/protocol/index.js';
import {
  broadcastFromFrame,
  existsInFrame,
  frameErrors,
  tesseraEnv,
  typeInFrame,
  watchFrameErrors,
  type FrameRef,
} from './commands.js';
import { FUTURE_YEAR, publishableKey, roundTrip, vaultOrigin } from './fixtures.js';

const { fuzz } = await tesseraEnv();
const RUNS = Number(fuzz.runs ?? 400);
const DEFAULT_SEED = 20_261_202;
const SEED = fuzz.seed === 'random' ? {} : { seed: Number(fuzz.seed ?? DEFAULT_SEED) };

/** The card typed into the frames: Stripe's Visa debit and a CVC the generators avoid. */
const NUMBER = '4000056655665556';
const CVC = '739';

const CARD: FrameRef = { type: 'card' };

// --- What the frame sends the host -----------------------------------------------------------

/** Everything the frame sent on one host port, recorded as the host's handler received it. */
interface HostEnd {
  port: MessagePort;
  received: unknown[];
}

/**
 * Runs `mount` and records, on every port whose handler it set (the hosts' ends of the channels
 * to the frames it mounted), every message that arrives, for the rest of the test.
 */
async function recordHostEnds<T>(mount: () => Promise<T>): Promise<[T, HostEnd[]]> {
  const descriptor = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage')!;
  const ends: HostEnd[] = [];
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    ...descriptor,
    set(this: MessagePort, handler: ((event: MessageEvent) => void) | null) {
      const end: HostEnd = { port: this, received: [] };
      if (handler) ends.push(end);
      descriptor.set!.call(
        this,
        handler &&
          ((event: MessageEvent) => {
            end.received.push(event.data);
            handler.call(this, event);
          }),
      );
    },
  });
  try {
    return [await mount(), ends];
  } finally {
    Object.defineProperty(MessagePort.prototype, 'onmessage', descriptor);
  }
}

/** Keys whose values are random per token (ids, fingerprints, times, addresses). */
const RANDOM_KEYS = new Set(['id', 'fingerprint', 'created', 'client_ip']);

/** The message as text without its random values, which may hold any digits. */
function stableText(message: unknown): string {
  return JSON.stringify(message, (key, value: unknown) =>
    RANDOM_KEYS.has(key) ? undefined : value,
  );
}

/** Fails when a message to the host holds the card number, the CVC or a field named for them. */
function assertNoCardData(messages: readonly unknown[]): void {
  for (const message of messages) {
    const text = stableText(message);
    const digits = text.replace(/\D/g, '');
    const what = `${text.slice(0, 300)}…`;
    assert.notInclude(
      digits,
      NUMBER.slice(0, 12),
      `the card number's digits went to the host: ${what}`,
    );
    assert.notInclude(
      digits,
      NUMBER.slice(-12),
      `the card number's digits went to the host: ${what}`,
    );
    assert.notMatch(text, new RegExp(`(?<!\\d)${CVC}(?!\\d)`), `the CVC went to the host: ${what}`);
    assert.notMatch(
      text,
      /"(number|cvc|account_number)"\s*:/,
      `a card field went to the host: ${what}`,
    );
  }
}

// --- Generators ------------------------------------------------------------------------------

/** A value nested `depth` objects deep. */
function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
}

/** An object that holds itself (structured clone keeps the cycle). */
function cyclic(): Record<string, unknown> {
  const value: Record<string, unknown> = { name: 'Jenny Rosen' };
  value.self = value;
  value.list = [value, { back: value }];
  return value;
}

/** Anything a page could post: JSON, odd values, binary data, huge, deep and cyclic. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 5 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      null,
      undefined,
      '',
      0,
      -0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      true,
      [],
      {},
      '__proto__',
      'constructor',
      'toString',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 300_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 5, max: 2000 }).map(nested) },
  { weight: 1, arbitrary: fc.constant(null).map(cyclic) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  { weight: 1, arbitrary: fc.date().map((date) => [date, new Map([[1, date]]), new Set([date])]) },
  { weight: 1, arbitrary: fc.array(fc.jsonValue(), { maxLength: 50 }) },
);

const version = fc.oneof(
  { weight: 6, arbitrary: fc.constant<unknown>(PROTOCOL_VERSION) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(0, 2, -1, '1', 1.5, null, Number.NaN) },
  { weight: 1, arbitrary: junk },
);

const messageType = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      'configure',
      'update',
      'focus',
      'blur',
      'tokenize',
      'hello',
      'ready',
      'change',
      'resize',
      'tokenized',
      'warning',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: junk },
);

/** A style as a merchant would write one, mutated, or anything. */
const style = fc.oneof(
  fc.dictionary(
    fc.constantFrom('base', 'complete', 'empty', 'invalid', 'other', '__proto__'),
    fc.oneof(
      fc.dictionary(
        fc.oneof(fc.constantFrom('color', 'fontSize', ':focus', '::placeholder'), fc.string()),
        fc.oneof(fc.constantFrom('red', 'url(x)', '12px'), fc.string({ maxLength: 30 }), junk),
        { maxKeys: 6 },
      ),
      junk,
    ),
    { maxKeys: 5 },
  ),
  junk,
);

/** Element options: the real keys with values right, wrong or absurd. */
const options = fc.oneof(
  fc.record(
    {
      placeholder: fc.oneof(fc.string({ maxLength: 30 }), junk),
      disabled: fc.oneof(fc.boolean(), junk),
      hidePostalCode: fc.oneof(fc.boolean(), junk),
      locale: fc.oneof(
        fc.constantFrom('fr', 'en', 'auto', 'fr-CA', 'xx-!!', '', 'i-default', 'en-US-u-ca-x'),
        fc.string({ maxLength: 40 }),
        junk,
      ),
      value: fc.oneof(
        fc.record({ postalCode: fc.oneof(fc.string({ maxLength: 25 }), junk) }),
        junk,
      ),
      style,
    },
    { requiredKeys: [] },
  ),
  junk,
);

/** The data of a token request: cardholder fields, pii and account shapes, anything. */
const tokenData = fc.oneof(
  fc.record(
    {
      name: fc.oneof(fc.string({ maxLength: 30 }), junk),
      address_zip: fc.oneof(fc.string({ maxLength: 12 }), junk),
      address_country: fc.oneof(fc.constantFrom('US', 'FR'), junk),
      id_number: fc.oneof(fc.stringMatching(/^\d{9}$/), junk),
      business_type: fc.oneof(fc.constantFrom('individual', 'company'), junk),
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(fc.string({ maxLength: 10 }), junk, { maxKeys: 5 }),
  // What the page's data can be and JSON cannot: found the frame recursing without end.
  fc.constant(null).map(cyclic),
  junk,
);

/** A request id: the element's own are `req…`, which it would take for its own: never those. */
const requestId = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 20 }).map((id) => `fuzz-${id}`) },
  { weight: 1, arbitrary: fc.constant('x'.repeat(101)) },
  { weight: 1, arbitrary: junk },
);

const frameConfig = fc.oneof(
  fc.record({
    publishableKey: fc.oneof(fc.constant(publishableKey), fc.string(), junk),
    elementType: fc.oneof(fc.constantFrom('card', 'cardNumber', 'controller'), junk),
    options,
  }),
  junk,
);

/**
 * A host message: each of the protocol's shapes with fields right or wrong, any mix of its
 * fields, or anything. Never a well-formed `clear`, the one message whose effect is to empty
 * the card the run checks.
 */
const hostMessage: fc.Arbitrary<unknown> = fc
  .oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        version,
        type: fc.constant('tokenize'),
        id: requestId,
        kind: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TOKEN_TYPES) }, junk),
        data: tokenData,
      }),
    },
    { weight: 2, arbitrary: fc.record({ version, type: fc.constant('update'), options }) },
    {
      weight: 1,
      arbitrary: fc.record({ version, type: fc.constant('configure'), config: frameConfig }),
    },
    {
      weight: 3,
      arbitrary: fc.record(
        {
          ns: fc.oneof(fc.constant(PROTOCOL_NAMESPACE), junk),
          version,
          type: messageType,
          config: frameConfig,
          options,
          id: requestId,
          kind: junk,
          data: tokenData,
          detail: junk,
          height: junk,
        },
        { requiredKeys: ['version', 'type'] },
      ),
    },
    { weight: 1, arbitrary: junk },
  )
  .filter((message) => !(isHostMessage(message) && message.type === 'clear'));

/** True for a token request the frame must answer (the protocol's guard accepts it). */
function answerable(message: unknown): message is { type: 'tokenize'; id: string } {
  return isHostMessage(message) && message.type === 'tokenize';
}

/**
 * Token requests reach the real server: at most a few per batch (the server limits requests
 * per key, and each costs a round trip), the rest of a batch anything.
 */
const batch = fc
  .array(hostMessage, { minLength: 1, maxLength: 6 })
  .filter((messages) => messages.filter(answerable).length <= 1);

/** An extra port (or binary buffer) to transfer with a message, or nothing. */
const transfer = fc.constantFrom('none', 'port', 'buffer', 'ports');

function transferables(kind: string, sink: MessagePort[]): Transferable[] {
  if (kind === 'none') return [];
  if (kind === 'buffer') return [new ArrayBuffer(16)];
  const channels = Array.from({ length: kind === 'ports' ? 3 : 1 }, () => new MessageChannel());
  for (const channel of channels) sink.push(channel.port1);
  return channels.map((channel) => channel.port2);
}

/** Sends a message; a value structured clone refuses fails here, at the sender, as it should. */
function post(send: () => void): void {
  try {
    send();
  } catch (error) {
    if (!(error instanceof DOMException) && !(error instanceof RangeError)) throw error;
  }
}

// --- Set-up ----------------------------------------------------------------------------------

async function expectToken(el: TesseraFieldElement): Promise<void> {
  const { token, error } = await Tessera(publishableKey, { origin: vaultOrigin }).createToken(el);
  assert.equal(error, undefined, error?.message);
  assert.match(token?.id ?? '', /^tok_/);
  assertNoCardData([token]);
}

/** Types the card into the combined element (again, when a fuzzed update changed a field). */
async function typeCard(el: TesseraCardElement): Promise<void> {
  await typeInFrame(CARD, '#number', NUMBER, true);
  await typeInFrame(CARD, '#expiry', `12${FUTURE_YEAR}`, true);
  await typeInFrame(CARD, '#cvc', CVC, true);
  if (await existsInFrame(CARD, '#postalCode'))
    await typeInFrame(CARD, '#postalCode', '94107', true);
  await waitUntil(() => el.complete, 'the element never reported complete', { timeout: 5000 });
}

/** Starts the frame's error collector and shows it sees an error and a rejection. */
async function watchErrors(frame: FrameRef): Promise<void> {
  await watchFrameErrors(frame, true);
  let seen: string[] = [];
  await waitUntil(async () => {
    seen = [...seen, ...(await frameErrors(frame))];
    return seen.length >= 2;
  }, 'the error collector saw no probe');
  assert.match(seen.join('\n'), /uncaught error: .*probe/);
  assert.match(seen.join('\n'), /unhandled rejection: .*probe/);
}

async function assertNoFrameErrors(frame: FrameRef): Promise<void> {
  assert.deepEqual(await frameErrors(frame), [], `the ${frame.type} frame threw`);
}

/** A window of another origin (a sandboxed frame: an opaque origin) that relays to the frame. */
async function foreignWindow(frameIndex: number): Promise<HTMLIFrameElement> {
  const relay = document.createElement('iframe');
  relay.title = 'Another origin';
  relay.setAttribute('sandbox', 'allow-scripts');
  relay.srcdoc = `<script>
    addEventListener('message', (event) => {
      const { message, origin } = event.data;
      try {
        parent.frames[${String(frameIndex)}].postMessage(message, origin, [...event.ports]);
      } catch {}
    });
  </script>`;
  const loaded = new Promise((resolve) => {
    relay.addEventListener('load', resolve, { once: true });
  });
  document.body.append(relay);
  await loaded;
  return relay;
}

/** The index of `iframe` among the page's frames (`window.frames[i]`). */
function frameIndex(iframe: HTMLIFrameElement): number {
  return Array.from({ length: window.frames.length }, (_, i) => window.frames[i]).indexOf(
    iframe.contentWindow!,
  );
}

describe('fuzzing the frame’s messages', () => {
  it(`survives ${String(RUNS)} batches of generated port and window messages, with a card typed in, and tells the host nothing of it`, async function () {
    this.timeout(90_000);
    const [el, [host]] = await recordHostEnds(async () => {
      const element = await fixture<TesseraCardElement>(
        html`<tessera-card
          publishable-key=${publishableKey}
          vault-origin=${vaultOrigin}
        ></tessera-card>`,
      );
      await element.ready;
      return element;
    });
    assert.ok(host, 'the element set no port handler');
    await watchErrors(CARD);
    await typeCard(el);
    const frameWindow = el.frame!.contentWindow!;
    const relay = await foreignWindow(frameIndex(el.frame!));
    const foreign = relay.contentWindow!;

    /** Ports handed to the frame with forged messages: the frame must never use one. */
    const forgedPorts: MessagePort[] = [];
    const forgedReplies: unknown[] = [];
    const answered = new Set<string>();
    const requested = new Set<string>();

    const sources = fc.oneof(
      { weight: 3, arbitrary: fc.constant('port') },
      { weight: 1, arbitrary: fc.constantFrom('host-window', 'host-window-any', 'foreign-window') },
    );
    // The host warns about every style the frame dropped: thousands of lines, none of interest.
    const warn = console.warn;
    console.warn = () => undefined;
    const fuzzing = fc.assert(
      fc.asyncProperty(sources, batch, transfer, async (source, messages, extra) => {
        for (const message of messages) {
          const ports: MessagePort[] = [];
          const transferList = transferables(extra, ports);
          for (const port of ports) {
            port.onmessage = (event: MessageEvent) => {
              forgedReplies.push(event.data);
            };
          }
          forgedPorts.push(...ports);
          if (source === 'port') {
            if (answerable(message)) requested.add(message.id);
            post(() => {
              host.port.postMessage(message, transferList);
            });
          } else if (source === 'foreign-window') {
            post(() => {
              foreign.postMessage({ message, origin: vaultOrigin }, '*', transferList);
            });
          } else {
            const origin = source === 'host-window' ? vaultOrigin : '*';
            post(() => {
              frameWindow.postMessage(message, origin, transferList);
            });
          }
        }
        // The frame handles its port in order: after this answer it has seen the batch.
        await roundTrip(el);
        await assertNoFrameErrors(CARD);
      }),
      { numRuns: RUNS, ...SEED },
    );
    try {
      await fuzzing;
    } finally {
      console.warn = warn;
    }

    // Every well-formed token request got its one answer; nothing else was answered.
    for (const message of host.received) {
      const { type, id } = message as { type?: string; id?: string };
      if (type === 'tokenized' && typeof id === 'string' && requested.has(id)) answered.add(id);
    }
    await waitUntil(
      () => {
        for (const message of host.received) {
          const { type, id } = message as { type?: string; id?: string };
          if (type === 'tokenized' && typeof id === 'string' && requested.has(id)) answered.add(id);
        }
        return answered.size === requested.size;
      },
      `token requests went unanswered: ${[...requested].filter((id) => !answered.has(id)).join(', ')}`,
      { timeout: 15_000 },
    );
    assert.isNotEmpty(requested, 'the run sent no well-formed token request');
    await roundTrip(el);
    assert.deepEqual(forgedReplies, [], 'the frame answered on a forged port');
    for (const port of forgedPorts) port.close();
    relay.remove();
    await assertNoFrameErrors(CARD);

    // Still a working card element. Fuzzed updates may have disabled or changed the fields: the
    // host's own update sets them back, then the card is typed again.
    host.port.postMessage({
      version: PROTOCOL_VERSION,
      type: 'update',
      options: { disabled: false, hidePostalCode: false, locale: 'en', value: { postalCode: '' } },
    });
    await roundTrip(el);
    await typeCard(el);
    await expectToken(el);
    await assertNoFrameErrors(CARD);
    assert.isAtLeast(host.received.length, RUNS, 'the frame sent little to the host');
    assertNoCardData(host.received);
  });

  it('survives generated messages on the split fields’ group channel and tells the host nothing', async function () {
    this.timeout(60_000);
    const client = Tessera(publishableKey, { origin: vaultOrigin });
    const [split, ends] = await recordHostEnds(async () => {
      const root = await fixture<HTMLElement>(
        html`<div>
          <tessera-card-number .tessera=${client}></tessera-card-number>
          <tessera-card-expiry .tessera=${client}></tessera-card-expiry>
          <tessera-card-cvc .tessera=${client}></tessera-card-cvc>
        </div>`,
      );
      const elements = {
        number: root.querySelector<TesseraCardNumberElement>('tessera-card-number')!,
        expiry: root.querySelector<TesseraCardExpiryElement>('tessera-card-expiry')!,
        cvc: root.querySelector<TesseraCardCvcElement>('tessera-card-cvc')!,
      };
      await Promise.all(Object.values(elements).map((element) => element.ready));
      return elements;
    });
    const frames = {
      number: { type: 'cardNumber' } as FrameRef,
      expiry: { type: 'cardExpiry' } as FrameRef,
      cvc: { type: 'cardCvc' } as FrameRef,
    };
    for (const frame of Object.values(frames)) await watchErrors(frame);
    const typeSplit = async (): Promise<void> => {
      await typeInFrame(frames.number, '#number', NUMBER, true);
      await typeInFrame(frames.expiry, '#expiry', `12${FUTURE_YEAR}`, true);
      await typeInFrame(frames.cvc, '#cvc', CVC, true);
      await waitUntil(
        () => split.number.complete && split.expiry.complete && split.cvc.complete,
        'the split fields never reported complete',
        { timeout: 5000 },
      );
    };
    await typeSplit();
    const group = new URLSearchParams(new URL(split.number.frame!.src).hash.slice(1)).get('group');
    assert.match(group ?? '', /^[0-9a-f]{32}$/, 'the frame URL names no group');
    const channel = `tessera-group:${group!}`;

    const text = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('__proto__', 'toString'));
    const json = fc.oneof(
      { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
      { weight: 1, arbitrary: fc.integer({ min: 1000, max: 100_000 }).map((n) => 'x'.repeat(n)) },
      { weight: 1, arbitrary: fc.integer({ min: 5, max: 300 }).map(nested) },
    );
    const groupMessage = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record(
          {
            t: fc.oneof(
              {
                weight: 5,
                arbitrary: fc.constantFrom('brand', 'collect', 'values', 'touch', 'join'),
              },
              { weight: 1, arbitrary: fc.constant('autofill') },
              { weight: 1, arbitrary: text },
            ),
            brand: fc.oneof(fc.constantFrom('visa', 'amex', 'unknown', 'diners'), text, json),
            id: fc.oneof(text, json),
            from: fc.oneof(fc.constantFrom('cardExpiry', 'cardCvc', 'cardNumber'), json),
            values: json,
            complete: fc.oneof(fc.boolean(), json),
            code: fc.oneof(text, json),
            message: fc.oneof(text, json),
            expiry: fc.oneof(fc.constantFrom('12/30', '1', ''), text, json),
            cvc: fc.oneof(fc.stringMatching(/^[0-9]{0,5}$/), json),
          },
          { requiredKeys: ['t'] },
        ),
      },
      { weight: 1, arbitrary: json },
    );
    const numberHost = ends[0]!;
    await fc.assert(
      fc.asyncProperty(
        fc.array(groupMessage, { minLength: 1, maxLength: 10 }),
        async (messages) => {
          // From the expiry frame: a window of the vault origin, on the group's channel.
          await broadcastFromFrame(frames.expiry, channel, messages);
          for (const element of Object.values(split)) await roundTrip(element);
          for (const frame of Object.values(frames)) await assertNoFrameErrors(frame);
        },
      ),
      { numRuns: Math.ceil(RUNS / 3), ...SEED },
    );

    // The split card still tokenizes (autofill messages may have changed the expiry or CVC).
    await typeSplit();
    const { token, error } = await client.createToken(split.number);
    assert.isUndefined(error, error?.message);
    assert.match(token.id, /^tok_/);
    for (const frame of Object.values(frames)) await assertNoFrameErrors(frame);
    assert.isNotEmpty(numberHost.received);
    assertNoCardData(ends.flatMap((end) => end.received));
  });
});
