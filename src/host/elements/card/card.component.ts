import type { ElementType, TokenKind } from '../../../protocol/index.js';
import { TesseraFieldElement } from '../../field-element.js';
import { property } from 'lit/decorators.js';
import type { ElementOptions } from '../../../protocol/index.js';

/**
 * Card number, expiry date, CVC and postal code in one secure frame on the vault origin.
 *
 * @summary Card number, expiry date, CVC and postal code in one secure frame on the vault origin.
 * @tag tessera-card
 */
export class TesseraCardElement extends TesseraFieldElement {
  readonly elementType: ElementType = 'card';
  readonly submitKind: TokenKind = 'card';
  readonly incompleteMessage = 'Enter your card details.';

  /** Hides the postal code input. */
  @property({ type: Boolean, attribute: 'hide-postal-code' }) hidePostalCode = false;
  /** Initial postal code (not sensitive). */
  @property({ attribute: 'postal-code' }) postalCode?: string;

  protected override options(): ElementOptions {
    return {
      ...super.options(),
      hidePostalCode: this.hidePostalCode,
      ...(this.postalCode === undefined ? {} : { value: { postalCode: this.postalCode } }),
    };
  }

  protected override applyOptions(options: ElementOptions): void {
    super.applyOptions(options);
    if (options.hidePostalCode !== undefined) this.hidePostalCode = options.hidePostalCode;
    if (options.value?.postalCode !== undefined) this.postalCode = options.value.postalCode;
  }
}
