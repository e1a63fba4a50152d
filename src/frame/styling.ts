/**
 * The merchant's styling options checked: `appearance` (Stripe's Appearance API) and the older
 * `style`, through the protocol's allowlists and the browser's own CSS parser, with what the
 * appearance's look needs beyond the default: the other themes' variables and the layouts' CSS.
 * A chunk of its own: a frame whose page sets neither option does not load it.
 */
import {
  checkAppearance,
  legacyStyleRules,
  type ElementOptions,
  type ValueCheck,
} from '../protocol/index.js';
import type { Styling } from './appearance-sheet.js';
import { LAYOUT_CSS } from './layout-styles.js';
import { THEME_VARIABLES } from './other-themes.js';

/**
 * What `appearance` and `style` ask for, checked; what they drop is pushed onto `dropped`. The
 * theme's variables come first, then the style's and the appearance's over them; rules of
 * `style` come before those of `appearance`, so `appearance` wins.
 */
export function checkStyling(
  options: Pick<ElementOptions, 'appearance' | 'style'>,
  supports: ValueCheck,
  dropped: string[],
): Styling {
  const appearance = checkAppearance(options.appearance, supports, dropped);
  const legacy = legacyStyleRules(options.style, supports, dropped);
  return {
    look: {
      theme: appearance.theme,
      labels: appearance.labels,
      inputs: appearance.inputs,
      disableAnimations: appearance.disableAnimations,
    },
    variables: {
      ...THEME_VARIABLES[appearance.theme],
      ...legacy.variables,
      ...appearance.variables,
    },
    ...(appearance.variables.colorDanger ? { danger: appearance.variables.colorDanger } : {}),
    rules: [...legacy.rules, ...appearance.rules],
    css: LAYOUT_CSS,
  };
}
