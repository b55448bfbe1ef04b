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

export async function calendarDays(store: Store, kind: DayKind): Promise<CalendarDay[]> {
  return store.calendar.all(kind);
}

/** Adds the days (one transaction); returns, per date, what it was before, and the days as now listed. */
export async function addCalendarDays(
  store: Store,
  kind: DayKind,
  dates: ISODate[],
  note: string | null,
): Promise<{ replaced: Array<CalendarDay | undefined>; days: CalendarDay[] }> {
  const replaced = await store.write(async () => {
    const before: Array<CalendarDay | undefined> = [];
    for (const date of dates) before.push(await store.calendar.put({ date, kind, note }));
    return before;
  });
  return { replaced, days: (await store.calendar.all(kind)).filter((d) => dates.includes(d.date)) };
}

/** Removes the days; a date not listed as that kind → exit 3, nothing removed. */
export async function removeCalendarDays(store: Store, kind: DayKind, dates: ISODate[]): Promise<void> {
  await store.write(async () => {
    for (const date of dates) {
      const day = await store.calendar.get(date);
      if (!day || day.kind !== kind) throw new NotFoundError(`calendar.not_listed_${kind}`, { date });
      await store.calendar.remove(date);
    }
  });
}
