import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  brandDisplayName,
  validateCardNumber,
  type CardBrand,
  type CardBrandDisplay,
  type CardNumberReason,
  type CardNumberVerification,
} from '../../src/validation/index.js';
import { STRIPE_TEST_CARDS } from '../fixtures/stripe-test-cards.js';

/** The part of a verdict a user sees: valid or not, whether to show an error yet, why, which icon. */
interface Verdict {
  isValid: boolean;
  isPotentiallyValid: boolean;
  reason: CardNumberReason | undefined;
  brand: CardBrand;
}

interface Case extends Verdict {
  name: string;
  input: unknown;
}

function verdictOf(result: CardNumberVerification): Verdict {
  const { isValid, isPotentiallyValid, reason, brand } = result;
  return { isValid, isPotentiallyValid, reason, brand };
}

function runCases(cases: readonly Case[]): void {
  for (const { name, input, ...expected } of cases) {
    it(name, () => {
      assert.deepEqual(verdictOf(validateCardNumber(input)), expected);
    });
  }
}

/** The same number with its last (check) digit changed, so the Luhn check fails. */
function withWrongCheckDigit(digits: string): string {
  const last = Number(digits.slice(-1));
  return `${digits.slice(0, -1)}${(last + 1) % 10}`;
}

describe('validateCardNumber', () => {
  describe("accepts every Stripe test card with Stripe's brand", () => {
    for (const card of STRIPE_TEST_CARDS) {
      it(`${card.number} (${card.description}) is a valid ${card.brand} card`, () => {
        const result = validateCardNumber(card.number);
        assert.deepEqual(verdictOf(result), {
          isValid: true,
          isPotentiallyValid: true,
          reason: undefined,
          brand: card.brand,
        });
        assert.equal(result.digits, card.number);
        assert.ok(result.lengths.includes(card.number.length));
        assert.deepEqual(result.cvcLengths, [card.cvcLength]);
        assert.equal(brandDisplayName(result.brand), card.displayBrand);
      });
    }
  });

  describe('empty input may still be typed (no error shown)', () => {
    runCases([
      { name: "'' is empty", input: '', ...empty() },
      { name: 'only spaces are empty', input: '   ', ...empty() },
      { name: 'only separators are empty', input: ' - - ', ...empty() },
    ]);

    it('reports no brand, no lengths, no gaps and either CVC length when empty', () => {
      const result = validateCardNumber('');
      assert.equal(result.digits, '');
      assert.deepEqual(result.lengths, []);
      assert.deepEqual(result.gaps, []);
      assert.deepEqual(result.cvcLengths, [3, 4]);
    });
  });

  describe('partial numbers are incomplete but potentially valid', () => {
    runCases([
      {
        name: "'3' (Amex, Diners or JCB) names no brand yet",
        input: '3',
        ...incomplete('unknown'),
      },
      {
        name: "'4' (Visa or Elo 401178…) names no brand yet",
        input: '4',
        ...incomplete('unknown'),
      },
      { name: "'5' (Mastercard, Maestro or Elo) names no brand yet", input: '5', ...incomplete() },
      {
        name: "'6' (Discover, UnionPay, Maestro, …) names no brand yet",
        input: '6',
        ...incomplete(),
      },
      { name: "'2' (Mastercard or Mir) names no brand yet", input: '2', ...incomplete() },
      {
        name: "'22' (Mastercard 222x or Mir 220x) names no brand yet",
        input: '22',
        ...incomplete(),
      },
      { name: "'62' (UnionPay or Maestro) names no brand yet", input: '62', ...incomplete() },
      { name: "'42' is Visa", input: '42', ...incomplete('visa') },
      { name: "'4242 4242' is Visa", input: '4242 4242', ...incomplete('visa') },
      { name: '15 digits of a Visa number', input: '424242424242424', ...incomplete('visa') },
      {
        name: '17 digits of a Visa number (between lengths 16 and 18)',
        input: '42424242424242424',
        ...incomplete('visa'),
      },
      { name: "'37' is Amex", input: '37', ...incomplete('amex') },
      { name: '14 digits of an Amex number', input: '37828224631000', ...incomplete('amex') },
      { name: "'55' is Mastercard", input: '55', ...incomplete('mastercard') },
      { name: "'2223' is Mastercard (2-series)", input: '2223', ...incomplete('mastercard') },
      { name: "'2200' is Mir", input: '2200', ...incomplete('mir') },
      { name: "'6011' is Discover", input: '6011', ...incomplete('discover') },
      { name: "'36' is Diners Club", input: '36', ...incomplete('diners') },
      {
        name: '13 digits of a Diners Club number',
        input: '3622720627166',
        ...incomplete('diners'),
      },
      { name: "'35' is JCB", input: '35', ...incomplete('jcb') },
      { name: "'620' is UnionPay", input: '620', ...incomplete('unionpay') },
      { name: "'67' is Maestro", input: '67', ...incomplete('maestro') },
      { name: "'636297' is Elo", input: '636297', ...incomplete('elo') },
      { name: "'637095' is Hiper", input: '637095', ...incomplete('hiper') },
      { name: "'606282' is Hipercard", input: '606282', ...incomplete('hipercard') },
    ]);

    it('reports the brand lengths and gaps as soon as the prefix names the brand', () => {
      const result = validateCardNumber('37');
      assert.deepEqual(result.lengths, [15]);
      assert.deepEqual(result.gaps, [4, 10]);
      assert.deepEqual(result.cvcLengths, [4]);
    });

    it('reports no lengths or gaps while the prefix is ambiguous', () => {
      const result = validateCardNumber('3');
      assert.deepEqual(result.lengths, []);
      assert.deepEqual(result.gaps, []);
      assert.deepEqual(result.cvcLengths, [3, 4]);
    });
  });

  describe('refuses values that are not strings', () => {
    const inputs: readonly [string, unknown][] = [
      ['undefined', undefined],
      ['null', null],
      ['the number 42', 42],
      ['NaN', NaN],
      ['a valid card number given as a number', 4242424242424242],
      ['a bigint', 4242424242424242n],
      ['true', true],
      ['an object', {}],
      ['an empty array', []],
      ['an array holding a card number', ['4242424242424242']],
      ['a String object', Object('4242424242424242')],
    ];
    for (const [name, input] of inputs) {
      it(`${name} is not a string`, () => {
        const result = validateCardNumber(input);
        assert.deepEqual(verdictOf(result), {
          isValid: false,
          isPotentiallyValid: false,
          reason: 'not_a_string',
          brand: 'unknown',
        });
        assert.equal(result.digits, '');
      });
    }
  });

  describe('refuses characters other than digits, spaces and dashes', () => {
    runCases([
      { name: 'letters', input: 'abcd', ...refused('invalid_characters') },
      { name: 'letters among digits', input: '4242abcd42424242', ...refused('invalid_characters') },
      {
        name: 'a letter O for a zero',
        input: '42424242424242O2',
        ...refused('invalid_characters'),
      },
      {
        name: 'dots as separators',
        input: '4242.4242.4242.4242',
        ...refused('invalid_characters'),
      },
      {
        name: 'slashes as separators',
        input: '4242/4242/4242/4242',
        ...refused('invalid_characters'),
      },
      {
        name: 'en dashes as separators',
        input: '4242–4242–4242–4242',
        ...refused('invalid_characters'),
      },
      { name: 'a leading plus sign', input: '+4242424242424242', ...refused('invalid_characters') },
      { name: 'markup', input: '<script>alert(1)</script>', ...refused('invalid_characters') },
      {
        name: 'full-width digits ４２４２…',
        input: '４２４２４２４２４２４２４２４２',
        ...refused('non_ascii_digits'),
      },
      {
        name: 'Arabic-Indic digits ٤٢٤٢…',
        input: '٤٢٤٢٤٢٤٢٤٢٤٢٤٢٤٢',
        ...refused('non_ascii_digits'),
      },
      {
        name: 'Devanagari digits ४२४२…',
        input: '४२४२४२४२४२४२४२४२',
        ...refused('non_ascii_digits'),
      },
      {
        name: 'ASCII digits mixed with full-width ones',
        input: '42424242４２４２４２４２',
        ...refused('non_ascii_digits'),
      },
      {
        name: 'full-width digits with spaces',
        input: '４２４２ ４２４２ ４２４２ ４２４２',
        ...refused('non_ascii_digits'),
      },
    ]);

    it('returns no digits for refused input', () => {
      assert.equal(validateCardNumber('4242abcd42424242').digits, '');
      assert.equal(validateCardNumber('４２４２４２４２４２４２４２４２').digits, '');
    });
  });

  describe('ignores spaces and dashes people type or paste', () => {
    const inputs: readonly [string, string][] = [
      ['spaces and dashes', '4242 4242-4242 4242'],
      ['dashes', '4242-4242-4242-4242'],
      ['leading and trailing spaces', '  4242424242424242  '],
      ['tabs and a new line', '4242\t4242\n4242 4242'],
      ['no-break spaces (copied from a web page)', '4242\u00a04242\u00a04242\u00a04242'],
      ['doubled spaces', '4242  4242  4242  4242'],
    ];
    for (const [name, input] of inputs) {
      it(`accepts ${name}`, () => {
        const result = validateCardNumber(input);
        assert.deepEqual(verdictOf(result), {
          isValid: true,
          isPotentiallyValid: true,
          reason: undefined,
          brand: 'visa',
        });
        assert.equal(result.digits, '4242424242424242');
      });
    }

    it('accepts an Amex number grouped 4-6-5', () => {
      const result = validateCardNumber('3782 822463 10005');
      assert.equal(result.isValid, true);
      assert.equal(result.digits, '378282246310005');
    });
  });

  describe('refuses numbers failing the Luhn check', () => {
    runCases([
      {
        name: "Stripe's 4242424242424241 (a longer Visa could still be typed)",
        input: '4242424242424241',
        isValid: false,
        isPotentiallyValid: true,
        reason: 'luhn',
        brand: 'visa',
      },
      {
        name: '4242 4242 4242 4241 with spaces',
        input: '4242 4242 4242 4241',
        isValid: false,
        isPotentiallyValid: true,
        reason: 'luhn',
        brand: 'visa',
      },
      {
        name: 'a 19-digit Visa (its longest length)',
        input: '4242424242424242420',
        ...luhnFailure('visa'),
      },
      { name: 'a 15-digit Amex', input: '378282246310006', ...luhnFailure('amex') },
      { name: 'a 16-digit Mastercard', input: '5555555555554445', ...luhnFailure('mastercard') },
      { name: 'a 19-digit JCB', input: '3530111333300000002', ...luhnFailure('jcb') },
    ]);
  });

  describe('refuses numbers too long for their brand', () => {
    runCases([
      { name: 'a 20-digit Visa', input: '42424242424242424242', ...tooLong('visa') },
      { name: 'a 16-digit Amex', input: '3782822463100050', ...tooLong('amex') },
      { name: 'a 17-digit Mastercard', input: '55555555555544440', ...tooLong('mastercard') },
      { name: 'a 20-digit Diners Club', input: '36227206271667000000', ...tooLong('diners') },
      { name: 'a 20-digit Discover', input: '60111111111111170000', ...tooLong('discover') },
      { name: 'a 20-digit UnionPay', input: '62055000000000000040', ...tooLong('unionpay') },
      { name: 'a 17-digit Elo', input: '50669911111111113', ...tooLong('elo') },
      { name: 'a 17-digit Hipercard', input: '60628267862766340', ...tooLong('hipercard') },
      { name: 'a 20-digit Maestro', input: '50180000000000000009', ...tooLong('maestro') },
    ]);
  });

  describe('refuses numbers no brand starts with', () => {
    runCases([
      { name: "'0'", input: '0', ...refused('unknown_brand') },
      { name: "'7'", input: '7', ...refused('unknown_brand') },
      { name: "'99'", input: '99', ...refused('unknown_brand') },
      { name: '0000000000000000', input: '0000000000000000', ...refused('unknown_brand') },
      { name: '1234567890123456', input: '1234567890123456', ...refused('unknown_brand') },
    ]);

    it('keeps the digits of an unknown-brand number', () => {
      assert.equal(validateCardNumber('1234 5678').digits, '12345678');
    });
  });

  describe('applies each brand’s lengths, gaps and CVC lengths', () => {
    interface BrandSample {
      brand: CardBrand;
      display: CardBrandDisplay;
      lengths: readonly number[];
      gaps: readonly number[];
      cvcLengths: readonly number[];
      /** Luhn-valid sample numbers, one per interesting length or prefix. */
      numbers: readonly string[];
    }
    const fourFourFourFour = [4, 8, 12];
    const samples: readonly BrandSample[] = [
      {
        brand: 'visa',
        display: 'Visa',
        lengths: [16, 18, 19],
        gaps: fourFourFourFour,
        cvcLengths: [3],
        numbers: ['4242424242424242', '424242424242424242', '4242424242424242428'],
      },
      {
        brand: 'mastercard',
        display: 'MasterCard',
        lengths: [16],
        gaps: fourFourFourFour,
        cvcLengths: [3],
        numbers: ['5100000000000008', '5500000000000004', '2223000000000007', '2720990000000007'],
      },
      {
        brand: 'amex',
        display: 'American Express',
        lengths: [15],
        gaps: [4, 10],
        cvcLengths: [4],
        numbers: ['340000000000009', '378282246310005'],
      },
      {
        brand: 'diners',
        display: 'Diners Club',
        lengths: [14, 16, 19],
        gaps: [4, 10],
        cvcLengths: [3],
        numbers: ['36227206271667', '3056930009020004', '3600000000000000004'],
      },
      {
        brand: 'discover',
        display: 'Discover',
        lengths: [16, 19],
        gaps: fourFourFourFour,
        cvcLengths: [3],
        numbers: [
          '6011000000000004',
          '6440000000000005',
          '6500000000000002',
          '6011000000000000001',
        ],
      },
      {
        brand: 'jcb',
        display: 'JCB',
        lengths: [16, 17, 18, 19],
        gaps: fourFourFourFour,
        cvcLengths: [3],
        numbers: [
          '3566002020360505',
          '35301113333000001',
          '353011133330000000',
          '3530111333300000001',
          '1800000000000000',
          '2131000000000008',
        ],
      },
      {
        brand: 'unionpay',
        display: 'UnionPay',
        lengths: [14, 15, 16, 17, 18, 19],
        gaps: fourFourFourFour,
        cvcLengths: [3],
        numbers: ['62000000000005', '6200000000000005', '6205500000000000004', '81000000000002'],
      },
      {
        brand: 'maestro',
        display: 'Unknown',
        lengths: [12, 13, 14, 15, 16, 17, 18, 19],
        gaps: fourFourFourFour,
        cvcLengths: [3],
        numbers: ['501800000009', '675964982643844', '6759649826438453', '501800000000000009'],
      },
      {
        brand: 'elo',
        display: 'Unknown',
        lengths: [16],
        gaps: fourFourFourFour,
        cvcLengths: [3],
        numbers: ['6362970000457013', '5066991111111118', '4011780000000006'],
      },
      {
        brand: 'mir',
        display: 'Unknown',
        lengths: [16, 17, 18, 19],
        gaps: fourFourFourFour,
        cvcLengths: [3],
        numbers: [
          '2200000000000004',
          '2201382000000013',
          '22040000000000006',
          '2204000000000000006',
        ],
      },
      {
        brand: 'hiper',
        display: 'Unknown',
        lengths: [16],
        gaps: fourFourFourFour,
        cvcLengths: [3],
        numbers: ['6370950000000005'],
      },
      {
        brand: 'hipercard',
        display: 'Unknown',
        lengths: [16],
        gaps: fourFourFourFour,
        cvcLengths: [3],
        numbers: ['6062826786276634', '6062820000000003'],
      },
    ];

    for (const sample of samples) {
      describe(sample.brand, () => {
        for (const number of sample.numbers) {
          it(`${number} (${number.length} digits) is valid with ${sample.brand}'s formatting`, () => {
            const result = validateCardNumber(number);
            assert.deepEqual(verdictOf(result), {
              isValid: true,
              isPotentiallyValid: true,
              reason: undefined,
              brand: sample.brand,
            });
            assert.deepEqual(result.lengths, sample.lengths);
            assert.deepEqual(result.gaps, sample.gaps);
            assert.deepEqual(result.cvcLengths, sample.cvcLengths);
          });

          if (sample.brand !== 'unionpay') {
            const wrong = withWrongCheckDigit(number);
            it(`${wrong} (check digit changed) fails the Luhn check`, () => {
              const result = validateCardNumber(wrong);
              assert.equal(result.isValid, false);
              assert.equal(result.reason, 'luhn');
              assert.equal(result.brand, sample.brand);
            });
          }
        }

        it(`is shown on the token as "${sample.display}"`, () => {
          assert.equal(brandDisplayName(sample.brand), sample.display);
        });
      });
    }

    it('shows an unknown brand as "Unknown"', () => {
      assert.equal(brandDisplayName('unknown'), 'Unknown');
    });
  });

  describe('skips the Luhn check for UnionPay, as card-validator does', () => {
    for (const number of ['6200000000000006', '6205500000000000005', '62000000000006']) {
      it(`${number} fails Luhn but is a valid UnionPay number`, () => {
        assert.deepEqual(verdictOf(validateCardNumber(number)), {
          isValid: true,
          isPotentiallyValid: true,
          reason: undefined,
          brand: 'unionpay',
        });
      });
    }

    it('still waits for a 14th digit of a UnionPay number', () => {
      assert.deepEqual(verdictOf(validateCardNumber('6200000000005')), incomplete('unionpay'));
    });
  });
});

function empty(): Verdict {
  return { isValid: false, isPotentiallyValid: true, reason: 'empty', brand: 'unknown' };
}

function incomplete(brand: CardBrand = 'unknown'): Verdict {
  return { isValid: false, isPotentiallyValid: true, reason: 'incomplete', brand };
}

function refused(reason: CardNumberReason): Verdict {
  return { isValid: false, isPotentiallyValid: false, reason, brand: 'unknown' };
}

function luhnFailure(brand: CardBrand): Verdict {
  return { isValid: false, isPotentiallyValid: false, reason: 'luhn', brand };
}

function tooLong(brand: CardBrand): Verdict {
  return { isValid: false, isPotentiallyValid: false, reason: 'invalid_length', brand };
}
