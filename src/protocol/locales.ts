/**
 * The languages Tessera speaks, and how a requested BCP 47 tag (or the browser's languages, for
 * `auto`) becomes one of them: the tag itself, then a regional variant it belongs with
 * (`es-MX` → `es-419`, `zh-TW` → `zh-Hant`, `no` → `nb`), then its language (`pt-PT` → `pt`),
 * then English. The host and the frame resolve alike; the words themselves live in the frame's
 * catalogues.
 */

/** Every supported locale; English first, the fallback. */
export const SUPPORTED_LOCALES = [
  'en',
  'en-GB',
  'de',
  'fr',
  'es',
  'es-419',
  'it',
  'nl',
  'pt',
  'pt-BR',
  'sv',
  'da',
  'nb',
  'fi',
  'pl',
  'cs',
  'ja',
  'ko',
  'zh-Hans',
  'zh-Hant',
  'ar',
  'he',
] as const;

/** A supported locale. */
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/** Locales written right to left. */
export const RTL_LOCALES: readonly Locale[] = ['ar', 'he'];

/**
 * Tags that belong with another supported locale than their language alone names: Spanish of
 * the Americas, English outside the United States, the two Chinese scripts, and old or sibling
 * language codes. Keys are lower case.
 */
const LATIN_AMERICA = 'ar bo cl co cr cu do ec gt hn mx ni pa pe pr py sv us uy ve'.split(' ');
const COMMONWEALTH = 'au nz ie in za sg hk mt'.split(' ');
const ALIASES: ReadonlyMap<string, Locale> = new Map<string, Locale>([
  ['zh', 'zh-Hans'],
  ['zh-cn', 'zh-Hans'],
  ['zh-sg', 'zh-Hans'],
  ['zh-my', 'zh-Hans'],
  ['zh-tw', 'zh-Hant'],
  ['zh-hk', 'zh-Hant'],
  ['zh-mo', 'zh-Hant'],
  ['no', 'nb'],
  ['nn', 'nb'],
  ['iw', 'he'],
  ...LATIN_AMERICA.map((region): [string, Locale] => [`es-${region}`, 'es-419']),
  ...COMMONWEALTH.map((region): [string, Locale] => [`en-${region}`, 'en-GB']),
]);

const BY_LOWER_CASE: ReadonlyMap<string, Locale> = new Map(
  SUPPORTED_LOCALES.map((locale) => [locale.toLowerCase(), locale]),
);

/**
 * The supported locale a tag names, if any: `pt_br`, `PT-BR` → `pt-BR`; `zh-Hant-TW` →
 * `zh-Hant`; `fr-CA` → `fr`; `de-CH-1996` → `de`. Script and region subtags are dropped one at
 * a time from the end until something matches.
 */
export function matchLocale(tag: string): Locale | undefined {
  const parts = tag.trim().toLowerCase().replace(/_/g, '-').split('-');
  while (parts.length > 0 && parts[0] !== '') {
    const candidate = parts.join('-');
    const match = BY_LOWER_CASE.get(candidate) ?? ALIASES.get(candidate);
    if (match) return match;
    parts.pop();
  }
  return undefined;
}

/**
 * The locale to use: the requested tag, matched as {@link matchLocale} does; for `auto` (or
 * none) the first of the browser's languages that matches; English otherwise.
 */
export function resolveLocale(
  locale: string | undefined,
  navigatorLanguages: readonly string[],
): Locale {
  if (locale !== undefined && locale.trim().toLowerCase() !== 'auto') {
    return matchLocale(locale) ?? 'en';
  }
  for (const language of navigatorLanguages) {
    const match = matchLocale(language);
    if (match) return match;
  }
  return 'en';
}
