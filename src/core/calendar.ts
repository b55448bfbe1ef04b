// SPEC §3.8: working days are Monday–Friday, minus configured holidays, plus adjusted working days (调休).
import { plusDays, weekday, type ISODate } from './dates.js';

export interface WorkCalendar {
  holidays: ReadonlySet<ISODate>;
  workdays: ReadonlySet<ISODate>;
}

export const EMPTY_CALENDAR: WorkCalendar = { holidays: new Set(), workdays: new Set() };

export function isWorkingDay(date: ISODate, calendar: WorkCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
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
