import type { TesseraClient } from 'tessera';
import type { InjectionKey } from 'vue';

/**
 * The app's one Tessera instance, provided by `main.ts`. `provide` passes it as it is; kept out
 * of `ref()` and `reactive()`, whose proxies its private fields do not work through.
 */
export const tesseraKey: InjectionKey<TesseraClient> = Symbol('tessera');
