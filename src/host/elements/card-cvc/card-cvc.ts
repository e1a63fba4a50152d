import { TesseraCardCvcElement } from './card-cvc.component.js';

export { TesseraCardCvcElement };

if (!customElements.get('tessera-card-cvc'))
  customElements.define('tessera-card-cvc', TesseraCardCvcElement);

declare global {
  interface HTMLElementTagNameMap {
    'tessera-card-cvc': TesseraCardCvcElement;
  }
}
