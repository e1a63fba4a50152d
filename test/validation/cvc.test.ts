import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  validateCvc,
  type CardBrand,
  type CvcReason,
  type Verification,
} from '../../src/validation/index.js';
import { STRIPE_TEST_CARDS } from '../fixtures/stripe-test-cards.js';

interface Case {
  name: string;
  input: unknown;
  brand?: CardBrand;
  expected: Verification<CvcReason>;
}

const VALID: Verification<CvcReason> = { isValid: true, isPotentiallyValid: true };

function stillTyping(reason: 'empty' | 'incomplete'): Verification<CvcReason> {
  return { isValid: false, isPotentiallyValid: true, reason };
}

function refused(reason: Exclude<CvcReason, 'empty' | 'incomplete'>): Verification<CvcReason> {
  return { isValid: false, isPotentiallyValid: false, reason };
}

function runCases(cases: readonly Case[]): void {
  for (const { name, input, brand, expected } of cases) {
    it(name, () => {
      assert.deepEqual(validateCvc(input, brand), expected);
    });
  }
}

/** Brands whose security code has 3 digits: every one but Amex. */
const THREE_DIGIT_BRANDS: readonly CardBrand[] = [
  'visa',
  'mastercard',
  'discover',
  'diners',
  'jcb',
  'unionpay',
  'maestro',
  'elo',
  'mir',
  'hiper',
  'hipercard',
];

describe('validateCvc', () => {
  describe("accepts any CVC of the right length for Stripe's test cards", () => {
    for (const card of STRIPE_TEST_CARDS) {
      const cvc = '1234'.slice(0, card.cvcLength);
      it(`${cvc} for ${card.number} (${card.description})`, () => {
        assert.deepEqual(validateCvc(cvc, card.brand), VALID);
      });
    }
  });

  describe('American Express takes 4 digits', () => {
    runCases([
      { name: "'1234' is valid", input: '1234', brand: 'amex', expected: VALID },
      { name: "'0000' is valid", input: '0000', brand: 'amex', expected: VALID },
      {
        name: "'123' may still grow",
        input: '123',
        brand: 'amex',
        expected: stillTyping('incomplete'),
      },
      {
        name: "'1' may still grow",
        input: '1',
        brand: 'amex',
        expected: stillTyping('incomplete'),
      },
      {
        name: "'12345' is too long",
        input: '12345',
        brand: 'amex',
        expected: refused('invalid_length'),
      },
    ]);
  });

  describe('other brands take 3 digits', () => {
    for (const brand of THREE_DIGIT_BRANDS) {
      runCases([
        { name: `${brand}: '123' is valid`, input: '123', brand, expected: VALID },
        {
          name: `${brand}: '12' may still grow`,
          input: '12',
          brand,
          expected: stillTyping('incomplete'),
        },
        {
          name: `${brand}: '1234' is too long`,
          input: '1234',
          brand,
          expected: refused('invalid_length'),
        },
      ]);
    }
  });

  describe('a lone CVC field (no brand) takes 3 or 4 digits', () => {
    for (const brand of [undefined, 'unknown'] as const) {
      const label = brand ?? 'no brand';
      runCases([
        { name: `${label}: '123' is valid`, input: '123', brand, expected: VALID },
        { name: `${label}: '1234' is valid`, input: '1234', brand, expected: VALID },
        {
          name: `${label}: '12' may still grow`,
          input: '12',
          brand,
          expected: stillTyping('incomplete'),
        },
        {
          name: `${label}: '12345' is too long`,
          input: '12345',
          brand,
          expected: refused('invalid_length'),
        },
      ]);
    }
  });

  describe('empty input may still be typed', () => {
    runCases([
      { name: "'' with no brand", input: '', expected: stillTyping('empty') },
      { name: "'' for Visa", input: '', brand: 'visa', expected: stillTyping('empty') },
      { name: "'' for Amex", input: '', brand: 'amex', expected: stillTyping('empty') },
    ]);
  });

  describe('refuses anything but ASCII digits', () => {
    runCases([
      { name: 'letters', input: 'abc', expected: refused('invalid_characters') },
      { name: 'a letter among digits', input: '12a', expected: refused('invalid_characters') },
      { name: 'a space between digits', input: '1 23', expected: refused('invalid_characters') },
      { name: 'a dash between digits', input: '12-3', expected: refused('invalid_characters') },
      { name: 'a minus sign', input: '-123', expected: refused('invalid_characters') },
      { name: 'a decimal point', input: '12.3', expected: refused('invalid_characters') },
      {
        name: "full-width digits '１２３'",
        input: '１２３',
        expected: refused('non_ascii_digits'),
      },
      { name: "Arabic-Indic digits '١٢٣'", input: '١٢٣', expected: refused('non_ascii_digits') },
      {
        name: 'full-width digits for Amex',
        input: '１２３４',
        brand: 'amex',
        expected: refused('non_ascii_digits'),
      },
    ]);
  });

  describe('refuses values that are not strings', () => {
    const inputs: readonly [string, unknown][] = [
      ['the number 123', 123],
      ['undefined', undefined],
      ['null', null],
      ['NaN', NaN],
      ['an object', {}],
      ['an array', ['123']],
    ];
    for (const [name, input] of inputs) {
      it(`${name} is not a string`, () => {
        assert.deepEqual(validateCvc(input, 'visa'), refused('not_a_string'));
      });
    }
  });
});
