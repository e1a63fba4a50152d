import { property } from '@lit/reactive-element/decorators.js';
import type { ElementOptions, ElementType, TokenKind } from '../../../protocol/index.js';
import { TesseraFieldElement } from '../../field-element.js';
import type { FieldOptions } from '../../field-options.js';

/** The card element's options: every element's, plus the postal code's. */
export interface CardOptions extends FieldOptions {
  hidePostalCode?: boolean;
  value?: { postalCode?: string };
}

/**
 * Card number, expiry date, CVC and postal code in one secure frame on the vault origin.
 *
 * @summary Card number, expiry date, CVC and postal code in one secure frame on the vault origin.
 * @tag tessera-card
 */
export class TesseraCardElement extends TesseraFieldElement {
  readonly elementType: ElementType = 'card';
  readonly submitKind: TokenKind = 'card';

  /** Hides the postal code input. */
  @property({ type: Boolean, attribute: 'hide-postal-code' }) hidePostalCode = false;
  /** Initial postal code (not sensitive). */
  @property({ attribute: 'postal-code' }) postalCode?: string;

  /** @internal The options the frame shows now, the postal code's too. */
  override frameOptions(): ElementOptions {
    return {
      ...super.frameOptions(),
      hidePostalCode: this.hidePostalCode,
      ...(this.postalCode === undefined ? {} : { value: { postalCode: this.postalCode } }),
    };
  }

  /** Changes options at run time, the postal code's too (Stripe's `element.update()`). */
  override updateOptions(options: CardOptions): void {
    super.updateOptions(options);
    if (options.hidePostalCode !== undefined) this.hidePostalCode = options.hidePostalCode;
    if (options.value?.postalCode !== undefined) this.postalCode = options.value.postalCode;
  }
}
