/**
 * The checkout's display preferences: the elements' theme, the page's lightness and the
 * elements' language. They live in the page's query string (`/?theme=night&page=dark&locale=ar`),
 * so a reload keeps them and a link shows them; the no-JavaScript page and the pages its form
 * leads to take the same query. Only the values listed here are read: anything else is ignored.
 */

/** Stripe's themes, which the elements draw their inputs in. */
export const THEMES = ['stripe', 'night', 'flat'] as const;
/** An element theme. */
export type Theme = (typeof THEMES)[number];

/** The page's own lightness: `data-theme` on `<html>`, which demo.css keys its palette on. */
export const PAGE_SCHEMES = ['light', 'dark'] as const;
/** A page lightness. */
export type PageScheme = (typeof PAGE_SCHEMES)[number];

/** Every language the elements speak, named in itself, and its direction. */
export const LOCALES = [
  { tag: 'en', name: 'English (US)' },
  { tag: 'en-GB', name: 'English (UK)' },
  { tag: 'de', name: 'Deutsch' },
  { tag: 'fr', name: 'Français' },
  { tag: 'es', name: 'Español (España)' },
  { tag: 'es-419', name: 'Español (Latinoamérica)' },
  { tag: 'it', name: 'Italiano' },
  { tag: 'nl', name: 'Nederlands' },
  { tag: 'pt', name: 'Português (Portugal)' },
  { tag: 'pt-BR', name: 'Português (Brasil)' },
  { tag: 'sv', name: 'Svenska' },
  { tag: 'da', name: 'Dansk' },
  { tag: 'nb', name: 'Norsk bokmål' },
  { tag: 'fi', name: 'Suomi' },
  { tag: 'pl', name: 'Polski' },
  { tag: 'cs', name: 'Čeština' },
  { tag: 'ja', name: '日本語' },
  { tag: 'ko', name: '한국어' },
  { tag: 'zh-Hans', name: '简体中文' },
  { tag: 'zh-Hant', name: '繁體中文' },
  { tag: 'ar', name: 'العربية', rtl: true },
  { tag: 'he', name: 'עברית', rtl: true },
] as const satisfies readonly { tag: string; name: string; rtl?: true }[];
/** A language the elements speak. */
export type Locale = (typeof LOCALES)[number]['tag'];

const LOCALE_TAGS: readonly Locale[] = LOCALES.map(({ tag }) => tag);

/** The display preferences; what the query does not name stays at its default. */
export interface Preferences {
  theme: Theme;
  page: PageScheme;
  /** `auto`: the elements follow the browser's languages (their default). */
  locale: Locale | 'auto';
}

/** What a page shows without a query. */
export const DEFAULT_PREFERENCES: Readonly<Preferences> = {
  theme: 'stripe',
  page: 'light',
  locale: 'auto',
};

/** `value` when it is one of `allowed` (a repeated parameter, an array, is not). */
function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | undefined {
  return allowed.find((each) => each === value);
}

/** The preferences a request's query names; unknown parameters and values are ignored. */
export function readPreferences(query: unknown): Preferences {
  const params =
    typeof query === 'object' && query !== null ? (query as Record<string, unknown>) : {};
  return {
    theme: oneOf(THEMES, params.theme) ?? DEFAULT_PREFERENCES.theme,
    page: oneOf(PAGE_SCHEMES, params.page) ?? DEFAULT_PREFERENCES.page,
    locale: oneOf(LOCALE_TAGS, params.locale) ?? DEFAULT_PREFERENCES.locale,
  };
}

/** The query string of the preferences that differ from the defaults: `''` or `?theme=night…`. */
export function preferencesQuery(preferences: Preferences): string {
  const params = new URLSearchParams();
  for (const key of ['theme', 'page', 'locale'] as const) {
    if (preferences[key] !== DEFAULT_PREFERENCES[key]) params.set(key, preferences[key]);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * The `lang` and `dir` of a page whose elements speak `locale`. With `auto` the page states
 * English, the language of the demo's own text.
 */
export function pageLanguage(locale: Preferences['locale']): { lang: string; dir: 'ltr' | 'rtl' } {
  const entry = LOCALES.find(({ tag }) => tag === locale);
  return { lang: entry?.tag ?? 'en', dir: entry && 'rtl' in entry ? 'rtl' : 'ltr' };
}
