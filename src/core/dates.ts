// Dates are ISO `YYYY-MM-DD` strings everywhere; arithmetic goes through date-fns on local dates.
import { addMonths } from 'date-fns/addMonths';
import { subYears } from 'date-fns/subYears';
import { subMonths } from 'date-fns/subMonths';

export type ISODate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** A real calendar date in `YYYY-MM-DD`, or null (`2026-02-30`, `0000-00-00`, `2026-2-3`). */
export function parseISODate(text: string): ISODate | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Dates as spreadsheets write them: `2026-1-5`, `2026/01/05`, `2026.1.5`, `2026年1月5日`. */
export function parseLooseDate(text: string): ISODate | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]0{1,2}:0{2}(?::0{2})?)?$/u.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  return parseISODate(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`);
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Local midnight of an ISO date (years below 100 included). */
export function toDate(iso: ISODate): Date {
  const date = new Date(2000, 0, 1);
  date.setFullYear(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  date.setHours(0, 0, 0, 0);
  return date;
}

export function fromDate(date: Date): ISODate {
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

const DAY_MS = 86_400_000;

// A business's dates repeat (a few thousand distinct days), so conversions are remembered.
const toDay = new Map<ISODate, number>();
const toIso = new Map<number, ISODate>();
const MEMO_LIMIT = 100_000;

/** Days since 1970-01-01 of an ISO date (UTC, so no daylight-saving hour can shift a day). */
export function epochDay(iso: ISODate): number {
  let day = toDay.get(iso);
  if (day === undefined) {
    const date = new Date(0);
    date.setUTCFullYear(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
    day = Math.round(date.getTime() / DAY_MS);
    if (toDay.size < MEMO_LIMIT) toDay.set(iso, day);
  }
  return day;
}

export function fromEpochDay(day: number): ISODate {
  let iso = toIso.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (toIso.size < MEMO_LIMIT) toIso.set(day, iso);
  }
  return iso;
}

// Day arithmetic is plain counting on epoch days: the overdue engine does it a million times a run.
// Month and year arithmetic (clamping 31 January + 1 month to 28 February) stays with date-fns.
export const plusDays = (iso: ISODate, days: number): ISODate => fromEpochDay(epochDay(iso) + days);
/** Month and year steps repeat for the same few thousand days in every run; they are remembered too. */
function remembered(step: (date: Date, n: number) => Date): (iso: ISODate, n: number) => ISODate {
  const memo = new Map<string, ISODate>();
  return (iso, n) => {
    const key = `${iso}|${n}`;
    let result = memo.get(key);
    if (result === undefined) {
      result = fromDate(step(toDate(iso), n));
      if (memo.size < MEMO_LIMIT) memo.set(key, result);
    }
    return result;
  };
}

export const plusMonths = remembered(addMonths);
export const minusMonths = remembered(subMonths);
export const minusYears = remembered(subYears);

/** `later − earlier` in calendar days. */
export const daysBetween = (earlier: ISODate, later: ISODate): number => epochDay(later) - epochDay(earlier);

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: ISODate): number {
  return (((epochDay(iso) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** `YYYY-MM` → first and last day of that month. */
export function monthRange(month: string): { from: ISODate; to: ISODate } | null {
  const m = /^(\d{4})-(\d{2})$/u.exec(month.trim());
  if (!m) return null;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  if (y < 1 || mo < 1 || mo > 12) return null;
  return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${String(daysInMonth(y, mo)).padStart(2, '0')}` };
}

/** Where a period stands on `today`: over, under way (today is in it, so not over yet), or not begun. */
export function periodOn(period: { from: ISODate; to: ISODate }, today: ISODate): 'over' | 'current' | 'ahead' {
  return today > period.to ? 'over' : today >= period.from ? 'current' : 'ahead';
}

/** Today in local time, from a wall clock. */
export function localToday(now: Date): ISODate {
  return fromDate(now);
}
