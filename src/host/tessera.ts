import type { CardholderData } from '../domain/index.js';
import {
  resolveLocale,
  type Appearance,
  type HostStrings,
  type TokenKind,
} from '../protocol/index.js';
import { FrameConnection, type TokenResult } from './frame-connection.js';
import { clientError, type HostWords } from './messages.js';
import { scriptOrigin } from './script-origin.js';

/** A mistake in how the page uses Tessera (thrown, like Stripe.js's IntegrationError). */
export class IntegrationError extends Error {
  override name = 'IntegrationError';
  constructor(
    message: string,
    /** What an element reports in its `tessera-loaderror` when it cannot start for this. */
    readonly code = 'integration_error',
  ) {
    super(message);
  }
}

/** Options of {@link Tessera}. */
export interface TesseraOptions {
  /** The vault origin (`https://vault.example.com`). Default: where tessera.js was loaded from. */
  origin?: string;
  /** Language of labels and messages in every element of this instance (`auto` by default). */
  locale?: string;
  /** Stripe's Appearance API for every element of this instance (each may add its own). */
  appearance?: Appearance;
  /** Your own wording of messages, by code (`{ incomplete_number: '…' }`), in every element. */
  messages?: Record<string, string>;
  /** Layout direction of every element: `auto` (default) follows each element's page. */
  dir?: 'auto' | 'ltr' | 'rtl';
}

/** What {@link TesseraClient.update} may change at run time. */
export type TesseraUpdate = Pick<TesseraOptions, 'locale' | 'appearance' | 'messages' | 'dir'>;

/** An element of an instance: told when the instance's options change. */
export interface InstanceElement {
  requestUpdate(): void;
}

/** Cardholder data that is not sensitive and travels with a card token (Stripe's names). */
export type CardTokenData = CardholderData;

/** Bank account fields the page may add to the element's (holder name and type live in it). */
export interface BankAccountTokenData {
  country?: string;
  currency?: string;
}

/** `createToken('pii', …)`: Stripe.js's name for `pii[id_number]`. */
export interface PiiTokenData {
  personal_id_number: string;
}

/** `createToken('account', …)`: connected-account basics. */
export interface AccountTokenData {
  business_type?: 'individual' | 'company' | 'government_entity' | 'non_profit';
  individual?: Record<string, unknown>;
  company?: Record<string, unknown>;
  tos_shown_and_accepted?: boolean;
}

/** What `createToken` needs of an element. */
export interface TokenizingElement {
  readonly elementType: string;
  tokenize(kind: TokenKind, data: Record<string, unknown>): Promise<TokenResult>;
}

const PUBLISHABLE_KEY = /^pk_(test|live)_[0-9A-Za-z]+$/;
const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])$/;

function randomGroupId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function isElement(value: unknown): value is TokenizingElement {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<TokenizingElement>).tokenize === 'function'
  );
}

/**
 * One Tessera instance: a publishable key, the vault origin and a group id shared by the
 * frames of its elements (split fields find each other by it inside the vault origin).
 */
export class TesseraClient {
  readonly publishableKey: string;
  readonly origin: string;
  /** Random id in every frame URL fragment of this instance's elements. */
  readonly groupId = randomGroupId();
  /** The elements mounted through this instance: {@link update} reaches them. */
  readonly elements = new Set<InstanceElement>();
  #controller: FrameConnection | null = null;
  #controllerStrings: HostStrings | null = null;
  /** What {@link update} may change. */
  #options: TesseraUpdate;

  constructor(publishableKey: string, options: TesseraOptions = {}) {
    if (!PUBLISHABLE_KEY.test(publishableKey)) {
      // A secret or restricted key too: refused before anything is sent anywhere.
      throw new IntegrationError(
        'Tessera() needs a publishable key (pk_…): never put a secret or restricted key in a web page.',
        'publishable_key_invalid',
      );
    }
    const origin = options.origin ?? scriptOrigin;
    if (!origin) {
      throw new IntegrationError(
        'Tessera could not tell the vault origin: pass Tessera(pk, { origin: "https://vault.example.com" }).',
        'vault_origin_invalid',
      );
    }
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new IntegrationError(
        `Tessera: the vault origin ${JSON.stringify(origin)} is not a URL (https://vault.example.com).`,
        'vault_origin_invalid',
      );
    }
    // Card numbers cross the network to the vault: over https:, but for a test key on this machine.
    if (
      url.protocol !== 'https:' &&
      !(publishableKey.startsWith('pk_test_') && LOOPBACK.test(url.hostname))
    ) {
      throw new IntegrationError(
        `Tessera: the vault origin must be https: (http: only for test keys on localhost)`,
        'vault_origin_insecure',
      );
    }
    this.publishableKey = publishableKey;
    this.origin = url.origin;
    const { locale, appearance, messages, dir } = options;
    this.#options = { locale, appearance, messages, dir };
  }

  /** The language of this instance's elements (`auto`, or none: the browser's). */
  get locale(): string | undefined {
    return this.#options.locale;
  }

  /** The appearance of this instance's elements (each may add its own). */
  get appearance(): Appearance | undefined {
    return this.#options.appearance;
  }

  /** The merchant's wording of messages in this instance's elements, by code. */
  get messages(): Record<string, string> | undefined {
    return this.#options.messages;
  }

  /** The layout direction of this instance's elements (`auto`, or none: each one's page). */
  get dir(): TesseraOptions['dir'] {
    return this.#options.dir;
  }

  /**
   * Changes the instance's `locale`, `appearance`, `messages` or `dir` at run time, in every
   * element of it (Stripe's `elements.update()`); an element's own options still win.
   */
  update(options: TesseraUpdate): void {
    this.#options = { ...this.#options, ...options };
    for (const element of this.elements) element.requestUpdate();
  }

  /** The words of the instance's own frame, for the errors it reports. */
  #words(): HostWords {
    return {
      locale: resolveLocale(this.locale, navigator.languages),
      strings: this.#controllerStrings,
      messages: this.messages,
    };
  }

  /** A card token from a `<tessera-card>` or `<tessera-card-number>` (split fields). */
  createToken(element: TokenizingElement, data?: CardTokenData): Promise<TokenResult>;
  /** A bank account token from a `<tessera-bank-account>`. */
  createToken(
    kind: 'bank_account',
    element: TokenizingElement,
    data?: BankAccountTokenData,
  ): Promise<TokenResult>;
  /** A CVC re-collection token from a `<tessera-card-cvc>`. */
  createToken(kind: 'cvc_update', element: TokenizingElement): Promise<TokenResult>;
  /** A PII token (posted through the vault frame like the others). */
  createToken(kind: 'pii', data: PiiTokenData): Promise<TokenResult>;
  /** An account token. */
  createToken(kind: 'account', data: AccountTokenData): Promise<TokenResult>;
  createToken(
    first: TokenizingElement | TokenKind,
    second?: TokenizingElement | object,
    third?: object,
  ): Promise<TokenResult> {
    if (isElement(first)) return first.tokenize('card', { ...(second ?? {}) });
    switch (first) {
      case 'bank_account':
      case 'cvc_update':
        if (!isElement(second)) {
          throw new IntegrationError(`createToken('${first}', element) needs a Tessera element.`);
        }
        return second.tokenize(first, { ...(third ?? {}) });
      case 'pii': {
        // The frame checks it is there, and says so in the shopper's language.
        const id = (second as Partial<PiiTokenData> | undefined)?.personal_id_number;
        return this.#controllerFrame().tokenize('pii', { id_number: id });
      }
      case 'account':
        return this.#controllerFrame().tokenize('account', { ...(second ?? {}) });
      default:
        throw new IntegrationError(`Unknown token type: ${JSON.stringify(first)}.`);
    }
  }

  /** The hidden frame that posts data-only tokens; created on first use. */
  #controllerFrame(): FrameConnection {
    if (this.#controller) return this.#controller;
    const connection = new FrameConnection(
      {
        origin: this.origin,
        elementType: 'controller',
        groupId: this.groupId,
        publishableKey: this.publishableKey,
        options: () => ({
          ...(this.locale === undefined ? {} : { locale: this.locale }),
          ...(this.messages === undefined ? {} : { messages: this.messages }),
        }),
        error: (code) => clientError('api_connection_error', code, this.#words()),
      },
      {
        message: (message) => {
          if (message.type === 'locale') this.#controllerStrings = message.strings;
        },
        failed: () => undefined,
      },
      'Tessera secure connection',
    );
    const { iframe } = connection;
    iframe.setAttribute('aria-hidden', 'true');
    iframe.tabIndex = -1;
    iframe.style.cssText =
      'position:absolute;width:1px;height:1px;border:0;opacity:0;pointer-events:none;left:-9999px';
    document.body.append(iframe);
    connection.watchLoading();
    this.#controller = connection;
    return connection;
  }
}

/**
 * Creates a Tessera instance, as `Stripe('pk_…')` does:
 * `const tessera = Tessera('pk_test_…'); const { token, error } = await tessera.createToken(card)`.
 */
export function Tessera(publishableKey: string, options?: TesseraOptions): TesseraClient {
  return new TesseraClient(publishableKey, options);
}

const implicitClients = new Map<string, TesseraClient>();

/**
 * The instance behind elements configured only by attributes: one per key and origin, so split
 * fields with the same `publishable-key` share a group.
 */
export function clientFor(publishableKey: string, origin: string | undefined): TesseraClient {
  const cacheKey = `${publishableKey} ${origin ?? ''}`;
  let client = implicitClients.get(cacheKey);
  if (!client) {
    client = new TesseraClient(publishableKey, origin ? { origin } : {});
    implicitClients.set(cacheKey, client);
  }
  return client;
}
