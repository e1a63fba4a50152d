/**
 * Merchant styling, in Stripe's Appearance API shape (`theme`, `variables`, `rules`, `labels`,
 * `inputs`, `disableAnimations`), and the allowlist it crosses into the frame through. CSS is
 * an exfiltration channel (attribute selectors with `url()`, `@import`), so nothing the page
 * sends becomes CSS text as it is: variables come from a fixed list, rule selectors are parsed
 * into a fixed grammar (`.Input--invalid:hover, .Label--floating`) and rebuilt from its parts,
 * properties come from a per-class allowlist, and values pass {@link isSafeValue} (no `url(`,
 * `expression(`, `@import`, `;`, braces, unbalanced quotes or brackets, only known functions).
 * The frame also asks the browser whether each value parses for its property. What fails is
 * dropped and named, so the host can warn once.
 *
 * The older `style` option (`{ base, complete, empty, invalid }`) maps onto the same rules
 * (`legacyStyleRules`).
 */

import { cssName, isSafeCssValue } from './css-values.js';

export { cssName } from './css-values.js';

/** Stripe's three themes. */
export const THEMES = ['stripe', 'night', 'flat'] as const;
/** A theme. */
export type Theme = (typeof THEMES)[number];

/** What kind of value a variable holds: the CSS property its values are checked against. */
const COLOUR = 'color';
const LENGTH = 'padding-top';

/**
 * Every variable, with the CSS property its value must parse for. Stripe's names; the input,
 * label and icon ones are Tessera's (Stripe reaches them only through rules).
 */
export const VARIABLES = {
  colorPrimary: COLOUR,
  colorBackground: COLOUR,
  colorText: COLOUR,
  colorTextSecondary: COLOUR,
  colorTextPlaceholder: COLOUR,
  colorDanger: COLOUR,
  colorSuccess: COLOUR,
  colorWarning: COLOUR,
  fontFamily: 'font-family',
  fontSizeBase: 'font-size',
  fontSizeSm: 'font-size',
  fontWeightNormal: 'font-weight',
  fontWeightMedium: 'font-weight',
  fontLineHeight: 'line-height',
  spacingUnit: LENGTH,
  gridRowSpacing: LENGTH,
  gridColumnSpacing: LENGTH,
  borderRadius: 'border-radius',
  focusBoxShadow: 'box-shadow',
  focusOutline: 'outline',
  inputColorBorder: COLOUR,
  inputFocusColorBorder: COLOUR,
  inputBoxShadow: 'box-shadow',
  labelColorText: COLOUR,
  labelFontSize: 'font-size',
  labelFontWeight: 'font-weight',
  iconColor: COLOUR,
  iconCardErrorColor: COLOUR,
  iconCardCvcColor: COLOUR,
} as const;

/** A variable's name. */
export type AppearanceVariable = keyof typeof VARIABLES;

/** The `appearance` option: Stripe's shape. */
export interface Appearance {
  /** The base look; `stripe` by default. */
  theme?: Theme;
  /** Values the theme is built from (colours, font, spacing, radius, focus ring). */
  variables?: Partial<Record<AppearanceVariable, string>>;
  /** CSS declarations for `.Input`, `.Label`, `.Error` and `.Block`, their states and pseudo-classes. */
  rules?: Record<string, Record<string, string>>;
  /** Labels above the inputs, or floating inside them; `auto` floats them with condensed inputs. */
  labels?: 'auto' | 'above' | 'floating';
  /** Space between the inputs, or grouped into one block. */
  inputs?: 'spaced' | 'condensed';
  /** No transitions (the frame also honours `prefers-reduced-motion`). */
  disableAnimations?: boolean;
}

/** The classes rules may style, and the states each takes. */
export const RULE_CLASSES = {
  Input: ['empty', 'invalid', 'focused', 'complete'],
  Label: ['empty', 'invalid', 'focused', 'floating', 'resting'],
  Error: [],
  Block: ['empty', 'invalid', 'focused', 'complete'],
} as const satisfies Record<string, readonly string[]>;

/** A class rules may style. */
export type RuleClass = keyof typeof RULE_CLASSES;

/** Pseudo-classes and pseudo-elements, as written in a selector. */
const PSEUDOS = [
  ':hover',
  ':focus',
  ':focus-visible',
  ':disabled',
  ':autofill',
  '::placeholder',
  '::selection',
] as const;

const TEXT = [
  'color',
  'fontFamily',
  'fontSize',
  'fontStyle',
  'fontVariant',
  'fontWeight',
  'letterSpacing',
  'lineHeight',
  'textAlign',
  'textDecoration',
  'textShadow',
  'textTransform',
  'WebkitFontSmoothing',
  'MozOsxFontSmoothing',
];
const SIDES = ['Top', 'Right', 'Bottom', 'Left'];
const BORDERS = [
  'border',
  'borderColor',
  'borderStyle',
  'borderWidth',
  'borderRadius',
  ...SIDES.flatMap((side) => [
    `border${side}`,
    `border${side}Color`,
    `border${side}Style`,
    `border${side}Width`,
  ]),
  'borderTopLeftRadius',
  'borderTopRightRadius',
  'borderBottomLeftRadius',
  'borderBottomRightRadius',
  'outline',
  'outlineColor',
  'outlineOffset',
  'outlineStyle',
  'outlineWidth',
];
const PADDING = ['padding', ...SIDES.map((side) => `padding${side}`)];
const TRANSITION = [
  'transition',
  'transitionDelay',
  'transitionDuration',
  'transitionProperty',
  'transitionTimingFunction',
];
const BOX = ['backgroundColor', 'boxShadow', ...BORDERS, ...PADDING, ...TRANSITION];

/** The properties each class may set: text, colours, borders, radius, shadow, padding, transition. */
export const RULE_PROPERTIES: Readonly<Record<RuleClass, ReadonlySet<string>>> = {
  Input: new Set([...TEXT, 'caretColor', ...BOX]),
  Label: new Set([...TEXT, ...PADDING, ...TRANSITION]),
  Error: new Set([...TEXT, ...PADDING]),
  Block: new Set(BOX),
};

/**
 * True when `value` is safe to write as a CSS value ({@link isSafeCssValue}); `var()` may name
 * Tessera's own variables only (`var(--colorPrimary)`).
 */
export function isSafeValue(value: unknown): value is string {
  return isSafeCssValue(value, (name) => Object.hasOwn(VARIABLES, name));
}

/** `font-size` → `fontSize`, so rules may be written either way. */
function camelName(property: string): string {
  return property
    .replace(/^-(webkit|moz)-/, (_m, vendor: string) => (vendor === 'webkit' ? 'Webkit-' : 'Moz-'))
    .replace(/-([a-z])/g, (_m, letter: string) => letter.toUpperCase());
}

/** One selector of a rule, parsed: a class, maybe a state, maybe pseudo-classes. */
interface SelectorParts {
  className: RuleClass;
  state?: string;
  pseudos: string[];
}

const SELECTOR = /^\.([A-Za-z]+)(?:--([a-z]+))?((?::{1,2}[a-z-]+)*)$/;

/** Parses `.Input--invalid:hover`, or says why it cannot. */
function parseSelector(text: string): SelectorParts | string {
  const match = SELECTOR.exec(text.trim());
  if (!match) {
    return /\s|>|\+|~/.test(text.trim())
      ? 'descendant and sibling selectors are not supported'
      : 'not a class selector such as .Input or .Input--invalid:hover';
  }
  const [, className = '', state, pseudoText = ''] = match;
  if (!Object.hasOwn(RULE_CLASSES, className)) {
    return `unknown class .${className} (use .Input, .Label, .Error or .Block)`;
  }
  const states: readonly string[] = RULE_CLASSES[className as RuleClass];
  if (state !== undefined && !states.includes(state)) {
    return `.${className} has no state --${state}`;
  }
  const pseudos = pseudoText.match(/::?[a-z-]+/g) ?? [];
  const unknown = pseudos.find((pseudo) => !(PSEUDOS as readonly string[]).includes(pseudo));
  if (unknown) return `unknown pseudo-class ${unknown}`;
  const element = pseudos.findIndex((pseudo) => pseudo.startsWith('::'));
  if (element !== -1 && element !== pseudos.length - 1) {
    return 'a pseudo-element must come last';
  }
  return { className: className as RuleClass, ...(state ? { state } : {}), pseudos };
}

/**
 * A selector rebuilt from its checked parts: nothing of the input's text survives as such. A
 * state repeats its class (`.Input.Input--invalid`), so it outranks the bare class whatever the
 * order of the rules.
 */
function selectorText({ className, state, pseudos }: SelectorParts): string {
  return `.${className}${state ? `.${className}--${state}` : ''}${pseudos.join('')}`;
}

/** A rule the frame writes: selectors it built itself, and checked declarations. */
export interface CheckedRule {
  readonly selectors: readonly string[];
  readonly declarations: readonly (readonly [cssProperty: string, value: string])[];
}

/** Whether the browser parses `value` for a CSS property (the frame passes `CSS.supports`). */
export type ValueCheck = (cssProperty: string, value: string) => boolean;

/** The appearance as the frame applies it. */
export interface CheckedAppearance {
  theme: Theme;
  variables: Partial<Record<AppearanceVariable, string>>;
  rules: CheckedRule[];
  labels: 'above' | 'floating';
  inputs: 'spaced' | 'condensed';
  disableAnimations: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkValue(value: unknown, cssProperty: string, supports: ValueCheck): value is string {
  return isSafeValue(value) && supports(cssProperty, value.trim());
}

/** One rule's declarations, kept when the class allows the property and the value passes. */
function checkDeclarations(
  declarations: Record<string, unknown>,
  classes: readonly RuleClass[],
  path: string,
  supports: ValueCheck,
  dropped: string[],
): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(declarations)) {
    const property = camelName(key);
    if (!classes.every((name) => RULE_PROPERTIES[name].has(property))) {
      dropped.push(
        `${path}.${key} (not a property ${classes.map((c) => `.${c}`).join(', ')} may set)`,
      );
    } else if (!checkValue(value, cssName(property), supports)) {
      dropped.push(`${path}.${key} (value not allowed)`);
    } else {
      out.push([cssName(property), value.trim()]);
    }
  }
  return out;
}

/** `rules`, checked: each selector of a comma list on its own, then the declarations. */
function checkRules(rules: unknown, supports: ValueCheck, dropped: string[]): CheckedRule[] {
  if (rules === undefined) return [];
  if (!isRecord(rules)) {
    dropped.push('rules (expected an object of selectors)');
    return [];
  }
  const out: CheckedRule[] = [];
  for (const [selectorList, declarations] of Object.entries(rules)) {
    const path = `rules['${selectorList.slice(0, 80)}']`;
    if (!isRecord(declarations)) {
      dropped.push(`${path} (expected an object of declarations)`);
      continue;
    }
    const parsed: SelectorParts[] = [];
    for (const selector of selectorList.split(',')) {
      const parts = parseSelector(selector);
      if (typeof parts === 'string') dropped.push(`${path}: ${selector.trim()} (${parts})`);
      else parsed.push(parts);
    }
    if (parsed.length === 0) continue;
    const classes = [...new Set(parsed.map((parts) => parts.className))];
    const checked = checkDeclarations(declarations, classes, path, supports, dropped);
    if (checked.length > 0)
      out.push({ selectors: parsed.map(selectorText), declarations: checked });
  }
  return out;
}

/** `variables`, checked against their list and their property. */
function checkVariables(
  variables: unknown,
  supports: ValueCheck,
  dropped: string[],
): Partial<Record<AppearanceVariable, string>> {
  const out: Partial<Record<AppearanceVariable, string>> = {};
  if (variables === undefined) return out;
  if (!isRecord(variables)) {
    dropped.push('variables (expected an object)');
    return out;
  }
  for (const [name, value] of Object.entries(variables)) {
    if (!Object.hasOwn(VARIABLES, name)) {
      dropped.push(`variables.${name} (unknown variable)`);
    } else if (!checkValue(value, VARIABLES[name as AppearanceVariable], supports)) {
      dropped.push(`variables.${name} (value not allowed)`);
    } else {
      out[name as AppearanceVariable] = value.trim();
    }
  }
  return out;
}

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  name: string,
  dropped: string[],
): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly unknown[]).includes(value)) return value as T;
  dropped.push(`${name} (use ${allowed.join(', ')})`);
  return undefined;
}

/**
 * Reduces any input to a {@link CheckedAppearance}, naming in `dropped` every key, selector or
 * value it left out. `supports` is the browser's own parser (`CSS.supports`); without one, only
 * the text checks apply.
 */
export function checkAppearance(
  input: unknown,
  supports: ValueCheck = () => true,
  dropped: string[] = [],
): CheckedAppearance {
  const appearance = isRecord(input) ? input : {};
  if (input !== undefined && !isRecord(input)) dropped.push('appearance (expected an object)');
  const known = new Set(['theme', 'variables', 'rules', 'labels', 'inputs', 'disableAnimations']);
  for (const key of Object.keys(appearance)) {
    if (!known.has(key)) dropped.push(`${key} (not an appearance option)`);
  }
  const inputs = oneOf(appearance.inputs, ['spaced', 'condensed'], 'inputs', dropped) ?? 'spaced';
  const labels = oneOf(appearance.labels, ['auto', 'above', 'floating'], 'labels', dropped);
  const animations = appearance.disableAnimations;
  if (animations !== undefined && typeof animations !== 'boolean') {
    dropped.push('disableAnimations (expected true or false)');
  }
  return {
    theme: oneOf(appearance.theme, THEMES, 'theme', dropped) ?? 'stripe',
    variables: checkVariables(appearance.variables, supports, dropped),
    rules: checkRules(appearance.rules, supports, dropped),
    labels:
      labels === 'floating' || (labels !== 'above' && inputs === 'condensed')
        ? 'floating'
        : 'above',
    inputs,
    disableAnimations: animations === true,
  };
}
