/** The merchant-page side: the Tessera client, the elements and their events. */
export { Tessera, TesseraClient, IntegrationError } from './tessera.js';
export type {
  TesseraOptions,
  CardTokenData,
  BankAccountTokenData,
  PiiTokenData,
  AccountTokenData,
  TesseraUpdate,
} from './tessera.js';
export type { Token, TokenResult } from './frame-connection.js';
export { TesseraFieldElement } from './field-element.js';
export type { CardProperty, FieldOptions, FieldProperty } from './field-options.js';
export { TesseraCardElement } from './elements/card/card.js';
export type { CardOptions } from './elements/card/card.component.js';
export { TesseraCardNumberElement } from './elements/card-number/card-number.js';
export { TesseraCardExpiryElement } from './elements/card-expiry/card-expiry.js';
export { TesseraCardCvcElement } from './elements/card-cvc/card-cvc.js';
export { TesseraBankAccountElement } from './elements/bank-account/bank-account.js';
export * from './events.js';
export type {
  Appearance,
  ChangeDetail,
  ElementOptions,
  ElementStyle,
  ProtocolError,
} from '../protocol/index.js';
