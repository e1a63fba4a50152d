/**
 * The types `tessera/react` exports, shared by its browser and server entries (both answer to
 * the same declarations): the components' props, typed from the elements' own properties and
 * event classes, the provider's props and what `useTessera()` returns. Also the JSX typings of
 * the bare tags, for React 19 applications that use the elements without the components.
 */
import type {
  DetailedHTMLProps,
  ForwardRefExoticComponent,
  HTMLAttributes,
  ReactNode,
  RefAttributes,
} from 'react';
import type { TesseraBankAccountElement } from '../host/elements/bank-account/bank-account.component.js';
import type { TesseraCardElement } from '../host/elements/card/card.component.js';
import type { TesseraCardCvcElement } from '../host/elements/card-cvc/card-cvc.component.js';
import type { TesseraCardExpiryElement } from '../host/elements/card-expiry/card-expiry.component.js';
import type { TesseraCardNumberElement } from '../host/elements/card-number/card-number.component.js';
import type {
  TesseraBlurEvent,
  TesseraChangeEvent,
  TesseraEscapeEvent,
  TesseraFocusEvent,
  TesseraLoadErrorEvent,
  TesseraReadyEvent,
} from '../host/events.js';
import type { TesseraFieldElement } from '../host/field-element.js';
import type { CardProperty, FieldProperty } from '../host/field-options.js';
import type { TokenResult } from '../host/frame-connection.js';
import type { TesseraClient, TesseraOptions } from '../host/tessera.js';

export type { CardProperty, FieldProperty };

/** The elements' events as props: each gets the element's own typed event. */
export interface TesseraEventProps {
  /** `tessera-ready`: the frame is loaded and accepts input. */
  onReady?: ((event: TesseraReadyEvent) => void) | undefined;
  /** `tessera-change`: completeness, brand or error changed (`event.detail`, never digits). */
  onChange?: ((event: TesseraChangeEvent) => void) | undefined;
  /** `tessera-focus`: a field in the frame gained focus. */
  onFocus?: ((event: TesseraFocusEvent) => void) | undefined;
  /** `tessera-blur`: focus left the frame. */
  onBlur?: ((event: TesseraBlurEvent) => void) | undefined;
  /** `tessera-escape`: Escape was pressed in the frame. */
  onEscape?: ((event: TesseraEscapeEvent) => void) | undefined;
  /** `tessera-loaderror`: no usable key, or the frame did not load or answer in time. */
  onLoadError?: ((event: TesseraLoadErrorEvent) => void) | undefined;
}

/**
 * The props of a component for the element `E`: the element's properties (`P` adds its own to
 * every element's), its events, and the host element's HTML attributes (`id`, `className`,
 * `style`, `aria-*`, …). Inside a {@link TesseraProviderProps provider}, the element belongs
 * to the provider's instance.
 */
export type TesseraElementProps<E extends TesseraFieldElement, P extends keyof E = never> = Omit<
  HTMLAttributes<E>,
  keyof TesseraEventProps | FieldProperty | P
> &
  Partial<Pick<E, FieldProperty | P>> &
  TesseraEventProps;

/** The props of `<TesseraCard>`. */
export type TesseraCardProps = TesseraElementProps<TesseraCardElement, CardProperty>;

/** A component of `tessera/react`: its ref is the element (for `createToken(ref.current)`). */
export type TesseraComponent<E extends TesseraFieldElement, Props> = ForwardRefExoticComponent<
  Props & RefAttributes<E>
>;

/** The props of `<TesseraProvider>`. */
export interface TesseraProviderProps {
  /** The publishable key (`pk_test_…`, `pk_live_…`). */
  publishableKey: string;
  /**
   * `Tessera(publishableKey, options)`'s options. A new but equal object changes nothing; a
   * changed `locale`, `appearance`, `messages` or `dir` updates the elements in place (the
   * instance's `update()`); a changed `origin` or key makes a new instance.
   */
  options?: TesseraOptions | undefined;
  children?: ReactNode;
}

/** `createToken` of the provider's instance: resolves with `{ token }` or `{ error }`, never rejects. */
export type CreateToken = TesseraClient['createToken'];

/** What {@link useTessera} returns. */
export interface TesseraContextValue {
  /** The provider's instance; `null` during server rendering, outside a provider, or for a bad key. */
  tessera: TesseraClient | null;
  /**
   * The instance's `createToken`, the same function for as long as the instance lives. Set-up
   * mistakes resolve as `{ error }` too (`publishable_key_invalid`, …), never throw.
   */
  createToken: CreateToken;
}

/** The events of every element as React 19 props on the bare tags (`on` + the event's name). */
export interface TesseraTagEventProps {
  'ontessera-ready'?: ((event: TesseraReadyEvent) => void) | undefined;
  'ontessera-change'?: ((event: TesseraChangeEvent) => void) | undefined;
  'ontessera-focus'?: ((event: TesseraFocusEvent) => void) | undefined;
  'ontessera-blur'?: ((event: TesseraBlurEvent) => void) | undefined;
  'ontessera-escape'?: ((event: TesseraEscapeEvent) => void) | undefined;
  'ontessera-loaderror'?: ((event: TesseraLoadErrorEvent) => void) | undefined;
}

/** The attributes every element reads (the properties' attribute names). */
interface TesseraTagAttributes {
  'publishable-key'?: string | undefined;
  'vault-origin'?: string | undefined;
  'frame-title'?: string | undefined;
  'load-timeout'?: number | string | undefined;
}

/** A bare tag in JSX: attributes, properties (React 19 sets them) and `ontessera-*` events. */
export type TesseraTagProps<E extends TesseraFieldElement, P extends keyof E = never> = Omit<
  DetailedHTMLProps<HTMLAttributes<E>, E>,
  FieldProperty | P
> &
  Partial<Pick<E, FieldProperty | P>> &
  TesseraTagAttributes &
  TesseraTagEventProps;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX lives in a namespace.
  namespace JSX {
    interface IntrinsicElements {
      'tessera-card': TesseraTagProps<TesseraCardElement, CardProperty> & {
        'hide-postal-code'?: boolean | undefined;
        'postal-code'?: string | undefined;
      };
      'tessera-card-number': TesseraTagProps<TesseraCardNumberElement>;
      'tessera-card-expiry': TesseraTagProps<TesseraCardExpiryElement>;
      'tessera-card-cvc': TesseraTagProps<TesseraCardCvcElement>;
      'tessera-bank-account': TesseraTagProps<TesseraBankAccountElement>;
    }
  }
}

export type { TokenResult };
