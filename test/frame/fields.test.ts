import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ELEMENT_TYPES } from '../../src/protocol/index.js';
import {
  ELEMENT_FIELDS,
  INPUTS,
  advancesFocus,
  fieldState,
  fieldsOf,
  type TextField,
} from '../../src/frame/fields.js';

const YEAR = String((new Date().getUTCFullYear() + 2) % 100).padStart(2, '0');
const edit = (previous = '', caret = 0) => ({ previous, caret, brand: undefined });

describe('the field table', () => {
  it('lists the fields of every element type, in tab order, the postal code hideable', () => {
    for (const type of ELEMENT_TYPES) assert.ok(Array.isArray(ELEMENT_FIELDS[type]), type);
    assert.deepEqual(fieldsOf('card'), ['number', 'expiry', 'cvc', 'postalCode']);
    assert.deepEqual(fieldsOf('card', true), ['number', 'expiry', 'cvc']);
    assert.deepEqual(fieldsOf('controller'), []);
  });

  it('gives every text input the autocomplete token browsers fill', () => {
    const tokens = Object.fromEntries(
      (Object.keys(INPUTS) as TextField[]).map((field) => [field, INPUTS[field].autocomplete]),
    );
    assert.deepEqual(tokens, {
      number: 'cc-number',
      expiry: 'cc-exp',
      cvc: 'cc-csc',
      postalCode: 'postal-code',
      accountHolderName: 'name',
      routingNumber: 'off',
      accountNumber: 'off',
    });
  });

  it("labels each text input with its own field's words in the catalogue", () => {
    const words = Object.fromEntries(
      (Object.keys(INPUTS) as TextField[]).map((field) => [field, INPUTS[field].words]),
    );
    assert.deepEqual(words, {
      number: 'cardNumber',
      expiry: 'expiry',
      cvc: 'cvc',
      postalCode: 'postalCode',
      accountHolderName: 'accountHolderName',
      routingNumber: 'routingNumber',
      accountNumber: 'accountNumber',
    });
  });

  it('formats each field as the user types', () => {
    const cases: [TextField, string, { previous?: string; caret?: number }, string][] = [
      ['number', '4242424242424242', {}, '4242 4242 4242 4242'],
      ['number', '378282246310005', {}, '3782 822463 10005'],
      ['number', '４２４２', {}, '４２４２'],
      ['expiry', '1230', {}, `12 / 30`],
      ['expiry', '12 /', { previous: '12 / ' }, '1'],
      ['cvc', '12345', {}, '1234'],
      ['routingNumber', '1100-0000-0123', {}, '110000000'],
      ['accountNumber', '0001234567890123456789', {}, '00012345678901234'],
      ['postalCode', 'x'.repeat(300), {}, 'x'.repeat(200)],
    ];
    for (const [field, raw, context, expected] of cases) {
      const formatted = INPUTS[field].format(raw, {
        ...edit(context.previous ?? '', context.caret ?? raw.length),
      });
      assert.equal(formatted.value, expected, `${field} ${raw}`);
    }
    // The caret stays after the same digit when a digit is inserted in the middle.
    assert.deepEqual(INPUTS.number.format('42142 4242', edit('4242 4242', 2)), {
      value: '4214 2424 2',
      caret: 2,
    });
    // The CVC's length follows the brand.
    assert.equal(INPUTS.cvc.format('1234', { ...edit(), brand: 'visa' }).value, '123');
    assert.equal(INPUTS.cvc.format('1234', { ...edit(), brand: 'amex' }).value, '1234');
  });

  it('judges each field', () => {
    assert.equal(fieldState('number', '4242 4242 4242 4242', undefined).complete, true);
    assert.equal(fieldState('cvc', '123', 'amex').complete, false);
    assert.equal(fieldState('expiry', `12 / ${YEAR}`, undefined).complete, true);
    assert.equal(fieldState('accountHolderType', 'company', undefined).complete, true);
  });

  it('moves focus on from a complete number at its full length, and from a complete expiry', () => {
    const cases: [string, string, Parameters<typeof advancesFocus>[2], boolean][] = [
      ['number', '4242 4242 4242 4242', 'visa', true],
      ['number', '4242 4242 4242 424', 'visa', false],
      ['number', '3782 822463 10005', 'amex', true],
      ['number', '3056 930009 0204', 'diners', true],
      ['number', '6200 0000 0000 0005', 'unionpay', false],
      ['number', '6205 5000 0000 0000 004', 'unionpay', true],
      ['number', '4242 4242 4242 4241', 'visa', false],
      ['expiry', `12 / ${YEAR}`, undefined, true],
      ['expiry', '12 / ', undefined, false],
      ['cvc', '123', 'visa', false],
      ['postalCode', '94107', undefined, false],
    ];
    for (const [field, value, brand, expected] of cases) {
      assert.equal(
        advancesFocus(field as TextField, value, brand),
        expected,
        `${field} ${value} (${String(brand)})`,
      );
    }
  });
});
