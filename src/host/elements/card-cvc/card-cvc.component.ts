import type { ElementType, TokenKind } from '../../../protocol/index.js';
import { TesseraFieldElement } from '../../field-element.js';

/**
 * The CVC of split fields, or alone for CVC re-collection (cvc_update tokens).
 *
 * @summary The CVC of split fields, or alone for CVC re-collection (cvc_update tokens).
 * @tag tessera-card-cvc
 */
export class TesseraCardCvcElement extends TesseraFieldElement {
  readonly elementType: ElementType = 'cardCvc';
  readonly submitKind: TokenKind = 'cvc_update';
}
