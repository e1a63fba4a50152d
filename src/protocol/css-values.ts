/**
 * The value filter every merchant CSS value passes before the frame writes it: nothing that can
 * end a declaration, load something or run something, and calls only to colour and math
 * functions. The frame also asks the browser whether the value parses for its property.
 */

/** Functions a value may call. Anything else (`url(`, `image-set(`, `attr(`, `env(`) is refused. */
const FUNCTIONS = new Set([
  'rgb',
  'rgba',
  'hsl',
  'hsla',
  'hwb',
  'lab',
  'lch',
  'oklab',
  'oklch',
  'color',
  'color-mix',
  'calc',
  'min',
  'max',
  'clamp',
  'var',
  'cubic-bezier',
  'steps',
]);

/** Characters no value needs: declaration and block ends, escapes, markup, `!important`, `@`. */
const FORBIDDEN_CHARACTERS = /[;{}<>\\!@`$^|~[\]=&?]/;
/** Words that load or run something, and comments (an open one swallows what follows it). */
const FORBIDDEN_WORDS = /expression|javascript:|url|@import|\/\*|\*\//i;

/**
 * True when `value` is safe to write as a CSS value: a string of at most 300 characters, with
 * quotes and brackets that pair up, no character or word that could end the declaration or load
 * something, and calls only to {@link FUNCTIONS}; `var()` may name Tessera's own variables
 * only (`var(--colorPrimary)`).
 */
export function isSafeCssValue(
  value: unknown,
  isVariable: (name: string) => boolean,
): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 300) return false;
  if (FORBIDDEN_CHARACTERS.test(value) || FORBIDDEN_WORDS.test(value)) return false;
  let depth = 0;
  let quote: string | null = null;
  for (const character of value) {
    if (quote) {
      if (character === quote) quote = null;
    } else if (character === '"' || character === "'") {
      quote = character;
    } else if (character === '(') {
      depth++;
    } else if (character === ')' && --depth < 0) {
      return false;
    }
  }
  if (quote !== null || depth !== 0) return false;
  for (const [, name] of value.matchAll(/([a-zA-Z-]*)\(/g)) {
    if (!FUNCTIONS.has((name ?? '').toLowerCase())) return false;
  }
  for (const [, name] of value.matchAll(/var\(\s*--([^\s,)]*)/gi)) {
    if (!isVariable(name ?? '')) return false;
  }
  return !/var\(\s*[^-\s]/i.test(value);
}

/** `fontSize` → `font-size`; `WebkitFontSmoothing` → `-webkit-font-smoothing`. */
export function cssName(property: string): string {
  return property.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
