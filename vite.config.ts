import { defineConfig } from 'vite';

/**
 * Builds the server and CLI entry for Node (`dist/cli.js`, the package's `tessera` bin).
 * Dependencies stay external: they are installed with the package.
 */
export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'src/cli.ts',
    outDir: 'dist',
    target: 'node20',
    sourcemap: true,
    emptyOutDir: true,
    rollupOptions: { output: { entryFileNames: 'cli.js' } },
  },
});
