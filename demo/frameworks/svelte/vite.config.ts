import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

/** The Svelte example: a single page, built by `test/e2e/svelte.test.ts` against the packed `tessera`. */
export default defineConfig({
  plugins: [svelte()],
});
