// Working days (rules 8 and 13): Monday–Friday, minus the official public holidays, plus the official
// adjusted working days (调休), both built in (holidays.ts); the days the clerk configures override them.
//
// How a day is decided, first match wins:
//   1. a configured `workday`  → on   (even when the official calendar says holiday)
//   2. a configured `holiday`  → off  (even when the official calendar says workday)
//   3. a configured `ordinary` → the weekday decides; the official calendar is ignored for that day
//   4. the official calendar   → `holiday` off, `workday` on, a known year's unlisted day: the weekday decides
//   5. a year the official calendar does not cover → the weekday decides, and the year is recorded in
//      `unknownYears` so that the command can warn once that only weekends and configured days were used.
//
// The stored table (calendar_days: date primary key, kind, note) holds only the clerk's differences from
// the official calendar, one row per date, kind one of:
//   'holiday'  the day is off            (config holiday add D)
//   'workday'  the day is worked         (config workday add D)
//   'ordinary' the official entry for D does not apply: the weekday decides
//              (config holiday remove D of an official holiday; config workday remove D of an official 调休 day)
// Why a third kind and not a `workday` row for a removed holiday: official holidays include weekend days
// (2025-10-04, a Saturday of 国庆节); removing one must leave a day off, not make the Saturday a working day,
// and the list must stop showing it as a holiday. One row per date keeps the date the primary key and a
// row's meaning readable on its own, with no second table of suppressed days. planCalendarEdit below says
// exactly which row each `config holiday|workday add|remove` writes or deletes.
import { plusDays, weekday, type ISODate } from './dates.js';
import { OFFICIAL_CALENDAR, type BuiltinCalendar, type OfficialKind } from './holidays.js';

export interface WorkCalendar {
  /** Configured days off. */
  holidays: ReadonlySet<ISODate>;
  /** Configured days on (调休上班 the official calendar does not list, or a company's own). */
  workdays: ReadonlySet<ISODate>;
  /** Configured days for which the official calendar is ignored (a removed official holiday or workday). */
  ordinary?: ReadonlySet<ISODate>;
  /** The official calendar under the configured days; absent means weekends and configured days only. */
  builtin?: BuiltinCalendar;
  /**
   * Filled while days are evaluated: the years a decision needed that `builtin` does not cover (a day of
   * such a year that the clerk configured is not a need). The core never prints; the command warns once.
   */
  unknownYears?: Set<number>;
  /**
   * The days decided so far (createWorkCalendar gives one): the overdue list asks about the same few
   * thousand days again and again, and one lookup answers faster than the layers above.
   * A day's year is recorded in `unknownYears` the first time it is decided, so remembering loses nothing.
   */
  memo?: Map<ISODate, boolean>;
}

const MEMO_LIMIT = 100_000;

/** Weekends only: no official calendar, no configured day. */
export const EMPTY_CALENDAR: WorkCalendar = { holidays: new Set(), workdays: new Set() };

export type ConfiguredKind = OfficialKind | 'ordinary';

/** One row of the configured calendar (calendar_days). */
export interface ConfiguredDay {
  date: ISODate;
  kind: ConfiguredKind;
  note: string | null;
}

/** A working calendar that reports the years it could not decide. */
export interface MergedCalendar extends WorkCalendar {
  ordinary: ReadonlySet<ISODate>;
  unknownYears: Set<number>;
  memo: Map<ISODate, boolean>;
}

/**
 * The calendar the rules use: the configured days over the official calendar. Nothing is read until a day is
 * evaluated. The sets are the calendar's own: a changed configuration needs a new calendar (the memo would
 * keep old answers). Pass `null` as `builtin` for weekends and configured days only (the calendar before rule 13).
 * `unknownYears` may be a set shared by several calendars (one command's), so that it warns once for all.
 */
export function createWorkCalendar(
  configured: Iterable<ConfiguredDay>,
  builtin: BuiltinCalendar | null = OFFICIAL_CALENDAR,
  unknownYears: Set<number> = new Set(),
): MergedCalendar {
  const sets = { holiday: new Set<ISODate>(), workday: new Set<ISODate>(), ordinary: new Set<ISODate>() };
  for (const day of configured) sets[day.kind].add(day.date);
  const calendar: MergedCalendar = {
    holidays: sets.holiday,
    workdays: sets.workday,
    ordinary: sets.ordinary,
    unknownYears,
    memo: new Map(),
  };
  if (builtin) calendar.builtin = builtin;
  return calendar;
}

export function isWorkingDay(date: ISODate, calendar: WorkCalendar): boolean {
  const memo = calendar.memo;
  if (memo === undefined) return decide(date, calendar);
  let working = memo.get(date);
  if (working === undefined) {
    working = decide(date, calendar);
    if (memo.size < MEMO_LIMIT) memo.set(date, working);
  }
  return working;
}

function decide(date: ISODate, calendar: WorkCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const builtin = calendar.builtin;
  if (builtin !== undefined && !calendar.ordinary?.has(date)) {
    const official = builtin.kindOf(date);
    if (official === 'workday') return true;
    if (official === 'holiday') return false;
    if (official === 'unknown') calendar.unknownYears?.add(Number(date.slice(0, 4)));
  }
  const day = weekday(date);
  return day !== 0 && day !== 6;
}

/** The `n`th working day after `date` (a Friday plus 2 is the Tuesday); `n` = 0 is the date itself. */
export function addWorkingDays(date: ISODate, n: number, calendar: WorkCalendar): ISODate {
  let current = date;
  let left = n;
  // A calendar could in theory list years of holidays; the guard keeps a bad configuration from hanging.
  for (let guard = 0; left > 0 && guard < 3660; guard++) {
    current = plusDays(current, 1);
    if (isWorkingDay(current, calendar)) left--;
  }
  return current;
}

/** One line of `config holiday list` / `config workday list`. */
export interface CalendarListing {
  date: ISODate;
  /** What the day is now: `ordinary` = an official day the clerk removed (the weekday decides). */
  kind: ConfiguredKind;
  /** Where `kind` comes from: the official calendar, or a row the clerk configured. */
  source: 'builtin' | 'configured';
  /** What the official calendar says about the day, when it names it (shows what an override replaced). */
  official: OfficialKind | null;
  /** The official holiday's name (国庆节) and English name, when the official calendar names the day. */
  name: string | null;
  nameEn: string | null;
  /** The clerk's note of a configured day. */
  note: string | null;
}

/**
 * Every day in `[from, to]` that the official calendar names or the clerk configured, by date, with its
 * source. A listing of holidays keeps `kind === 'holiday'`, plus, to show removed official holidays,
 * `kind === 'ordinary' && official === 'holiday'`.
 */
export function listCalendarDays(
  configured: Iterable<ConfiguredDay>,
  from: ISODate,
  to: ISODate,
  builtin: BuiltinCalendar | null = OFFICIAL_CALENDAR,
): CalendarListing[] {
  const rows = new Map<ISODate, ConfiguredDay>();
  for (const day of configured) if (day.date >= from && day.date <= to) rows.set(day.date, day);
  const listed = new Map<ISODate, CalendarListing>();
  for (const day of builtin?.days(from, to) ?? []) {
    listed.set(day.date, {
      date: day.date,
      kind: day.kind,
      source: 'builtin',
      official: day.kind,
      name: day.name,
      nameEn: day.nameEn,
      note: null,
    });
  }
  for (const row of rows.values()) {
    const official = listed.get(row.date);
    listed.set(row.date, {
      date: row.date,
      kind: row.kind,
      source: 'configured',
      official: official?.official ?? null,
      name: official?.name ?? null,
      nameEn: official?.nameEn ?? null,
      note: row.note,
    });
  }
  return [...listed.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** What a `config holiday|workday add|remove` does to the stored row of one date. */
export type CalendarEdit =
  | { action: 'put'; day: ConfiguredDay } // insert the row, or replace the date's row
  | { action: 'delete'; date: ISODate } // delete the date's row
  | { action: 'none'; reason: 'official' | 'not-listed' }; // nothing to store; 'not-listed' is an error for remove

/**
 * The row change for `config <kind> add|remove <date>`, given the date's current row. It keeps the table
 * down to the differences from the official calendar:
 * - add K: when the official calendar already says K, no row is needed (a contradicting row is deleted, a
 *   row saying K is kept with the new note); otherwise the date's row becomes K.
 * - remove K: a row saying K is deleted, or, when the official calendar says K too, replaced by an
 *   `ordinary` row; a day that is K only officially gets an `ordinary` row; a day that is not K → not-listed.
 */
export function planCalendarEdit(
  op: 'add' | 'remove',
  kind: OfficialKind,
  date: ISODate,
  current: ConfiguredDay | undefined,
  options: { note?: string | null; builtin?: BuiltinCalendar | null } = {},
): CalendarEdit {
  const note = options.note ?? null;
  const builtin = options.builtin === undefined ? OFFICIAL_CALENDAR : options.builtin;
  const officially = builtin?.kindOf(date) === kind;
  if (op === 'add') {
    if (officially && current?.kind !== kind) return current ? { action: 'delete', date } : { action: 'none', reason: 'official' };
    return { action: 'put', day: { date, kind, note } };
  }
  if (current?.kind === kind) return officially ? { action: 'put', day: { date, kind: 'ordinary', note } } : { action: 'delete', date };
  if (current === undefined && officially) return { action: 'put', day: { date, kind: 'ordinary', note } };
  return { action: 'none', reason: 'not-listed' };
}
