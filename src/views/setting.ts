// Settings and calendar days in every format.
import type { ListSpec } from '../cli/output.js';
import type { SettingRow } from '../app/config.js';
import type { CalendarDay } from '../app/store.js';

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
};

export const calendarSpec: ListSpec<CalendarDay> = {
  columns: [
    { header: 'col.date', type: 'date', value: (d) => d.date },
    { header: 'col.kind', type: 'code', value: (d) => d.kind, label: (d, t) => t(`calendar.${d.kind}`) },
    { header: 'col.note', value: (d) => d.note },
  ],
  json: (d) => ({ date: d.date, kind: d.kind, note: d.note }),
  count: 'summary.calendar',
  empty: 'empty.calendar',
};
