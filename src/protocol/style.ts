/**
 * Merchant styling crosses into the frame only through this allowlist: fixed state keys
 * (`base`, `complete`, `empty`, `invalid`), fixed pseudo-classes, allowlisted properties, and
 * values matching a pattern for that property. CSS is an exfiltration channel (attribute
 * selectors with `url()`, `@import`), so there are no selectors, no URLs, no at-rules. The host
 * drops what fails with a console warning; the frame runs the same check again.
 */

/** The element states a style applies to. */
export type StyleVariant = 'base' | 'complete' | 'empty' | 'invalid';

/** Pseudo-classes and pseudo-elements a variant may nest. */
export type StylePseudo =
  ':hover' | ':focus' | '::placeholder' | '::selection' | ':-webkit-autofill' | ':disabled';

/** Allowlisted properties, in Stripe's camelCase names. */
export type StyleProperty =
  | 'color'
  | 'backgroundColor'
  | 'iconColor'
  | 'fontFamily'
  | 'fontSize'
  | 'fontSmoothing'
  | 'fontStyle'
  | 'fontVariant'
  | 'fontWeight'
  | 'letterSpacing'
  | 'lineHeight'
  | 'padding'
  | 'textAlign'
  | 'textDecoration'
  | 'textShadow'
  | 'textTransform';

/** Declarations of one state, with nested pseudo-classes. */
export type StyleRules = Partial<Record<StyleProperty, string>> &
  Partial<Record<StylePseudo, Partial<Record<StyleProperty, string>>>>;

/** The `style` option: Stripe's shape. */
export type ElementStyle = Partial<Record<StyleVariant, StyleRules>>;

/** The state keys, in the order their rules apply. */
export const STYLE_VARIANTS: readonly StyleVariant[] = ['base', 'empty', 'complete', 'invalid'];

/** The pseudo keys. */
export const STYLE_PSEUDOS: readonly StylePseudo[] = [
  ':hover',
  ':focus',
  '::placeholder',
  '::selection',
  ':-webkit-autofill',
  ':disabled',
];

const NUMBER = String.raw`-?(?:\d+\.?\d*|\.\d+)`;
const LENGTH = String.raw`${NUMBER}(?:px|em|rem|%|pt|ex|ch)?`;
const COLOUR = new RegExp(
  String.raw`^(?:#[0-9a-fA-F]{3,8}|(?:rgb|rgba|hsl|hsla)\(\s*[0-9.%,\s/deg]+\)|[a-zA-Z]{3,30})$`,
);

/** Each property's CSS name and the values it accepts. */
const PROPERTIES: Readonly<Record<StyleProperty, { css: string; value: RegExp }>> = {
  color: { css: 'color', value: COLOUR },
  backgroundColor: { css: 'background-color', value: COLOUR },
  iconColor: { css: '--tessera-icon-color', value: COLOUR },
  fontFamily: {
    css: 'font-family',
    // A list of family names, each bare or wholly quoted: an unbalanced quote could swallow the
    // declarations after it.
    value:
      /^(?:[a-zA-Z0-9 -]+|'[a-zA-Z0-9 -]+'|"[a-zA-Z0-9 -]+")(?:\s*,\s*(?:[a-zA-Z0-9 -]+|'[a-zA-Z0-9 -]+'|"[a-zA-Z0-9 -]+"))*$/,
  },
  fontSize: { css: 'font-size', value: new RegExp(`^(?:${LENGTH}|small|medium|large)$`) },
  fontSmoothing: {
    css: '-webkit-font-smoothing',
    value: /^(?:auto|none|antialiased|subpixel-antialiased)$/,
  },
  fontStyle: { css: 'font-style', value: /^(?:normal|italic|oblique)$/ },
  fontVariant: { css: 'font-variant', value: /^(?:normal|small-caps|all-small-caps)$/ },
  fontWeight: { css: 'font-weight', value: /^(?:normal|bold|bolder|lighter|[1-9]00)$/ },
  letterSpacing: { css: 'letter-spacing', value: new RegExp(`^(?:normal|${LENGTH})$`) },
  lineHeight: { css: 'line-height', value: new RegExp(`^(?:normal|${LENGTH})$`) },
  padding: { css: 'padding', value: new RegExp(`^${LENGTH}(?: ${LENGTH}){0,3}$`) },
  textAlign: { css: 'text-align', value: /^(?:left|right|center|start|end)$/ },
  textDecoration: {
    css: 'text-decoration',
    value: /^(?:none|underline|overline|line-through)(?: (?:solid|dotted|dashed|wavy))?$/,
  },
  textShadow: {
    css: 'text-shadow',
    value: new RegExp(
      String.raw`^(?:none|${LENGTH} ${LENGTH}(?: ${LENGTH})? (?:#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}))$`,
    ),
  },
  textTransform: { css: 'text-transform', value: /^(?:none|uppercase|lowercase|capitalize)$/ },
};

/** Anything that can load a resource or escape a declaration is refused whatever the pattern. */
const FORBIDDEN = /url\(|@import|expression\(|javascript:|[;{}<>\\]/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `value` is acceptable for the allowlisted `property`. */
export function isAllowedDeclaration(property: string, value: unknown): boolean {
  // Own keys only: `constructor`, `toString` or `__proto__` are not properties of the allowlist.
  const rule = Object.hasOwn(PROPERTIES, property)
    ? PROPERTIES[property as StyleProperty]
    : undefined;
  return (
    rule !== undefined &&
    typeof value === 'string' &&
    value.length <= 200 &&
    !FORBIDDEN.test(value) &&
    rule.value.test(value.trim())
  );
}

/** The CSS property name of an allowlisted property (`fontSize` → `font-size`). */
export function cssPropertyName(property: StyleProperty): string {
  return PROPERTIES[property].css;
}

function sanitizeDeclarations(
  input: Record<string, unknown>,
  path: string,
  warn: (message: string) => void,
  allowPseudo: boolean,
): StyleRules {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (allowPseudo && (STYLE_PSEUDOS as readonly string[]).includes(key)) {
      if (isRecord(value)) out[key] = sanitizeDeclarations(value, `${path}${key}`, warn, false);
      else warn(`Tessera: dropped style ${path}${key}: expected an object.`);
    } else if (isAllowedDeclaration(key, value)) {
      out[key] = (value as string).trim();
    } else {
      warn(
        Object.hasOwn(PROPERTIES, key)
          ? `Tessera: dropped style ${path}.${key}: value not allowed.`
          : `Tessera: dropped style ${path}.${key}: not an allowed property or pseudo-class.`,
      );
    }
  }
  return out;
}

/**
 * Reduces any input to the allowlist, reporting every dropped key or value through `warn`
 * (the host passes `console.warn`; the frame drops silently).
 */
export function sanitizeStyle(input: unknown, warn: (message: string) => void): ElementStyle {
  if (input === undefined || input === null) return {};
  if (!isRecord(input)) {
    warn('Tessera: dropped style: expected an object such as { base: { color: "#32325d" } }.');
    return {};
  }
  const out: ElementStyle = {};
  for (const [variant, rules] of Object.entries(input)) {
    if (!(STYLE_VARIANTS as readonly string[]).includes(variant) || !isRecord(rules)) {
      warn(`Tessera: dropped style.${variant}: use base, complete, empty or invalid.`);
      continue;
    }
    out[variant as StyleVariant] = sanitizeDeclarations(rules, variant, warn, true);
  }
  return out;
}

/**
 * CSS custom properties the host element reads from its computed style, and where each lands
 * in the style option. Explicit `style` option values win over them.
 */
export const CUSTOM_PROPERTIES: ReadonlyArray<
  readonly [name: string, variant: StyleVariant, property: StyleProperty, pseudo?: StylePseudo]
> = [
  ['--tessera-color', 'base', 'color'],
  ['--tessera-background-color', 'base', 'backgroundColor'],
  ['--tessera-font-family', 'base', 'fontFamily'],
  ['--tessera-font-size', 'base', 'fontSize'],
  ['--tessera-font-weight', 'base', 'fontWeight'],
  ['--tessera-letter-spacing', 'base', 'letterSpacing'],
  ['--tessera-line-height', 'base', 'lineHeight'],
  ['--tessera-padding', 'base', 'padding'],
  ['--tessera-text-transform', 'base', 'textTransform'],
  ['--tessera-icon-color', 'base', 'iconColor'],
  ['--tessera-placeholder-color', 'base', 'color', '::placeholder'],
  ['--tessera-invalid-color', 'invalid', 'color'],
  ['--tessera-complete-color', 'complete', 'color'],
];
