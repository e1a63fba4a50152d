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
 * Methods the Lit plugin drops as Lit lifecycle names but that are the elements' public API:
 * `update(options)` is Stripe's `element.update()` (Lit calls it with a Map).
 */
const PUBLIC_LIFECYCLE_NAMES = ['update'];

/**
 * The public API only: no `#private` members, and no unnamed events (the analyzer adds one per
 * `dispatchEvent(new …)` it sees; the named ones come from `@fires`). Public methods with a
 * Lit lifecycle name are kept, and inherited like the others.
 */
function publicApiOnly() {
  /** Class declaration → its public lifecycle-named methods, seen before the Lit plugin drops them. */
  const lifecycleMethods = new Map();
  return {
    name: 'tessera-public-api',
    analyzePhase({ ts, node, moduleDoc }) {
      if (node.kind !== ts.SyntaxKind.ClassDeclaration) return;
      const declaration = moduleDoc.declarations?.find((d) => d.name === node.name?.getText());
      const kept = (declaration?.members ?? []).filter(
        (member) => member.kind === 'method' && PUBLIC_LIFECYCLE_NAMES.includes(member.name),
      );
      if (kept.length > 0) lifecycleMethods.set(declaration, kept);
    },
    moduleLinkPhase({ moduleDoc }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        for (const method of lifecycleMethods.get(declaration) ?? []) {
          if (!declaration.members.includes(method)) declaration.members.push(method);
        }
      }
    },
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
