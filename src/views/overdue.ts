import type { ListSpec } from '../cli/output.js';
import type { Translator } from '../i18n/index.js';
import type { Detail, OverdueItem } from '../core/overdue.js';

/** The detail column: why the item is due, in the reader's language. */
export function describeDetail(t: Translator, d: Detail): string {
  switch (d.code) {
    case 'first-contact':
      return t('overdue.detail.first_contact', { date: d.assignedOn });
    case 'follow-up-next':
      return t('overdue.detail.follow_up_next', { date: d.lastVisit });
    case 'follow-up-cadence':
      return t('overdue.detail.follow_up_cadence', { date: d.lastVisit, grade: d.grade, days: d.days });
    case 'plan-missed':
      return t('overdue.detail.plan_missed', { date: d.date });
    case 'minutes':
      return t('overdue.detail.minutes', { date: d.date });
    case 'application':
      return t('overdue.detail.application', { date: d.start });
    case 'form-return':
      return t('overdue.detail.form_return', { kind: t(`formkind.${d.kind}`), date: d.sentOn });
    case 'form-send-initial':
      return t('overdue.detail.form_send_initial', { date: d.start });
    case 'form-send-periodic':
      return t('overdue.detail.form_send_periodic', { date: d.lastSent });
    case 'form-send-revisit':
      return t('overdue.detail.form_send_revisit', { date: d.closedOn });
    case 'complaint-handle':
      return d.reopenedOn === null
        ? t('overdue.detail.complaint_handle', { date: d.receivedOn })
        : t('overdue.detail.complaint_handle_again', { date: d.reopenedOn, received: d.receivedOn });
    case 'complaint-followup':
      return t('overdue.detail.complaint_followup', { date: d.handledOn, received: d.receivedOn });
    case 'plan-approval':
      return t('overdue.detail.plan_approval', { date: d.date });
  }
}

export function overdueSpec(t: Translator): ListSpec<OverdueItem> {
  return {
    columns: [
      { header: 'col.kind', type: 'code', value: (i) => i.kind, label: (i, tr) => tr(`kind.${i.kind}`) },
      { header: 'col.customer_id', type: 'int', value: (i) => i.customerId, text: true },
      { header: 'col.customer', value: (i) => i.customer, maxWidth: 30 },
      { header: 'col.owner', value: (i) => i.owner },
      { header: 'col.due', type: 'date', value: (i) => i.due },
      { header: 'col.days_overdue', type: 'int', value: (i) => i.daysOverdue, tone: (i) => (i.daysOverdue > 0 ? 'red' : 'yellow') },
      // The id the next command takes (visit done, form return, complaint handle …).
      { header: 'col.ref_id', type: 'int', value: (i) => i.refId, text: true },
      { header: 'col.detail', value: (i) => describeDetail(t, i.detail), maxWidth: 48 },
    ],
    json: (i) => ({
      kind: i.kind,
      customer_id: i.customerId,
      customer: i.customer,
      owner: i.owner,
      due: i.due,
      days_overdue: i.daysOverdue,
      ref_id: i.refId,
      detail: describeDetail(t, i.detail),
    }),
    count: 'summary.overdue',
    empty: 'empty.overdue',
    sheet: 'sheet.overdue',
  };
}
