// Defines <tessera-card> and the other elements before Vue renders any of them.
import { Tessera } from 'tessera';
// The elements' props and events in templates, for vue-tsc and the Vue language tools.
import type {} from 'tessera/vue';
import { createApp } from 'vue';
import App from './App.vue';
import { tesseraKey } from './tessera.js';

/** Where this page's vault is, and its publishable key (served by the example's server). */
interface Config {
  vaultOrigin: string;
  publishableKey: string;
}

const config = (await (await fetch('/config.json')).json()) as Config;
const tessera = Tessera(config.publishableKey, { origin: config.vaultOrigin });

createApp(App).provide(tesseraKey, tessera).mount('#app');
