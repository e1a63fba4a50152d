import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

const root = import.meta.dirname;

/**
 * The package's runtime dependencies, and the frameworks its integrations take as optional
 * peers: the npm build leaves them to the consumer's bundler.
 */
const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  dependencies: object;
  peerDependencies: object;
};
const dependencies = [
  ...Object.keys(manifest.dependencies),
  ...Object.keys(manifest.peerDependencies),
];
const external = (id: string): boolean =>
  dependencies.some((name) => id === name || id.startsWith(`${name}/`));

/**
 * Which of our source modules have side effects: the element definitions and the entries that
 * import them, and the frame's modules (its entry, and the component its decorator defines).
 * package.json's `sideEffects` names the published files for consumers' bundlers, and would
 * otherwise let these builds drop every source file it does not list; every other source module
 * is declared free of them, so what a bundle does not use (the protocol's allowlists in the
 * script tag, the validators' ISO tables in the frame) is left out. A transform result's
 * `moduleSideEffects` outranks package.json; other modules follow their own package.json.
 */
const sourceDir = resolve(root, 'src');
const SIDE_EFFECTS = [
  /\/src\/(index|script-tag)\.ts$/,
  /\/src\/host\/index\.ts$/,
  /\/src\/host\/elements\/[^/]+\/[^/.]+\.ts$/,
  /\/src\/frame\/(main|frame-app)\.ts$/,
];
const sourceSideEffects: Plugin = {
  name: 'tessera:source-side-effects',
  transform(_code, id) {
    if (!id.startsWith(sourceDir)) return null;
    return { moduleSideEffects: SIDE_EFFECTS.some((pattern) => pattern.test(id)) };
  },
};

/**
 * The browser package's three builds, chosen by `--mode` (the server's build is
 * `server/vite.config.ts`):
 * - `frame`: the iframe documents and their scripts, served by the token server at `/v1/frame/`
 *   (`dist/frame/`);
 * - `script`: the script-tag bundle (`dist/tessera.js`, served at `/v1/tessera.js`): one
 *   minified IIFE with Lit inside, which defines the elements and sets `window.Tessera`;
 * - `esm`: the npm entries (`dist/esm/index.js`, and `dist/esm/validation/index.js` for
 *   `tessera/validation`), one file per source module so the `sideEffects` list of package.json
 *   can name the element definitions, dependencies such as Lit left external so an app that
 *   uses Lit loads it once.
 * `npm run build:browser` runs all three, then the type declarations and `custom-elements.json`.
 */
const frame: UserConfig = {
  root: resolve(root, 'src/frame'),
  base: '/v1/frame/',
  publicDir: false,
  build: {
    outDir: resolve(root, 'dist/frame'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // `.vite/manifest.json`: which file each chunk is, so the vault can name a frame's language
    // and styling chunks in its document for the browser to preload.
    manifest: true,
    rollupOptions: {
      input: resolve(root, 'src/frame/element.html'),
      // V8's explicit compile hint (Chrome 136+): compile every function of the frame script
      // while it streams in, off the main thread, instead of lazily during the first render
      // (measured: mount → ready about 0.1× of a bare iframe faster; see README, Figures).
      output: { postBanner: '//# allFunctionsCalledOnLoad' },
    },
  },
};

const script: UserConfig = {
  publicDir: false,
  // Lib mode leaves `process.env.NODE_ENV` for the consumer; a script tag has no consumer.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    // No source map: the route serves this one file, and a map URL in it would 404.
    sourcemap: false,
    lib: {
      entry: resolve(root, 'src/script-tag.ts'),
      formats: ['iife'],
      name: 'TesseraScriptTag',
      fileName: () => 'tessera.js',
    },
  },
};

const esm: UserConfig = {
  publicDir: false,
  build: {
    outDir: 'dist/esm',
    emptyOutDir: true,
    target: 'es2022',
    // Left readable: the application's bundler minifies.
    minify: false,
    sourcemap: true,
    lib: {
      entry: {
        index: resolve(root, 'src/index.ts'),
        'validation/index': resolve(root, 'src/validation/index.ts'),
        'react/index': resolve(root, 'src/react/index.ts'),
        'react/server': resolve(root, 'src/react/server.ts'),
        'vue/index': resolve(root, 'src/vue/index.ts'),
        'svelte/index': resolve(root, 'src/svelte/index.ts'),
      },
      formats: ['es'],
    },
    rollupOptions: {
      external,
      output: {
        preserveModules: true,
        preserveModulesRoot: resolve(root, 'src'),
        // Compiler helpers (the decorator runtime) get a short, version-free path; a package
        // bundled in (@lit/react, into tessera/react) goes under vendor/: npm never packs a
        // folder named node_modules.
        entryFileNames: (chunk) =>
          chunk.name.startsWith('_virtual/')
            ? `_virtual/${chunk.name.split('/').pop() ?? 'helper'}.js`
            : chunk.name.includes('node_modules/')
              ? `vendor/${chunk.name.split('node_modules/').pop() ?? 'package'}.js`
              : '[name].js',
      },
    },
  },
};

const builds: Record<string, UserConfig> = { frame, script, esm };

export default defineConfig(({ mode }) => {
  const config = builds[mode];
  if (!config)
    throw new Error(`vite build --mode ${mode}: use one of ${Object.keys(builds).join(', ')}`);
  return { ...config, plugins: [sourceSideEffects] };
});
