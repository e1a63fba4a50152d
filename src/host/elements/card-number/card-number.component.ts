import type { ElementType, TokenKind } from '../../../protocol/index.js';
import { TesseraFieldElement } from '../../field-element.js';

/**
 * The card number of split fields; tokenizes for the group with the expiry and CVC elements of the same Tessera instance.
 *
 * @summary The card number of split fields; tokenizes for the group with the expiry and CVC elements of the same Tessera instance.
 * @tag tessera-card-number
 */
export class TesseraCardNumberElement extends TesseraFieldElement {
  readonly elementType: ElementType = 'cardNumber';
  readonly submitKind: TokenKind = 'card';
}
