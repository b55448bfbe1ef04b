// Settings and calendar days in every format.
import type { ListSpec } from '../cli/output.js';
import type { SettingRow } from '../app/config.js';
import type { Lang } from '../i18n/index.js';
import type { CalendarListing } from '../core/calendar.js';
import { weekday } from '../core/dates.js';

export const settingSpec: ListSpec<SettingRow> = {
  columns: [
    { header: 'col.key', value: (r) => r.key },
    { header: 'col.value', type: 'number', value: (r) => r.value, tone: (r) => (r.value !== r.default ? 'bold' : undefined) },
    { header: 'col.default', type: 'number', value: (r) => r.default },
    { header: 'col.unit', type: 'code', value: (r) => r.unit, label: (r, t) => t(`unit.${r.unit}`) },
    { header: 'col.description', value: (r) => r.key, label: (r, t) => t(`setting.${r.key}`) },
  ],
  json: (r) => ({ key: r.key, value: r.value, default: r.default, unit: r.unit }),
  count: 'summary.settings',
  empty: 'empty.settings',
  sheet: 'sheet.settings',
};

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/**
 * Calendar days as `config holiday|workday list` and `add` show them: what the day is, where that comes from
 * (the built-in official calendar or the clerk's configuration), the official name in the --lang language.
 */
export function calendarSpec(lang: Lang): ListSpec<CalendarListing> {
  const officialName = (d: CalendarListing): string | null => (lang === 'zh' ? d.name : (d.nameEn ?? d.name));
  return {
    columns: [
      { header: 'col.date', type: 'date', value: (d) => d.date },
      {
        header: 'col.weekday',
        type: 'code',
        value: (d) => WEEKDAYS[weekday(d.date)]!,
        label: (d, tr) => tr(`weekday.${WEEKDAYS[weekday(d.date)]!}`),
      },
      { header: 'col.kind', type: 'code', value: (d) => d.kind, label: (d, tr) => tr(`calendar.${d.kind}`) },
      { header: 'col.source', type: 'code', value: (d) => d.source, label: (d, tr) => tr(`calendar.source.${d.source}`) },
      { header: 'col.official', type: 'code', value: (d) => d.official, label: (d, tr) => tr(`calendar.${d.official!}`), wide: true },
      { header: 'col.holiday_name', value: officialName },
      { header: 'col.note', value: (d) => d.note },
    ],
    json: (d) => ({ date: d.date, kind: d.kind, source: d.source, official: d.official, name: d.name, name_en: d.nameEn, note: d.note }),
    count: 'summary.calendar',
    empty: 'empty.calendar',
    sheet: 'sheet.calendar',
  };
}
