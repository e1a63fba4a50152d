import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  validatePostalCode,
  type PostalCodeReason,
  type Verification,
} from '../../src/validation/index.js';

type Expected = Verification<PostalCodeReason>;

const VALID: Expected = { isValid: true, isPotentiallyValid: true };
const EMPTY: Expected = { isValid: false, isPotentiallyValid: true, reason: 'empty' };
const INCOMPLETE: Expected = { isValid: false, isPotentiallyValid: true, reason: 'incomplete' };
const INVALID: Expected = {
  isValid: false,
  isPotentiallyValid: false,
  reason: 'invalid_characters',
};
const NOT_A_STRING: Expected = {
  isValid: false,
  isPotentiallyValid: false,
  reason: 'not_a_string',
};

function runCases(cases: readonly (readonly [name: string, input: unknown, expected: Expected])[]) {
  for (const [name, input, expected] of cases) {
    it(name, () => {
      assert.deepEqual(validatePostalCode(input), expected);
    });
  }
}

describe('validatePostalCode', () => {
  describe("accepts every country's format", () => {
    runCases([
      ['US ZIP 90210', '90210', VALID],
      ['US ZIP+4 12345-6789 (10 characters, the longest)', '12345-6789', VALID],
      ['UK SW1A 1AA', 'SW1A 1AA', VALID],
      ['UK in lower case, sw1a 1aa', 'sw1a 1aa', VALID],
      ['UK without its space, EC1A1BB', 'EC1A1BB', VALID],
      ['Canada K1A 0B1', 'K1A 0B1', VALID],
      ['Netherlands 1012 AB', '1012 AB', VALID],
      ['Japan 100-0001', '100-0001', VALID],
      ['France 75008', '75008', VALID],
      ['Ireland D02 X285', 'D02 X285', VALID],
      ['a leading zero, 01234', '01234', VALID],
      ['3 characters, the shortest', '010', VALID],
      ['spaces around the code are ignored', '  90210  ', VALID],
    ]);
  });

  describe('empty or short input may still be typed', () => {
    runCases([
      ["''", '', EMPTY],
      ['only spaces', '   ', EMPTY],
      ['one character', '9', INCOMPLETE],
      ['two characters', 'SW', INCOMPLETE],
      ['two characters within spaces', ' 90 ', INCOMPLETE],
    ]);
  });

  describe('refuses characters no postal code has', () => {
    runCases([
      ['markup', '<script>', INVALID],
      ['a quote', "90210'", INVALID],
      ['a semicolon', '90210;', INVALID],
      ['an underscore', 'SW1A_1AA', INVALID],
      ['a leading dash', '-90210', INVALID],
      ['a new line inside', '902\n10', INVALID],
      ['a NUL character', '902\u000010', INVALID],
      ['full-width digits', '９０２１０', INVALID],
      ['a letter with an accent', 'Ö1234', INVALID],
      ['11 characters (too long)', '12345-67890', INVALID],
    ]);
  });

  describe('refuses values that are not strings', () => {
    runCases([
      ['the number 90210', 90210, NOT_A_STRING],
      ['undefined', undefined, NOT_A_STRING],
      ['null', null, NOT_A_STRING],
      ['NaN', NaN, NOT_A_STRING],
      ['an object', {}, NOT_A_STRING],
      ['an array', ['90210'], NOT_A_STRING],
    ]);
  });
});
