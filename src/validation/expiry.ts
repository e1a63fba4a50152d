import type { Verification } from './types.js';

/** Why an expiry date is not valid. */
export type ExpiryReason =
  'incomplete' | 'invalid_month' | 'invalid_year' | 'past_month' | 'past_year' | 'too_far_ahead';

/** An expiry date's validation result; month and year are set once both parse. */
export interface ExpiryVerification extends Verification<ExpiryReason> {
  /** 1–12. */
  month?: number;
  /** Four-digit year. */
  year?: number;
  /** Which part is at fault when the date is not valid. */
  field?: 'month' | 'year';
}

/** card-validator's rule: a card expires at most 19 years from now. */
export const MAX_YEARS_AHEAD = 19;

/** A calendar month. */
export interface YearMonth {
  year: number;
  /** 1–12. */
  month: number;
}

/**
 * The current month "anywhere on earth" (UTC−12): a card valid through this month stays valid
 * until the month has ended everywhere, so the browser and the server never disagree across
 * a time zone.
 */
export function currentMonthAnywhereOnEarth(now: Date = new Date()): YearMonth {
  const earliest = new Date(now.getTime() - 12 * 60 * 60 * 1000);
  return { year: earliest.getUTCFullYear(), month: earliest.getUTCMonth() + 1 };
}

type Part = { kind: 'value'; value: number; text: string } | { kind: 'partial' | 'invalid' };

/** Reads an integer or a string of ASCII digits up to `maxDigits` long. */
function readPart(value: unknown, maxDigits: number): Part {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0
      ? { kind: 'value', value, text: String(value) }
      : { kind: 'invalid' };
  }
  if (typeof value !== 'string') return { kind: 'invalid' };
  const text = value.trim();
  if (text === '') return { kind: 'partial' };
  if (!/^[0-9]+$/.test(text) || text.length > maxDigits) return { kind: 'invalid' };
  return { kind: 'value', value: Number(text), text };
}

/** Reads a month: 1–12, written `1` or `01`. A lone typed `0` or `1` may still grow. */
function readMonth(value: unknown): Part {
  const part = readPart(value, 2);
  if (part.kind !== 'value') return part;
  // The number 0 is a complete (invalid) value; only the typed string '0' can grow.
  if (part.text === '0' && typeof value === 'string') return { kind: 'partial' };
  if (part.value < 1 || part.value > 12) return { kind: 'invalid' };
  return part;
}

/** Reads a year: two digits (20YY) or four. One or three digits may still grow. */
function readYear(value: unknown): Part {
  const part = readPart(value, 4);
  if (part.kind !== 'value') return part;
  if (typeof value === 'number') {
    return part.value < 100 ? { ...part, value: 2000 + part.value } : part;
  }
  if (part.text.length === 2) return { ...part, value: 2000 + part.value };
  if (part.text.length === 4) return part;
  return { kind: 'partial' };
}

/**
 * Validates an expiry month and year: month 1–12, a 2- or 4-digit year, not before the current
 * month (which is still valid) and not more than {@link MAX_YEARS_AHEAD} years ahead.
 * Never throws.
 */
export function validateExpiry(
  month: unknown,
  year: unknown,
  today: YearMonth = currentMonthAnywhereOnEarth(),
): ExpiryVerification {
  const m = readMonth(month);
  const y = readYear(year);
  if (m.kind === 'invalid') {
    return { isValid: false, isPotentiallyValid: false, reason: 'invalid_month', field: 'month' };
  }
  if (y.kind === 'invalid') {
    return { isValid: false, isPotentiallyValid: false, reason: 'invalid_year', field: 'year' };
  }
  if (m.kind !== 'value' || y.kind !== 'value') {
    const field = m.kind !== 'value' ? 'month' : 'year';
    return { isValid: false, isPotentiallyValid: true, reason: 'incomplete', field };
  }
  const parsed = { month: m.value, year: y.value };
  const fail = (reason: ExpiryReason, field: 'month' | 'year'): ExpiryVerification => ({
    ...parsed,
    isValid: false,
    isPotentiallyValid: false,
    reason,
    field,
  });
  if (parsed.year < today.year) return fail('past_year', 'year');
  if (parsed.year === today.year && parsed.month < today.month) return fail('past_month', 'month');
  if (parsed.year > today.year + MAX_YEARS_AHEAD) return fail('too_far_ahead', 'year');
  return { ...parsed, isValid: true, isPotentiallyValid: true };
}
