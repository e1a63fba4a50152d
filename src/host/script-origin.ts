/**
 * The vault origin when Tessera is loaded by a script tag: the origin of that script's own URL,
 * read while the script runs (`document.currentScript` is null afterwards and in modules).
 */
export const scriptOrigin: string | undefined = (() => {
  const script = typeof document === 'undefined' ? null : document.currentScript;
  // `script &&` first: outside a browser (a server rendering the page) there is no such class.
  if (!(script && script instanceof HTMLScriptElement) || !script.src) return undefined;
  return new URL(script.src).origin;
})();
