// The parts of a customer's profile that come from contact records: recent visits, open forms, applications.
import type { Section } from '../cli/output.js';
import type { Translator } from '../i18n/index.js';
import type { VisitRow } from '../app/store.js';
import type { CustomerProfile } from '../app/profile.js';
import { minutesDue, visitJson } from './visit.js';
import { formJson } from './form.js';
import { applicationJson, reasonLabel } from './application.js';
import { checkJson, checkSection, similarSection } from './check.js';
import { distinctionJson, distinctionSection } from './similar.js';
import { historyJson, historyLine } from './history.js';
import { complaintJson } from './complaint.js';

const truncate = (text: string, max: number): string => ([...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text);

/** The profile's sections under the customer's fields: its check, contacts, forms, applications and history. */
export function profileSections(t: Translator, extra: CustomerProfile): Section[] {
  // Cells, so that method, salesperson and topic line up from one visit to the next.
  const visitLine = (v: VisitRow): [string, string[]] => [
    v.date,
    [t(`method.${v.method}`), v.salesperson ?? '', v.topic ?? v.purpose ?? '', v.summary ?? ''],
  ];
  return [
    checkSection(t, extra.check),
    ...similarSection(t, extra.check),
    ...distinctionSection(t, extra.distinctions),
    { title: t('show.visits', { count: extra.visits.length }), lines: extra.visits.map(visitLine) },
    ...(extra.plans.length ? [{ title: t('show.plans', { count: extra.plans.length }), lines: extra.plans.map(visitLine) }] : []),
    {
      title: t('show.open_forms', { count: extra.openForms.length }),
      lines: extra.openForms.map((f): [string, string] => [
        `#${f.id}`,
        t('show.form_line', { kind: t(`formkind.${f.kind}`), sent: f.sent_on, due: f.due }),
      ]),
    },
    ...(extra.openComplaints.length
      ? [
          {
            title: t('show.complaints', { count: extra.openComplaints.length }),
            lines: extra.openComplaints.map((c): [string, string] => [
              `#${c.id}`,
              t('show.complaint_line', {
                status: t(`complaintstatus.${c.status}`),
                received: c.received_on,
                due: c.status === 'handled' ? (c.followup_due ?? c.due) : c.due,
                content: truncate(c.content, 40),
              }),
            ]),
          },
        ]
      : []),
    {
      title: t('show.applications', { count: extra.applications.length }),
      lines: extra.applications.map((a): [string, string] => [
        `#${a.id}`,
        `${t(`appstatus.${a.status}`)}  ${t('show.application_line', { first: a.first_txn, filed: a.filed_on, deadline: a.deadline })}${a.reason ? `  (${reasonLabel(a.reason, t)})` : ''}`,
      ]),
    },
    { title: t('show.history', { count: extra.history.length }), lines: extra.history.map((h) => historyLine(t, h)) },
  ];
}

export function profileJson(extra: CustomerProfile): Record<string, unknown> {
  return {
    check: checkJson(extra.check),
    last_visits: extra.visits.map((v) =>
      visitJson(v, minutesDue(v, { calendar: extra.calendar, workingDays: extra.minutesDays }), extra.planApproval),
    ),
    planned_visits: extra.plans.map((v) => visitJson(v, null, extra.planApproval)),
    open_forms: extra.openForms.map(formJson),
    open_complaints: extra.openComplaints.map(complaintJson),
    applications: extra.applications.map(applicationJson),
    history: extra.history.map(historyJson),
    distinct_from: extra.distinctions.map(distinctionJson),
  };
}
