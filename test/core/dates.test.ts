import { describe, expect, it } from 'vitest';
import { daysBetween, minusYears, monthRange, parseISODate, parseLooseDate, plusDays, plusMonths, weekday } from '../../src/core/dates.js';

describe('parseISODate', () => {
  it.each(['2026-01-31', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (text) => {
    expect(parseISODate(text)).toBe(text);
  });

  it.each([
    '2026-02-30',
    '2026-02-29',
    '1900-02-29',
    '0000-00-00',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-1-5',
    '26-01-05',
    '2026/01/05',
    '',
    'today',
  ])('rejects %j', (text) => {
    expect(parseISODate(text)).toBeNull();
  });
});

describe('parseLooseDate', () => {
  it.each([
    ['2026/1/5', '2026-01-05'],
    ['2026.01.05', '2026-01-05'],
    ['2026年1月5日', '2026-01-05'],
    ['2026-1-5', '2026-01-05'],
    ['2026-01-05 00:00:00', '2026-01-05'],
  ])('%s → %s', (text, iso) => {
    expect(parseLooseDate(text)).toBe(iso);
  });

  it.each(['2026/2/30', '5/1/2026', '2026-01-05 13:00'])('rejects %j', (text) => {
    expect(parseLooseDate(text)).toBeNull();
  });
});

describe('date arithmetic', () => {
  describe('month ends and leap days', () => {
    it.each([
      ['2026-01-31', 1, '2026-02-28'],
      ['2024-01-31', 1, '2024-02-29'],
      ['2026-03-31', 1, '2026-04-30'],
      ['2026-12-31', 2, '2027-02-28'],
    ])('%s + %i month → %s', (from, months, to) => {
      expect(plusMonths(from, months)).toBe(to);
    });

    it.each([
      ['2027-02-28', 3, '2024-02-28'],
      ['2027-03-01', 3, '2024-03-01'],
      ['2024-02-29', 3, '2021-02-28'],
      ['2026-11-23', 3, '2023-11-23'],
    ])('%s − %i years → %s', (from, years, to) => {
      expect(minusYears(from, years)).toBe(to);
    });
  });

  it('counts calendar days across DST-free and year boundaries', () => {
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-11-23', '2026-11-20')).toBe(-3);
    expect(plusDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('knows the weekday', () => {
    expect(weekday('2026-11-23')).toBe(1); // Monday
    expect(weekday('2026-11-22')).toBe(0);
  });

  it('gives month ranges', () => {
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthRange('2026-13')).toBeNull();
  });
});
