import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  accountHolderNameState,
  accountNumberState,
  cardNumberState,
  changeDetail,
  cvcState,
  expiryState,
  postalCodeState,
  routingNumberState,
  visibleError,
  type CardNumberState,
  type FieldEntry,
  type FieldErrorCode,
  type FieldState,
} from '../../src/frame/field-state.js';
import { formatCardNumber } from '../../src/frame/formatting.js';
import fr from '../../src/frame/i18n/locales/fr.js';
import { en, sayIn, type Say } from '../../src/frame/i18n/words.js';
import type { ChangeDetail, ElementType } from '../../src/protocol/index.js';
import type { CardBrand, YearMonth } from '../../src/validation/index.js';
import { STRIPE_TEST_CARDS, STRIPE_TEST_ROUTING_NUMBER } from '../fixtures/stripe-test-cards.js';

/** Every expiry below is judged on this month, so results never depend on the clock. */
const TODAY: YearMonth = { year: 2026, month: 11 };

const english = sayIn(en);

const COMPLETE: FieldState = { empty: false, complete: true, potentiallyValid: true };

function empty(code: FieldErrorCode): FieldState {
  return { empty: true, complete: false, potentiallyValid: true, error: { code } };
}

/** Not complete yet, but typing more could make it valid: no error until the field is left. */
function typing(code: FieldErrorCode): FieldState {
  return { empty: false, complete: false, potentiallyValid: true, error: { code } };
}

/** Cannot become valid: the error shows at once. */
function wrong(code: FieldErrorCode): FieldState {
  return { empty: false, complete: false, potentiallyValid: false, error: { code } };
}

type Case = readonly [name: string, input: string, expected: FieldState];

function runCases(state: (value: string) => FieldState, cases: readonly Case[]): void {
  for (const [name, input, expected] of cases) {
    it(`${name}: ${JSON.stringify(input)}`, () => {
      assert.deepEqual(state(input), expected);
    });
  }
}

describe('cardNumberState', () => {
  const cases: readonly (readonly [name: string, input: string, expected: CardNumberState])[] = [
    ['empty', '', { ...empty('incomplete_number'), brand: 'unknown' }],
    ['only separators', ' - ', { ...empty('incomplete_number'), brand: 'unknown' }],
    ['a prefix', '4242 42', { ...typing('incomplete_number'), brand: 'visa' }],
    ['complete Visa', '4242 4242 4242 4242', { ...COMPLETE, brand: 'visa' }],
    ['complete Amex', '3782 822463 10005', { ...COMPLETE, brand: 'amex' }],
    ['an unknown prefix', '9999', { ...wrong('invalid_number'), brand: 'unknown' }],
    ['Amex failing Luhn', '3782 822463 10006', { ...wrong('invalid_number'), brand: 'amex' }],
    [
      // Visa may still grow to 18 or 19 digits, so this shows once the field is left.
      'Visa 16 failing Luhn',
      '4242 4242 4242 4241',
      { ...typing('invalid_number'), brand: 'visa' },
    ],
    ['too long', '4242 4242 4242 4242 4242', { ...wrong('invalid_number'), brand: 'visa' }],
    ['letters', '4242 abcd', { ...wrong('invalid_number'), brand: 'unknown' }],
    ['full-width digits', '４２４２', { ...wrong('non_ascii_digits'), brand: 'unknown' }],
  ];
  for (const [name, input, expected] of cases) {
    it(`${name}: ${JSON.stringify(input)}`, () => {
      assert.deepEqual(cardNumberState(input), expected);
    });
  }

  describe('is complete for every formatted Stripe test card', () => {
    for (const card of STRIPE_TEST_CARDS) {
      it(`${card.description} ${card.number}`, () => {
        assert.deepEqual(cardNumberState(formatCardNumber(card.number).value), {
          ...COMPLETE,
          brand: card.brand,
        });
      });
    }
  });
});

describe('expiryState (today is November 2026)', () => {
  runCases(
    (value) => expiryState(value, TODAY),
    [
      ['empty', '', empty('incomplete_expiry')],
      ['a month digit', '1', typing('incomplete_expiry')],
      ['a month', '12 / ', typing('incomplete_expiry')],
      ['one year digit', '12 / 3', typing('incomplete_expiry')],
      ['a future date', '12 / 30', COMPLETE],
      ['the current month is still valid', '11 / 26', COMPLETE],
      ['a past month this year', '10 / 26', wrong('invalid_expiry_month_past')],
      ['a past year', '12 / 25', wrong('invalid_expiry_year_past')],
      ['more than 19 years ahead', '12 / 46', wrong('invalid_expiry_year')],
      ['month 13', '13 / 30', wrong('invalid_expiry_month')],
      ['month 00', '00 / 30', wrong('invalid_expiry_month')],
      ['letters in the year', '12 / ab', wrong('invalid_expiry_year')],
      ['a four-digit year', '12 / 2030', COMPLETE],
    ],
  );

  it('defaults to the current month', () => {
    assert.deepEqual(expiryState('12 / 99'), wrong('invalid_expiry_year'));
  });
});

describe('cvcState', () => {
  const cases: readonly (readonly [
    name: string,
    input: string,
    brand: CardBrand | undefined,
    expected: FieldState,
  ])[] = [
    ['empty', '', 'visa', empty('incomplete_cvc')],
    ['two digits', '12', 'visa', typing('incomplete_cvc')],
    ['three digits for Visa', '123', 'visa', COMPLETE],
    ['four digits for Visa', '1234', 'visa', wrong('invalid_cvc')],
    ['three digits for Amex', '123', 'amex', typing('incomplete_cvc')],
    ['four digits for Amex', '1234', 'amex', COMPLETE],
    ['three digits, brand unknown', '123', undefined, COMPLETE],
    ['four digits, brand unknown', '1234', undefined, COMPLETE],
    ['five digits, brand unknown', '12345', undefined, wrong('invalid_cvc')],
    ['letters', '12a', 'visa', wrong('invalid_cvc')],
    ['full-width digits', '１２３', 'visa', wrong('non_ascii_digits')],
  ];
  for (const [name, input, brand, expected] of cases) {
    it(`${name}: ${JSON.stringify(input)}`, () => {
      assert.deepEqual(cvcState(input, brand), expected);
    });
  }
});

describe('postalCodeState', () => {
  runCases(postalCodeState, [
    ['empty', '', empty('incomplete_zip')],
    ['blank', '  ', empty('incomplete_zip')],
    ['two characters', '94', typing('incomplete_zip')],
    ['a US ZIP', '94107', COMPLETE],
    ['a UK postcode', 'SW1A 1AA', COMPLETE],
    ['markup', '<b>', wrong('invalid_zip')],
    ['too long', '12345678901', wrong('invalid_zip')],
  ]);
});

describe('routingNumberState', () => {
  runCases(routingNumberState, [
    ['empty', '', empty('incomplete_routing_number')],
    ['eight digits', '11000000', typing('incomplete_routing_number')],
    ["Stripe's test routing number", STRIPE_TEST_ROUTING_NUMBER, COMPLETE],
    ['a failing checksum', '110000001', wrong('invalid_routing_number')],
    ['ten digits', '1100000000', wrong('invalid_routing_number')],
    ['spaces', '110 000 000', wrong('invalid_routing_number')],
    ['full-width digits', '１１０', wrong('non_ascii_digits')],
  ]);
});

describe('accountNumberState', () => {
  runCases(accountNumberState, [
    ['empty', '', empty('incomplete_account_number')],
    ['three digits', '123', typing('incomplete_account_number')],
    ['four digits', '1234', COMPLETE],
    ['twelve digits', '000123456789', COMPLETE],
    ['eighteen digits', '1'.repeat(18), wrong('invalid_account_number')],
    ['letters', '1234x', wrong('invalid_account_number')],
    ['full-width digits', '１２３４', wrong('non_ascii_digits')],
  ]);
});

describe('accountHolderNameState', () => {
  runCases(accountHolderNameState, [
    ['empty', '', empty('incomplete_account_holder_name')],
    ['blank', ' \t', empty('incomplete_account_holder_name')],
    ['a name', 'Jenny Rosen', COMPLETE],
  ]);
});

describe('visibleError', () => {
  const cases: readonly (readonly [
    name: string,
    entry: FieldEntry,
    expected: FieldErrorCode | undefined,
  ])[] = [
    ['complete: never', { state: COMPLETE, blurred: true, submitted: true }, undefined],
    [
      'incomplete while typing: not yet',
      { state: typing('incomplete_number'), blurred: false },
      undefined,
    ],
    [
      'incomplete and left: shown',
      { state: typing('incomplete_number'), blurred: true },
      'incomplete_number',
    ],
    [
      'incomplete at a token request: shown',
      { state: typing('incomplete_number'), blurred: false, submitted: true },
      'incomplete_number',
    ],
    [
      'impossible while typing: shown at once',
      { state: wrong('invalid_number'), blurred: false },
      'invalid_number',
    ],
    ['empty and left: not shown', { state: empty('incomplete_cvc'), blurred: true }, undefined],
    [
      'empty at a token request: shown',
      { state: empty('incomplete_cvc'), blurred: true, submitted: true },
      'incomplete_cvc',
    ],
    [
      'empty and optional at a token request: not shown',
      { state: empty('incomplete_zip'), blurred: true, submitted: true, required: false },
      undefined,
    ],
    [
      'optional but invalid: shown',
      { state: wrong('invalid_zip'), blurred: false, required: false },
      'invalid_zip',
    ],
  ];
  for (const [name, entry, expected] of cases) {
    it(name, () => {
      assert.equal(visibleError(entry)?.code, expected);
    });
  }
});

describe('changeDetail', () => {
  const left = (state: FieldState): FieldEntry => ({ state, blurred: true });
  const fresh = (state: FieldState): FieldEntry => ({ state, blurred: false });
  const untouchedCard = [
    fresh(empty('incomplete_number')),
    fresh(empty('incomplete_expiry')),
    fresh(empty('incomplete_cvc')),
  ];
  const cases: readonly (readonly [
    name: string,
    elementType: ElementType,
    fields: readonly FieldEntry[],
    brand: CardBrand | undefined,
    say: Say,
    expected: ChangeDetail,
  ])[] = [
    [
      'an untouched card element',
      'card',
      untouchedCard,
      'unknown',
      english,
      { elementType: 'card', empty: true, complete: false, brand: 'unknown' },
    ],
    [
      'a card element being typed',
      'card',
      [fresh(typing('incomplete_number')), ...untouchedCard.slice(1)],
      'visa',
      english,
      { elementType: 'card', empty: false, complete: false, brand: 'visa' },
    ],
    [
      'a complete card element',
      'card',
      [left(COMPLETE), left(COMPLETE), left(COMPLETE), left(COMPLETE)],
      'visa',
      english,
      { elementType: 'card', empty: false, complete: true, brand: 'visa' },
    ],
    [
      'the first visible error wins',
      'card',
      [
        fresh(typing('incomplete_number')),
        fresh(wrong('invalid_expiry_year_past')),
        left(typing('incomplete_cvc')),
      ],
      'visa',
      english,
      {
        elementType: 'card',
        empty: false,
        complete: false,
        brand: 'visa',
        error: {
          type: 'validation_error',
          code: 'invalid_expiry_year_past',
          message: "Your card's expiration year is in the past.",
        },
      },
    ],
    [
      'the message in French',
      'cardNumber',
      [left(typing('incomplete_number'))],
      'mastercard',
      sayIn(fr),
      {
        elementType: 'cardNumber',
        empty: false,
        complete: false,
        brand: 'mastercard',
        error: {
          type: 'validation_error',
          code: 'incomplete_number',
          message: 'Le numéro de votre carte est incomplet.',
        },
      },
    ],
    [
      'no brand for a CVC element',
      'cardCvc',
      [left(COMPLETE)],
      undefined,
      english,
      { elementType: 'cardCvc', empty: false, complete: true },
    ],
    [
      'an empty optional field does not block completion',
      'bankAccount',
      [
        left(COMPLETE),
        left(COMPLETE),
        { state: empty('incomplete_account_holder_name'), blurred: true, required: false },
      ],
      undefined,
      english,
      { elementType: 'bankAccount', empty: false, complete: true },
    ],
    [
      'an invalid optional field does',
      'card',
      [
        left(COMPLETE),
        left(COMPLETE),
        left(COMPLETE),
        { state: wrong('invalid_zip'), blurred: false, required: false },
      ],
      'visa',
      english,
      {
        elementType: 'card',
        empty: false,
        complete: false,
        brand: 'visa',
        error: {
          type: 'validation_error',
          code: 'invalid_zip',
          message: 'Your postal code is invalid.',
        },
      },
    ],
    [
      'a token request shows the empty field',
      'cardExpiry',
      [{ state: empty('incomplete_expiry'), blurred: false, submitted: true }],
      undefined,
      english,
      {
        elementType: 'cardExpiry',
        empty: true,
        complete: false,
        error: {
          type: 'validation_error',
          code: 'incomplete_expiry',
          message: "Your card's expiration date is incomplete.",
        },
      },
    ],
    [
      'no fields is never complete',
      'controller',
      [],
      undefined,
      english,
      { elementType: 'controller', empty: true, complete: false },
    ],
  ];
  for (const [name, elementType, fields, brand, say, expected] of cases) {
    it(name, () => {
      assert.deepEqual(changeDetail(elementType, fields, brand, say), expected);
    });
  }

  describe('never carries a digit of what was typed', () => {
    /** No `value` key: the postal code is the only value Stripe reports, and there is none here. */
    const DETAIL_KEYS = new Set(['elementType', 'empty', 'complete', 'brand', 'error']);
    const typed: readonly (readonly [
      name: string,
      number: string,
      cvc: string,
      blurred: boolean,
    ])[] = [
      ['a complete card', '4242 4242 4242 4242', '123', true],
      ['a card being typed', '4242 4242 42', '12', false],
      ['a card left incomplete', '4242 4242 42', '12', true],
      ['a bad Amex', '3782 822463 10006', '1234', false],
      ['full-width digits', '４２４２', '１２３', true],
    ];
    for (const [name, number, cvc, blurred] of typed) {
      it(name, () => {
        const card = cardNumberState(number);
        const detail = changeDetail(
          'card',
          [
            { state: card, blurred },
            { state: expiryState('12 / 34', TODAY), blurred },
            { state: cvcState(cvc, card.brand), blurred },
          ],
          card.brand,
          english,
        );
        assert.doesNotMatch(JSON.stringify(detail), /[0-9０-９]{2}/u);
        for (const key of Object.keys(detail)) assert.ok(DETAIL_KEYS.has(key), key);
      });
    }
  });
});
