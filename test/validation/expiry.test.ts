import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  currentMonthAnywhereOnEarth,
  MAX_YEARS_AHEAD,
  validateExpiry,
  type ExpiryReason,
  type ExpiryVerification,
  type YearMonth,
} from '../../src/validation/index.js';

/** Every table below is checked on this day, so the results never depend on the clock. */
const TODAY: YearMonth = { year: 2026, month: 11 };

interface Case {
  name: string;
  month: unknown;
  year: unknown;
  expected: ExpiryVerification;
}

function runCases(cases: readonly Case[]): void {
  for (const { name, month, year, expected } of cases) {
    it(name, () => {
      assert.deepEqual(validateExpiry(month, year, TODAY), expected);
    });
  }
}

function valid(month: number, year: number): ExpiryVerification {
  return { isValid: true, isPotentiallyValid: true, month, year };
}

function expired(reason: ExpiryReason, month: number, year: number): ExpiryVerification {
  const field = reason === 'past_month' ? 'month' : 'year';
  return { isValid: false, isPotentiallyValid: false, reason, field, month, year };
}

function refused(reason: 'invalid_month' | 'invalid_year'): ExpiryVerification {
  const field = reason === 'invalid_month' ? 'month' : 'year';
  return { isValid: false, isPotentiallyValid: false, reason, field };
}

/** Still being typed; `field` is the part to finish first. */
function incomplete(field: 'month' | 'year'): ExpiryVerification {
  return { isValid: false, isPotentiallyValid: true, reason: 'incomplete', field };
}

describe('validateExpiry (today is November 2026)', () => {
  describe('accepts dates from the current month on', () => {
    runCases([
      { name: 'the current month, 11/2026', month: 11, year: 2026, expected: valid(11, 2026) },
      {
        name: "the current month as '11' / '26'",
        month: '11',
        year: '26',
        expected: valid(11, 2026),
      },
      {
        name: "the current month as '11' / '2026'",
        month: '11',
        year: '2026',
        expected: valid(11, 2026),
      },
      { name: 'next month, 12/2026', month: 12, year: 2026, expected: valid(12, 2026) },
      { name: 'January next year, 1/2027', month: 1, year: 2027, expected: valid(1, 2027) },
      {
        name: "month '1' without a leading zero",
        month: '1',
        year: '27',
        expected: valid(1, 2027),
      },
      { name: "month '01' with a leading zero", month: '01', year: '27', expected: valid(1, 2027) },
      { name: "month '09' with a leading zero", month: '09', year: '30', expected: valid(9, 2030) },
      {
        name: 'a 2-digit year given as a number, 26',
        month: 12,
        year: 26,
        expected: valid(12, 2026),
      },
      {
        name: 'a 4-digit year given as a number, 2031',
        month: 6,
        year: 2031,
        expected: valid(6, 2031),
      },
      { name: 'a 4-digit year as a string', month: '06', year: '2031', expected: valid(6, 2031) },
      { name: 'spaces around both parts', month: ' 12 ', year: ' 26 ', expected: valid(12, 2026) },
      {
        name: `${MAX_YEARS_AHEAD} years ahead, 12/2045`,
        month: 12,
        year: 2045,
        expected: valid(12, 2045),
      },
      { name: "19 years ahead as '12' / '45'", month: '12', year: '45', expected: valid(12, 2045) },
    ]);
  });

  describe('refuses dates in the past', () => {
    runCases([
      {
        name: 'the previous month, 10/2026',
        month: 10,
        year: 2026,
        expected: expired('past_month', 10, 2026),
      },
      {
        name: "January this year, '1' / '26'",
        month: '1',
        year: '26',
        expected: expired('past_month', 1, 2026),
      },
      {
        name: 'December last year, 12/2025',
        month: 12,
        year: 2025,
        expected: expired('past_year', 12, 2025),
      },
      {
        name: "last year as '12' / '25'",
        month: '12',
        year: '25',
        expected: expired('past_year', 12, 2025),
      },
      {
        name: "year '00' read as 2000",
        month: '12',
        year: '00',
        expected: expired('past_year', 12, 2000),
      },
      { name: 'year 1999', month: 12, year: 1999, expected: expired('past_year', 12, 1999) },
    ]);
  });

  describe(`refuses dates more than ${MAX_YEARS_AHEAD} years ahead`, () => {
    runCases([
      {
        name: '20 years ahead, 1/2046',
        month: 1,
        year: 2046,
        expected: expired('too_far_ahead', 1, 2046),
      },
      {
        name: "20 years ahead as '01' / '46'",
        month: '01',
        year: '46',
        expected: expired('too_far_ahead', 1, 2046),
      },
      {
        name: 'year 99 read as 2099',
        month: 12,
        year: 99,
        expected: expired('too_far_ahead', 12, 2099),
      },
      {
        name: 'year 9999',
        month: '12',
        year: '9999',
        expected: expired('too_far_ahead', 12, 9999),
      },
    ]);
  });

  describe('refuses months that are not 1–12', () => {
    runCases([
      { name: 'month 0 as a number', month: 0, year: 2027, expected: refused('invalid_month') },
      { name: 'month 13', month: 13, year: 2027, expected: refused('invalid_month') },
      { name: "month '13'", month: '13', year: '27', expected: refused('invalid_month') },
      { name: "month '00'", month: '00', year: '27', expected: refused('invalid_month') },
      {
        name: "month '012' (three digits)",
        month: '012',
        year: '27',
        expected: refused('invalid_month'),
      },
      { name: 'month -1', month: -1, year: 2027, expected: refused('invalid_month') },
      { name: 'month 1.5', month: 1.5, year: 2027, expected: refused('invalid_month') },
      { name: "month 'abc'", month: 'abc', year: '27', expected: refused('invalid_month') },
      { name: "month '1a'", month: '1a', year: '27', expected: refused('invalid_month') },
      { name: 'month NaN', month: NaN, year: 2027, expected: refused('invalid_month') },
      { name: 'month Infinity', month: Infinity, year: 2027, expected: refused('invalid_month') },
      { name: 'month undefined', month: undefined, year: 2027, expected: refused('invalid_month') },
      { name: 'month null', month: null, year: 2027, expected: refused('invalid_month') },
      { name: 'month as an object', month: {}, year: 2027, expected: refused('invalid_month') },
      {
        name: "full-width month '１２'",
        month: '１２',
        year: '27',
        expected: refused('invalid_month'),
      },
      {
        name: "Arabic-Indic month '١٢'",
        month: '١٢',
        year: '27',
        expected: refused('invalid_month'),
      },
      {
        name: 'an invalid month wins over a partial year',
        month: 13,
        year: '2',
        expected: refused('invalid_month'),
      },
    ]);
  });

  describe('refuses years that are not 2 or 4 digits', () => {
    runCases([
      { name: 'year NaN', month: 12, year: NaN, expected: refused('invalid_year') },
      { name: 'year 26.5', month: 12, year: 26.5, expected: refused('invalid_year') },
      { name: 'year -1', month: 12, year: -1, expected: refused('invalid_year') },
      { name: 'year undefined', month: 12, year: undefined, expected: refused('invalid_year') },
      { name: 'year null', month: 12, year: null, expected: refused('invalid_year') },
      { name: "year 'abc'", month: '12', year: 'abc', expected: refused('invalid_year') },
      {
        name: "year '20261' (five digits)",
        month: '12',
        year: '20261',
        expected: refused('invalid_year'),
      },
      {
        name: "full-width year '２６'",
        month: '12',
        year: '２６',
        expected: refused('invalid_year'),
      },
      { name: "year '2026.0'", month: '12', year: '2026.0', expected: refused('invalid_year') },
    ]);
  });

  describe('waits while either part is still being typed', () => {
    runCases([
      { name: "empty month ''", month: '', year: '27', expected: incomplete('month') },
      { name: 'blank month', month: '  ', year: '27', expected: incomplete('month') },
      {
        name: "month '0' (about to become 01–09)",
        month: '0',
        year: '27',
        expected: incomplete('month'),
      },
      { name: "empty year ''", month: '12', year: '', expected: incomplete('year') },
      { name: "one-digit year '2'", month: '12', year: '2', expected: incomplete('year') },
      { name: "three-digit year '202'", month: '12', year: '202', expected: incomplete('year') },
      {
        name: 'both empty: the month comes first',
        month: '',
        year: '',
        expected: incomplete('month'),
      },
      { name: "month '0' and year '2'", month: '0', year: '2', expected: incomplete('month') },
    ]);
  });

  describe('defaults today to the current month anywhere on earth', () => {
    it('accepts a card expiring this month at the very end of the month in UTC', (t) => {
      t.mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-12-01T06:00:00Z') });
      assert.equal(validateExpiry(11, 2026).isValid, true);
    });

    it('refuses the same card once the month has ended everywhere', (t) => {
      t.mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-12-01T13:00:00Z') });
      assert.equal(validateExpiry(11, 2026).reason, 'past_month');
    });
  });
});

describe('currentMonthAnywhereOnEarth', () => {
  const cases: readonly { at: string; expected: YearMonth }[] = [
    { at: '2026-11-15T00:00:00Z', expected: { year: 2026, month: 11 } },
    { at: '2026-12-01T06:00:00Z', expected: { year: 2026, month: 11 } },
    { at: '2026-12-01T11:59:59.999Z', expected: { year: 2026, month: 11 } },
    { at: '2026-12-01T12:00:00Z', expected: { year: 2026, month: 12 } },
    { at: '2026-12-01T13:00:00Z', expected: { year: 2026, month: 12 } },
    { at: '2026-11-01T00:00:00Z', expected: { year: 2026, month: 10 } },
    { at: '2027-01-01T11:59:59Z', expected: { year: 2026, month: 12 } },
    { at: '2027-01-01T12:00:00Z', expected: { year: 2027, month: 1 } },
    { at: '2028-03-01T06:00:00Z', expected: { year: 2028, month: 2 } },
  ];
  for (const { at, expected } of cases) {
    it(`is ${expected.year}-${String(expected.month).padStart(2, '0')} at ${at}`, () => {
      assert.deepEqual(currentMonthAnywhereOnEarth(new Date(at)), expected);
    });
  }

  describe('decides whether a card is still valid across the date line', () => {
    const boundaries: readonly {
      at: string;
      month: number;
      year: number;
      isValid: boolean;
    }[] = [
      { at: '2026-12-01T06:00:00Z', month: 11, year: 2026, isValid: true },
      { at: '2026-12-01T13:00:00Z', month: 11, year: 2026, isValid: false },
      { at: '2027-01-01T11:00:00Z', month: 12, year: 2026, isValid: true },
      { at: '2027-01-01T13:00:00Z', month: 12, year: 2026, isValid: false },
    ];
    for (const { at, month, year, isValid } of boundaries) {
      it(`${month}/${year} is ${isValid ? 'valid' : 'expired'} at ${at}`, () => {
        const today = currentMonthAnywhereOnEarth(new Date(at));
        assert.equal(validateExpiry(month, year, today).isValid, isValid);
      });
    }
  });
});
