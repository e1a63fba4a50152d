import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CARDHOLDER_FIELDS, TOKEN_TYPES } from '../../src/domain/index.js';
import type { ChangeDetail, ElementType } from '../../src/protocol/index.js';
import { cardNumberState, cvcState, expiryState } from '../../src/frame/field-state.js';
import { EMPTY_VALUES, type FieldValues } from '../../src/frame/fields.js';
import fr from '../../src/frame/i18n/locales/fr.js';
import { en, sayIn } from '../../src/frame/i18n/words.js';
import {
  accountParams,
  bankAccountParams,
  canCreate,
  cardholderData,
  cardParams,
  cvcUpdateParams,
  incompleteError,
  piiParams,
  splitCardParams,
  type SiblingAnswer,
} from '../../src/frame/token-params.js';

const english = sayIn(en);
const french = sayIn(fr);

const YEAR = String((new Date().getUTCFullYear() + 2) % 100).padStart(2, '0');

const card: FieldValues = {
  ...EMPTY_VALUES,
  number: '4242 4242 4242 4242',
  expiry: `12 / ${YEAR}`,
  cvc: '123',
  postalCode: ' 94107 ',
};

describe('token parameters', () => {
  it('builds card[…] from the card element: digits only, expiry split, postal code trimmed', () => {
    assert.deepEqual(cardParams(card, { postalCode: true }, {}), {
      card: {
        number: '4242424242424242',
        exp_month: '12',
        exp_year: YEAR,
        cvc: '123',
        address_zip: '94107',
      },
    });
    const hidden = cardParams(card, { postalCode: false }, {}) as { card: object };
    assert.equal('address_zip' in hidden.card, false, 'a hidden postal code was sent');
  });

  it('adds only non-empty cardholder fields from the page, never a number it passes', () => {
    const data = {
      name: 'Jenny Rosen',
      address_line1: '',
      address_country: 'US',
      number: '4000056655665556',
      cvc: '999',
      metadata: { order: '1' },
      currency: 7,
    };
    assert.deepEqual(cardholderData(data), { name: 'Jenny Rosen', address_country: 'US' });
    const params = cardParams(card, { postalCode: false }, data) as {
      card: Record<string, unknown>;
    };
    assert.equal(params.card.number, '4242424242424242', 'the page replaced the card number');
    assert.equal(params.card.cvc, '123', 'the page replaced the CVC');
    for (const key of Object.keys(params.card)) {
      assert.ok(
        ['number', 'exp_month', 'exp_year', 'cvc', ...CARDHOLDER_FIELDS].includes(key),
        `unexpected card[${key}]`,
      );
    }
  });

  it("builds split fields' card[…] from the siblings' answers", () => {
    const answers: SiblingAnswer[] = [
      { from: 'cardCvc', values: { cvc: '1234' }, complete: true },
      { from: 'cardExpiry', values: { month: '01', year: YEAR }, complete: true },
    ];
    assert.deepEqual(splitCardParams('3782 822463 10005', answers, { name: 'A' }, english), {
      params: {
        card: {
          number: '378282246310005',
          exp_month: '01',
          exp_year: YEAR,
          cvc: '1234',
          name: 'A',
        },
      },
    });
  });

  it("reports a missing or incomplete sibling in Stripe's shape, in the sibling's words or the frame's", () => {
    const expiry: SiblingAnswer = { from: 'cardExpiry', values: {}, complete: true };
    assert.deepEqual(splitCardParams('4242424242424242', [expiry], {}, french), {
      error: {
        type: 'validation_error',
        code: 'incomplete_cvc',
        message: 'Le code de sécurité de votre carte est incomplet.',
      },
    });
    const past: SiblingAnswer = {
      from: 'cardExpiry',
      values: {},
      complete: false,
      code: 'invalid_expiry_year_past',
      message: "L'année d'expiration de votre carte est déjà passée.",
    };
    const cvc: SiblingAnswer = { from: 'cardCvc', values: { cvc: '1' }, complete: true };
    assert.deepEqual(splitCardParams('4242424242424242', [past, cvc], {}, english), {
      error: { type: 'validation_error', code: past.code, message: past.message },
    });
  });

  it('builds bank_account[…], cvc_update[…] and account[…]', () => {
    const bank: FieldValues = {
      ...EMPTY_VALUES,
      accountHolderName: ' Jenny Rosen ',
      accountHolderType: 'company',
      routingNumber: '110000000',
      accountNumber: '000123456789',
    };
    assert.deepEqual(bankAccountParams(bank, {}), {
      bank_account: {
        country: 'US',
        currency: 'usd',
        account_holder_name: 'Jenny Rosen',
        account_holder_type: 'company',
        routing_number: '110000000',
        account_number: '000123456789',
      },
    });
    const gb = bankAccountParams(bank, { country: 'GB', currency: 'gbp' }) as {
      bank_account: Record<string, unknown>;
    };
    assert.equal(gb.bank_account.country, 'GB');
    assert.equal(gb.bank_account.currency, 'gbp');
    assert.deepEqual(cvcUpdateParams(card), { cvc_update: { cvc: '123' } });
    assert.deepEqual(accountParams({ business_type: 'individual' }), {
      account: { business_type: 'individual' },
    });
  });

  it('builds pii[id_number] from the page, and nothing else of its data', () => {
    assert.deepEqual(piiParams({ id_number: '000000000', other: 'x' }, english), {
      params: { pii: { id_number: '000000000' } },
    });
  });

  describe("refuses a pii token without an id number, with Stripe.js's error", () => {
    const cases: readonly (readonly [name: string, data: Record<string, unknown>])[] = [
      ['no id_number', { other: 'x' }],
      ['an empty id_number', { id_number: '' }],
      ['a numeric id_number', { id_number: 123456789 }],
      ['an id_number object', { id_number: { value: '000000000' } }],
    ];
    for (const [name, data] of cases) {
      it(name, () => {
        assert.deepEqual(piiParams(data, english), {
          error: {
            type: 'validation_error',
            code: 'parameter_missing',
            param: 'personal_id_number',
            message: 'Enter the personal ID number.',
          },
        });
      });
    }

    it('in the frame’s language', () => {
      assert.deepEqual(piiParams({}, french), {
        error: {
          type: 'validation_error',
          code: 'parameter_missing',
          param: 'personal_id_number',
          message: 'Saisissez le numéro d’identification personnel.',
        },
      });
    });
  });

  it('lets each element create only its own token types', () => {
    const expected: Record<ElementType, string[]> = {
      card: ['card', 'pii', 'account'],
      cardNumber: ['card', 'pii', 'account'],
      cardExpiry: ['pii', 'account'],
      cardCvc: ['cvc_update', 'pii', 'account'],
      bankAccount: ['bank_account', 'pii', 'account'],
      controller: ['pii', 'account'],
    };
    for (const [type, kinds] of Object.entries(expected)) {
      assert.deepEqual(
        TOKEN_TYPES.filter((kind) => canCreate(type as ElementType, kind)),
        kinds,
        type,
      );
    }
  });

  it('names the first incomplete field with its own code and message, never a mismatched pair', () => {
    const entries = [
      { state: cardNumberState('4242 4242 4242 4242'), blurred: true, submitted: true },
      { state: expiryState(''), blurred: false, submitted: true },
      { state: cvcState('12'), blurred: false, submitted: true },
    ];
    const detail: ChangeDetail = { elementType: 'card', empty: false, complete: false };
    assert.deepEqual(incompleteError(detail, entries, french), {
      type: 'validation_error',
      code: 'incomplete_expiry',
      message: 'La date d’expiration de votre carte est incomplète.',
    });
    const shown = {
      ...detail,
      error: { type: 'validation_error' as const, code: 'invalid_number', message: 'x' },
    };
    assert.deepEqual(incompleteError(shown, entries, english), shown.error);
    assert.equal(incompleteError({ ...detail, complete: true }, entries, english), null);
    assert.deepEqual(incompleteError(detail, [], english), {
      type: 'validation_error',
      code: 'incomplete',
      message: 'Your payment details are incomplete.',
    });
  });
});
