/**
 * `tessera/react` in Node (the `node` export condition), for server rendering: the same
 * exports as the browser entry, without the elements or Lit (Lit's Node build defines
 * `globalThis.customElements` when imported), and touching neither `window`, `document` nor
 * `customElements`. Each component renders its tag with what the browser's renders on the
 * client (its attributes, `class`, `style`, and the height the element will take), so that
 * hydration finds the same markup; the elements come to life when the browser entry defines them.
 */
import { createElement, forwardRef, type ReactElement } from 'react';
import type { TesseraBankAccountElement } from '../host/elements/bank-account/bank-account.component.js';
import type { TesseraCardCvcElement } from '../host/elements/card-cvc/card-cvc.component.js';
import type { TesseraCardExpiryElement } from '../host/elements/card-expiry/card-expiry.component.js';
import type { TesseraCardNumberElement } from '../host/elements/card-number/card-number.component.js';
import type { TesseraCardElement } from '../host/elements/card/card.component.js';
import type { TesseraFieldElement } from '../host/field-element.js';
import type { ElementType } from '../protocol/index.js';
import { failedCreateToken, TesseraContext, type ProviderValue } from './context.js';
import { CARD_PROPERTIES, FIELD_PROPERTIES } from '../host/field-options.js';
import { componentName, EVENT_PROPS, useElementProps } from './element-props.js';
import type {
  TesseraCardProps,
  TesseraComponent,
  TesseraElementProps,
  TesseraProviderProps,
} from './types.js';

export { useTessera } from './context.js';
export type * from './types.js';

/**
 * The props the browser's components set on the element as properties and listeners rather
 * than render (the host's own lists, so they cannot fall behind the elements). The host
 * element's own HTML attributes (`id`, `hidden`, `tabIndex`, …), which Lit's wrapper sets as
 * properties too, are rendered here: the element ends up with the same attributes, and has
 * them before the scripts run (a `<label for>` or an `#id` rule finds it).
 */
const ELEMENT_PROPS: ReadonlySet<string> = new Set([
  ...FIELD_PROPERTIES,
  ...CARD_PROPERTIES,
  ...Object.keys(EVENT_PROPS),
]);

/** The markup of one element: its tag with its HTML attributes, as the browser's renders it. */
function component<E extends TesseraFieldElement, Props>(
  tagName: string,
  type: ElementType,
): TesseraComponent<E, Props> {
  const Component = forwardRef<E, Props>((props, _ref) => {
    const attributes: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(useElementProps(type, props as object))) {
      // React renders `className` of a custom element as is: Lit's wrapper passes `class`.
      if (!ELEMENT_PROPS.has(key)) {
        attributes[key === 'className' ? 'class' : key] = value;
      }
    }
    return createElement(tagName, attributes);
  });
  Component.displayName = componentName(tagName);
  return Component as TesseraComponent<E, Props>;
}

/** What a provider holds on the server: no instance (it is made in the browser). */
const SERVER_VALUE: Omit<ProviderValue, 'appearance'> = {
  tessera: null,
  createToken: failedCreateToken({
    type: 'invalid_request_error',
    code: 'server_rendering',
    message: 'createToken runs in the browser, not while rendering on the server.',
  }),
  element: {},
};

/** `<TesseraProvider>` on the server: its options' appearance decides the reserved heights. */
export function TesseraProvider({ options, children }: TesseraProviderProps): ReactElement {
  const value: ProviderValue = { ...SERVER_VALUE, appearance: options?.appearance };
  return createElement(TesseraContext.Provider, { value }, children);
}

/** `<tessera-card>`: number, expiry, CVC and postal code in one frame. */
export const TesseraCard = /* @__PURE__ */ component<TesseraCardElement, TesseraCardProps>(
  'tessera-card',
  'card',
);
/** `<tessera-card-number>`: the number of split fields (tokenize with this one). */
export const TesseraCardNumber = /* @__PURE__ */ component<
  TesseraCardNumberElement,
  TesseraElementProps<TesseraCardNumberElement>
>('tessera-card-number', 'cardNumber');
/** `<tessera-card-expiry>`: the expiry date of split fields. */
export const TesseraCardExpiry = /* @__PURE__ */ component<
  TesseraCardExpiryElement,
  TesseraElementProps<TesseraCardExpiryElement>
>('tessera-card-expiry', 'cardExpiry');
/** `<tessera-card-cvc>`: the CVC of split fields, or alone for `createToken('cvc_update', …)`. */
export const TesseraCardCvc = /* @__PURE__ */ component<
  TesseraCardCvcElement,
  TesseraElementProps<TesseraCardCvcElement>
>('tessera-card-cvc', 'cardCvc');
/** `<tessera-bank-account>`: a US bank account, for `createToken('bank_account', …)`. */
export const TesseraBankAccount = /* @__PURE__ */ component<
  TesseraBankAccountElement,
  TesseraElementProps<TesseraBankAccountElement>
>('tessera-bank-account', 'bankAccount');
