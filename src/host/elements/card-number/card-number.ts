import { TesseraCardNumberElement } from './card-number.component.js';

export { TesseraCardNumberElement };

if (!customElements.get('tessera-card-number'))
  customElements.define('tessera-card-number', TesseraCardNumberElement);

declare global {
  interface HTMLElementTagNameMap {
    'tessera-card-number': TesseraCardNumberElement;
  }
}
