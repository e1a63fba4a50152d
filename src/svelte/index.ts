/**
 * `tessera/svelte`: the elements in Svelte 5 templates, typed. Importing it (`import
 * 'tessera/svelte'`, or `/// <reference types="tessera/svelte" />` in `src/app.d.ts`) adds the
 * five tags to Svelte's `SvelteHTMLElements`: their attributes, their object properties and
 * `ontessera-change`-style event attributes, each handler getting the element's own event class.
 * It defines nothing at run time (its module is empty): `import 'tessera'` does, and must run
 * before a component renders an element, so that Svelte finds the element's properties and
 * sets `appearance={…}` or `disabled={false}` as properties rather than as attributes.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type {
  Appearance,
  ElementStyle,
  TesseraBankAccountElement,
  TesseraBlurEvent,
  TesseraCardCvcElement,
  TesseraCardElement,
  TesseraCardExpiryElement,
  TesseraCardNumberElement,
  TesseraChangeEvent,
  TesseraClient,
  TesseraEscapeEvent,
  TesseraFieldElement,
  TesseraFocusEvent,
  TesseraLoadErrorEvent,
  TesseraReadyEvent,
} from '../host/index.js';

/** A Tessera event attribute's handler, as Svelte types its own: `currentTarget` is the element. */
export type TesseraEventHandler<E extends Event, T extends EventTarget> = (
  event: E & { currentTarget: EventTarget & T },
) => unknown;

/**
 * What every Tessera element takes in a Svelte template: attributes by their HTML names
 * (`publishable-key`, `load-timeout`), the properties that have no attribute by their property
 * names (`tessera`, `appearance`, `messages`, `fieldStyle`), and the events as `ontessera-*`.
 */
export interface TesseraElementAttributes<T extends TesseraFieldElement> extends HTMLAttributes<T> {
  /** Publishable key, when no `tessera` instance is given. */
  'publishable-key'?: string | undefined | null;
  /** Vault origin, when no `tessera` instance is given. */
  'vault-origin'?: string | undefined | null;
  /** The Tessera instance this element belongs to (wins over the key attributes). */
  tessera?: TesseraClient | undefined | null;
  /** Form field name: the form submits `name=tok_…`. */
  name?: string | undefined | null;
  /** Disables input; a disabled element does not hold up its form. */
  disabled?: boolean | undefined | null;
  /** `auto` (the browser's languages) or a BCP 47 tag (`fr`, `pt-BR`). */
  locale?: string | undefined | null;
  /** Stripe's theme for the element; `appearance.theme` wins over it. */
  theme?: 'stripe' | 'night' | 'flat' | undefined | null;
  /** Stripe's Appearance API, over the instance's. */
  appearance?: Appearance | undefined | null;
  /** Your own wording of messages, by code. */
  messages?: Record<string, string> | undefined | null;
  /** Styling in Stripe's older shape: `{ base, complete, empty, invalid }`. */
  fieldStyle?: ElementStyle | undefined | null;
  /** The iframe's accessible name, instead of the localised one. */
  'frame-title'?: string | undefined | null;
  /** How long the frame may take to load before `tessera-loaderror` (ms). */
  'load-timeout'?: number | undefined | null;

  /** The frame is loaded and accepts input. */
  'ontessera-ready'?: TesseraEventHandler<TesseraReadyEvent, T> | undefined | null;
  /** Completeness, brand or error changed (never digits). */
  'ontessera-change'?: TesseraEventHandler<TesseraChangeEvent, T> | undefined | null;
  /** A field in the frame gained focus. */
  'ontessera-focus'?: TesseraEventHandler<TesseraFocusEvent, T> | undefined | null;
  /** Focus left the frame. */
  'ontessera-blur'?: TesseraEventHandler<TesseraBlurEvent, T> | undefined | null;
  /** Escape was pressed in the frame. */
  'ontessera-escape'?: TesseraEventHandler<TesseraEscapeEvent, T> | undefined | null;
  /** No usable key, or the frame did not load or answer in time. */
  'ontessera-loaderror'?: TesseraEventHandler<TesseraLoadErrorEvent, T> | undefined | null;
}

/** `<tessera-card>` in a Svelte template: every element's attributes and the postal code's. */
export interface TesseraCardAttributes extends TesseraElementAttributes<TesseraCardElement> {
  /** Hides the postal code input. */
  'hide-postal-code'?: boolean | undefined | null;
  /** Initial postal code (not sensitive). */
  'postal-code'?: string | undefined | null;
}

declare module 'svelte/elements' {
  export interface SvelteHTMLElements {
    'tessera-card': TesseraCardAttributes;
    'tessera-card-number': TesseraElementAttributes<TesseraCardNumberElement>;
    'tessera-card-expiry': TesseraElementAttributes<TesseraCardExpiryElement>;
    'tessera-card-cvc': TesseraElementAttributes<TesseraCardCvcElement>;
    'tessera-bank-account': TesseraElementAttributes<TesseraBankAccountElement>;
  }
}
