/**
 * The older `style` option, Stripe's Card Element shape (`{ base, complete, empty, invalid }`,
 * each with `:hover`, `:focus`, `::placeholder`, `::selection`, `:-webkit-autofill` and
 * `:disabled`), and the `--tessera-*` custom properties the host element reads: both map onto
 * the Appearance machinery ({@link legacyStyleRules}), through the same value checks. Each state
 * applies to the inputs in that state (`invalid` → `.Input--invalid`).
 */
import {
  cssName,
  isSafeValue,
  type AppearanceVariable,
  type CheckedRule,
  type ValueCheck,
} from './appearance.js';

/** The element states a style applies to. */
export type StyleVariant = 'base' | 'complete' | 'empty' | 'invalid';

/** Pseudo-classes and pseudo-elements a variant may nest. */
export type StylePseudo =
  ':hover' | ':focus' | '::placeholder' | '::selection' | ':-webkit-autofill' | ':disabled';

/** The properties the style option takes, in Stripe's camelCase names. */
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

/**
 * Where each state's declarations go, and what its `iconColor` sets (states repeat their class,
 * as rules' do, to outrank `base`).
 */
const VARIANTS: Readonly<Record<StyleVariant, readonly [selector: string, icon: string]>> = {
  base: ['.Input', 'iconColor'],
  empty: ['.Input.Input--empty', '.Block.Block--empty'],
  complete: ['.Input.Input--complete', '.Block.Block--complete'],
  invalid: ['.Input.Input--invalid', 'iconCardErrorColor'],
};

const PSEUDOS: Readonly<Record<StylePseudo, string>> = {
  ':hover': ':hover',
  ':focus': ':focus',
  '::placeholder': '::placeholder',
  '::selection': '::selection',
  ':-webkit-autofill': ':autofill',
  ':disabled': ':disabled',
};

/** Each property's CSS name (Stripe's `fontSmoothing` is WebKit's). */
const PROPERTIES = new Map<string, string>(
  [
    'color',
    'backgroundColor',
    'fontFamily',
    'fontSize',
    'fontStyle',
    'fontVariant',
    'fontWeight',
    'letterSpacing',
    'lineHeight',
    'padding',
    'textAlign',
    'textDecoration',
    'textShadow',
    'textTransform',
  ].map((property) => [property, cssName(property)]),
).set('fontSmoothing', '-webkit-font-smoothing');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A style option as rules and icon variables, naming what it dropped. */
export interface LegacyStyle {
  rules: CheckedRule[];
  variables: Partial<Record<AppearanceVariable, string>>;
}

/**
 * Maps a `style` option onto appearance rules: `base` → `.Input`, `invalid` →
 * `.Input--invalid` and so on, pseudo-classes appended, `iconColor` to the icon variables
 * (`base`, `invalid`) or the block's state (`empty`, `complete`). Every dropped key is named in
 * `dropped` (`style.base.backgroundImage (not an allowed property)`).
 */
export function legacyStyleRules(
  style: unknown,
  supports: ValueCheck = () => true,
  dropped: string[] = [],
): LegacyStyle {
  const out: LegacyStyle = { rules: [], variables: {} };
  if (style === undefined || style === null) return out;
  if (!isRecord(style)) {
    dropped.push('style (expected an object such as { base: { color: "#32325d" } })');
    return out;
  }
  const declarations = (
    entries: readonly (readonly [string, unknown])[],
    path: string,
    selector: string,
    icon: string | null,
  ): void => {
    const kept: [string, string][] = [];
    for (const [key, value] of entries) {
      const css = key === 'iconColor' && icon !== null ? 'color' : PROPERTIES.get(key);
      if (css === undefined) {
        dropped.push(`style.${path}.${key} (not an allowed property or pseudo-class)`);
      } else if (!isSafeValue(value) || !supports(css, value.trim())) {
        dropped.push(`style.${path}.${key} (value not allowed)`);
      } else if (key !== 'iconColor') {
        kept.push([css, value.trim()]);
      } else if (icon?.startsWith('.')) {
        out.rules.push({ selectors: [icon], declarations: [['--iconColor', value.trim()]] });
      } else if (icon) {
        out.variables[icon as AppearanceVariable] = value.trim();
      }
    }
    if (kept.length > 0) out.rules.push({ selectors: [selector], declarations: kept });
  };
  for (const [variant, rules] of Object.entries(style)) {
    if (!Object.hasOwn(VARIANTS, variant) || !isRecord(rules)) {
      dropped.push(`style.${variant} (use base, complete, empty or invalid)`);
    }
  }
  // In the variants' order, whatever the keys' order: an invalid input is also an `.Input`, and
  // its state's rule must come after base's to win.
  for (const [variant, [selector, icon]] of Object.entries(VARIANTS)) {
    const rules = Object.hasOwn(style, variant) ? style[variant] : undefined;
    if (!isRecord(rules)) continue;
    // Entries, not an object: a `__proto__` key must stay a key, to be named and dropped.
    const plain: [string, unknown][] = [];
    for (const [key, value] of Object.entries(rules)) {
      if (!Object.hasOwn(PSEUDOS, key)) {
        plain.push([key, value]);
      } else if (isRecord(value)) {
        const pseudo = PSEUDOS[key as StylePseudo];
        declarations(Object.entries(value), `${variant}${key}`, selector + pseudo, null);
      } else {
        dropped.push(`style.${variant}${key} (expected an object)`);
      }
    }
    declarations(plain, variant, selector, icon);
  }
  return out;
}
