import {
  PROTOCOL_NAMESPACE,
  PROTOCOL_VERSION,
  isFrameMessage,
  resolveLocale,
  type ElementOptions,
  type ElementType,
  type FrameMessage,
  type HelloMessage,
  type HostMessage,
  type ProtocolError,
  type TokenKind,
} from '../protocol/index.js';
import type { ClientMessageCode } from './messages.js';

/** How long the frame has to load and answer the handshake. */
export const HANDSHAKE_TIMEOUT_MS = 10_000;
/** How long a tokenization may take before the host gives up. */
export const TOKENIZE_TIMEOUT_MS = 30_000;

/** A token as the Tokens API returns it. */
export interface Token {
  id: string;
  object: 'token';
  type: TokenKind;
  livemode: boolean;
  used: boolean;
  created: number;
  client_ip: string | null;
  card?: Record<string, unknown> & {
    brand: string;
    last4: string;
    exp_month: number;
    exp_year: number;
  };
  bank_account?: Record<string, unknown> & { last4: string };
}

/** What `createToken` resolves to: a token, or an error in Stripe's shape. Never rejects. */
export type TokenResult =
  { token: Token; error?: undefined } | { token?: undefined; error: ProtocolError };

/** What a connection reports to its owner. */
export interface ConnectionEvents {
  message(message: FrameMessage): void;
  failed(error: ProtocolError): void;
}

/** Where the frame lives and what it shows. */
export interface ConnectionTarget {
  origin: string;
  elementType: ElementType;
  groupId: string;
  publishableKey: string;
  options: () => ElementOptions;
  /** The errors the connection reports, in the element's language. */
  error: (code: ClientMessageCode) => ProtocolError;
  /** How long the frame has to load and answer the handshake (ms). */
  loadTimeoutMs?: number;
}

interface Pending {
  resolve: (result: TokenResult) => void;
  timer: ReturnType<typeof setTimeout>;
}

let requestCounter = 0;

/** Whether styling options hold any value at all (the element sends empty objects when not). */
function hasValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null
    ? Object.values(value).some(hasValue)
    : value !== undefined;
}

/**
 * One iframe on the vault origin and the channel to it. Every time the iframe loads (first
 * mount, or again after the element was moved in the DOM) it hands a fresh `MessagePort` to that
 * exact origin in one `hello` message; the frame accepts one port, once. Everything else flows
 * over the port, whose messages are checked by the protocol's guard.
 */
export class FrameConnection {
  readonly iframe: HTMLIFrameElement;
  readonly #target: ConnectionTarget;
  readonly #events: ConnectionEvents;
  #port: MessagePort | null = null;
  #ready = false;
  /** Why the frame refused this page, once it did: every tokenize then gets it at once. */
  #refusal: ProtocolError | null = null;
  #handshakeTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #pending = new Map<string, Pending>();
  #waitingForReady: (() => void)[] = [];

  constructor(target: ConnectionTarget, events: ConnectionEvents, title: string) {
    this.#target = target;
    this.#events = events;
    const iframe = document.createElement('iframe');
    iframe.title = title;
    iframe.setAttribute('frameborder', '0');
    iframe.setAttribute('scrolling', 'no');
    iframe.setAttribute('allowtransparency', 'true');
    iframe.setAttribute('referrerpolicy', 'origin');
    const fragment = new URLSearchParams({ type: target.elementType, group: target.groupId });
    // The key (public) in the query: the vault serves the frame with its allowed origins. The
    // language, and whether the page styles the fields, go along: the vault names those chunks
    // in the document for the browser to preload, so they come with the frame's script.
    const options = target.options();
    const query = new URLSearchParams({
      key: target.publishableKey,
      locale: resolveLocale(options.locale, navigator.languages),
    });
    if (hasValue(options.appearance) || hasValue(options.style)) query.set('styled', '1');
    iframe.src = `${target.origin}/v1/frame/element.html?${query.toString()}#${fragment.toString()}`;
    iframe.addEventListener('load', () => {
      this.#handshake();
    });
    this.iframe = iframe;
  }

  /** True once the frame answered the current handshake. */
  get ready(): boolean {
    return this.#ready;
  }

  /** Sends a message to the frame, if connected. */
  send(message: HostMessage): void {
    this.#port?.postMessage(message);
  }

  /** Re-sends the options (after `update()`). */
  update(options: ElementOptions): void {
    this.send({ version: PROTOCOL_VERSION, type: 'update', options });
  }

  /** Asks the frame to tokenize; resolves with the token or an error, never rejects. */
  async tokenize(kind: TokenKind, data: Record<string, unknown>): Promise<TokenResult> {
    if (this.#refusal) return { error: this.#refusal };
    if (!this.#ready) {
      const became = await this.#whenReady(HANDSHAKE_TIMEOUT_MS);
      if (!became) return { error: this.#error('frame_not_ready') };
    }
    const id = `req${String(++requestCounter)}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        resolve({ error: this.#error('frame_timeout') });
      }, TOKENIZE_TIMEOUT_MS);
      this.#pending.set(id, { resolve, timer });
      this.send({ version: PROTOCOL_VERSION, type: 'tokenize', id, kind, data });
    });
  }

  /** Closes the channel (the element left the DOM): pending requests resolve with an error. */
  disconnect(): void {
    clearTimeout(this.#handshakeTimer);
    this.#port?.close();
    this.#port = null;
    this.#ready = false;
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.resolve({ error: this.#error('element_removed') });
      this.#pending.delete(id);
    }
  }

  /** Starts the handshake timer for an iframe that was just inserted into the document. */
  watchLoading(): void {
    clearTimeout(this.#handshakeTimer);
    const timeout = this.#target.loadTimeoutMs ?? HANDSHAKE_TIMEOUT_MS;
    this.#handshakeTimer = setTimeout(() => {
      console.error(
        `Tessera: the frame at ${this.#target.origin} did not load or answer within ${String(timeout)} ms.`,
      );
      this.#events.failed(this.#error('frame_load_timeout'));
    }, timeout);
  }

  #handshake(): void {
    const frameWindow = this.iframe.contentWindow;
    if (!frameWindow) return;
    this.disconnect();
    this.watchLoading();
    const channel = new MessageChannel();
    this.#port = channel.port1;
    channel.port1.onmessage = (event: MessageEvent<unknown>) => {
      if (isFrameMessage(event.data)) this.#receive(event.data);
    };
    const hello: HelloMessage = {
      ns: PROTOCOL_NAMESPACE,
      version: PROTOCOL_VERSION,
      type: 'hello',
    };
    frameWindow.postMessage(hello, this.#target.origin, [channel.port2]);
    this.send({
      version: PROTOCOL_VERSION,
      type: 'configure',
      config: {
        publishableKey: this.#target.publishableKey,
        elementType: this.#target.elementType,
        options: this.#target.options(),
      },
    });
  }

  #receive(message: FrameMessage): void {
    if (message.type === 'refused') {
      clearTimeout(this.#handshakeTimer);
      this.#refusal = message.error;
      console.error(message.error.message);
      this.#events.failed(message.error);
      return;
    }
    if (message.type === 'ready') {
      clearTimeout(this.#handshakeTimer);
      this.#ready = true;
      for (const wake of this.#waitingForReady.splice(0)) wake();
    }
    if (message.type === 'tokenized') {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      clearTimeout(pending.timer);
      if (message.token) pending.resolve({ token: message.token as unknown as Token });
      else pending.resolve({ error: message.error ?? this.#error('frame_no_token') });
      return;
    }
    this.#events.message(message);
  }

  #error(code: ClientMessageCode): ProtocolError {
    return this.#target.error(code);
  }

  #whenReady(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        resolve(false);
      }, timeoutMs);
      this.#waitingForReady.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
