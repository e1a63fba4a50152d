import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import type {
  ElementOptions,
  ElementType,
  FrameMessage,
  HostMessage,
  ProtocolError,
  TokenKind,
} from '../protocol/index.js';
import { FrameConnection, type TokenResult } from './frame-connection.js';
import { clientError, integrationError, type HostWords } from './messages.js';
import { clientFor, IntegrationError, type TesseraClient } from './tessera.js';

/** What the bridge needs of the element it serves. */
export interface FrameHost extends ReactiveControllerHost, HTMLElement {
  /** What the frame shows. */
  readonly elementType: ElementType;
  /** An explicit Tessera instance (wins over the key attributes). */
  readonly tessera?: TesseraClient | undefined;
  readonly publishableKey?: string | undefined;
  readonly vaultOrigin?: string | undefined;
  /** How long the frame may take to load and answer (ms). */
  readonly loadTimeout: number;
  /** The options the frame should show now. */
  frameOptions(): ElementOptions;
  /** What the element knows to say, in its language. */
  words(): HostWords;
  /** The iframe's accessible name in the element's language. */
  iframeTitle(): string;
  /** A message from the frame (ready, change, resize, focus, …). */
  frameMessage(message: FrameMessage): void;
  /** The frame could not be set up: no or a bad key, or it did not load or answer in time. */
  frameFailed(error: ProtocolError): void;
  /** A new iframe replaced the old one (a new client, or the first mount). */
  frameMounted(iframe: HTMLIFrameElement): void;
}

/**
 * The iframe bridge as a reactive controller: it finds the element's Tessera instance (the
 * `tessera` property, or one shared per key and origin), mounts an iframe on the vault origin
 * and keeps the channel to it (`FrameConnection`). It remounts when the instance changes, sends
 * the frame new options whenever they change, watches the load while the element is connected,
 * and closes the channel when it leaves the page. A missing or malformed key is reported as a
 * load failure, so the element's `ready` always settles.
 */
export class FrameController implements ReactiveController {
  readonly #host: FrameHost;
  #client: TesseraClient | null = null;
  #connection: FrameConnection | null = null;
  #sentOptions = '';
  #keyless: ReturnType<typeof setTimeout> | undefined;
  #reportedKeyError = '';

  constructor(host: FrameHost) {
    this.#host = host;
    host.addController(this);
  }

  /** The iframe, once mounted. */
  get iframe(): HTMLIFrameElement | undefined {
    return this.#connection?.iframe;
  }

  /** The Tessera instance the element belongs to, once it has one. */
  get client(): TesseraClient | null {
    return this.#client;
  }

  hostConnected(): void {
    this.#connection?.watchLoading();
  }

  hostDisconnected(): void {
    clearTimeout(this.#keyless);
    this.#keyless = undefined;
    this.#connection?.disconnect();
    this.#client?.elements.delete(this.#host);
  }

  /** Before each render: the right instance mounted, and the frame told of changed options. */
  hostUpdate(): void {
    const host = this.#host;
    const client = this.#resolveClient();
    // The instance's `update()` reaches the elements it holds while they are on the page.
    if (client !== this.#client) this.#client?.elements.delete(host);
    if (host.isConnected) client?.elements.add(host);
    if (client !== this.#client) {
      this.#client = client;
      this.#mount();
      return;
    }
    if (!this.#connection) return;
    const options = host.frameOptions();
    const text = JSON.stringify(options);
    if (text !== this.#sentOptions) {
      this.#sentOptions = text;
      this.#connection.update(options);
    }
    this.#connection.iframe.title = host.iframeTitle();
  }

  /** Sends a message to the frame, if connected. */
  send(message: HostMessage): void {
    this.#connection?.send(message);
  }

  /** Tokenizes through the frame; resolves with `{ token }` or `{ error }`, never rejects. */
  tokenize(kind: TokenKind, data: Record<string, unknown>): Promise<TokenResult> {
    if (!this.#connection) {
      return Promise.resolve({
        error: clientError('api_connection_error', 'element_not_mounted', this.#host.words()),
      });
    }
    return this.#connection.tokenize(kind, data);
  }

  #resolveClient(): TesseraClient | null {
    const host = this.#host;
    if (host.tessera) return host.tessera;
    if (!host.publishableKey) {
      this.#watchForKey();
      return null;
    }
    clearTimeout(this.#keyless);
    this.#keyless = undefined;
    try {
      return clientFor(host.publishableKey, host.vaultOrigin);
    } catch (error) {
      if (!(error instanceof IntegrationError)) throw error;
      if (this.#reportedKeyError !== host.publishableKey) {
        this.#reportedKeyError = host.publishableKey;
        console.error(error.message);
        host.frameFailed({
          type: 'invalid_request_error',
          code: error.code,
          message: error.message,
        });
      }
      return null;
    }
  }

  /**
   * An element on the page without a key yet: a framework may set it a moment later, so this
   * waits as long as a frame may take to load before it reports the missing key.
   */
  #watchForKey(): void {
    if (this.#keyless || !this.#host.isConnected) return;
    this.#keyless = setTimeout(() => {
      this.#keyless = undefined;
      if (this.#client) return;
      console.error(integrationError('publishable_key_missing').message);
      this.#host.frameFailed(integrationError('publishable_key_missing'));
    }, this.#host.loadTimeout);
  }

  #mount(): void {
    this.#connection?.disconnect();
    this.#connection = null;
    this.#sentOptions = '';
    const client = this.#client;
    if (!client) return;
    const host = this.#host;
    const connection = new FrameConnection(
      {
        origin: client.origin,
        elementType: host.elementType,
        groupId: client.groupId,
        publishableKey: client.publishableKey,
        options: () => {
          const options = host.frameOptions();
          this.#sentOptions = JSON.stringify(options);
          return options;
        },
        error: (code) => clientError('api_connection_error', code, host.words()),
        loadTimeoutMs: host.loadTimeout,
      },
      {
        message: (message) => {
          host.frameMessage(message);
        },
        failed: (error) => {
          host.frameFailed(error);
        },
      },
      host.iframeTitle(),
    );
    this.#connection = connection;
    host.frameMounted(connection.iframe);
    if (host.isConnected) connection.watchLoading();
  }
}
