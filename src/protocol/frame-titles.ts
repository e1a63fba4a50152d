import type { ElementType } from './messages.js';

/** Languages Tessera speaks (labels, messages, iframe titles). */
export type Locale = 'en' | 'fr';

/** Every supported locale, English first (the fallback). */
export const SUPPORTED_LOCALES: readonly Locale[] = ['en', 'fr'];

/**
 * The accessible name (`title`) of each kind of iframe. The host sets it on the iframe element;
 * the frame shows the same words to assistive technology inside.
 */
export const FRAME_TITLES: Readonly<Record<Locale, Readonly<Record<ElementType, string>>>> = {
  en: {
    card: 'Secure card payment input frame',
    cardNumber: 'Secure card number input frame',
    cardExpiry: 'Secure card expiration date input frame',
    cardCvc: 'Secure card security code (CVC) input frame',
    bankAccount: 'Secure bank account input frame',
    controller: 'Secure payment controller frame',
  },
  fr: {
    card: 'Cadre sécurisé de saisie de la carte',
    cardNumber: 'Cadre sécurisé de saisie du numéro de carte',
    cardExpiry: "Cadre sécurisé de saisie de la date d'expiration",
    cardCvc: 'Cadre sécurisé de saisie du code de sécurité (CVC)',
    bankAccount: 'Cadre sécurisé de saisie du compte bancaire',
    controller: 'Cadre sécurisé de contrôle du paiement',
  },
};

/** The supported locale a BCP 47 tag names (`fr-CA`, `FR_ca` → `fr`), if any. */
function supported(tag: string): Locale | undefined {
  const language = tag.trim().toLowerCase().split(/[-_]/)[0];
  return SUPPORTED_LOCALES.find((locale) => locale === language);
}

/**
 * The locale to use: the requested one when supported; for `auto` (or none) the first supported
 * browser language; English otherwise.
 */
export function resolveLocale(
  locale: string | undefined,
  navigatorLanguages: readonly string[],
): Locale {
  if (locale !== undefined && locale.trim().toLowerCase() !== 'auto') {
    return supported(locale) ?? 'en';
  }
  for (const language of navigatorLanguages) {
    const match = supported(language);
    if (match) return match;
  }
  return 'en';
}
