// docs/rules.md, rule 8: working days are Monday–Friday, minus configured holidays, plus adjusted working days (调休);
// minutes of an in-person visit are due 2 working days after it.
import { describe, expect, it } from 'vitest';
import { addWorkingDays, EMPTY_CALENDAR, isWorkingDay, type WorkCalendar } from '../../src/core/calendar.js';
import { plusDays, weekday } from '../../src/core/dates.js';

const days = (from: string, count: number): string[] => Array.from({ length: count }, (_, i) => plusDays(from, i));

/** National Day 2026-10-01..07 off; Sunday 2026-09-27 and Saturday 2026-10-10 worked instead (调休). */
const NATIONAL_DAY: WorkCalendar = {
  holidays: new Set(days('2026-10-01', 7)),
  workdays: new Set(['2026-09-27', '2026-10-10']),
};

describe('the dates these tests rely on', () => {
  it.each([
    ['2026-11-20', 5, 'Friday'],
    ['2026-11-23', 1, 'Monday'],
    ['2026-09-25', 5, 'Friday'],
    ['2026-09-27', 0, 'Sunday'],
    ['2026-09-30', 3, 'Wednesday'],
    ['2026-10-01', 4, 'Thursday'],
    ['2026-10-10', 6, 'Saturday'],
  ])('%s is weekday %i (%s)', (date, day) => {
    expect(weekday(date)).toBe(day);
  });
});

describe('isWorkingDay', () => {
  it('Monday to Friday work, the weekend does not', () => {
    expect(days('2026-11-16', 7).map((d) => isWorkingDay(d, EMPTY_CALENDAR))).toEqual([true, true, true, true, true, false, false]);
  });

  it('a holiday on a weekday is off; an adjusted Saturday or Sunday is on', () => {
    expect(isWorkingDay('2026-10-01', NATIONAL_DAY)).toBe(false);
    expect(isWorkingDay('2026-10-07', NATIONAL_DAY)).toBe(false);
    expect(isWorkingDay('2026-10-08', NATIONAL_DAY)).toBe(true);
    expect(isWorkingDay('2026-09-27', NATIONAL_DAY)).toBe(true);
    expect(isWorkingDay('2026-10-10', NATIONAL_DAY)).toBe(true);
    expect(isWorkingDay('2026-10-11', NATIONAL_DAY)).toBe(false);
    expect(isWorkingDay('2026-09-26', NATIONAL_DAY)).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['a Friday in-person visit: minutes due on Tuesday', '2026-11-20', 2, EMPTY_CALENDAR, '2026-11-24'],
    ['Monday + 2 is Wednesday', '2026-11-23', 2, EMPTY_CALENDAR, '2026-11-25'],
    ['Thursday + 2 crosses the weekend to Monday', '2026-11-19', 2, EMPTY_CALENDAR, '2026-11-23'],
    ['a Saturday + 1 is Monday', '2026-11-21', 1, EMPTY_CALENDAR, '2026-11-23'],
    ['a Sunday + 2 is Tuesday', '2026-11-22', 2, EMPTY_CALENDAR, '2026-11-24'],
    ['0 working days is the date itself, even on a weekend', '2026-11-21', 0, EMPTY_CALENDAR, '2026-11-21'],
    [
      'Friday before a Monday holiday → Wednesday',
      '2026-11-20',
      2,
      { holidays: new Set(['2026-11-23']), workdays: new Set<string>() },
      '2026-11-25',
    ],
    ['the day before National Day → the 8th and 9th of October', '2026-09-30', 2, NATIONAL_DAY, '2026-10-09'],
    ['a visit during the holiday → after it', '2026-10-03', 2, NATIONAL_DAY, '2026-10-09'],
    ['the Wednesday of 10-07 + 3 reaches the adjusted Saturday', '2026-10-07', 3, NATIONAL_DAY, '2026-10-10'],
    ['Friday before an adjusted Sunday → the Sunday and Monday', '2026-09-25', 2, NATIONAL_DAY, '2026-09-28'],
    ['Friday before an adjusted Sunday + 1 is that Sunday', '2026-09-25', 1, NATIONAL_DAY, '2026-09-27'],
    ['across a month and a year end', '2026-12-31', 2, EMPTY_CALENDAR, '2027-01-04'],
    ['ten working days are two weeks', '2026-11-23', 10, EMPTY_CALENDAR, '2026-12-07'],
  ])('%s', (_label, date, n, calendar, expected) => {
    expect(addWorkingDays(date, n, calendar)).toBe(expected);
  });

  it('every result is a working day, and exactly n working days lie after the date up to it', () => {
    for (const start of days('2026-09-20', 30)) {
      for (const n of [1, 2, 3, 5]) {
        const due = addWorkingDays(start, n, NATIONAL_DAY);
        expect(isWorkingDay(due, NATIONAL_DAY)).toBe(true);
        const between = [];
        for (let d = plusDays(start, 1); d <= due; d = plusDays(d, 1)) if (isWorkingDay(d, NATIONAL_DAY)) between.push(d);
        expect(between).toHaveLength(n);
      }
    }
  });

  it('does not hang on a calendar with no working day at all', () => {
    const everything = { holidays: new Set(days('2026-01-01', 4000)), workdays: new Set<string>() };
    expect(typeof addWorkingDays('2026-01-01', 2, everything)).toBe('string');
  });
});
