// How a complaint (docs/rules.md, rule 14) is shown: its JSON shape and its columns.
import type { ListSpec, Tone } from '../cli/output.js';
import type { ComplaintRow } from '../app/store-service.js';

/** The complaint JSON shape (docs/rules.md, "Output"); `followup_note` is added after the fixed keys. */
export function complaintJson(c: ComplaintRow): Record<string, unknown> {
  return {
    id: c.id,
    customer_id: c.customer_id,
    customer: c.customer,
    owner: c.owner,
    received_on: c.received_on,
    channel: c.channel,
    received_by: c.received_by,
    content: c.content,
    status: c.status,
    due: c.due,
    verified_on: c.verified_on,
    verified_by: c.verified_by,
    finding: c.finding,
    handled_on: c.handled_on,
    handled_by: c.handled_by,
    result: c.result,
    on_time: c.on_time === null ? null : c.on_time === 1,
    followup_due: c.followup_due,
    followup_on: c.followup_on,
    outcome: c.outcome,
    followup_note: c.followup_note,
  };
}

const statusTone = (c: ComplaintRow): Tone => (c.status === 'closed' ? 'green' : undefined);

export const complaintSpec: ListSpec<ComplaintRow> = {
  columns: [
    { header: 'col.id', type: 'int', value: (c) => c.id },
    { header: 'col.received_on', type: 'date', value: (c) => c.received_on },
    { header: 'col.customer', value: (c) => c.customer, maxWidth: 30 },
    { header: 'col.owner', value: (c) => c.owner },
    { header: 'col.channel', type: 'code', value: (c) => c.channel, label: (c, t) => t(`channel.${c.channel!}`) },
    { header: 'col.content', value: (c) => c.content, maxWidth: 30 },
    { header: 'col.status', type: 'code', value: (c) => c.status, label: (c, t) => t(`complaintstatus.${c.status}`), tone: statusTone },
    { header: 'col.due', type: 'date', value: (c) => c.due },
    { header: 'col.received_by', value: (c) => c.received_by, wide: true },
    { header: 'col.verified_on', type: 'date', value: (c) => c.verified_on, wide: true },
    { header: 'col.verified_by', value: (c) => c.verified_by, wide: true },
    { header: 'col.finding', value: (c) => c.finding, wide: true },
    { header: 'col.handled_on', type: 'date', value: (c) => c.handled_on },
    { header: 'col.handled_by', value: (c) => c.handled_by, wide: true },
    { header: 'col.result', value: (c) => c.result, wide: true },
    {
      header: 'col.handled_on_time',
      type: 'bool',
      value: (c) => (c.on_time === null ? null : c.on_time === 1),
      tone: (c) => (c.on_time === 0 ? 'red' : undefined),
    },
    { header: 'col.followup_due', type: 'date', value: (c) => c.followup_due },
    { header: 'col.followup_on', type: 'date', value: (c) => c.followup_on, wide: true },
    { header: 'col.outcome', type: 'code', value: (c) => c.outcome, label: (c, t) => t(`outcome.${c.outcome!}`), wide: true },
    { header: 'col.followup_note', value: (c) => c.followup_note, wide: true },
    { header: 'col.customer_id', type: 'int', value: (c) => c.customer_id, wide: true },
  ],
  json: complaintJson,
  count: 'summary.complaints',
  empty: 'empty.complaints',
};
