import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { MESSAGE_CODES, type Catalogue, type MessageCode } from '../../src/frame/i18n/catalogue.js';
import fr from '../../src/frame/i18n/locales/fr.js';
import { en, loadCatalogue, sayIn, withMessages } from '../../src/frame/i18n/words.js';
import { RTL_LOCALES, SUPPORTED_LOCALES, type Locale } from '../../src/protocol/index.js';

/** Every catalogue file, imported from the folder itself, so a file added there is checked too. */
const LOCALES_FOLDER = new URL('../../src/frame/i18n/locales/', import.meta.url);
const FILES = readdirSync(LOCALES_FOLDER)
  .filter((name) => name.endsWith('.ts'))
  .sort();
const CATALOGUES: ReadonlyMap<string, Catalogue> = new Map(
  await Promise.all(
    FILES.map(
      async (name) =>
        [
          name.slice(0, -'.ts'.length),
          ((await import(new URL(name, LOCALES_FOLDER).href)) as { default: Catalogue }).default,
        ] as const,
    ),
  ),
);

/** The catalogue of a supported locale: its file is named by the tag in lower case. */
function catalogueOf(locale: Locale): Catalogue {
  const catalogue = CATALOGUES.get(locale.toLowerCase());
  if (!catalogue) throw new Error(`no catalogue file for ${locale}`);
  return catalogue;
}

/** Every string of a catalogue by its path (`fields.cvc.placeholder`, `messages.invalid`). */
function leaves(value: unknown, path = ''): [path: string, text: unknown][] {
  if (typeof value !== 'object' || value === null) return [[path, value]];
  return Object.entries(value).flatMap(([key, child]) =>
    leaves(child, path === '' ? key : `${path}.${key}`),
  );
}

const ENGLISH = new Map(leaves(en));

const CJK: readonly Locale[] = ['ja', 'ko', 'zh-Hans', 'zh-Hant'];
const LATIN_SCRIPT: readonly Locale[] = [
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
];

/**
 * The only words a translation may share with English: the formats cards print (the number's
 * grouping everywhere; `MM / YY` where the local letters are not Latin; `CVC`, the abbreviation
 * printed on cards, where shoppers read it as it is).
 */
const SAME_AS_ENGLISH: Readonly<Record<string, readonly Locale[]>> = {
  'fields.cardNumber.placeholder': SUPPORTED_LOCALES,
  'fields.expiry.placeholder': [...CJK, 'ar', 'he'],
  'fields.cvc.placeholder': [...LATIN_SCRIPT, ...CJK],
};

/** What a locale ends a sentence with. */
function fullStop(locale: Locale): string {
  return locale === 'ja' || locale === 'zh-Hans' || locale === 'zh-Hant' ? '。' : '.';
}

describe('the catalogues', () => {
  it('has one catalogue file per supported locale, and no other', () => {
    assert.deepEqual(
      [...CATALOGUES.keys()].sort(),
      SUPPORTED_LOCALES.map((locale) => locale.toLowerCase()).sort(),
    );
  });

  it('gives English a message for every message code, and no other', () => {
    assert.deepEqual(Object.keys(en.messages).sort(), [...MESSAGE_CODES].sort());
  });

  describe('loads each locale its own catalogue', () => {
    for (const locale of SUPPORTED_LOCALES) {
      it(locale, async () => {
        assert.equal(await loadCatalogue(locale), catalogueOf(locale));
      });
    }
  });

  describe("has exactly English's keys at every level, and no empty string", () => {
    for (const locale of SUPPORTED_LOCALES) {
      it(locale, () => {
        const own = leaves(catalogueOf(locale));
        assert.deepEqual(own.map(([path]) => path).sort(), [...ENGLISH.keys()].sort());
        for (const [path, text] of own) {
          assert.equal(typeof text, 'string', path);
          if (ENGLISH.get(path) !== '') assert.notEqual(text, '', `${path} is empty`);
        }
      });
    }
  });

  describe("ends every message with its language's full stop", () => {
    for (const locale of SUPPORTED_LOCALES) {
      it(`${locale}: ${fullStop(locale)}`, () => {
        for (const [code, message] of Object.entries(catalogueOf(locale).messages)) {
          assert.ok(message.endsWith(fullStop(locale)), `${code}: ${message}`);
        }
      });
    }
  });

  describe('translates every word but the formats printed on cards', () => {
    for (const locale of SUPPORTED_LOCALES.filter((tag) => tag !== 'en' && tag !== 'en-GB')) {
      it(locale, () => {
        for (const [path, text] of leaves(catalogueOf(locale))) {
          const english = ENGLISH.get(path);
          if (english === '' || SAME_AS_ENGLISH[path]?.includes(locale)) continue;
          assert.notEqual(text, english, `${path} is still English`);
        }
      });
    }
  });

  describe('names the CVC in the right-to-left languages in their own script', () => {
    const cases: readonly (readonly [locale: Locale, script: RegExp])[] = [
      ['ar', /\p{Script=Arabic}/u],
      ['he', /\p{Script=Hebrew}/u],
    ];
    for (const [locale, script] of cases) {
      it(locale, () => {
        const { label, placeholder } = catalogueOf(locale).fields.cvc;
        assert.match(label, script);
        assert.match(placeholder, script);
        assert.notEqual(label, en.fields.cvc.label);
        assert.notEqual(placeholder, en.fields.cvc.placeholder);
      });
    }
  });

  describe('spells the expiry placeholder as cards print the date: two letters, slash, two letters', () => {
    for (const locale of SUPPORTED_LOCALES) {
      it(locale, () => {
        assert.match(catalogueOf(locale).fields.expiry.placeholder, /^\p{L}{2} \/ \p{L}{2}$/u);
      });
    }
  });

  describe('lays out right to left exactly the locales written in a right-to-left script', () => {
    for (const locale of SUPPORTED_LOCALES) {
      const rtl = RTL_LOCALES.includes(locale);
      it(`${locale}: ${rtl ? 'rtl' : 'ltr'}`, () => {
        const label = catalogueOf(locale).fields.cardNumber.label;
        assert.equal(/[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(label), rtl, label);
      });
    }
  });

  describe('names each field and option in English', () => {
    const cases: readonly (readonly [pick: (words: Catalogue) => string, expected: string])[] = [
      [(w) => w.fields.cardNumber.label, 'Card number'],
      [(w) => w.fields.expiry.label, 'Expiration date'],
      [(w) => w.fields.expiry.placeholder, 'MM / YY'],
      [(w) => w.fields.cvc.label, 'Security code'],
      [(w) => w.fields.cvc.placeholder, 'CVC'],
      [(w) => w.fields.postalCode.label, 'ZIP / Postal code'],
      [(w) => w.fields.routingNumber.label, 'Routing number'],
      [(w) => w.fields.accountNumber.label, 'Account number'],
      [(w) => w.fields.accountHolderName.label, 'Account holder name'],
      [(w) => w.accountHolderType.label, 'Account holder type'],
      [(w) => w.accountHolderType.individual, 'Individual'],
      [(w) => w.accountHolderType.company, 'Company'],
    ];
    for (const [pick, expected] of cases) {
      it(expected, () => {
        assert.equal(pick(en), expected);
      });
    }
  });

  describe('names fields in French', () => {
    const cases: readonly (readonly [pick: (words: Catalogue) => string, expected: string])[] = [
      [(w) => w.fields.cardNumber.label, 'Numéro de carte'],
      [(w) => w.fields.expiry.placeholder, 'MM / AA'],
      [(w) => w.accountHolderType.individual, 'Particulier'],
    ];
    for (const [pick, expected] of cases) {
      it(expected, () => {
        assert.equal(pick(fr), expected);
      });
    }
  });
});

describe('sayIn', () => {
  describe("uses Stripe.js's English wording", () => {
    const cases: readonly (readonly [code: MessageCode, message: string])[] = [
      ['incomplete_number', 'Your card number is incomplete.'],
      ['invalid_number', 'Your card number is invalid.'],
      ['incomplete_expiry', "Your card's expiration date is incomplete."],
      ['invalid_expiry_year_past', "Your card's expiration year is in the past."],
      ['invalid_expiry_month_past', "Your card's expiration date is in the past."],
      ['invalid_expiry_year', "Your card's expiration year is invalid."],
      ['invalid_expiry_month', "Your card's expiration month is invalid."],
      ['incomplete_cvc', "Your card's security code is incomplete."],
      ['invalid_cvc', "Your card's security code is invalid."],
      ['incomplete_zip', 'Your postal code is incomplete.'],
      ['non_ascii_digits', 'Use the digits 0–9.'],
    ];
    for (const [code, message] of cases) {
      it(code, () => {
        assert.equal(sayIn(en)(code), message);
      });
    }
  });

  it('says the catalogue’s own words', () => {
    assert.equal(sayIn(fr)('incomplete_number'), 'Le numéro de votre carte est incomplet.');
  });

  describe('answers a code no catalogue knows with the generic message, never the code', () => {
    const codes = ['card_declined', '', '__proto__', 'toString', 'constructor', 'hasOwnProperty'];
    for (const code of codes) {
      it(JSON.stringify(code), () => {
        assert.equal(sayIn(en)(code), 'Your payment details are invalid.');
        assert.equal(sayIn(fr)(code), fr.messages.invalid);
      });
    }
  });
});

describe('withMessages', () => {
  it("lays the merchant's wording over the catalogue by code, and leaves the rest", () => {
    const dropped: string[] = [];
    const words = withMessages(
      fr,
      { incomplete_number: 'Il manque des chiffres.', frame_timeout: 'Trop lent.' },
      dropped,
    );
    assert.equal(words.messages.incomplete_number, 'Il manque des chiffres.');
    assert.equal(words.messages.frame_timeout, 'Trop lent.');
    assert.equal(words.messages.invalid_number, fr.messages.invalid_number);
    assert.deepEqual(words.fields, fr.fields);
    assert.deepEqual(dropped, []);
    assert.equal(fr.messages.incomplete_number, 'Le numéro de votre carte est incomplet.');
  });

  it('returns the catalogue as it is without overrides', () => {
    assert.equal(withMessages(en, undefined), en);
  });

  describe('ignores and names what it cannot use', () => {
    const cases: readonly (readonly [name: string, overrides: string, dropped: string])[] = [
      ['an unknown code', '{"card_declined": "No."}', 'messages.card_declined (unknown code)'],
      ['__proto__', '{"__proto__": "x"}', 'messages.__proto__ (unknown code)'],
      ['toString', '{"toString": "x"}', 'messages.toString (unknown code)'],
      [
        'an empty message',
        '{"invalid_cvc": ""}',
        'messages.invalid_cvc (expected a message of 1 to 500 characters)',
      ],
      [
        'a blank message',
        '{"invalid_cvc": "   "}',
        'messages.invalid_cvc (expected a message of 1 to 500 characters)',
      ],
      [
        'a message of 501 characters',
        `{"invalid_cvc": "${'x'.repeat(501)}"}`,
        'messages.invalid_cvc (expected a message of 1 to 500 characters)',
      ],
      [
        'a number',
        '{"invalid_cvc": 5}',
        'messages.invalid_cvc (expected a message of 1 to 500 characters)',
      ],
    ];
    for (const [name, overrides, expected] of cases) {
      it(name, () => {
        const dropped: string[] = [];
        // JSON.parse keeps `__proto__` an own key, as options arriving over postMessage do.
        const words = withMessages(en, JSON.parse(overrides) as Record<string, unknown>, dropped);
        assert.deepEqual(dropped, [expected]);
        assert.deepEqual(words.messages, en.messages);
        assert.equal(sayIn(words)('__proto__'), en.messages.invalid);
      });
    }
  });

  it('takes a message of exactly 500 characters', () => {
    const dropped: string[] = [];
    const long = 'x'.repeat(500);
    assert.equal(withMessages(en, { invalid_cvc: long }, dropped).messages.invalid_cvc, long);
    assert.deepEqual(dropped, []);
  });
});
