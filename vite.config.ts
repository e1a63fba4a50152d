import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';

/**
 * Two builds, chosen by `--mode`:
 * - `frame`: the iframe documents and their scripts, served by the token server at `/v1/frame/`
 *   (`dist/frame/`);
 * - `server`: the server and CLI entry for Node (`dist/cli.js`, the package's `tessera` bin),
 *   dependencies left external.
 * `npm run build` runs both.
 */
const frame: UserConfig = {
  root: resolve(import.meta.dirname, 'src/frame'),
  base: '/v1/frame/',
  publicDir: false,
  build: {
    outDir: resolve(import.meta.dirname, 'dist/frame'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rollupOptions: { input: resolve(import.meta.dirname, 'src/frame/element.html') },
  },
};

const server: UserConfig = {
  publicDir: false,
  build: {
    ssr: 'src/cli.ts',
    outDir: 'dist',
    target: 'node20',
    sourcemap: true,
    emptyOutDir: false,
    rollupOptions: { output: { entryFileNames: 'cli.js' } },
  },
};

export default defineConfig(({ mode }) => (mode === 'frame' ? frame : server));
