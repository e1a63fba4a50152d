/**
 * `custom-elements.json` (`npm run build:manifest`): the elements' attributes, properties,
 * events, CSS custom properties and parts, read from the JSDoc of `src/host`. Written to the
 * package root at build time (git-ignored) and published with the package.
 */

/** `src/host/x.ts` → `dist/esm/host/x.js`: the manifest names the files the package ships. */
function publishedPath(path) {
  return path.replace(/^(\/?)src\/(.*)\.(?:ts|js)$/, '$1dist/esm/$2.js');
}

/** Rewrites every `path` and `module` reference of the manifest, at any depth. */
function rewriteModulePaths(node) {
  if (Array.isArray(node)) {
    node.forEach(rewriteModulePaths);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'path' || key === 'module') && typeof value === 'string') {
        node[key] = publishedPath(value);
      } else {
        rewriteModulePaths(value);
      }
    }
  }
}

/**
 * The public API only: no `#private` members, and no unnamed events (the analyzer adds one per
 * `dispatchEvent(new …)` it sees; the named ones come from `@fires`).
 */
function publicApiOnly() {
  return {
    name: 'tessera-public-api',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.members) {
            declaration.members = declaration.members.filter(
              (member) => member.privacy !== 'private' && !member.name.startsWith('#'),
            );
          }
          if (declaration.events) {
            declaration.events = declaration.events.filter((event) => event.name);
          }
        }
      }
      rewriteModulePaths(customElementsManifest);
    },
  };
}

export default {
  globs: ['src/host/**/*.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  quiet: true,
  plugins: [publicApiOnly()],
};
