/**
 * What the host element sends the frame of its styling, and how tall its iframe starts: the
 * `style` option merged over the `--tessera-*` custom properties, the element's `appearance`
 * over its instance's, both as plain data (the frame judges them), and the initial height of
 * each layout. No element state: the element passes what it has.
 */
import {
  CUSTOM_PROPERTIES,
  type Appearance,
  type ElementStyle,
  type ElementType,
  type StyleRules,
} from '../protocol/index.js';

/**
 * Heights of each layout before the frame reports its own, so the page does not jump when it
 * does (measured with the themes' fonts and spacing: the combined card in one row): labels
 * above, labels floating, and condensed inputs, for the card, a split field and the bank
 * account. The iframe is 8px taller than the element: it reaches 4px beyond each edge, room for
 * the focus ring, so the inputs line up with the page's.
 */
const INITIAL_HEIGHTS = {
  above: [173, 96, 250],
  floating: [139, 79, 200],
  condensed: [126, 79, 174],
} as const;

/** The initial height of `type` in the layout `appearance` asks for. */
export function initialHeight(type: ElementType, appearance: Appearance): number {
  const { labels, inputs } = appearance;
  const layout =
    inputs === 'condensed' ? 'condensed' : labels === 'floating' ? 'floating' : 'above';
  const [card, split, bank] = INITIAL_HEIGHTS[layout];
  return type === 'card' ? card : type === 'bankAccount' ? bank : type === 'controller' ? 0 : split;
}

/** `explicit` wins over `fallback`: its variables and rules key by key, the rest as a whole. */
export function mergeAppearance(fallback: Appearance = {}, explicit: Appearance = {}): Appearance {
  return {
    ...fallback,
    ...explicit,
    variables: { ...fallback.variables, ...explicit.variables },
    rules: { ...fallback.rules, ...explicit.rules },
  };
}

/** Reads the `--tessera-*` custom properties into a style object (empty values skipped). */
export function customPropertyStyle(computed: CSSStyleDeclaration): ElementStyle {
  const style: Record<string, Record<string, unknown>> = {};
  for (const [name, variant, property, pseudo] of CUSTOM_PROPERTIES) {
    const value = computed.getPropertyValue(name).trim();
    if (!value) continue;
    const rules = (style[variant] ??= {});
    if (pseudo) ((rules[pseudo] ??= {}) as Record<string, string>)[property] = value;
    else rules[property] = value;
  }
  return style;
}

/**
 * Styling the frame can be sent: nested objects (three levels at most, as the style's and the
 * appearance's shapes have) of strings and booleans. Anything else becomes text for the frame
 * to judge, and to warn about.
 */
export function plainData(value: unknown, depth = 0): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return {};
  // fromEntries defines own keys, so a `__proto__` key stays a key (for the frame to drop).
  return Object.fromEntries(
    Object.entries(value).map(([key, item]: [string, unknown]) => [
      key,
      typeof item === 'object' && item !== null && depth < 2
        ? plainData(item, depth + 1)
        : typeof item === 'boolean'
          ? item
          : String(item),
    ]),
  );
}

/** `explicit` wins over `fallback`, per variant and per pseudo-class. */
export function mergeStyles(fallback: ElementStyle, explicit: ElementStyle): ElementStyle {
  const merged: Record<string, StyleRules> = { ...fallback };
  for (const [variant, rules] of Object.entries(explicit)) {
    const base = merged[variant] ?? {};
    const combined: Record<string, unknown> = { ...base, ...rules };
    for (const [key, value] of Object.entries(rules)) {
      const under = (base as Record<string, unknown>)[key];
      if (typeof value === 'object' && typeof under === 'object') {
        combined[key] = { ...under, ...value };
      }
    }
    merged[variant] = combined;
  }
  return merged;
}

/** What an element says of its styling. */
export interface ElementStyling {
  theme?: Appearance['theme'] | undefined;
  appearance?: Appearance | undefined;
  fieldStyle?: ElementStyle | undefined;
}

/**
 * The `style` and `appearance` options an element sends its frame, as plain data: its
 * `fieldStyle` over the `--tessera-*` custom properties it inherits (`computed`), and its
 * `appearance` (with its `theme` attribute) over its instance's.
 */
export function stylingOptions(
  computed: CSSStyleDeclaration,
  element: ElementStyling,
  instance: Appearance | undefined,
): { style: ElementStyle; appearance: Appearance } {
  const own: Appearance = element.theme
    ? { theme: element.theme, ...element.appearance }
    : (element.appearance ?? {});
  return {
    style: plainData(mergeStyles(customPropertyStyle(computed), element.fieldStyle ?? {})),
    appearance: plainData(mergeAppearance(instance, own)),
  };
}
