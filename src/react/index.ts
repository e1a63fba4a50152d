/**
 * `tessera/react` in the browser: a React component for each Tessera element (built with
 * `@lit/react`'s `createComponent`: props become the element's properties, `on…` props its
 * typed events), `<TesseraProvider>` and `useTessera()`. Importing it defines the elements.
 * Node gets `./server.ts` instead (the `node` export condition), with the same exports.
 */
import { createComponent } from '@lit/react';
import * as React from 'react';
import { TesseraBankAccountElement } from '../host/elements/bank-account/bank-account.js';
import { TesseraCardCvcElement } from '../host/elements/card-cvc/card-cvc.js';
import { TesseraCardExpiryElement } from '../host/elements/card-expiry/card-expiry.js';
import { TesseraCardNumberElement } from '../host/elements/card-number/card-number.js';
import { TesseraCardElement } from '../host/elements/card/card.js';
import type { TesseraFieldElement } from '../host/field-element.js';
import type { ElementType } from '../protocol/index.js';
import { componentName, EVENT_PROPS, useElementProps } from './element-props.js';
import type { TesseraCardProps, TesseraComponent, TesseraElementProps } from './types.js';

export { TesseraProvider } from './provider.js';
export { useTessera } from './context.js';
export type * from './types.js';

/** The component of one element: Lit's wrapper, given the provider's instance. */
function component<E extends TesseraFieldElement, Props>(
  tagName: string,
  elementClass: new () => E,
  type: ElementType,
): TesseraComponent<E, Props> {
  // Typed by this package's own props (`Props`): Lit's would offer every member of the class.
  const Element: React.ElementType = createComponent({
    react: React,
    tagName,
    elementClass,
    events: EVENT_PROPS,
  });
  const Component = React.forwardRef<E, Props>((props, ref) =>
    React.createElement(Element, { ...useElementProps(type, props as object), ref }),
  );
  Component.displayName = componentName(tagName);
  return Component as TesseraComponent<E, Props>;
}

/** `<tessera-card>`: number, expiry, CVC and postal code in one frame. */
export const TesseraCard = /* @__PURE__ */ component<TesseraCardElement, TesseraCardProps>(
  'tessera-card',
  TesseraCardElement,
  'card',
);
/** `<tessera-card-number>`: the number of split fields (tokenize with this one). */
export const TesseraCardNumber = /* @__PURE__ */ component<
  TesseraCardNumberElement,
  TesseraElementProps<TesseraCardNumberElement>
>('tessera-card-number', TesseraCardNumberElement, 'cardNumber');
/** `<tessera-card-expiry>`: the expiry date of split fields. */
export const TesseraCardExpiry = /* @__PURE__ */ component<
  TesseraCardExpiryElement,
  TesseraElementProps<TesseraCardExpiryElement>
>('tessera-card-expiry', TesseraCardExpiryElement, 'cardExpiry');
/** `<tessera-card-cvc>`: the CVC of split fields, or alone for `createToken('cvc_update', …)`. */
export const TesseraCardCvc = /* @__PURE__ */ component<
  TesseraCardCvcElement,
  TesseraElementProps<TesseraCardCvcElement>
>('tessera-card-cvc', TesseraCardCvcElement, 'cardCvc');
/** `<tessera-bank-account>`: a US bank account, for `createToken('bank_account', …)`. */
export const TesseraBankAccount = /* @__PURE__ */ component<
  TesseraBankAccountElement,
  TesseraElementProps<TesseraBankAccountElement>
>('tessera-bank-account', TesseraBankAccountElement, 'bankAccount');
