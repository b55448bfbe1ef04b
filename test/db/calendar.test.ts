// The working-day calendar as stored (docs/rules.md, rule 13): migration 5 keeps every configured day and lets
// a row say `ordinary` (an official day removed); the repository's calendar is the configured days over the
// official one; `config holiday|workday add|remove` store only the differences from the official calendar.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { initial } from '../../src/db/migrations/001_initial.js';
import { reportCache } from '../../src/db/migrations/002_report_cache.js';
import { APPLICATION_ID, openDatabase } from '../../src/db/open.js';
import { SCHEMA_VERSION } from '../../src/db/migrations/index.js';
import { addWorkingDays, isWorkingDay } from '../../src/core/calendar.js';
import { calendarListing, editCalendar } from '../../src/app/config.js';
import { NotFoundError } from '../../src/errors.js';
import { CLERK, WALL_CLOCK } from '../helpers/cli.js';
import { useStoreOffice } from '../helpers/db.js';
import { describeSqliteOnly } from '../helpers/engine.js';
import { useScratchOffices } from '../helpers/scratch.js';
import { expectCheckRefusal, historyCount } from '../helpers/store-rows.js';

const scratch = useScratchOffices();
const office = useStoreOffice();

/** The rows of calendar_days, by date. */
const rows = () => office.current.query('SELECT date, kind, note FROM calendar_days ORDER BY date');

describeSqliteOnly('migration 5: calendar_days accepts `ordinary` and keeps every row', () => {
  it('a schema-2 database is upgraded with its configured days; the new CHECK refuses other kinds', () => {
    const office = scratch();
    const old = new Database(office.dbPath);
    old.pragma('journal_mode = WAL');
    old.exec(initial);
    old.exec(reportCache);
    old.pragma(`application_id = ${APPLICATION_ID}`);
    old.pragma('user_version = 2');
    old
      .prepare("INSERT INTO calendar_days (date, kind, note) VALUES ('2026-10-01', 'holiday', '国庆节'), ('2026-10-10', 'workday', NULL)")
      .run();
    expect(() => old.prepare("INSERT INTO calendar_days (date, kind) VALUES ('2026-10-02', 'ordinary')").run()).toThrow(/CHECK/u);
    old.close();

    const db = openDatabase(office.dbPath, { create: false, now: () => WALL_CLOCK });
    try {
      // Migration 6 (the last contact before custrack) runs after it.
      expect(SCHEMA_VERSION).toBe(6);
      expect(db.pragma('user_version', { simple: true })).toBe(6);
      expect(db.prepare('SELECT date, kind, note FROM calendar_days ORDER BY date').all()).toEqual([
        { date: '2026-10-01', kind: 'holiday', note: '国庆节' },
        { date: '2026-10-10', kind: 'workday', note: null },
      ]);
      db.prepare("INSERT INTO calendar_days (date, kind) VALUES ('2026-10-02', 'ordinary')").run();
      expect(() => db.prepare("INSERT INTO calendar_days (date, kind) VALUES ('2026-10-03', 'weekend')").run()).toThrow(/CHECK/u);
      expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'calendar_days'").pluck().get()).toMatch(/WITHOUT ROWID/u);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });
});

describe('calendar_days as the current schema has it', () => {
  it('takes `ordinary` and refuses other kinds', async () => {
    const { query } = office.current;
    await query("INSERT INTO calendar_days (date, kind) VALUES ('2026-10-02', 'ordinary')");
    await expectCheckRefusal(() => query("INSERT INTO calendar_days (date, kind) VALUES ('2026-10-03', 'weekend')"));
    expect(await rows()).toEqual([{ date: '2026-10-02', kind: 'ordinary', note: null }]);
  });
});

describe('calendar.workCalendar: the configured days over the official calendar', () => {
  it('official holidays and 调休 count without any configuration', async () => {
    const { repos } = office.current;
    const calendar = await repos.calendar.workCalendar();
    expect(isWorkingDay('2026-10-01', calendar)).toBe(false); // 国庆节, a Thursday
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true); // a Saturday worked instead
    expect(isWorkingDay('2026-10-09', calendar)).toBe(true);
    // A visit on Wednesday 2026-09-30: minutes due two working days later, after the holiday week.
    expect(addWorkingDays('2026-09-30', 2, calendar)).toBe('2026-10-09');
    expect([...repos.calendar.unknownYears]).toEqual([]);
  });

  it('a configured day wins; an `ordinary` row lets the weekday decide', async () => {
    const { repos } = office.current;
    await repos.write(async () => {
      await repos.calendar.put({ date: '2026-10-01', kind: 'workday', note: null });
      await repos.calendar.put({ date: '2026-10-10', kind: 'ordinary', note: null });
      await repos.calendar.put({ date: '2026-11-27', kind: 'holiday', note: '公司年会' });
    });
    const calendar = await repos.calendar.workCalendar();
    expect(['2026-10-01', '2026-10-10', '2026-11-27', '2026-10-02'].map((d) => isWorkingDay(d, calendar))).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('every calendar of one store records the unknown years in one set', async () => {
    const { repos } = office.current;
    const first = await repos.calendar.workCalendar();
    const second = await repos.calendar.workCalendar();
    isWorkingDay('2027-03-01', first);
    isWorkingDay('2030-01-02', second);
    isWorkingDay('2026-05-01', second);
    expect([...repos.calendar.unknownYears].sort()).toEqual([2027, 2030]);
  });
});

describe('editCalendar: the stored rows stay the differences from the official calendar', () => {
  const stored = async (op: 'add' | 'remove', kind: 'holiday' | 'workday', dates: string[], note: string | null = null) => {
    const { repos } = office.current;
    const changes = await editCalendar(repos, op, kind, dates, note);
    return { repos, changes };
  };

  it('adding an official holiday stores nothing and writes no history', async () => {
    const { changes } = await stored('add', 'holiday', ['2026-10-01']);
    expect(changes).toMatchObject([{ date: '2026-10-01', edit: { action: 'none', reason: 'official' }, official: { name: '国庆节' } }]);
    expect(await rows()).toEqual([]);
    expect(await historyCount(office.current.query)).toBe(0);
  });

  it('removing an official holiday stores an `ordinary` row; adding it back deletes the row', async () => {
    const { repos, changes } = await stored('remove', 'holiday', ['2026-10-07']);
    expect(changes).toMatchObject([{ edit: { action: 'put', day: { kind: 'ordinary' } } }]);
    expect(await rows()).toEqual([{ date: '2026-10-07', kind: 'ordinary', note: null }]);
    expect(isWorkingDay('2026-10-07', await repos.calendar.workCalendar())).toBe(true); // a Wednesday
    const again = await editCalendar(repos, 'add', 'holiday', ['2026-10-07']);
    expect(again).toMatchObject([{ edit: { action: 'delete' } }]);
    expect(await rows()).toEqual([]);
    const history = await office.current.query(
      "SELECT actor, entity, entity_id, old, new FROM history WHERE entity = 'calendar_day' ORDER BY id",
    );
    expect(history).toEqual([
      { actor: CLERK, entity: 'calendar_day', entity_id: '2026-10-07', old: null, new: 'ordinary' },
      { actor: CLERK, entity: 'calendar_day', entity_id: '2026-10-07', old: 'ordinary', new: null },
    ]);
  });

  it('a company day off is stored, and removed again', async () => {
    const { repos, changes } = await stored('add', 'holiday', ['2026-12-31'], '公司年会');
    expect(changes).toMatchObject([{ edit: { action: 'put' }, pointless: false }]);
    expect(await rows()).toEqual([{ date: '2026-12-31', kind: 'holiday', note: '公司年会' }]);
    await editCalendar(repos, 'remove', 'holiday', ['2026-12-31']);
    expect(await rows()).toEqual([]);
  });

  it('removing a day that is not a holiday, officially or configured → exit 3, and the other dates stay as they were', async () => {
    const { repos } = office.current;
    const err = await editCalendar(repos, 'remove', 'holiday', ['2026-10-02', '2026-11-24']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).params).toEqual({ date: '2026-11-24' });
    expect(await rows()).toEqual([]);
  });

  it.each([
    // The merged calendar decides what "changes nothing" means.
    ['holiday', '2026-11-28', true, 'a Saturday is off anyway'],
    ['holiday', '2026-10-10', false, 'a Saturday worked officially (调休): a holiday changes it'],
    ['holiday', '2026-10-01', false, 'an official holiday: said otherwise'],
    ['workday', '2026-11-24', true, 'a Tuesday is worked anyway'],
    ['workday', '2026-10-05', false, 'a Monday of 国庆节: a working day changes it'],
    ['workday', '2026-11-28', false, 'a Saturday: a working day changes it'],
  ] as const)('%s add %s: pointless = %s (%s)', async (kind, date, pointless, _why) => {
    const { changes } = await stored('add', kind, [date]);
    expect(changes[0]!.pointless).toBe(pointless);
  });
});

describe('calendarListing: a year of days with their sources', () => {
  it('official holidays with their names, a configured day, and an official day removed', async () => {
    const { repos } = office.current;
    await editCalendar(repos, 'add', 'holiday', ['2026-12-31'], '公司年会');
    await editCalendar(repos, 'remove', 'holiday', ['2026-10-07']);
    const { days, builtinCovers } = await calendarListing(repos, 'holiday', { from: '2026-01-01', to: '2026-12-31' });
    expect(builtinCovers).toBe(true);
    expect(days.find((d) => d.date === '2026-10-01')).toMatchObject({ kind: 'holiday', source: 'builtin', name: '国庆节' });
    expect(days.find((d) => d.date === '2026-10-07')).toMatchObject({ kind: 'ordinary', source: 'configured', official: 'holiday' });
    expect(days.at(-1)).toMatchObject({ date: '2026-12-31', kind: 'holiday', source: 'configured', official: null, note: '公司年会' });
    expect(days.every((d) => d.kind === 'holiday' || d.official === 'holiday')).toBe(true);
    const workdays = await calendarListing(repos, 'workday', { from: '2026-01-01', to: '2026-12-31' });
    expect(workdays.days.map((d) => d.date)).toContain('2026-10-10');
    expect(workdays.days.every((d) => d.kind === 'workday' && d.source === 'builtin')).toBe(true);
  });

  it('a year the official calendar does not know: only configured days, and it says so', async () => {
    const { repos } = office.current;
    await editCalendar(repos, 'add', 'holiday', ['2030-10-01'], '国庆节');
    const { days, builtinCovers } = await calendarListing(repos, 'holiday', { from: '2030-01-01', to: '2030-12-31' });
    expect(builtinCovers).toBe(false);
    expect(days).toEqual([
      { date: '2030-10-01', kind: 'holiday', source: 'configured', official: null, name: null, nameEn: null, note: '国庆节' },
    ]);
  });
});
