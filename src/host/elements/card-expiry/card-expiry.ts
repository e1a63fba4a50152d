import { TesseraCardExpiryElement } from './card-expiry.component.js';

export { TesseraCardExpiryElement };

if (!customElements.get('tessera-card-expiry'))
  customElements.define('tessera-card-expiry', TesseraCardExpiryElement);

declare global {
  interface HTMLElementTagNameMap {
    'tessera-card-expiry': TesseraCardExpiryElement;
  }
}
