import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultCurrencyFor,
  normalizeCountry,
  normalizeCurrency,
} from '../../src/validation/index.js';

type Case = readonly [name: string, input: unknown, expected: string | null];

function runCases(normalize: (value: unknown) => string | null, cases: readonly Case[]): void {
  for (const [name, input, expected] of cases) {
    it(`${name} → ${expected ?? 'null'}`, () => {
      assert.equal(normalize(input), expected);
    });
  }
}

const NOT_STRINGS: readonly Case[] = [
  ['undefined', undefined, null],
  ['null', null, null],
  ['a number', 840, null],
  ['NaN', NaN, null],
  ['an object', {}, null],
  ['an array', [], null],
];

describe('normalizeCountry', () => {
  describe('upper-cases ISO 3166-1 alpha-2 codes', () => {
    runCases(normalizeCountry, [
      ["'US'", 'US', 'US'],
      ["'us'", 'us', 'US'],
      ["'Us'", 'Us', 'US'],
      ["'gb'", 'gb', 'GB'],
      ["'de'", 'de', 'DE'],
      ["'jp'", 'jp', 'JP'],
      ["' ca ' (spaces around)", ' ca ', 'CA'],
      ["'AX' (Åland Islands)", 'AX', 'AX'],
      ["'CW' (Curaçao)", 'CW', 'CW'],
    ]);
  });

  describe('refuses codes that are not ISO 3166-1 alpha-2', () => {
    runCases(normalizeCountry, [
      ["'XX'", 'XX', null],
      ["'UK' (the code is GB)", 'UK', null],
      ["'uk'", 'uk', null],
      ["'EU' (not a country)", 'EU', null],
      ["'XK' (Kosovo, user-assigned)", 'XK', null],
      ["'ZZ'", 'ZZ', null],
      ["'USA' (alpha-3)", 'USA', null],
      ["'U'", 'U', null],
      ["''", '', null],
      ["'U S'", 'U S', null],
      ["full-width 'ＵＳ'", 'ＵＳ', null],
      ["'ıe' (dotless i upper-cases to I)", 'ıe', null],
      ["'ſe' (long s upper-cases to S)", 'ſe', null],
    ]);
  });

  describe('refuses values that are not strings', () => {
    runCases(normalizeCountry, [...NOT_STRINGS, ['an array holding a code', ['US'], null]]);
  });
});

describe('normalizeCurrency', () => {
  describe('lower-cases ISO 4217 codes', () => {
    runCases(normalizeCurrency, [
      ["'USD'", 'USD', 'usd'],
      ["'usd'", 'usd', 'usd'],
      ["'Eur'", 'Eur', 'eur'],
      ["'JPY'", 'JPY', 'jpy'],
      ["' gbp ' (spaces around)", ' gbp ', 'gbp'],
      ["'XOF' (West African CFA franc)", 'XOF', 'xof'],
    ]);
  });

  describe('refuses codes that are not ISO 4217', () => {
    runCases(normalizeCurrency, [
      ["'XXX'", 'XXX', null],
      ["'EURO'", 'EURO', null],
      ["'US'", 'US', null],
      ["'BTC'", 'BTC', null],
      ["'$'", '$', null],
      ["''", '', null],
      ["full-width 'ＵＳＤ'", 'ＵＳＤ', null],
      ['the Kelvin sign (U+212A) then "wd", which lower-cases to kwd', '\u212Awd', null],
    ]);
  });

  describe('refuses values that are not strings', () => {
    runCases(normalizeCurrency, [...NOT_STRINGS, ['an array holding a code', ['usd'], null]]);
  });
});

describe('defaultCurrencyFor', () => {
  const cases: readonly [country: string, expected: string | null][] = [
    ['US', 'usd'],
    ['CA', 'cad'],
    ['GB', 'gbp'],
    ['AU', 'aud'],
    ['JP', 'jpy'],
    ['CH', 'chf'],
    ['DE', 'eur'],
    ['FR', 'eur'],
    ['HR', 'eur'],
    ['IE', 'eur'],
    ['AE', null],
    ['XX', null],
    ['us', null],
    ['', null],
    ['constructor', null],
    ['toString', null],
    ['__proto__', null],
    ['hasOwnProperty', null],
  ];
  for (const [country, expected] of cases) {
    it(`${JSON.stringify(country)} → ${expected ?? 'null'}`, () => {
      assert.equal(defaultCurrencyFor(country), expected);
    });
  }
});
