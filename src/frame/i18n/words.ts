/**
 * The frame's words in the shopper's language: English ships in the frame's script, every
 * other catalogue is its own chunk on the vault origin, fetched when that language is asked
 * for (under the frame's CSP, `script-src 'self'`), so a German shopper downloads German only.
 * A merchant's `messages` option is laid over the catalogue by code.
 */
import type { Locale } from '../../protocol/index.js';
import type { Catalogue, MessageCode } from './catalogue.js';
import en from './locales/en.js';

export { en };

type Chunk = Promise<{ default: Catalogue }>;

/** One lazily loaded chunk per catalogue (Vite splits each dynamic import into its own file). */
const CHUNKS: Readonly<Record<Exclude<Locale, 'en'>, () => Chunk>> = {
  'en-GB': () => import('./locales/en-gb.js'),
  de: () => import('./locales/de.js'),
  fr: () => import('./locales/fr.js'),
  es: () => import('./locales/es.js'),
  'es-419': () => import('./locales/es-419.js'),
  it: () => import('./locales/it.js'),
  nl: () => import('./locales/nl.js'),
  pt: () => import('./locales/pt.js'),
  'pt-BR': () => import('./locales/pt-br.js'),
  sv: () => import('./locales/sv.js'),
  da: () => import('./locales/da.js'),
  nb: () => import('./locales/nb.js'),
  fi: () => import('./locales/fi.js'),
  pl: () => import('./locales/pl.js'),
  cs: () => import('./locales/cs.js'),
  ja: () => import('./locales/ja.js'),
  ko: () => import('./locales/ko.js'),
  'zh-Hans': () => import('./locales/zh-hans.js'),
  'zh-Hant': () => import('./locales/zh-hant.js'),
  ar: () => import('./locales/ar.js'),
  he: () => import('./locales/he.js'),
};

/** The catalogue of `locale`: English at once, another once its chunk loaded (English if it cannot). */
export async function loadCatalogue(locale: Locale): Promise<Catalogue> {
  if (locale === 'en') return en;
  try {
    return (await CHUNKS[locale]()).default;
  } catch {
    return en;
  }
}

/** Says the message of a code (a code no catalogue knows gets the generic `invalid` message). */
export type Say = (code: string) => string;

/** Every catalogue has English's codes (tested), so English's own keys are the list. */
function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(en.messages, code);
}

/** The message for `code` in `catalogue`, never the raw code. */
export function sayIn(catalogue: Catalogue): Say {
  return (code) => catalogue.messages[isMessageCode(code) ? code : 'invalid'];
}

/**
 * `catalogue` with the merchant's wording laid over it, by code: a known code with a
 * non-empty string of at most 500 characters replaces the catalogue's message; anything else
 * is named in `dropped` (but `frame_load_timeout`, which the page says itself).
 */
export function withMessages(
  catalogue: Catalogue,
  overrides: Readonly<Record<string, unknown>> | undefined,
  dropped: string[] = [],
): Catalogue {
  if (!overrides) return catalogue;
  const messages: Record<string, string> = { ...catalogue.messages };
  for (const [code, message] of Object.entries(overrides)) {
    // The page says that one itself, when there is no frame.
    if (code === 'frame_load_timeout') continue;
    if (!isMessageCode(code)) dropped.push(`messages.${code} (unknown code)`);
    else if (typeof message !== 'string' || message.trim() === '' || message.length > 500) {
      dropped.push(`messages.${code} (expected a message of 1 to 500 characters)`);
    } else messages[code] = message;
  }
  return { ...catalogue, messages: messages as Catalogue['messages'] };
}
