// How a customer looks in every format: the JSON shape of docs/rules.md, "Output" and the columns of tables and sheets.
import type { Column, ListSpec } from '../cli/output.js';
import { yuan } from '../cli/json.js';
import type { CustomerRecord } from '../app/customers.js';

export function customerJson(c: CustomerRecord): Record<string, unknown> {
  return {
    id: c.id,
    name: c.name,
    uscc: c.uscc,
    grade: c.grade,
    owner: c.owner,
    status: c.status,
    source: c.source,
    region: c.region,
    industry: c.industry,
    contact: c.contact,
    phone: c.phone,
    email: c.email,
    address: c.address,
    monthly_volume: yuan(c.monthly_volume),
    registered_on: c.registered_on,
    assigned_on: c.assigned_on,
    closed_on: c.closed_on,
    aliases: c.aliases,
    note: c.note,
    last_business: c.last_business,
    last_contact: c.last_contact_on ?? null,
  };
}

const statusTone = (c: CustomerRecord) => (c.status === 'closed' ? 'dim' : c.status === 'active' ? 'green' : undefined);

export const customerColumns: Column<CustomerRecord>[] = [
  { header: 'col.id', type: 'int', value: (c) => c.id, text: true },
  { header: 'col.name', value: (c) => c.name, maxWidth: 36 },
  { header: 'col.grade', type: 'code', value: (c) => c.grade },
  { header: 'col.owner', value: (c) => c.owner },
  { header: 'col.status', type: 'code', value: (c) => c.status, label: (c, t) => t(`status.${c.status}`), tone: statusTone },
  { header: 'col.uscc', value: (c) => c.uscc, text: true },
  { header: 'col.contact', value: (c) => c.contact },
  { header: 'col.phone', value: (c) => c.phone, text: true },
  { header: 'col.region', value: (c) => c.region },
  { header: 'col.industry', value: (c) => c.industry, wide: true },
  { header: 'col.source', value: (c) => c.source, wide: true },
  { header: 'col.email', value: (c) => c.email, wide: true },
  { header: 'col.address', value: (c) => c.address, wide: true },
  { header: 'col.monthly_volume', type: 'money', value: (c) => c.monthly_volume, wide: true },
  { header: 'col.registered_on', type: 'date', value: (c) => c.registered_on },
  { header: 'col.assigned_on', type: 'date', value: (c) => c.assigned_on, wide: true },
  { header: 'col.closed_on', type: 'date', value: (c) => c.closed_on, wide: true },
  { header: 'col.last_business', type: 'date', value: (c) => c.last_business, wide: true },
  { header: 'col.last_contact', type: 'date', value: (c) => c.last_contact_on ?? null, wide: true },
  { header: 'col.aliases', value: (c) => c.aliases.join('; '), wide: true },
  { header: 'col.note', value: (c) => c.note, wide: true },
];

export const customerSpec: ListSpec<CustomerRecord> = {
  columns: customerColumns,
  json: customerJson,
  count: 'summary.customers',
  empty: 'empty.customers',
  sheet: 'sheet.customers',
};
