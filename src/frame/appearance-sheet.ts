/**
 * Writes the frame's last style sheet: the theme's variables with the merchant's laid over them,
 * as custom properties on the frame's host, the layouts' CSS the appearance needs, then the
 * merchant's rules. Every value was
 * checked on the way in (`styling.ts`: the text filter, then the browser's own parser) and every
 * selector was rebuilt by the frame from a fixed grammar: nothing of the page's text reaches the
 * sheet unchecked. The host's text colour (for the labels and errors drawn on its page) is
 * checked here, with the browser's parser.
 */
import type { CheckedAppearance, CheckedRule, ElementOptions } from '../protocol/index.js';
import { isLightText, PAGE_DANGER, STRIPE_VARIABLES, type Variables } from './themes.js';

/** The look a frame renders with, besides its style sheet. */
export interface Look {
  theme: CheckedAppearance['theme'];
  labels: CheckedAppearance['labels'];
  inputs: CheckedAppearance['inputs'];
  disableAnimations: boolean;
}

/** The merchant's styling, checked, with what its look needs. */
export interface Styling {
  look: Look;
  /** Every variable: the theme's, with the merchant's over them. */
  variables: Variables;
  /** The merchant's `colorDanger`, which then colours error text on the page too. */
  danger?: string;
  rules: readonly CheckedRule[];
  /** CSS of the layouts the look may use (floating labels, condensed inputs, flat inputs). */
  css: string;
}

/** No styling asked for: the `stripe` theme as it is. */
export const DEFAULT_STYLING: Styling = {
  look: { theme: 'stripe', labels: 'above', inputs: 'spaced', disableAnimations: false },
  variables: STRIPE_VARIABLES,
  rules: [],
  css: '',
};

/** Whether the options ask for any styling at all (the host sends empty objects when not). */
export function asksForStyling(options: Pick<ElementOptions, 'appearance' | 'style'>): boolean {
  const nonEmpty = (value: unknown): boolean =>
    typeof value !== 'object' || value === null || Object.values(value).some(nonEmpty);
  return nonEmpty(options.appearance ?? {}) || nonEmpty(options.style ?? {});
}

/** A colour the browser parses, with nothing that could end the declaration. */
function checkedColour(value: string | undefined): string | undefined {
  return value !== undefined &&
    value.length <= 100 &&
    !/[;{}\\<]/.test(value) &&
    CSS.supports('color', value)
    ? value
    : undefined;
}

function ruleText(rule: CheckedRule): string {
  const body = rule.declarations.map(([property, value]) => `${property}: ${value};`).join(' ');
  return `${rule.selectors.join(', ')} { ${body} }`;
}

/** The style sheet of `styling`, for a page whose text is `hostColor`. */
export function sheetText(styling: Styling, hostColor: string | undefined): string {
  const pageText = checkedColour(hostColor);
  const variables: Record<string, string> = {
    ...styling.variables,
    hostColor: pageText ?? 'var(--colorText)',
    errorColor: styling.danger ?? PAGE_DANGER[isLightText(pageText) ? 'dark' : 'light'],
  };
  const custom = Object.entries(variables)
    .map(([name, value]) => `--${name}: ${value};`)
    .join(' ');
  const layouts = styling.css ? [styling.css] : [];
  return [`:host { ${custom} }`, ...layouts, ...styling.rules.map(ruleText)].join('\n');
}
