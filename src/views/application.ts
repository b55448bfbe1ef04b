import type { ListSpec } from '../cli/output.js';
import type { Translator } from '../i18n/index.js';
import type { ApplicationRow } from '../app/store.js';
import { LATE } from '../core/applications.js';

export function applicationJson(a: ApplicationRow): Record<string, unknown> {
  return {
    id: a.id,
    customer_id: a.customer_id,
    customer: a.customer,
    by: a.salesperson,
    first_txn: a.first_txn,
    filed_on: a.filed_on,
    deadline: a.deadline,
    on_time: a.on_time === 1,
    status: a.status,
    reason: a.reason,
    process: a.process,
    evaluation: a.evaluation,
    support: a.support,
    verified_by: a.verified_by,
    verified_on: a.verified_on,
    decided_by: a.decided_by,
    decided_on: a.decided_on,
    note: a.note,
  };
}

/** `late` and `business on <date>` read as sentences on a terminal; free-text reasons stay as typed. */
export function reasonLabel(reason: unknown, t: Translator): string {
  const text = String(reason);
  if (text === LATE) return t('application.reason_late');
  const business = /^business on (\d{4}-\d{2}-\d{2})$/u.exec(text);
  return business ? t('application.reason_business', { date: business[1]! }) : text;
}

const statusTone = (a: ApplicationRow) => (a.status === 'recognized' ? 'green' : a.status === 'rejected' ? 'red' : undefined);

export const applicationSpec: ListSpec<ApplicationRow> = {
  columns: [
    { header: 'col.id', type: 'int', value: (a) => a.id, text: true },
    { header: 'col.customer', value: (a) => a.customer, maxWidth: 30 },
    { header: 'col.by', value: (a) => a.salesperson },
    { header: 'col.first_txn', type: 'date', value: (a) => a.first_txn },
    { header: 'col.filed_on', type: 'date', value: (a) => a.filed_on },
    { header: 'col.deadline', type: 'date', value: (a) => a.deadline },
    { header: 'col.on_time', type: 'bool', value: (a) => a.on_time === 1 },
    { header: 'col.status', type: 'code', value: (a) => a.status, label: (a, t) => t(`appstatus.${a.status}`), tone: statusTone },
    { header: 'col.reason', value: (a) => a.reason, label: (a, t) => reasonLabel(a.reason, t), maxWidth: 40 },
    { header: 'col.process', value: (a) => a.process, wide: true },
    { header: 'col.evaluation', value: (a) => a.evaluation, wide: true },
    { header: 'col.support', value: (a) => a.support, wide: true },
    { header: 'col.verified_by', value: (a) => a.verified_by, wide: true },
    { header: 'col.verified_on', type: 'date', value: (a) => a.verified_on, wide: true },
    { header: 'col.decided_by', value: (a) => a.decided_by, wide: true },
    { header: 'col.decided_on', type: 'date', value: (a) => a.decided_on, wide: true },
    { header: 'col.note', value: (a) => a.note, wide: true },
    { header: 'col.customer_id', type: 'int', value: (a) => a.customer_id, wide: true, text: true },
  ],
  json: applicationJson,
  count: 'summary.applications',
  empty: 'empty.applications',
  sheet: 'sheet.applications',
};
