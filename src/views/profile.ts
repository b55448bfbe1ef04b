// The parts of a customer's profile that come from contact records: recent visits, open forms, applications.
import type { Repos } from '../db/sqlite/store.js';
import type { Section } from '../cli/output.js';
import type { MessageKey, Translator } from '../i18n/index.js';
import type { Settings } from '../core/settings.js';
import type { VisitRow } from '../db/sqlite/visits.js';
import type { FormRow } from '../db/sqlite/forms.js';
import type { ApplicationRow } from '../db/sqlite/applications.js';
import type { WorkCalendar } from '../core/calendar.js';
import { minutesDue, visitJson } from './visit.js';
import { formJson } from './form.js';
import { applicationJson, reasonLabel } from './application.js';
import type { PresentedCustomer } from './customer.js';

const RECENT_VISITS = 5;

export interface ProfileExtras {
  visits: VisitRow[];
  plans: VisitRow[];
  openForms: FormRow[];
  applications: ApplicationRow[];
  calendar: WorkCalendar;
  minutesDays: number;
}

export function loadProfileExtras(repos: Repos, customer: PresentedCustomer, settings: Settings): ProfileExtras {
  return {
    visits: repos.visits.recent(customer.id, RECENT_VISITS),
    plans: [...repos.visits.list({ customerId: customer.id, planned: true })],
    openForms: [...repos.forms.list({ customerId: customer.id, open: true })],
    applications: repos.applications.forCustomer(customer.id),
    calendar: repos.calendar.workCalendar(),
    minutesDays: settings['minutes.working_days'],
  };
}

export function profileSections(t: Translator, extra: ProfileExtras): Section[] {
  // Cells, so that method, salesperson and topic line up from one visit to the next.
  const visitLine = (v: VisitRow): [string, string[]] => [
    v.date,
    [t(`method.${v.method}` as MessageKey), v.salesperson ?? '', v.topic ?? v.purpose ?? '', v.summary ?? ''],
  ];
  return [
    { title: t('show.visits', { count: extra.visits.length }), lines: extra.visits.map(visitLine) },
    ...(extra.plans.length ? [{ title: t('show.plans', { count: extra.plans.length }), lines: extra.plans.map(visitLine) }] : []),
    {
      title: t('show.open_forms', { count: extra.openForms.length }),
      lines: extra.openForms.map((f): [string, string] => [`#${f.id}`, t('show.form_line', { kind: t(`formkind.${f.kind}` as MessageKey), sent: f.sent_on, due: f.due })]),
    },
    {
      title: t('show.applications', { count: extra.applications.length }),
      lines: extra.applications.map((a): [string, string] => [
        `#${a.id}`,
        `${t(`appstatus.${a.status}` as MessageKey)}  ${t('show.application_line', { first: a.first_txn, filed: a.filed_on, deadline: a.deadline })}${a.reason ? `  (${reasonLabel(a.reason, t)})` : ''}`,
      ]),
    },
  ];
}

export function profileJson(extra: ProfileExtras): Record<string, unknown> {
  return {
    last_visits: extra.visits.map((v) => visitJson(v, minutesDue(v, extra.calendar, extra.minutesDays))),
    planned_visits: extra.plans.map((v) => visitJson(v, null)),
    open_forms: extra.openForms.map(formJson),
    applications: extra.applications.map(applicationJson),
  };
}
