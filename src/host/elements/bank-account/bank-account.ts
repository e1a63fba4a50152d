import { TesseraBankAccountElement } from './bank-account.component.js';

export { TesseraBankAccountElement };

if (!customElements.get('tessera-bank-account'))
  customElements.define('tessera-bank-account', TesseraBankAccountElement);

declare global {
  interface HTMLElementTagNameMap {
    'tessera-bank-account': TesseraBankAccountElement;
  }
}
