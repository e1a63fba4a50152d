import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

/** The package's runtime dependencies, `tessera` among them: Node loads them, nothing is bundled. */
const dependencies = Object.keys(
  (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { dependencies: object })
    .dependencies,
);

/**
 * `npm run build` in `server/`: the token server and the `tessera` command as one ES module for
 * Node (`dist/cli.js`, the package's bin). Dependencies stay imports, so the validators come from
 * the installed `tessera/validation`, the same release whose frame and script tag it serves.
 */
export default defineConfig({
  publicDir: false,
  build: {
    ssr: resolve(root, 'src/cli.ts'),
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      external: (id) =>
        id.startsWith('node:') ||
        dependencies.some((name) => id === name || id.startsWith(`${name}/`)),
      output: { entryFileNames: 'cli.js' },
    },
  },
});
