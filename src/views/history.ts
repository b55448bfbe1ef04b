import type { ListSpec } from '../cli/output.js';
import type { Translator } from '../i18n/index.js';
import type { HistoryEntry } from '../app/store.js';
import { localTime } from './time.js';

export function historyJson(h: HistoryEntry): Record<string, unknown> {
  return {
    at: h.at,
    user: h.user,
    action: h.action,
    entity: h.entity,
    entity_id: h.entity_id,
    customer_id: h.customer_id,
    field: h.field,
    old: h.old,
    new: h.new,
  };
}

/** `2026-11-23 09:12  wang  update grade: C → A` */
export function historyLine(t: Translator, h: HistoryEntry): [string, string] {
  const change = h.field ? `${h.field}: ${h.old ?? '∅'} → ${h.new ?? '∅'}` : '';
  return [
    localTime(h.at),
    `${h.user}  ${t('word.action', { action: h.action })} ${h.entity}${h.entity_id ? ` #${h.entity_id}` : ''}  ${truncate(change, 80)}`.trimEnd(),
  ];
}

const truncate = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const historySpec: ListSpec<HistoryEntry> = {
  columns: [
    { header: 'col.at', value: (h) => h.at, label: (h) => localTime(h.at) },
    { header: 'col.user', value: (h) => h.user },
    { header: 'col.action', type: 'code', value: (h) => h.action },
    { header: 'col.entity', type: 'code', value: (h) => h.entity },
    { header: 'col.entity_id', value: (h) => h.entity_id, text: true },
    { header: 'col.field', value: (h) => h.field },
    { header: 'col.old', value: (h) => h.old, maxWidth: 30 },
    { header: 'col.new', value: (h) => h.new, maxWidth: 40 },
  ],
  json: historyJson,
  count: 'summary.history',
  empty: 'empty.history',
  sheet: 'sheet.history',
};
