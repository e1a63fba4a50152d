import { TesseraCardElement } from './card.component.js';

export { TesseraCardElement };

if (!customElements.get('tessera-card')) customElements.define('tessera-card', TesseraCardElement);

declare global {
  interface HTMLElementTagNameMap {
    'tessera-card': TesseraCardElement;
  }
}
