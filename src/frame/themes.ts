/**
 * The default theme (`stripe`) as values of the Appearance variables, and the colours of text
 * the frame draws on the host page itself (labels, errors), which follow that page rather than
 * the theme. The other two themes (`other-themes.ts`) load with the styling checks.
 * Chosen for WCAG 2.2 AA on the theme's own input background: text and placeholders at least
 * 4.5:1, input borders and the focus ring at least 3:1 (checked in the browser suite).
 */
import type { AppearanceVariable } from '../protocol/index.js';

/** Every variable's value. */
export type Variables = Readonly<Record<AppearanceVariable, string>>;

/** What every theme shares: type, spacing and the shape of the focus ring. */
export const SHARED = {
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif',
  fontSizeBase: '16px',
  fontSizeSm: '14px',
  fontWeightNormal: '400',
  fontWeightMedium: '500',
  fontLineHeight: '1.3',
  spacingUnit: '2px',
  gridRowSpacing: '12px',
  gridColumnSpacing: '12px',
  borderRadius: '6px',
  focusBoxShadow:
    '0 0 0 1px var(--inputFocusColorBorder), 0 0 0 4px color-mix(in srgb, var(--inputFocusColorBorder) 25%, transparent)',
  focusOutline: 'none',
  inputFocusColorBorder: 'var(--colorPrimary)',
  labelFontSize: 'var(--fontSizeSm)',
  labelFontWeight: 'var(--fontWeightNormal)',
  iconCardErrorColor: 'var(--colorDanger)',
  iconCardCvcColor: 'var(--iconColor)',
} as const;

/** The default theme's variables; the merchant's `variables` are laid over them. */
export const STRIPE_VARIABLES: Variables = {
  ...SHARED,
  colorPrimary: '#0570de',
  colorBackground: '#ffffff',
  colorText: '#30313d',
  colorTextSecondary: '#6a6b76',
  colorTextPlaceholder: '#6d6e78',
  colorDanger: '#df1b41',
  colorSuccess: '#1a7f37',
  colorWarning: '#a15c07',
  inputColorBorder: '#8a8b96',
  inputBoxShadow: '0 1px 2px rgb(0 0 0 / 6%)',
  labelColorText: 'var(--hostColor)',
  iconColor: '#6a6b76',
};

/**
 * Error text sits on the host page, not on an input: its colour follows the page's lightness
 * unless the merchant set `colorDanger` (at least 4.5:1 on white, and on a near-black page).
 */
export const PAGE_DANGER = { light: '#c0123c', dark: '#ff8fa3' } as const;

/**
 * Whether `color` (the host element's inherited text colour, as `getComputedStyle` writes it:
 * `rgb(r, g, b)` or `rgba(…)`) is light, which means the page behind it is dark. Anything
 * unparsed counts as dark text on a light page.
 */
export function isLightText(color: string | undefined): boolean {
  const channels = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/.exec(color ?? '');
  if (!channels) return false;
  const [red, green, blue] = channels.slice(1).map((channel) => {
    const value = Number(channel) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.4;
}
