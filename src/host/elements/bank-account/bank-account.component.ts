import type { ElementType, TokenKind } from '../../../protocol/index.js';
import { TesseraFieldElement } from '../../field-element.js';

/**
 * US bank account: routing number, account number, account holder name and type.
 *
 * @summary US bank account: routing number, account number, account holder name and type.
 * @tag tessera-bank-account
 */
export class TesseraBankAccountElement extends TesseraFieldElement {
  readonly elementType: ElementType = 'bankAccount';
  readonly submitKind: TokenKind = 'bank_account';
}
