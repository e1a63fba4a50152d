import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  labelsFor,
  messageFor,
  resolveLocale,
  SUPPORTED_LOCALES,
  type Labels,
  type Locale,
  type MessageCode,
} from '../../src/frame/messages.js';
import { ELEMENT_TYPES } from '../../src/protocol/index.js';

/** Every code the frame reports, written out here so a missing translation fails a test. */
const CODES: readonly MessageCode[] = [
  'incomplete_number',
  'invalid_number',
  'incomplete_expiry',
  'invalid_expiry_year_past',
  'invalid_expiry_month_past',
  'invalid_expiry_year',
  'invalid_expiry_month',
  'incomplete_cvc',
  'invalid_cvc',
  'incomplete_zip',
  'invalid_zip',
  'incomplete_routing_number',
  'invalid_routing_number',
  'incomplete_account_number',
  'invalid_account_number',
  'incomplete_account_holder_name',
  'api_connection_error',
  'non_ascii_digits',
];

describe('messageFor', () => {
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
        assert.equal(messageFor(code, 'en'), message);
      });
    }
  });

  describe('has a distinct message for every code in every locale', () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const code of CODES) {
        it(`${locale}: ${code}`, () => {
          const message = messageFor(code, locale);
          assert.match(message, /^\S.*[.]$/u);
          assert.notEqual(message, code);
          if (locale !== 'en') assert.notEqual(message, messageFor(code, 'en'));
        });
      }
    }
  });

  describe('matches locale tags on their language', () => {
    const cases: readonly (readonly [locale: string, expected: string])[] = [
      ['fr', 'Le numéro de votre carte est incomplet.'],
      ['fr-CA', 'Le numéro de votre carte est incomplet.'],
      ['FR_be', 'Le numéro de votre carte est incomplet.'],
      ['en-GB', 'Your card number is incomplete.'],
      ['de', 'Your card number is incomplete.'],
      ['', 'Your card number is incomplete.'],
    ];
    for (const [locale, expected] of cases) {
      it(JSON.stringify(locale), () => {
        assert.equal(messageFor('incomplete_number', locale), expected);
      });
    }
  });

  describe('answers unknown codes with a generic message, never the code', () => {
    const cases: readonly (readonly [code: string, locale: string, expected: string])[] = [
      ['card_declined', 'en', 'Your payment details are invalid.'],
      ['toString', 'en', 'Your payment details are invalid.'],
      ['__proto__', 'fr', 'Vos informations de paiement sont invalides.'],
      ['', 'fr', 'Vos informations de paiement sont invalides.'],
    ];
    for (const [code, locale, expected] of cases) {
      it(`${JSON.stringify(code)} in ${locale}`, () => {
        assert.equal(messageFor(code, locale), expected);
      });
    }
  });
});

describe('resolveLocale', () => {
  const cases: readonly (readonly [
    name: string,
    locale: string | undefined,
    navigatorLanguages: readonly string[],
    expected: Locale,
  ])[] = [
    ['no option: the browser language', undefined, ['fr-FR', 'en'], 'fr'],
    ['auto: the browser language', 'auto', ['fr-FR', 'en'], 'fr'],
    ['AUTO in capitals', 'AUTO', ['fr'], 'fr'],
    ['auto: the first supported browser language', 'auto', ['de-DE', 'fr-CA', 'en'], 'fr'],
    ['auto: English before French when preferred', 'auto', ['en-US', 'fr'], 'en'],
    ['auto: nothing supported', 'auto', ['de', 'ja'], 'en'],
    ['auto: no browser languages', 'auto', [], 'en'],
    ['an explicit fr-CA', 'fr-CA', ['en'], 'fr'],
    ['an explicit fr', 'fr', [], 'fr'],
    ['an explicit en wins over the browser', 'en', ['fr'], 'en'],
    ['an explicit unsupported tag: English', 'de', ['fr'], 'en'],
    ['an empty tag: English', '', ['fr'], 'en'],
  ];
  for (const [name, locale, navigatorLanguages, expected] of cases) {
    it(name, () => {
      assert.equal(resolveLocale(locale, navigatorLanguages), expected);
    });
  }
});

describe('labelsFor', () => {
  describe('names each field', () => {
    const cases: readonly (readonly [
      locale: string,
      pick: (labels: Labels) => string,
      expected: string,
    ])[] = [
      ['en', (l) => l.cardNumber.label, 'Card number'],
      ['en', (l) => l.expiry.label, 'Expiration date'],
      ['en', (l) => l.expiry.placeholder, 'MM / YY'],
      ['en', (l) => l.cvc.label, 'Security code'],
      ['en', (l) => l.cvc.placeholder, 'CVC'],
      ['en', (l) => l.postalCode.label, 'ZIP / Postal code'],
      ['en', (l) => l.routingNumber.label, 'Routing number'],
      ['en', (l) => l.accountNumber.label, 'Account number'],
      ['en', (l) => l.accountHolderName.label, 'Account holder name'],
      ['en', (l) => l.accountHolderType.label, 'Account holder type'],
      ['en', (l) => l.accountHolderType.individual, 'Individual'],
      ['en', (l) => l.accountHolderType.company, 'Company'],
      ['en', (l) => l.frameTitles.card, 'Secure card payment input frame'],
      ['fr', (l) => l.cardNumber.label, 'Numéro de carte'],
      ['fr', (l) => l.expiry.placeholder, 'MM / AA'],
      ['fr-CA', (l) => l.accountHolderType.individual, 'Particulier'],
      ['de', (l) => l.cardNumber.label, 'Card number'],
    ];
    for (const [locale, pick, expected] of cases) {
      it(`${locale}: ${expected}`, () => {
        assert.equal(pick(labelsFor(locale)), expected);
      });
    }
  });

  describe('gives every kind of iframe an accessible name', () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const type of ELEMENT_TYPES) {
        it(`${locale}: ${type}`, () => {
          assert.match(labelsFor(locale).frameTitles[type], /\S/);
        });
      }
    }
  });
});
