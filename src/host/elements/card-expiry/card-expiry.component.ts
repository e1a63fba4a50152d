import type { ElementType, TokenKind } from '../../../protocol/index.js';
import { TesseraFieldElement } from '../../field-element.js';

/**
 * The expiry date of split fields.
 *
 * @summary The expiry date of split fields.
 * @tag tessera-card-expiry
 */
export class TesseraCardExpiryElement extends TesseraFieldElement {
  readonly elementType: ElementType = 'cardExpiry';
  readonly submitKind: TokenKind = 'card';
}
