/**
 * The script-tag bundle's entry (`dist/tessera.js`, served at `/v1/tessera.js`): defines the
 * elements and sets `window.Tessera`, the factory, as Stripe.js sets `window.Stripe`. The vault
 * origin defaults to the origin this script was loaded from.
 */
import { Tessera } from './host/index.js';

declare global {
  interface Window {
    /** `Tessera('pk_…')`: set by the script-tag bundle. */
    Tessera: typeof Tessera;
  }
}

window.Tessera = Tessera;
