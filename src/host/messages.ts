/**
 * What the elements say on the merchant's page. The shopper's words come from the frame: once
 * it is up it sends the element's iframe title, form-validation prompt and the client's
 * connection errors in the element's language (`locale` message), with the merchant's
 * `messages` laid over them. Before that, and when it never comes, the page holds one message in
 * every language itself ({@link LOAD_FAILURE_MESSAGES}: the form could not load) and English
 * titles and prompts. Set-up errors for the developer are English. Kept short: they ship in the
 * script tag.
 */
import type { ClientErrorType } from '../domain/index.js';
import type { ElementType, HostStrings, Locale, ProtocolError } from '../protocol/index.js';
import { LOAD_FAILURE_MESSAGES } from './load-failure.js';

/** Errors of the element's set-up, for its developer. */
export type IntegrationMessageCode = 'publishable_key_missing';

/** The connection errors the client reports itself. */
export type ClientMessageCode =
  | 'frame_load_timeout'
  | 'frame_not_ready'
  | 'frame_timeout'
  | 'frame_no_token'
  | 'element_removed'
  | 'element_not_mounted';

/** What an element or the client knows to say, in its language. */
export interface HostWords {
  /** The language asked for, resolved. */
  readonly locale: Locale;
  /** The frame's words for the element, once the frame sent them. */
  readonly strings: HostStrings | null;
  /** The merchant's `messages` option (only `frame_load_timeout` is said by the page itself). */
  readonly messages?: Readonly<Record<string, string>> | undefined;
}

/** English titles and prompts until the frame sends the element's own (`en` catalogue). */
const ENGLISH: Readonly<Record<ElementType, readonly [title: string, prompt: string]>> = {
  card: ['Card payment', 'Enter your card details.'],
  cardNumber: ['Card number', 'Enter your card number.'],
  cardExpiry: ['Card expiration date', "Enter your card's expiration date."],
  cardCvc: ['Card security code', "Enter your card's security code."],
  bankAccount: ['Bank account', 'Enter your bank account details.'],
  controller: ['Payment connection', 'Enter your card details.'],
};

/**
 * Said to the developer who set the element up (as Stripe.js's integration errors are):
 * English, with what to change.
 */
const INTEGRATION_MESSAGES: Readonly<Record<IntegrationMessageCode, string>> = {
  publishable_key_missing:
    'This Tessera element has no publishable key: set its publishable-key attribute or its tessera property.',
};

/** That the form could not load, in the words' language (or the merchant's own words). */
export function loadFailureMessage(words: HostWords): string {
  const own = words.messages?.frame_load_timeout;
  return typeof own === 'string' && own !== '' ? own : LOAD_FAILURE_MESSAGES[words.locale];
}

/** A connection error in Stripe's shape: the frame's words when it sent them, else the page's. */
export function clientError(
  type: ClientErrorType,
  code: ClientMessageCode,
  words: HostWords,
): ProtocolError {
  const said = code === 'frame_load_timeout' ? undefined : words.strings?.[code];
  return { type, code, message: said ?? loadFailureMessage(words) };
}

/** An element's iframe title and form prompt: the frame's, else English. */
export function elementWords(
  type: ElementType,
  words: HostWords,
): { title: string; prompt: string } {
  const [title, prompt] = ENGLISH[type];
  return { title: words.strings?.title ?? title, prompt: words.strings?.prompt ?? prompt };
}

/** A set-up error in Stripe's shape (`invalid_request_error`), for the element's developer. */
export function integrationError(code: IntegrationMessageCode): ProtocolError {
  return { type: 'invalid_request_error', code, message: INTEGRATION_MESSAGES[code] };
}
