/**
 * The host ⇄ frame protocol: every message either side sends, as one discriminated union on
 * `type`, with a `version`. The host posts exactly one `hello` through `window.postMessage`,
 * carrying a `MessagePort`; everything after flows over that port. Incoming data is checked by
 * the guards below, never cast. No message towards the host ever carries a card or account
 * number or a CVC: the frame sends brand, completeness and errors only.
 *
 * No DOM types (the hello's `MessagePort` travels in the event, not in a message); nothing
 * from the rest of Tessera but the domain vocabulary.
 */
import {
  TOKEN_TYPES,
  type CardBrand,
  type ClientErrorType,
  type StripeErrorType,
  type TokenType,
} from '../domain/index.js';
import type { Appearance } from './appearance.js';
import { SUPPORTED_LOCALES, type Locale } from './locales.js';
import type { ElementStyle } from './style.js';

/** Bumped on any incompatible change; both sides drop messages of another version. */
export const PROTOCOL_VERSION = 1;

/** Marks Tessera's window messages among whatever else a page posts. */
export const PROTOCOL_NAMESPACE = 'tessera';

/** What an iframe shows. The controller shows nothing: it posts data-only tokens. */
export type ElementType =
  'card' | 'cardNumber' | 'cardExpiry' | 'cardCvc' | 'bankAccount' | 'controller';

/** Every element type, for guards. */
export const ELEMENT_TYPES: readonly ElementType[] = [
  'card',
  'cardNumber',
  'cardExpiry',
  'cardCvc',
  'bankAccount',
  'controller',
];

/** Token types the browser API creates: every type of the Tokens API. */
export type TokenKind = TokenType;

/** Options the host may set on an element (all non-sensitive). */
export interface ElementOptions {
  /** Placeholder text per field, or for the single input of a split element. */
  placeholder?: string;
  disabled?: boolean;
  /** Hides the postal code input of the combined card element. */
  hidePostalCode?: boolean;
  /** Initial non-sensitive values. */
  value?: { postalCode?: string };
  /**
   * Merchant styling as given (plain data), in Stripe's Appearance shape and in the older
   * `style` shape: the frame reduces both to the allowlist and answers with a `warning` naming
   * what it dropped.
   */
  appearance?: Appearance;
  style?: ElementStyle;
  /** BCP 47 language tag for labels and messages (`auto`: the browser's). */
  locale?: string;
  /** Text direction of the fields' layout (the number, expiry and CVC stay left to right). */
  dir?: 'ltr' | 'rtl';
  /** The merchant's own wording of messages, by code (`incomplete_number`, …). */
  messages?: Record<string, string>;
  /**
   * The text colour the host element inherits (a CSS colour): labels and errors outside the
   * inputs are drawn on the host page, so they follow it as a native label would.
   */
  hostColor?: string;
}

/** What the frame tells the host in the host's language: its own words come from the frame. */
export const HOST_STRING_KEYS = [
  'title',
  'prompt',
  'frame_not_ready',
  'frame_timeout',
  'frame_no_token',
  'element_removed',
  'element_not_mounted',
] as const;

/**
 * The words the host shows or reports for an element, in its language: the iframe's title,
 * the form-validation prompt while the element is incomplete, and the client's errors.
 */
export type HostStrings = Readonly<Record<(typeof HOST_STRING_KEYS)[number], string>>;

/** Configuration sent once, right after the handshake. */
export interface FrameConfig {
  publishableKey: string;
  elementType: ElementType;
  options: ElementOptions;
}

/** An error as it crosses the boundary: data, never a thrown object. Stripe's shape. */
export interface ProtocolError {
  type: StripeErrorType | ClientErrorType;
  code?: string;
  param?: string;
  message: string;
  decline_code?: string;
  doc_url?: string;
}

/** State of an element as the host may know it: never a digit of the values. */
export interface ChangeDetail {
  elementType: ElementType;
  empty: boolean;
  complete: boolean;
  brand?: CardBrand;
  error?: { type: 'validation_error'; code: string; message: string };
  /** Non-sensitive values (Stripe reports the postal code). */
  value?: { postalCode?: string };
}

/** Host → frame, once, through `window.postMessage` with `ports: [port]`. */
export interface HelloMessage {
  ns: typeof PROTOCOL_NAMESPACE;
  version: number;
  type: 'hello';
}

/** Host → frame over the port. */
export type HostMessage =
  | { version: number; type: 'configure'; config: FrameConfig }
  | { version: number; type: 'update'; options: ElementOptions }
  | { version: number; type: 'focus' }
  | { version: number; type: 'blur' }
  | { version: number; type: 'clear' }
  | {
      version: number;
      type: 'tokenize';
      id: string;
      kind: TokenKind;
      /** Non-card data: cardholder name and address, or pii/account parameters. */
      data: Record<string, unknown>;
    };

/** Frame → host over the port. */
export type FrameMessage =
  | { version: number; type: 'ready' }
  | { version: number; type: 'change'; detail: ChangeDetail }
  | { version: number; type: 'focus' }
  | { version: number; type: 'blur' }
  | { version: number; type: 'escape' }
  | { version: number; type: 'resize'; height: number }
  /** The language the frame speaks now, and the host's words in it (before `ready`, on change). */
  | { version: number; type: 'locale'; locale: Locale; strings: HostStrings }
  /** What the frame dropped from the host's options (styles outside the allowlist), in words. */
  | { version: number; type: 'warning'; messages: string[] }
  /**
   * The frame will not serve this page: its origin is not among the key's allowed origins, or
   * the vault does not know the key. Nothing else follows: no field, no token.
   */
  | { version: number; type: 'refused'; error: ProtocolError }
  | {
      version: number;
      type: 'tokenized';
      id: string;
      /** Stripe's token object (no numbers: the server never returns them). */
      token?: Record<string, unknown>;
      error?: ProtocolError;
    };

/** The most warnings one message carries (a style can drop many keys; the rest are cut). */
export const MAX_WARNINGS = 50;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown, max = 5000): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** A record of at most `max` strings of at most `length` characters each. */
function isStringRecord(value: unknown, max: number, length: number): boolean {
  if (!isRecord(value)) return false;
  const entries = Object.values(value);
  return entries.length <= max && entries.every((entry) => isString(entry, length));
}

function isOptions(value: unknown): value is ElementOptions {
  if (!isRecord(value)) return false;
  const { placeholder, disabled, hidePostalCode, locale, style, appearance, dir } = value;
  const postal = isRecord(value.value) ? value.value.postalCode : undefined;
  return (
    (placeholder === undefined || isString(placeholder, 200)) &&
    (disabled === undefined || typeof disabled === 'boolean') &&
    (hidePostalCode === undefined || typeof hidePostalCode === 'boolean') &&
    (locale === undefined || isString(locale, 35)) &&
    (value.value === undefined || isRecord(value.value)) &&
    (postal === undefined || isString(postal, 20)) &&
    (style === undefined || isRecord(style)) &&
    (appearance === undefined || isRecord(appearance)) &&
    (dir === undefined || dir === 'ltr' || dir === 'rtl') &&
    (value.messages === undefined || isStringRecord(value.messages, 100, 500)) &&
    (value.hostColor === undefined || isString(value.hostColor, 100))
  );
}

function isError(value: unknown): value is ProtocolError {
  return isRecord(value) && isString(value.type, 50) && isString(value.message);
}

/** True for the one window message the frame accepts: the host's hello. */
export function isHelloMessage(data: unknown): data is HelloMessage {
  return (
    isRecord(data) &&
    data.ns === PROTOCOL_NAMESPACE &&
    data.version === PROTOCOL_VERSION &&
    data.type === 'hello'
  );
}

/** Checks a message arriving at the frame over the port. */
export function isHostMessage(data: unknown): data is HostMessage {
  if (!isRecord(data) || data.version !== PROTOCOL_VERSION) return false;
  switch (data.type) {
    case 'configure': {
      const config = data.config;
      return (
        isRecord(config) &&
        isString(config.publishableKey, 200) &&
        ELEMENT_TYPES.includes(config.elementType as ElementType) &&
        isOptions(config.options)
      );
    }
    case 'update':
      return isOptions(data.options);
    case 'focus':
    case 'blur':
    case 'clear':
      return true;
    case 'tokenize':
      return (
        isString(data.id, 100) &&
        (TOKEN_TYPES as readonly unknown[]).includes(data.kind) &&
        isRecord(data.data)
      );
    default:
      return false;
  }
}

/** Checks a message arriving at the host over the port. */
export function isFrameMessage(data: unknown): data is FrameMessage {
  if (!isRecord(data) || data.version !== PROTOCOL_VERSION) return false;
  switch (data.type) {
    case 'ready':
    case 'focus':
    case 'blur':
    case 'escape':
      return true;
    case 'resize':
      return typeof data.height === 'number' && Number.isFinite(data.height) && data.height >= 0;
    case 'locale':
      return (
        (SUPPORTED_LOCALES as readonly unknown[]).includes(data.locale) &&
        isStringRecord(data.strings, HOST_STRING_KEYS.length, 500) &&
        HOST_STRING_KEYS.every((key) =>
          isString((data.strings as Record<string, unknown>)[key], 500),
        )
      );
    case 'warning':
      return (
        Array.isArray(data.messages) &&
        data.messages.length <= MAX_WARNINGS &&
        data.messages.every((message) => isString(message, 500))
      );
    case 'change': {
      const detail = data.detail;
      return (
        isRecord(detail) &&
        ELEMENT_TYPES.includes(detail.elementType as ElementType) &&
        typeof detail.empty === 'boolean' &&
        typeof detail.complete === 'boolean' &&
        (detail.brand === undefined || isString(detail.brand, 20)) &&
        (detail.error === undefined ||
          (isRecord(detail.error) &&
            isString(detail.error.code, 100) &&
            isString(detail.error.message, 500)))
      );
    }
    case 'tokenized':
      return (
        isString(data.id, 100) &&
        (data.token === undefined || isRecord(data.token)) &&
        (data.error === undefined || isError(data.error))
      );
    case 'refused':
      return isError(data.error);
    default:
      return false;
  }
}
