import type { Column, ListSpec, Tone } from '../cli/output.js';
import type { VisitRow } from '../app/store.js';
import type { ISODate } from '../core/dates.js';
import { addWorkingDays } from '../core/calendar.js';
import type { PlanApproval } from '../core/overdue.js';
import type { MinutesRule, VisitRules } from '../app/visits.js';

/** When the minutes of a visit are due: in-person visits only, `minutes.working_days` after it. */
export function minutesDue(v: Pick<VisitRow, 'method' | 'done' | 'date'>, rule: MinutesRule): ISODate | null {
  return v.method === 'in-person' && v.done === 1 ? addWorkingDays(v.date, rule.workingDays, rule.calendar) : null;
}

/** A plan's approval (rule 15): null for visits that are not plans, and for every visit while plan approval is off. */
export function approvalOf(v: Pick<VisitRow, 'planned' | 'approval'>, planApproval: boolean): PlanApproval | null {
  return planApproval && v.planned === 1 ? v.approval : null;
}

const APPROVAL_TONES: Record<PlanApproval, Tone> = { pending: 'yellow', approved: 'green', rejected: 'red' };

/** The approval column, shown only while plan approval is on (with it off, lists and sheets stay as they were). */
export function approvalColumns<R extends VisitRow>(planApproval: boolean): Column<R>[] {
  if (!planApproval) return [];
  return [
    {
      header: 'col.approval',
      type: 'code',
      value: (v) => approvalOf(v, true),
      label: (v, t) => t(`approval.${approvalOf(v, true)!}`),
      tone: (v) => {
        const approval = approvalOf(v, true);
        return approval === null ? undefined : APPROVAL_TONES[approval];
      },
    },
  ];
}

export function visitJson(v: VisitRow, due: ISODate | null, planApproval: boolean): Record<string, unknown> {
  return {
    id: v.id,
    customer_id: v.customer_id,
    customer: v.customer,
    date: v.date,
    method: v.method,
    by: v.salesperson,
    purpose: v.purpose,
    topic: v.topic,
    location: v.location,
    summary: v.summary,
    intent: v.intent,
    next: v.next,
    planned: v.planned === 1,
    done: v.done === 1,
    minutes_due: due,
    minutes_on: v.minutes_on,
    approval: approvalOf(v, planApproval),
  };
}

export function visitSpec(rule: VisitRules): ListSpec<VisitRow> {
  const due = (v: VisitRow): ISODate | null => minutesDue(v, rule);
  return {
    columns: [
      { header: 'col.id', type: 'int', value: (v) => v.id, text: true },
      { header: 'col.date', type: 'date', value: (v) => v.date },
      { header: 'col.customer', value: (v) => v.customer, maxWidth: 30 },
      { header: 'col.method', type: 'code', value: (v) => v.method, label: (v, t) => t(`method.${v.method}`) },
      { header: 'col.by', value: (v) => v.salesperson },
      { header: 'col.purpose', value: (v) => v.purpose, maxWidth: 20 },
      { header: 'col.topic', value: (v) => v.topic, maxWidth: 20 },
      { header: 'col.location', value: (v) => v.location, wide: true },
      { header: 'col.summary', value: (v) => v.summary, maxWidth: 30 },
      { header: 'col.intent', type: 'code', value: (v) => v.intent, label: (v, t) => t(`intent.${v.intent!}`) },
      { header: 'col.next', type: 'date', value: (v) => v.next },
      { header: 'col.planned', type: 'bool', value: (v) => v.planned === 1, wide: true },
      { header: 'col.done', type: 'bool', value: (v) => v.done === 1 },
      ...approvalColumns(rule.planApproval),
      { header: 'col.minutes_due', type: 'date', value: due, wide: true },
      { header: 'col.minutes_on', type: 'date', value: (v) => v.minutes_on, wide: true },
      { header: 'col.customer_id', type: 'int', value: (v) => v.customer_id, wide: true, text: true },
    ],
    json: (v) => visitJson(v, due(v), rule.planApproval),
    count: 'summary.visits',
    empty: 'empty.visits',
    sheet: 'sheet.visits',
  };
}
