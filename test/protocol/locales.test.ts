import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  matchLocale,
  resolveLocale,
  SUPPORTED_LOCALES,
  type Locale,
} from '../../src/protocol/index.js';

describe('resolveLocale', () => {
  describe('finds a requested tag', () => {
    const cases: readonly (readonly [name: string, tag: string, expected: Locale])[] = [
      ...SUPPORTED_LOCALES.map((locale) => [`${locale} as it is`, locale, locale] as const),
      ...SUPPORTED_LOCALES.map(
        (locale) => [`${locale} in capitals`, locale.toUpperCase(), locale] as const,
      ),
      ...SUPPORTED_LOCALES.map(
        (locale) => [`${locale} in lower case`, locale.toLowerCase(), locale] as const,
      ),
      ['an underscore', 'pt_br', 'pt-BR'],
      ['an underscore and capitals', 'EN_gb', 'en-GB'],
      ['spaces around', ' fr ', 'fr'],
    ];
    for (const [name, tag, expected] of cases) {
      it(`${name}: ${JSON.stringify(tag)} → ${expected}`, () => {
        assert.equal(resolveLocale(tag, []), expected);
      });
    }
  });

  describe('falls back from a region or variant to its language', () => {
    const cases: readonly (readonly [tag: string, expected: Locale])[] = [
      ['fr-CA', 'fr'],
      ['fr-BE', 'fr'],
      ['de-CH-1996', 'de'],
      ['de-AT', 'de'],
      ['en-US', 'en'],
      ['nb-NO', 'nb'],
      ['he-IL', 'he'],
      ['ar-EG', 'ar'],
      ['ja-JP', 'ja'],
      ['es-MX-u-ca-gregory', 'es-419'],
    ];
    for (const [tag, expected] of cases) {
      it(`${tag} → ${expected}`, () => {
        assert.equal(resolveLocale(tag, []), expected);
      });
    }
  });

  describe('groups regions with the variant they read', () => {
    const cases: readonly (readonly [tag: string, expected: Locale])[] = [
      ['es-MX', 'es-419'],
      ['es-US', 'es-419'],
      ['es-AR', 'es-419'],
      ['es-ES', 'es'],
      ['zh-TW', 'zh-Hant'],
      ['zh-HK', 'zh-Hant'],
      ['zh-Hant-TW', 'zh-Hant'],
      ['zh-Hant-HK', 'zh-Hant'],
      ['zh', 'zh-Hans'],
      ['zh-CN', 'zh-Hans'],
      ['zh-SG', 'zh-Hans'],
      ['zh-Hans-CN', 'zh-Hans'],
      ['no', 'nb'],
      ['nn', 'nb'],
      ['iw', 'he'],
      ['en-AU', 'en-GB'],
      ['en-IN', 'en-GB'],
      ['en-GB-oxendict', 'en-GB'],
      ['pt-PT', 'pt'],
      ['pt-BR', 'pt-BR'],
    ];
    for (const [tag, expected] of cases) {
      it(`${tag} → ${expected}`, () => {
        assert.equal(resolveLocale(tag, []), expected);
      });
    }
  });

  describe('speaks English for anything else', () => {
    const tags = ['xx', 'tlh', 'sr-Latn', '', '-', 'constructor', '__proto__', 'toString'];
    for (const tag of tags) {
      it(JSON.stringify(tag), () => {
        assert.equal(resolveLocale(tag, ['fr']), 'en');
        assert.equal(matchLocale(tag), undefined);
      });
    }
  });

  describe("follows the browser's languages for auto, in order", () => {
    const cases: readonly (readonly [
      name: string,
      locale: string | undefined,
      navigatorLanguages: readonly string[],
      expected: Locale,
    ])[] = [
      ['no option: the browser language', undefined, ['fr-FR', 'en'], 'fr'],
      ['auto: the browser language', 'auto', ['fr-FR', 'en'], 'fr'],
      ['AUTO in capitals', 'AUTO', ['fr'], 'fr'],
      ['auto: the first that matches wins', 'auto', ['de-DE', 'fr-CA', 'en'], 'de'],
      ['auto: English before French when preferred', 'auto', ['en-US', 'fr'], 'en'],
      ['auto: unmatched languages are skipped', 'auto', ['tlh', 'xx-YY', 'ja-JP', 'fr'], 'ja'],
      ['auto: an alias', 'auto', ['zh-TW'], 'zh-Hant'],
      ['auto: prototype names are skipped', 'auto', ['__proto__', 'constructor', 'it'], 'it'],
      ['auto: nothing supported', 'auto', ['tlh', 'xx'], 'en'],
      ['auto: no browser languages', 'auto', [], 'en'],
      ['an explicit tag wins over the browser', 'en', ['fr'], 'en'],
      ['an explicit unsupported tag: English, not the browser', 'tlh', ['fr'], 'en'],
    ];
    for (const [name, locale, navigatorLanguages, expected] of cases) {
      it(name, () => {
        assert.equal(resolveLocale(locale, navigatorLanguages), expected);
      });
    }
  });
});
