/**
 * The `night` and `flat` themes, loaded with the styling checks (a page that asks for neither
 * never downloads them), and every theme by name. Same WCAG 2.2 AA goals as `themes.ts`.
 */
import type { Theme } from '../protocol/index.js';
import { SHARED, STRIPE_VARIABLES, type Variables } from './themes.js';

/** Every theme's variables; the merchant's `variables` are laid over them. */
export const THEME_VARIABLES: Readonly<Record<Theme, Variables>> = {
  stripe: STRIPE_VARIABLES,
  night: {
    ...SHARED,
    colorPrimary: '#8ab4ff',
    colorBackground: '#30313d',
    colorText: '#ffffff',
    colorTextSecondary: '#c6c7d1',
    colorTextPlaceholder: '#a9aab5',
    colorDanger: '#ff8fa3',
    colorSuccess: '#6fd58f',
    colorWarning: '#ffc46b',
    inputColorBorder: '#868896',
    inputBoxShadow: '0 1px 2px rgb(0 0 0 / 30%)',
    labelColorText: 'var(--hostColor)',
    iconColor: '#c6c7d1',
  },
  flat: {
    ...SHARED,
    colorPrimary: '#0570de',
    colorBackground: '#f3f4f6',
    colorText: '#30313d',
    colorTextSecondary: '#5d5e69',
    colorTextPlaceholder: '#6a6b76',
    colorDanger: '#c0123c',
    colorSuccess: '#1a7f37',
    colorWarning: '#8a4f06',
    inputColorBorder: '#8a8b96',
    inputBoxShadow: 'none',
    labelColorText: 'var(--hostColor)',
    labelFontWeight: 'var(--fontWeightMedium)',
    borderRadius: '4px',
    iconColor: '#5d5e69',
  },
};
