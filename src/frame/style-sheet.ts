/**
 * Renders the merchant's `style` option as the frame's style sheet. The selectors are fixed:
 * the host chooses declarations for the four states and six pseudo-classes, never a selector,
 * so attribute-selector keyloggers have nothing to hook into. The style is reduced to the
 * allowlist again here, whatever the host claims to have done.
 */
import {
  cssPropertyName,
  sanitizeStyle,
  STYLE_PSEUDOS,
  STYLE_VARIANTS,
  type ElementStyle,
  type StyleProperty,
  type StyleVariant,
} from '../protocol/index.js';

/** Where the rules apply: the element carrying the state classes, and the inputs inside it. */
export interface StyleSelectors {
  /**
   * A compound of type, class and id selectors (`.field`). Not `:host`: `:host.is-complete`
   * matches nothing, so inside a shadow root the state classes go on a wrapper element.
   */
  root: string;
  /** The same kind of selector for the inputs inside the root (`input`, `.input`). */
  input: string;
}

/** The class the root carries in each state; `base` rules apply in every state. */
export const STATE_CLASSES: Readonly<Record<Exclude<StyleVariant, 'base'>, string>> = {
  empty: 'is-empty',
  complete: 'is-complete',
  invalid: 'is-invalid',
};

/** Every allowlisted property, in the order declarations are written. */
const PROPERTY_SET: Readonly<Record<StyleProperty, true>> = {
  color: true,
  backgroundColor: true,
  iconColor: true,
  fontFamily: true,
  fontSize: true,
  fontSmoothing: true,
  fontStyle: true,
  fontVariant: true,
  fontWeight: true,
  letterSpacing: true,
  lineHeight: true,
  padding: true,
  textAlign: true,
  textDecoration: true,
  textShadow: true,
  textTransform: true,
};
const PROPERTIES = Object.keys(PROPERTY_SET) as StyleProperty[];

/** A compound selector of a type and/or classes and ids: no combinators, attributes or lists. */
const COMPOUND_SELECTOR = /^(?=.)(?:[a-zA-Z][a-zA-Z0-9-]*)?(?:[.#][a-zA-Z_][a-zA-Z0-9_-]*)*$/;

/**
 * Quotes must pair up: an unclosed string (a font family `'Arial`) would swallow the
 * declarations after it. The allowlist lets quotes through, so this is checked here.
 */
const BALANCED_QUOTES = /^(?:[^'"]|'[^']*'|"[^"]*")*$/;

function declarations(
  rules: Partial<Record<StyleProperty, string>>,
  keep: (property: StyleProperty) => boolean,
): string[] {
  const out: string[] = [];
  for (const property of PROPERTIES) {
    const value = rules[property];
    if (value !== undefined && keep(property) && BALANCED_QUOTES.test(value)) {
      out.push(`${cssPropertyName(property)}: ${value};`);
    }
  }
  return out;
}

function rule(selector: string, body: readonly string[]): string[] {
  return body.length === 0 ? [] : [`${selector} { ${body.join(' ')} }`];
}

const isIconColor = (property: StyleProperty): boolean => property === 'iconColor';
const isNotIconColor = (property: StyleProperty): boolean => property !== 'iconColor';

/**
 * CSS text for a `style` option, one rule per line, with fixed selectors only:
 * `base` → `root input`, `complete` / `empty` / `invalid` → `root.is-complete input` and so on,
 * pseudo-classes appended to the input selector (`root input::placeholder`), and `iconColor` as
 * the `--tessera-icon-color` custom property on the root (ignored inside pseudo-classes).
 * Variants come in {@link STYLE_VARIANTS} order so state rules override `base`.
 *
 * The style is sanitized again first, so `url(`, `@import`, `expression(`, `javascript:`, `;`,
 * braces and unknown keys never reach the output. Throws a `TypeError` when a selector is not
 * a plain compound selector: that is a bug in the frame, not input.
 */
export function styleSheetText(style: ElementStyle, selectors: StyleSelectors): string {
  for (const selector of [selectors.root, selectors.input]) {
    if (!COMPOUND_SELECTOR.test(selector)) {
      throw new TypeError(`styleSheetText: unsupported selector ${JSON.stringify(selector)}`);
    }
  }
  const safe = sanitizeStyle(style, () => undefined);
  const lines: string[] = [];
  for (const variant of STYLE_VARIANTS) {
    const rules = safe[variant];
    if (rules === undefined) continue;
    const root =
      variant === 'base' ? selectors.root : `${selectors.root}.${STATE_CLASSES[variant]}`;
    const input = `${root} ${selectors.input}`;
    lines.push(...rule(input, declarations(rules, isNotIconColor)));
    lines.push(...rule(root, declarations(rules, isIconColor)));
    for (const pseudo of STYLE_PSEUDOS) {
      const nested = rules[pseudo];
      if (nested !== undefined) {
        lines.push(...rule(input + pseudo, declarations(nested, isNotIconColor)));
      }
    }
  }
  return lines.join('\n');
}
