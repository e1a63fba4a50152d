import type { StyleProperty, StylePseudo, StyleVariant } from './style.js';

/**
 * CSS custom properties the host element reads from its computed style, and where each lands
 * in the `style` option (see `style.ts`). Explicit `style` option values win over them. A
 * module of its own: the script tag needs this table, not the style checks.
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
