// Settings (docs/rules.md: every number a rule uses) and the working-day calendar.
import { NotFoundError, UsageError } from '../errors.js';
import {
  isSettingKey,
  parseSettingValue,
  SETTING_DEFINITIONS,
  SETTING_KEYS,
  settingDomain,
  type SettingDefinition,
  type SettingKey,
  type SettingValue,
} from '../core/settings.js';
import type { ISODate } from '../core/dates.js';
import {
  createWorkCalendar,
  isWorkingDay,
  listCalendarDays,
  planCalendarEdit,
  type CalendarEdit,
  type CalendarListing,
} from '../core/calendar.js';
import { OFFICIAL_CALENDAR, type OfficialDay } from '../core/holidays.js';
import type { CalendarDay, DayKind, Store } from './store.js';

export interface SettingRow {
  key: SettingKey;
  value: SettingValue;
  default: SettingValue;
  unit: SettingDefinition['unit'];
}

export function settingKey(key: string): SettingKey {
  if (!isSettingKey(key)) throw new NotFoundError('config.unknown_key', { key, keys: SETTING_KEYS.join(', ') });
  return key;
}

export async function listSettings(store: Store): Promise<SettingRow[]> {
  const settings = await store.settings.all();
  return SETTING_KEYS.map((key) => ({
    key,
    value: settings[key],
    default: SETTING_DEFINITIONS[key].default,
    unit: SETTING_DEFINITIONS[key].unit,
  }));
}

export async function getSetting(store: Store, key: SettingKey): Promise<{ key: SettingKey; value: SettingValue }> {
  return { key, value: (await store.settings.all())[key] };
}

/** A setting as typed: an unknown key → exit 3, a value outside the key's range → exit 2 naming the range. */
export function parseSetting(keyText: string, valueText: string): { key: SettingKey; value: SettingValue } {
  const key = settingKey(keyText);
  const value = parseSettingValue(key, valueText);
  if (value === null) {
    const kind = SETTING_DEFINITIONS[key].kind;
    throw new UsageError(kind === 'switch' ? 'config.bad_switch' : kind === 'decimal' ? 'config.bad_decimal' : 'config.bad_value', {
      key,
      value: valueText,
      ...settingDomain(key),
    });
  }
  return { key, value };
}

export async function setSetting(
  store: Store,
  setting: { key: SettingKey; value: SettingValue },
): Promise<{ key: SettingKey; value: SettingValue }> {
  await store.write(() => store.settings.set(setting.key, setting.value));
  return setting;
}

/** What one `config holiday|workday add|remove <date>` did, for the messages. */
export interface CalendarChange {
  date: ISODate;
  /** The change to the stored row (planCalendarEdit). */
  edit: CalendarEdit;
  /** The stored row before. */
  before: CalendarDay | undefined;
  /** The official calendar's day, when it names the date. */
  official: OfficialDay | undefined;
  /** `add`: the day already was what was asked, by its weekday (a holiday on a weekend, a working day on a weekday). */
  pointless: boolean;
}

/**
 * Adds or removes days of one kind (one transaction), keeping the stored rows down to the differences from
 * the official calendar (docs/rules.md, rule 13; src/core/calendar.ts). Removing a day that is not that kind,
 * officially or by configuration → exit 3, nothing changed.
 */
export async function editCalendar(
  store: Store,
  op: 'add' | 'remove',
  kind: DayKind,
  dates: ISODate[],
  note: string | null = null,
): Promise<CalendarChange[]> {
  return store.write(async () => {
    const changes: CalendarChange[] = [];
    for (const date of dates) {
      const before = await store.calendar.get(date);
      // The merged calendar as it is before this date changes (a calendar of its own: it warns of nothing).
      const merged = createWorkCalendar(await store.calendar.all());
      const edit = planCalendarEdit(op, kind, date, before, { note });
      if (edit.action === 'none' && edit.reason === 'not-listed') throw new NotFoundError(`calendar.not_listed_${kind}`, { date });
      if (edit.action === 'put') await store.calendar.put(edit.day);
      if (edit.action === 'delete') await store.calendar.remove(date);
      const official = OFFICIAL_CALENDAR.day(date);
      const already = before?.kind === kind || official?.kind === kind;
      const pointless = op === 'add' && !already && isWorkingDay(date, merged) === (kind === 'workday');
      changes.push({ date, edit, before, official, pointless });
    }
    return changes;
  });
}

/** The days of `kind` in `[from, to]`, each with where it comes from, and the official days of that kind overridden. */
export async function calendarListing(
  store: Store,
  kind: DayKind,
  range: { from: ISODate; to: ISODate },
): Promise<{ days: CalendarListing[]; builtinCovers: boolean }> {
  const days = listCalendarDays(await store.calendar.all(), range.from, range.to).filter((d) => d.kind === kind || d.official === kind);
  const years = [Number(range.from.slice(0, 4)), Number(range.to.slice(0, 4))];
  return { days, builtinCovers: years.every((year) => OFFICIAL_CALENDAR.covers(year)) };
}

/** How some dates are listed now (after an edit). */
export async function calendarDates(store: Store, dates: ISODate[]): Promise<CalendarListing[]> {
  if (dates.length === 0) return [];
  const sorted = [...dates].sort();
  const wanted = new Set(dates);
  return listCalendarDays(await store.calendar.all(), sorted[0]!, sorted.at(-1)!).filter((d) => wanted.has(d.date));
}
