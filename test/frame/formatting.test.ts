import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNT_NUMBER_MAX_LENGTH,
  formatCardNumber,
  formatDigits,
  formatExpiry,
  hasNonAsciiDigits,
  parseExpiry,
  reformatWithCaret,
  ROUTING_NUMBER_LENGTH,
  type ExpiryParts,
  type FormattedCardNumber,
} from '../../src/frame/formatting.js';
import { validateAccountNumber, validateRoutingNumber } from '../../src/validation/index.js';
import { STRIPE_TEST_CARDS } from '../fixtures/stripe-test-cards.js';

describe('formatCardNumber', () => {
  describe('groups digits at the brand gaps', () => {
    const cases: readonly (readonly [
      name: string,
      input: string,
      expected: FormattedCardNumber,
    ])[] = [
      ['empty', '', { value: '', digits: '', brand: 'unknown' }],
      ['one digit: no brand yet', '4', { value: '4', digits: '4', brand: 'unknown' }],
      ['two digits name Visa', '42', { value: '42', digits: '42', brand: 'visa' }],
      ['four digits, no trailing space', '4242', { value: '4242', digits: '4242', brand: 'visa' }],
      ['a fifth digit opens a group', '42424', { value: '4242 4', digits: '42424', brand: 'visa' }],
      [
        'Visa 16: 4-4-4-4',
        '4242424242424242',
        { value: '4242 4242 4242 4242', digits: '4242424242424242', brand: 'visa' },
      ],
      [
        'Visa 19: 4-4-4-4-3',
        '4242424242424242424',
        { value: '4242 4242 4242 4242 424', digits: '4242424242424242424', brand: 'visa' },
      ],
      [
        'Mastercard 16: 4-4-4-4',
        '5555555555554444',
        { value: '5555 5555 5555 4444', digits: '5555555555554444', brand: 'mastercard' },
      ],
      [
        'Amex 15: 4-6-5',
        '378282246310005',
        { value: '3782 822463 10005', digits: '378282246310005', brand: 'amex' },
      ],
      [
        'Amex while typing: 4-6-…',
        '3782822',
        { value: '3782 822', digits: '3782822', brand: 'amex' },
      ],
      [
        'Diners 14: 4-6-4',
        '36227206271667',
        { value: '3622 720627 1667', digits: '36227206271667', brand: 'diners' },
      ],
      [
        'Diners 16: groups of four',
        '3056930009020004',
        { value: '3056 9300 0902 0004', digits: '3056930009020004', brand: 'diners' },
      ],
      [
        'UnionPay 19: 4-4-4-4-3',
        '6205500000000000004',
        { value: '6205 5000 0000 0000 004', digits: '6205500000000000004', brand: 'unionpay' },
      ],
      [
        'an ambiguous prefix (3: Amex, Diners or JCB) in fours',
        '3',
        { value: '3', digits: '3', brand: 'unknown' },
      ],
    ];
    for (const [name, input, expected] of cases) {
      it(name, () => {
        assert.deepEqual(formatCardNumber(input), expected);
      });
    }
  });

  describe('keeps ASCII digits only and caps the length', () => {
    const cases: readonly (readonly [name: string, input: string, value: string])[] = [
      ['spaces and dashes as pasted', '4242-4242 4242  4242', '4242 4242 4242 4242'],
      ['letters and punctuation', 'a4242.4242/4242x4242!', '4242 4242 4242 4242'],
      ['full-width digits', '４２４２4242', '4242'],
      ['Arabic-Indic digits', '٤٢٤٢4242', '4242'],
      ['Mastercard capped at 16', '55555555555544449', '5555 5555 5555 4444'],
      ['Amex capped at 15', '3782822463100051234', '3782 822463 10005'],
      ['Visa capped at 19', '42424242424242424242', '4242 4242 4242 4242 424'],
      ['an unknown brand capped at 19', '9'.repeat(25), '9999 9999 9999 9999 999'],
      ['a formatted value is stable', '4242 4242 4242 4242', '4242 4242 4242 4242'],
    ];
    for (const [name, input, value] of cases) {
      it(name, () => {
        assert.equal(formatCardNumber(input).value, value);
      });
    }
  });

  describe("keeps every Stripe test card's digits and brand", () => {
    for (const card of STRIPE_TEST_CARDS) {
      it(`${card.description} ${card.number}`, () => {
        const formatted = formatCardNumber(card.number);
        assert.equal(formatted.digits, card.number);
        assert.equal(formatted.value.replaceAll(' ', ''), card.number);
        assert.equal(formatted.brand, card.brand);
      });
    }
  });
});

/** Splits `'4242 4|242'` into the text and the caret offset the `|` marks. */
function marked(text: string): { value: string; caret: number } {
  const caret = text.indexOf('|');
  assert.notEqual(caret, -1, `no caret in ${text}`);
  return { value: text.replace('|', ''), caret };
}

describe('reformatWithCaret', () => {
  const card = (input: string): string => formatCardNumber(input).value;
  const expiry = (previous: string) => (input: string) => formatExpiry(input, previous);
  const cases: readonly (readonly [
    name: string,
    edited: string,
    format: (input: string) => string,
    expected: string,
  ])[] = [
    ['typing at the end', '4242|', card, '4242|'],
    ['typing past a gap skips the inserted space', '42424|', card, '4242 4|'],
    [
      'typing in the middle keeps the caret in place',
      '4242 429|42 4242',
      card,
      '4242 429|4 2424 2',
    ],
    ['typing just before a gap moves past it', '42429| 4242', card, '4242 9|424 2'],
    ['typing just after a gap', '4242 9|4242', card, '4242 9|424 2'],
    ['deleting at the end', '4242 |', card, '4242|'],
    ['deleting in the middle', '4242 4|42 4242', card, '4242 4|424 242'],
    ['backspacing over a space lands before it', '4242|4242', card, '4242| 4242'],
    ['caret at the start', '|4242', card, '|4242'],
    [
      'a pasted number puts the caret at its end',
      '4242-4242-4242-4242|',
      card,
      '4242 4242 4242 4242|',
    ],
    ['dropped characters do not count', 'ab42|42', card, '42|42'],
    ['expiry: a completed month jumps past the separator', '12|', expiry('1'), '12 / |'],
    ['expiry: a padded month jumps past the separator', '2|', expiry(''), '02 / |'],
    ['expiry: backspacing the separator', '12 /|', expiry('12 / '), '1|'],
    ['expiry: editing the month keeps the year', '1|2 / 30', expiry('12 / 30'), '1|2 / 30'],
  ];
  for (const [name, edited, format, expected] of cases) {
    it(name, () => {
      const input = marked(edited);
      assert.deepEqual(reformatWithCaret(input.value, input.caret, format), marked(expected));
    });
  }

  const clamped: readonly (readonly [name: string, caret: number, expected: number])[] = [
    ['a caret past the end', 99, 9],
    ['a negative caret', -3, 0],
    ['a NaN caret', Number.NaN, 0],
  ];
  for (const [name, caret, expected] of clamped) {
    it(`clamps ${name}`, () => {
      assert.equal(reformatWithCaret('42424242', caret, card).caret, expected);
    });
  }
});

describe('formatExpiry', () => {
  describe('as the user types', () => {
    const cases: readonly (readonly [name: string, input: string, expected: string])[] = [
      ['empty', '', ''],
      ['1 may still be 10–12', '1', '1'],
      ['0 may still be 01–09', '0', '0'],
      ['12 adds the separator', '12', '12 / '],
      ['01', '01', '01 / '],
      ['10', '10', '10 / '],
      ['2 can only be 02', '2', '02 / '],
      ['9 can only be 09', '9', '09 / '],
      ['1 then a slash is 01', '1/', '01 / '],
      ['1 then a dash is 01', '1-', '01 / '],
      ['0 then a slash waits for a digit', '0/', '0'],
      ['13 refuses the 3', '13', '1'],
      ['19 refuses the 9', '19', '1'],
      ['00 refuses the second 0', '00', '0'],
      ['the first year digit', '12 / 3', '12 / 3'],
      ['the second year digit', '12 / 30', '12 / 30'],
      ['a third year digit is refused', '12 / 301', '12 / 30'],
      ['a padded month and a year', '02 / 3', '02 / 3'],
      ['letters are dropped', 'a1b2', '12 / '],
      ['full-width digits are dropped', '１２', ''],
    ];
    for (const [name, input, expected] of cases) {
      it(`${name}: ${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
        assert.equal(formatExpiry(input), expected);
      });
    }
  });

  describe('pasted dates', () => {
    const cases: readonly (readonly [input: string, expected: string])[] = [
      ['12/2030', '12 / 30'],
      ['12 / 2030', '12 / 30'],
      ['12 / 30', '12 / 30'],
      ['12/30', '12 / 30'],
      ['1230', '12 / 30'],
      ['122030', '12 / 30'],
      ['1/30', '01 / 30'],
      ['1/2030', '01 / 30'],
      ['01/30', '01 / 30'],
      ['12-30', '12 / 30'],
      [' 12 / 30 ', '12 / 30'],
    ];
    for (const [input, expected] of cases) {
      it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
        assert.equal(formatExpiry(input), expected);
      });
    }
  });

  describe('deleting, given the previous value', () => {
    const cases: readonly (readonly [
      name: string,
      previous: string,
      input: string,
      expected: string,
    ])[] = [
      ['backspace over the separator deletes the month digit', '12 / ', '12 /', '1'],
      ['deleting two separator characters', '12 / ', '12 ', '1'],
      ['deleting the whole separator', '12 / ', '12', '1'],
      ['a padded month goes back to its 0', '02 / ', '02 /', '0'],
      ['deleting a year digit', '12 / 3', '12 / ', '12 / '],
      ['deleting the last year digit', '12 / 30', '12 / 3', '12 / 3'],
      ['deleting the slash in the middle brings it back', '12 / 30', '12  30', '12 / 30'],
      ['typing is not deleting', '12 / ', '12 / 3', '12 / 3'],
      ['an unchanged value', '12 / ', '12 / ', '12 / '],
    ];
    for (const [name, previous, input, expected] of cases) {
      it(name, () => {
        assert.equal(formatExpiry(input, previous), expected);
      });
    }
  });

  describe('is stable on its own output', () => {
    for (const value of ['', '1', '0', '12 / ', '02 / ', '12 / 3', '12 / 30', '01 / 30']) {
      it(JSON.stringify(value), () => {
        assert.equal(formatExpiry(value), value);
      });
    }
  });
});

describe('parseExpiry', () => {
  const cases: readonly (readonly [input: string, expected: ExpiryParts])[] = [
    ['', { month: '', year: '' }],
    ['1', { month: '1', year: '' }],
    ['12 / ', { month: '12', year: '' }],
    ['12 / 3', { month: '12', year: '3' }],
    ['12 / 30', { month: '12', year: '30' }],
    ['12/2030', { month: '12', year: '2030' }],
    ['ab / cd', { month: 'ab', year: 'cd' }],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => {
      assert.deepEqual(parseExpiry(input), expected);
    });
  }
});

describe('formatDigits', () => {
  const cases: readonly (readonly [name: string, input: string, max: number, expected: string])[] =
    [
      ['a CVC', '123', 3, '123'],
      ['a CVC capped at 3', '1234', 3, '123'],
      ['an Amex CVC', '1234', 4, '1234'],
      ['spaces and letters dropped', ' 1a2-3 ', 4, '123'],
      ['full-width digits dropped', '１２3', 4, '3'],
      ['a routing number', '110000000', ROUTING_NUMBER_LENGTH, '110000000'],
      ['a routing number capped', '1100000001', ROUTING_NUMBER_LENGTH, '110000000'],
      ['an account number capped', '1'.repeat(20), ACCOUNT_NUMBER_MAX_LENGTH, '1'.repeat(17)],
      ['a zero cap', '123', 0, ''],
      ['a negative cap', '123', -1, ''],
      ['a NaN cap', '123', Number.NaN, ''],
    ];
  for (const [name, input, max, expected] of cases) {
    it(name, () => {
      assert.equal(formatDigits(input, max), expected);
    });
  }
});

describe('hasNonAsciiDigits', () => {
  const cases: readonly (readonly [input: string, expected: boolean])[] = [
    ['4242', false],
    ['4242 abc-', false],
    ['', false],
    ['４２４２', true],
    ['42４2', true],
    ['٤٢', true],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => {
      assert.equal(hasNonAsciiDigits(input), expected);
    });
  }
});

describe('length caps agree with the validators', () => {
  const cases: readonly (readonly [name: string, check: () => boolean])[] = [
    ['a full-length routing number can be valid', () => validateRoutingNumber('110000000').isValid],
    [
      'the longest account number is valid',
      () => validateAccountNumber('1'.repeat(ACCOUNT_NUMBER_MAX_LENGTH)).isValid,
    ],
    [
      'one digit more is not',
      () => !validateAccountNumber('1'.repeat(ACCOUNT_NUMBER_MAX_LENGTH + 1)).isPotentiallyValid,
    ],
    [
      'nor is a longer routing number',
      () => !validateRoutingNumber('1'.repeat(ROUTING_NUMBER_LENGTH + 1)).isPotentiallyValid,
    ],
  ];
  for (const [name, check] of cases) {
    it(name, () => {
      assert.equal(check(), true);
    });
  }
});
