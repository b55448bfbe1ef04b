// Rule 13: the official holidays and adjusted working days (调休) are built in (chinese-days 1.5.7), the
// configured days override them, and a year the package does not know is reported, not guessed.
// Official arrangements used below (State Council notices, as the package has them):
//   2025 国庆节+中秋: off 10-01..10-08 (10-06 is 中秋); worked Sunday 09-28 and Saturday 10-11.
//   2026 元旦: off 01-01..01-03; worked Sunday 01-04.
//   2026 春节: off 02-15 (Sunday)..02-23 (Monday); worked Saturdays 02-14 and 02-28.
//   2026 中秋: off 09-25..09-27.   2026 国庆节: off 10-01..10-07; worked Sunday 09-20 and Saturday 10-10.
import { describe, expect, it, vi } from 'vitest';
import {
  addWorkingDays,
  createWorkCalendar,
  EMPTY_CALENDAR,
  isWorkingDay,
  listCalendarDays,
  planCalendarEdit,
  type ConfiguredDay,
  type MergedCalendar,
} from '../../src/core/calendar.js';
import { builtinCalendarFrom, OFFICIAL_CALENDAR } from '../../src/core/holidays.js';
import { weekday } from '../../src/core/dates.js';

const official = (): MergedCalendar => createWorkCalendar([]);
const configured = (...rows: [string, ConfiguredDay['kind']][]): ConfiguredDay[] =>
  rows.map(([date, kind]) => ({ date, kind, note: null }));
const years = (calendar: MergedCalendar): number[] => [...calendar.unknownYears].sort();

describe('the dates these tests rely on', () => {
  it.each([
    ['2025-09-28', 0],
    ['2025-09-30', 2],
    ['2025-10-04', 6],
    ['2025-10-11', 6],
    ['2026-02-14', 6],
    ['2026-02-15', 0],
    ['2026-02-23', 1],
    ['2026-09-20', 0],
    ['2026-10-10', 6],
    ['2026-12-31', 4],
    ['2030-10-01', 2],
  ])('%s is weekday %i', (date, day) => {
    expect(weekday(date)).toBe(day);
  });
});

describe('the built-in official calendar (chinese-days)', () => {
  it('covers 2004 to 2026, every year', () => {
    expect(OFFICIAL_CALENDAR.years()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect([2003, 2004, 2026, 2027, 2030].map((y) => OFFICIAL_CALENDAR.covers(y))).toEqual([false, true, true, false, false]);
  });

  it.each([
    ['2025-09-28', 'workday', '国庆节', 'National Day', false],
    ['2025-10-01', 'holiday', '国庆节', 'National Day', false],
    ['2025-10-04', 'holiday', '国庆节', 'National Day', false],
    ['2025-10-06', 'holiday', '中秋', 'Mid-autumn Festival', false],
    ['2025-10-08', 'holiday', '国庆节', 'National Day', true],
    ['2025-10-11', 'workday', '国庆节', 'National Day', false],
    ['2026-01-04', 'workday', '元旦', "New Year's Day", false],
    ['2026-02-14', 'workday', '春节', 'Spring Festival', false],
    ['2026-02-15', 'holiday', '春节', 'Spring Festival', false],
    ['2026-02-23', 'holiday', '春节', 'Spring Festival', true],
    ['2026-02-28', 'workday', '春节', 'Spring Festival', false],
    ['2026-05-09', 'workday', '劳动节', 'Labour Day', false],
    ['2026-09-20', 'workday', '国庆节', 'National Day', false],
    ['2026-09-25', 'holiday', '中秋', 'Mid-autumn Festival', false],
    ['2026-10-07', 'holiday', '国庆节', 'National Day', true],
    ['2026-10-10', 'workday', '国庆节', 'National Day', false],
  ])('%s is an official %s of %s', (date, kind, name, nameEn, inLieu) => {
    expect(OFFICIAL_CALENDAR.day(date)).toEqual({ date, kind, name, nameEn, inLieu });
    expect(OFFICIAL_CALENDAR.kindOf(date)).toBe(kind);
  });

  it.each([
    ['2025-10-09', 'ordinary'],
    ['2025-10-12', 'ordinary'],
    ['2026-02-24', 'ordinary'],
    ['2027-01-01', 'unknown'],
    ['2030-10-01', 'unknown'],
    ['2003-10-01', 'unknown'],
  ])('%s is %s', (date, lookup) => {
    expect(OFFICIAL_CALENDAR.kindOf(date)).toBe(lookup);
    expect(OFFICIAL_CALENDAR.day(date)).toBeUndefined();
  });

  it('reads the package shape: names before the day count, in-lieu days, years from the holidays', () => {
    const calendar = builtinCalendarFrom({
      holidays: { '2040-10-01': 'National Day,国庆节,3', '2040-10-02': 'Some, Day,某节,1', bad: 'x,y,1' },
      workdays: { '2040-09-29': 'National Day,国庆节,3' },
      inLieuDays: { '2040-10-02': 'Some, Day,某节,1' },
    });
    expect(calendar.days('2040-01-01', '2040-12-31')).toEqual([
      { date: '2040-09-29', kind: 'workday', name: '国庆节', nameEn: 'National Day', inLieu: false },
      { date: '2040-10-01', kind: 'holiday', name: '国庆节', nameEn: 'National Day', inLieu: false },
      { date: '2040-10-02', kind: 'holiday', name: '某节', nameEn: 'Some, Day', inLieu: true },
    ]);
    expect(calendar.years()).toEqual([2040]);
    expect(calendar.kindOf('2041-01-01')).toBe('unknown');
  });
});

describe('working days with the official calendar', () => {
  it.each([
    ['2025-09-28', true, 'the 调休 Sunday before 国庆 2025 is worked'],
    ['2025-09-27', false, 'the Saturday before it is not'],
    ['2025-09-30', true, 'the day before 国庆 2025'],
    ['2025-10-01', false, '国庆节'],
    ['2025-10-06', false, '中秋, inside 国庆 2025'],
    ['2025-10-08', false, 'the last day of 国庆 2025'],
    ['2025-10-09', true, 'back to work'],
    ['2025-10-11', true, 'the 调休 Saturday after 国庆 2025'],
    ['2026-02-14', true, 'the 调休 Saturday before 春节 2026'],
    ['2026-02-16', false, '春节 2026'],
    ['2026-02-23', false, 'the Monday that ends 春节 2026'],
    ['2026-02-24', true, 'back to work after 春节'],
    ['2026-02-28', true, 'the 调休 Saturday after 春节 2026'],
    ['2026-09-20', true, 'the 调休 Sunday before 国庆 2026'],
    ['2026-09-25', false, '中秋 2026, a Friday'],
    ['2026-10-07', false, 'the last day of 国庆 2026'],
    ['2026-10-08', true, 'back to work'],
    ['2026-10-10', true, 'the 调休 Saturday after 国庆 2026'],
    ['2026-11-23', true, 'an ordinary Monday'],
    ['2026-11-22', false, 'an ordinary Sunday'],
  ])('%s working: %s (%s)', (date, working) => {
    const calendar = official();
    expect(isWorkingDay(date, calendar)).toBe(working);
    expect(years(calendar)).toEqual([]);
  });

  // Minutes are due 2 working days after an in-person visit (rule 8); complaints `handle_days` (rule 14).
  it.each([
    ['minutes after a visit on the eve of 国庆 2025 skip 10-01..10-08', '2025-09-30', 2, '2025-10-10'],
    ['Friday + 1 before 国庆 2025 is the 调休 Sunday', '2025-09-26', 1, '2025-09-28'],
    ['Friday + 2 before 国庆 2025: the 调休 Sunday, then Monday', '2025-09-26', 2, '2025-09-29'],
    ['Friday + 1 after 国庆 2025 is the 调休 Saturday', '2025-10-10', 1, '2025-10-11'],
    ['a visit during 国庆 2025', '2025-10-03', 2, '2025-10-10'],
    ['minutes after a visit on the eve of 国庆 2026 skip 10-01..10-07', '2026-09-30', 2, '2026-10-09'],
    ['the last day of 国庆 2026 + 3 reaches the 调休 Saturday', '2026-10-07', 3, '2026-10-10'],
    ['Friday + 1 before 国庆 2026 is the 调休 Sunday', '2026-09-18', 1, '2026-09-20'],
    ['中秋 2026 takes Friday 09-25', '2026-09-24', 2, '2026-09-29'],
    ['a complaint received before 国庆 2026, 5 working days', '2026-09-28', 5, '2026-10-10'],
    ['Friday before 春节 2026: the 调休 Saturday, then after the holiday', '2026-02-13', 2, '2026-02-24'],
    ['Thursday before 春节 2026 + 2 is the 调休 Saturday', '2026-02-12', 2, '2026-02-14'],
    ['Friday + 1 after 春节 2026 is the 调休 Saturday', '2026-02-27', 1, '2026-02-28'],
    ['across 元旦 2026 and its 调休 Sunday', '2025-12-31', 2, '2026-01-05'],
    ['an ordinary week', '2026-11-20', 2, '2026-11-24'],
  ])('%s: %s + %i → %s', (_label, date, n, due) => {
    const calendar = official();
    expect(addWorkingDays(date, n, calendar)).toBe(due);
    expect(years(calendar)).toEqual([]);
  });
});

describe('years the official calendar does not know', () => {
  it.each([
    ['2030: weekends only, 10-01 is an ordinary Tuesday', '2030-09-30', 2, '2030-10-02', [2030]],
    ['2030: a Friday + 1 is the Monday', '2030-10-04', 1, '2030-10-07', [2030]],
    ['crossing from 2026 into 2027: 2027-01-01 counts as worked', '2026-12-31', 2, '2027-01-04', [2027]],
    ['ending on the last known day needs nothing unknown', '2026-12-29', 2, '2026-12-31', []],
    ['0 working days asks nothing', '2030-10-01', 0, '2030-10-01', []],
  ])('%s', (_label, date, n, due, unknown) => {
    const calendar = official();
    expect(addWorkingDays(date, n, calendar)).toBe(due);
    expect(years(calendar)).toEqual(unknown);
  });

  it('collects each year once, across every evaluation with the same calendar', () => {
    const calendar = official();
    addWorkingDays('2030-09-30', 10, calendar);
    addWorkingDays('2026-12-31', 5, calendar);
    addWorkingDays('2030-12-30', 3, calendar);
    addWorkingDays('2025-09-30', 2, calendar);
    expect(years(calendar)).toEqual([2027, 2030, 2031]);
  });

  it('a configured day of an unknown year is decided by the clerk, not reported', () => {
    const calendar = createWorkCalendar(configured(['2030-10-01', 'holiday'], ['2030-10-05', 'workday']));
    expect(['2030-10-01', '2030-10-05'].map((d) => isWorkingDay(d, calendar))).toEqual([false, true]);
    expect(years(calendar)).toEqual([]);
    expect(isWorkingDay('2030-10-02', calendar)).toBe(true);
    expect(years(calendar)).toEqual([2030]);
  });

  it('a calendar without the official one (EMPTY_CALENDAR, builtin null) uses weekends and reports nothing', () => {
    const calendar = createWorkCalendar([], null);
    expect(addWorkingDays('2025-09-30', 2, calendar)).toBe('2025-10-02');
    expect(addWorkingDays('2030-09-30', 2, calendar)).toBe('2030-10-02');
    expect(years(calendar)).toEqual([]);
    expect(addWorkingDays('2025-09-30', 2, EMPTY_CALENDAR)).toBe('2025-10-02');
  });
});

describe('configured days override the official calendar', () => {
  it.each([
    ['a configured holiday on the official 调休 Sunday: off', [['2025-09-28', 'holiday']], '2025-09-26', 1, '2025-09-29'],
    ['a configured workday on an official holiday: on', [['2025-10-08', 'workday']], '2025-09-30', 2, '2025-10-09'],
    ['a configured workday on a weekend holiday of 春节: on', [['2026-02-15', 'workday']], '2026-02-13', 2, '2026-02-15'],
    ['a company day off on an ordinary Monday', [['2026-11-23', 'holiday']], '2026-11-20', 2, '2026-11-25'],
    ['a company Saturday worked', [['2026-11-21', 'workday']], '2026-11-20', 1, '2026-11-21'],
    ['a removed official holiday (ordinary) on a weekday: on', [['2025-10-08', 'ordinary']], '2025-09-30', 2, '2025-10-09'],
    ['a removed official holiday on a Saturday stays off', [['2025-10-04', 'ordinary']], '2025-09-30', 2, '2025-10-10'],
    ['a removed official 调休 Sunday: off', [['2025-09-28', 'ordinary']], '2025-09-26', 1, '2025-09-29'],
    ['a removed 调休 Saturday of 春节 2026: off', [['2026-02-14', 'ordinary']], '2026-02-13', 1, '2026-02-24'],
  ] as [string, [string, ConfiguredDay['kind']][], string, number, string][])('%s', (_label, rows, date, n, due) => {
    const calendar = createWorkCalendar(configured(...rows));
    expect(addWorkingDays(date, n, calendar)).toBe(due);
    expect(years(calendar)).toEqual([]);
  });
});

describe('planCalendarEdit: the stored row of `config holiday|workday add|remove`', () => {
  const row = (date: string, kind: ConfiguredDay['kind'], note: string | null = null): ConfiguredDay => ({ date, kind, note });
  it.each([
    // add
    [
      'add a holiday the official calendar lacks',
      'add',
      'holiday',
      '2026-11-23',
      undefined,
      { action: 'put', day: row('2026-11-23', 'holiday') },
    ],
    [
      'add a holiday the official calendar has: nothing stored',
      'add',
      'holiday',
      '2025-10-01',
      undefined,
      { action: 'none', reason: 'official' },
    ],
    [
      'add back a removed official holiday: the override goes',
      'add',
      'holiday',
      '2025-10-08',
      row('2025-10-08', 'ordinary'),
      { action: 'delete', date: '2025-10-08' },
    ],
    [
      'add an official holiday over a configured workday: the workday goes',
      'add',
      'holiday',
      '2025-10-08',
      row('2025-10-08', 'workday'),
      { action: 'delete', date: '2025-10-08' },
    ],
    [
      'add a holiday on an official 调休 Sunday',
      'add',
      'holiday',
      '2025-09-28',
      undefined,
      { action: 'put', day: row('2025-09-28', 'holiday') },
    ],
    [
      'add again a configured holiday (the note is replaced)',
      'add',
      'holiday',
      '2026-11-23',
      row('2026-11-23', 'holiday', 'old'),
      { action: 'put', day: row('2026-11-23', 'holiday') },
    ],
    [
      'add a workday on an official holiday',
      'add',
      'workday',
      '2025-10-08',
      undefined,
      { action: 'put', day: row('2025-10-08', 'workday') },
    ],
    [
      'add a workday the official calendar has: nothing stored',
      'add',
      'workday',
      '2026-10-10',
      undefined,
      { action: 'none', reason: 'official' },
    ],
    [
      'add a workday in a year not covered',
      'add',
      'workday',
      '2030-09-28',
      undefined,
      { action: 'put', day: row('2030-09-28', 'workday') },
    ],
    // remove
    [
      'remove an official holiday: an ordinary row',
      'remove',
      'holiday',
      '2025-10-08',
      undefined,
      { action: 'put', day: row('2025-10-08', 'ordinary') },
    ],
    [
      'remove an official holiday on a Saturday: an ordinary row',
      'remove',
      'holiday',
      '2025-10-04',
      undefined,
      { action: 'put', day: row('2025-10-04', 'ordinary') },
    ],
    [
      'remove a configured holiday: the row goes',
      'remove',
      'holiday',
      '2026-11-23',
      row('2026-11-23', 'holiday'),
      { action: 'delete', date: '2026-11-23' },
    ],
    [
      'remove a configured holiday that is official too: ordinary',
      'remove',
      'holiday',
      '2026-10-01',
      row('2026-10-01', 'holiday'),
      { action: 'put', day: row('2026-10-01', 'ordinary') },
    ],
    [
      'remove an official holiday removed already',
      'remove',
      'holiday',
      '2025-10-08',
      row('2025-10-08', 'ordinary'),
      { action: 'none', reason: 'not-listed' },
    ],
    [
      'remove a holiday over a configured workday',
      'remove',
      'holiday',
      '2025-10-08',
      row('2025-10-08', 'workday'),
      { action: 'none', reason: 'not-listed' },
    ],
    ['remove a holiday that never was', 'remove', 'holiday', '2026-11-24', undefined, { action: 'none', reason: 'not-listed' }],
    [
      'remove an official 调休 workday: an ordinary row',
      'remove',
      'workday',
      '2025-09-28',
      undefined,
      { action: 'put', day: row('2025-09-28', 'ordinary') },
    ],
    [
      'remove a configured workday: the row goes',
      'remove',
      'workday',
      '2026-11-21',
      row('2026-11-21', 'workday'),
      { action: 'delete', date: '2026-11-21' },
    ],
    [
      'remove a workday of a year not covered',
      'remove',
      'workday',
      '2030-09-28',
      row('2030-09-28', 'workday'),
      { action: 'delete', date: '2030-09-28' },
    ],
  ] as const)('%s', (_label, op, kind, date, current, edit) => {
    expect(planCalendarEdit(op, kind, date, current)).toEqual(edit);
  });

  it('keeps the note given', () => {
    expect(planCalendarEdit('add', 'holiday', '2026-11-23', undefined, { note: '公司年会' })).toEqual({
      action: 'put',
      day: row('2026-11-23', 'holiday', '公司年会'),
    });
    expect(planCalendarEdit('remove', 'holiday', '2025-10-08', undefined, { note: '公司不放' })).toEqual({
      action: 'put',
      day: row('2025-10-08', 'ordinary', '公司不放'),
    });
  });

  it('without the official calendar, add always stores and remove only deletes', () => {
    expect(planCalendarEdit('add', 'holiday', '2025-10-01', undefined, { builtin: null })).toEqual({
      action: 'put',
      day: row('2025-10-01', 'holiday'),
    });
    expect(planCalendarEdit('remove', 'holiday', '2025-10-01', undefined, { builtin: null })).toEqual({
      action: 'none',
      reason: 'not-listed',
    });
  });

  it('removing an official holiday and applying the row makes the day what its weekday says', () => {
    const apply = (date: string) => {
      const edit = planCalendarEdit('remove', 'holiday', date, undefined);
      return createWorkCalendar(edit.action === 'put' ? [edit.day] : []);
    };
    expect(isWorkingDay('2025-10-08', apply('2025-10-08'))).toBe(true);
    expect(isWorkingDay('2025-10-04', apply('2025-10-04'))).toBe(false);
    expect(addWorkingDays('2025-09-30', 2, apply('2025-10-08'))).toBe('2025-10-09');
  });
});

describe('listCalendarDays', () => {
  const rows: ConfiguredDay[] = [
    { date: '2025-09-28', kind: 'holiday', note: '公司不调休' },
    { date: '2025-10-08', kind: 'ordinary', note: null },
    { date: '2025-10-13', kind: 'holiday', note: '公司年会' },
    { date: '2025-12-01', kind: 'holiday', note: 'outside the range' },
  ];
  const line = (l: ReturnType<typeof listCalendarDays>[number]) => [l.date, l.kind, l.source, l.official, l.name, l.note];

  it('lists official and configured days of a range with their source, configured winning', () => {
    expect(listCalendarDays(rows, '2025-09-01', '2025-10-31').map(line)).toEqual([
      ['2025-09-28', 'holiday', 'configured', 'workday', '国庆节', '公司不调休'],
      ['2025-10-01', 'holiday', 'builtin', 'holiday', '国庆节', null],
      ['2025-10-02', 'holiday', 'builtin', 'holiday', '国庆节', null],
      ['2025-10-03', 'holiday', 'builtin', 'holiday', '国庆节', null],
      ['2025-10-04', 'holiday', 'builtin', 'holiday', '国庆节', null],
      ['2025-10-05', 'holiday', 'builtin', 'holiday', '国庆节', null],
      ['2025-10-06', 'holiday', 'builtin', 'holiday', '中秋', null],
      ['2025-10-07', 'holiday', 'builtin', 'holiday', '国庆节', null],
      ['2025-10-08', 'ordinary', 'configured', 'holiday', '国庆节', null],
      ['2025-10-11', 'workday', 'builtin', 'workday', '国庆节', null],
      ['2025-10-13', 'holiday', 'configured', null, null, '公司年会'],
    ]);
  });

  it('lists a whole year: 2026 has 33 official holidays and 6 调休 workdays', () => {
    const year = listCalendarDays([], '2026-01-01', '2026-12-31');
    expect(year.filter((d) => d.kind === 'holiday')).toHaveLength(33);
    expect(year.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(year.every((d) => d.source === 'builtin')).toBe(true);
  });

  it('a year not covered lists only configured days', () => {
    expect(listCalendarDays(configured(['2030-10-01', 'holiday']), '2030-01-01', '2030-12-31').map(line)).toEqual([
      ['2030-10-01', 'holiday', 'configured', null, null, null],
    ]);
  });
});

describe('loading the official calendar', () => {
  it('importing the calendar and building one reads nothing; the first day evaluated does', async () => {
    vi.resetModules();
    const calendar = await import('../../src/core/calendar.js');
    const holidays = await import('../../src/core/holidays.js');
    expect(holidays.OFFICIAL_CALENDAR.loaded).toBe(false);
    const merged = calendar.createWorkCalendar(configured(['2026-11-23', 'holiday']));
    calendar.isWorkingDay('2026-11-23', merged); // a configured day needs no official data
    calendar.addWorkingDays('2025-09-30', 2, calendar.EMPTY_CALENDAR);
    expect(holidays.OFFICIAL_CALENDAR.loaded).toBe(false);
    expect(calendar.isWorkingDay('2025-10-01', merged)).toBe(false);
    expect(holidays.OFFICIAL_CALENDAR.loaded).toBe(true);
  });
});
