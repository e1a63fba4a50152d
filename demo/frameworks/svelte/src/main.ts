// `tessera` defines <tessera-card> and the other elements. Imported here, before anything
// renders one, so that Svelte finds the elements' properties and sets `appearance={…}` or
// `disabled={false}` as properties, not as attributes.
import { Tessera, type TokenResult } from 'tessera';
// The elements' attributes and `ontessera-*` events in templates (an empty module at run time).
import 'tessera/svelte';
import { mount } from 'svelte';
import App from './App.svelte';

/** What the page is told at run time: where the vault is, and the shop's key. */
interface Config {
  vaultOrigin: string;
  publishableKey: string;
}

/** What `App.svelte` exports. */
interface Checkout {
  /** Asks the vault for a token of the card shown. */
  pay(): Promise<TokenResult>;
}

declare global {
  interface Window {
    /** The checkout's own code, for the end-to-end test to drive. */
    checkout: Checkout;
  }
}

const config = (await (await fetch('/config.json')).json()) as Config;
const tessera = Tessera(config.publishableKey, { origin: config.vaultOrigin });
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app');

// tsc sees `.svelte` files through Svelte's loose `*.svelte` declaration: it names the exports.
window.checkout = mount(App, { target, props: { tessera } }) as Checkout;
