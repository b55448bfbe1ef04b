// The official calendar: China's public holidays and adjusted working days (调休) as the State Council
// announces them each year, built in from the `chinese-days` package (2004 up to the last year it knows).
//
// Where it comes from: the package publishes its data as one JSON file, dist/chinese-days.json, for
// programs that do not use its JavaScript API. Its shape is three maps of date → "<English>,<中文>,<n>":
//   holidays   every day off, weekends inside a holiday included ("2025-10-04": "National Day,国庆节,3")
//   workdays   every weekend day worked instead (调休上班, "2025-09-28": "National Day,国庆节,3")
//   inLieuDays the weekdays among the holidays that are off only because a weekend day is worked instead
// where n is the number of statutory days off of that holiday. We read that file, not the API: the API
// parses a date object per question and its bundle carries lunar-calendar tables we do not need
// (requiring it took ~30 ms on the bench machine, reading the JSON ~3 ms).
//
// When it loads: on the first question asked of OFFICIAL_CALENDAR, never on import. Importing this module
// (through calendar.ts) costs a few small functions; `custrack check`, `--version` and every command that
// computes no working day never read the file. The file stays in node_modules (read with require at run
// time, not bundled by esbuild), as the other packages only some commands need do. Measured in the bundled
// build: the first question costs ~3 ms (2.4–7 ms on the shared machine: resolving, reading and parsing
// 37 KB) and keeps ~140 KiB of heap; later questions are lookups in the package's own objects.
import { createRequire } from 'node:module';
import type { ISODate } from './dates.js';

/** The package's JSON data, as published in chinese-days/dist/chinese-days.json. */
export interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays?: Record<string, string>;
}

export type OfficialKind = 'holiday' | 'workday';

/** One day the official calendar names. */
export interface OfficialDay {
  date: ISODate;
  /** `holiday`: off (weekends inside the holiday too); `workday`: a weekend day worked instead (调休上班). */
  kind: OfficialKind;
  /** The holiday in Chinese (国庆节, 春节, 中秋); for a workday, the holiday it makes up for. */
  name: string;
  /** The same in English (National Day). */
  nameEn: string;
  /** A weekday off only because a weekend day is worked instead (the package's `inLieuDays`). */
  inLieu: boolean;
}

/**
 * What the official calendar says about one date: `holiday` or `workday` as listed, `ordinary` when the
 * year is known and the date is not listed (the weekday decides), `unknown` when the year is not covered.
 */
export type OfficialLookup = OfficialKind | 'ordinary' | 'unknown';

export interface BuiltinCalendar {
  kindOf(date: ISODate): OfficialLookup;
  day(date: ISODate): OfficialDay | undefined;
  /** Whether the calendar knows the holidays of this year. */
  covers(year: number): boolean;
  /** The years it covers, ascending. */
  years(): readonly number[];
  /** The days it names in `[from, to]`, by date. */
  days(from: ISODate, to: ISODate): OfficialDay[];
}

/** "National Day,国庆节,3" → names; the English name is everything before the last two commas. */
function parseLabel(label: string): { name: string; nameEn: string } {
  const parts = label.split(',');
  if (parts.length < 3) return { name: label, nameEn: label };
  return { name: parts[parts.length - 2]!, nameEn: parts.slice(0, -2).join(',') };
}

const byDate = (a: OfficialDay, b: OfficialDay): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/**
 * A calendar over data of the package's shape. The years covered are the years that have at least one
 * holiday. Lookups read the package's objects as they are (an ISO date can never be the name of an
 * Object.prototype member); the only work done up front is collecting the years, so that the first
 * question costs little more than reading the file.
 */
export function builtinCalendarFrom(data: ChineseDaysData): BuiltinCalendar {
  const { holidays, workdays } = data;
  const inLieu = data.inLieuDays ?? {};
  const yearKeys = new Set<string>();
  for (const date in holidays) yearKeys.add(date.slice(0, 4));
  const years = [...yearKeys]
    .map(Number)
    .filter(Number.isInteger)
    .sort((a, b) => a - b);
  const day = (date: ISODate): OfficialDay | undefined => {
    const holiday = holidays[date];
    const label = holiday ?? workdays[date];
    if (label === undefined) return undefined;
    const kind: OfficialKind = holiday === undefined ? 'workday' : 'holiday';
    return { date, kind, ...parseLabel(label), inLieu: kind === 'holiday' && inLieu[date] !== undefined };
  };
  return {
    kindOf(date) {
      if (holidays[date] !== undefined) return 'holiday';
      if (workdays[date] !== undefined) return 'workday';
      return yearKeys.has(date.slice(0, 4)) ? 'ordinary' : 'unknown';
    },
    day,
    covers: (year) => yearKeys.has(String(year).padStart(4, '0')),
    years: () => years,
    days(from, to) {
      const dates = new Set([...Object.keys(holidays), ...Object.keys(workdays)].filter((d) => d >= from && d <= to));
      return [...dates].map((d) => day(d)!).sort(byDate);
    },
  };
}

/** Where the data lives inside the package (it has no `exports` map; this file is its published data form). */
const DATA_FILE = 'chinese-days/dist/chinese-days.json';

/** A calendar that builds itself from `load` the first time it is asked anything. */
class LazyCalendar implements BuiltinCalendar {
  #calendar: BuiltinCalendar | undefined;

  constructor(private readonly load: () => BuiltinCalendar) {}

  /** Whether the data has been read (tests check that importing costs nothing). */
  get loaded(): boolean {
    return this.#calendar !== undefined;
  }

  private get calendar(): BuiltinCalendar {
    this.#calendar ??= this.load();
    return this.#calendar;
  }

  kindOf(date: ISODate): OfficialLookup {
    return this.calendar.kindOf(date);
  }

  day(date: ISODate): OfficialDay | undefined {
    return this.calendar.day(date);
  }

  covers(year: number): boolean {
    return this.calendar.covers(year);
  }

  years(): readonly number[] {
    return this.calendar.years();
  }

  days(from: ISODate, to: ISODate): OfficialDay[] {
    return this.calendar.days(from, to);
  }
}

/** The built-in official calendar (chinese-days), read on first use. */
export const OFFICIAL_CALENDAR: BuiltinCalendar & { readonly loaded: boolean } = new LazyCalendar(() =>
  builtinCalendarFrom(createRequire(import.meta.url)(DATA_FILE) as ChineseDaysData),
);
