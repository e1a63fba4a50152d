import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import {
  ACCOUNT_HOLDER_TYPES,
  ACCOUNT_TYPES,
  isAccountHolderType,
  isAccountType,
  validateAccountNumber,
  validateRoutingNumber,
  type BankNumberReason,
  type Verification,
} from '../../src/validation/index.js';
import {
  STRIPE_TEST_BANK_ACCOUNTS,
  STRIPE_TEST_ROUTING_NUMBER,
} from '../fixtures/stripe-test-cards.js';

type Expected = Verification<BankNumberReason>;
type Case = readonly [name: string, input: unknown, expected: Expected];

const VALID: Expected = { isValid: true, isPotentiallyValid: true };

function stillTyping(reason: 'empty' | 'incomplete'): Expected {
  return { isValid: false, isPotentiallyValid: true, reason };
}

function refused(reason: Exclude<BankNumberReason, 'empty' | 'incomplete'>): Expected {
  return { isValid: false, isPotentiallyValid: false, reason };
}

/** Routing numbers of real US banks, each with a valid ABA checksum. */
const REAL_ROUTING_NUMBERS: readonly [bank: string, routingNumber: string][] = [
  ['JPMorgan Chase, New York', '021000021'],
  ['Federal Reserve Bank of Boston', '011000015'],
  ['Bank of America, New York', '026009593'],
  ['Wells Fargo, California', '121000248'],
  ['JPMorgan Chase, California', '322271627'],
];

/** `digits` with the digit at `index` increased by one (9 becomes 0). */
function withDigitChanged(digits: string, index: number): string {
  const changed = (Number(digits[index]) + 1) % 10;
  return `${digits.slice(0, index)}${changed}${digits.slice(index + 1)}`;
}

describe('validateRoutingNumber', () => {
  it(`accepts Stripe's test routing number ${STRIPE_TEST_ROUTING_NUMBER}`, () => {
    assert.deepEqual(validateRoutingNumber(STRIPE_TEST_ROUTING_NUMBER), VALID);
  });

  describe('accepts real routing numbers', () => {
    for (const [bank, routingNumber] of REAL_ROUTING_NUMBERS) {
      it(`${routingNumber} (${bank})`, () => {
        assert.deepEqual(validateRoutingNumber(routingNumber), VALID);
      });
    }
  });

  describe('refuses a routing number with one digit wrong (ABA checksum)', () => {
    for (const [, routingNumber] of REAL_ROUTING_NUMBERS.slice(0, 1)) {
      for (let index = 0; index < routingNumber.length; index++) {
        const wrong = withDigitChanged(routingNumber, index);
        it(`${wrong} (digit ${index + 1} of ${routingNumber} changed)`, () => {
          assert.deepEqual(validateRoutingNumber(wrong), refused('checksum'));
        });
      }
    }
    for (const wrong of ['110000001', '011000016', '121000249']) {
      it(`${wrong} (check digit changed)`, () => {
        assert.deepEqual(validateRoutingNumber(wrong), refused('checksum'));
      });
    }
  });

  describe('waits for the ninth digit', () => {
    const cases: readonly Case[] = [
      ["empty ''", '', stillTyping('empty')],
      ['one digit', '1', stillTyping('incomplete')],
      ['8 digits', '11000000', stillTyping('incomplete')],
    ];
    for (const [name, input, expected] of cases) {
      it(name, () => {
        assert.deepEqual(validateRoutingNumber(input), expected);
      });
    }
  });

  describe('refuses malformed routing numbers', () => {
    const cases: readonly Case[] = [
      ['10 digits', '1100000000', refused('invalid_length')],
      ['a valid number with a digit appended', '0210000210', refused('invalid_length')],
      ['letters', 'abcdefghi', refused('invalid_characters')],
      ['a letter among digits', '11000000a', refused('invalid_characters')],
      ['dashes', '110-000-000', refused('invalid_characters')],
      ['spaces', '110 000 000', refused('invalid_characters')],
      ['full-width digits', '１１００００００００', refused('non_ascii_digits')],
      ['Arabic-Indic digits', '١١٠٠٠٠٠٠٠', refused('non_ascii_digits')],
      ['a number (loses leading zeros)', 21000021, refused('not_a_string')],
      ['undefined', undefined, refused('not_a_string')],
      ['null', null, refused('not_a_string')],
      ['NaN', NaN, refused('not_a_string')],
      ['an object', {}, refused('not_a_string')],
    ];
    for (const [name, input, expected] of cases) {
      it(name, () => {
        assert.deepEqual(validateRoutingNumber(input), expected);
      });
    }
  });
});

describe('validateAccountNumber', () => {
  describe("accepts Stripe's test account numbers", () => {
    for (const account of STRIPE_TEST_BANK_ACCOUNTS) {
      it(`${account.accountNumber} (${account.description})`, () => {
        assert.deepEqual(validateAccountNumber(account.accountNumber), VALID);
      });
    }
  });

  const cases: readonly Case[] = [
    ['4 digits, the shortest', '1234', VALID],
    ['17 digits, the longest', '12345678901234567', VALID],
    ['leading zeros', '0000000001', VALID],
    ["empty ''", '', stillTyping('empty')],
    ['one digit', '1', stillTyping('incomplete')],
    ['3 digits', '123', stillTyping('incomplete')],
    ['18 digits', '123456789012345678', refused('invalid_length')],
    ['letters', 'ABCD1234', refused('invalid_characters')],
    ['dashes', '0001-2345-6789', refused('invalid_characters')],
    ['spaces', '0001 2345 6789', refused('invalid_characters')],
    ['full-width digits', '０００１２３４５６７８９', refused('non_ascii_digits')],
    ['a number', 123456789, refused('not_a_string')],
    ['undefined', undefined, refused('not_a_string')],
    ['null', null, refused('not_a_string')],
    ['an object', {}, refused('not_a_string')],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      assert.deepEqual(validateAccountNumber(input), expected);
    });
  }
});

describe('isAccountHolderType', () => {
  it("lists exactly Stripe's holder types", () => {
    assert.deepEqual([...ACCOUNT_HOLDER_TYPES].sort(), ['company', 'individual']);
  });

  const cases: readonly [input: unknown, expected: boolean][] = [
    ['individual', true],
    ['company', true],
    ['Individual', false],
    ['COMPANY', false],
    [' individual', false],
    ['business', false],
    ['', false],
    [undefined, false],
    [null, false],
    [['individual'], false],
  ];
  for (const [input, expected] of cases) {
    it(`${inspect(input)} → ${expected}`, () => {
      assert.equal(isAccountHolderType(input), expected);
    });
  }
});

describe('isAccountType', () => {
  it("lists exactly Stripe's account types", () => {
    assert.deepEqual([...ACCOUNT_TYPES].sort(), ['checking', 'futsu', 'savings', 'toza']);
  });

  const cases: readonly [input: unknown, expected: boolean][] = [
    ['checking', true],
    ['savings', true],
    ['futsu', true],
    ['toza', true],
    ['Checking', false],
    ['current', false],
    ['saving', false],
    ['', false],
    [undefined, false],
    [null, false],
    [['checking'], false],
  ];
  for (const [input, expected] of cases) {
    it(`${inspect(input)} → ${expected}`, () => {
      assert.equal(isAccountType(input), expected);
    });
  }
});
