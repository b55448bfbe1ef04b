// `customer show`: everything known about one customer, in one read.
import type { ISODate } from '../core/dates.js';
import type { WorkCalendar } from '../core/calendar.js';
import { customerRecord, type CustomerRecord } from './customers.js';
import { resolveCustomer } from './resolve.js';
import { checkCustomer, type CheckResult } from './check.js';
import type { ApplicationRow, FormRow, HistoryEntry, Store, VisitRow } from './store.js';
import { distinctFrom, type DistinctFrom } from './similar.js';
import { collect } from './rows.js';
import type { ComplaintRow } from './store-service.js';

const RECENT_VISITS = 5;
const RECENT_HISTORY = 10;

export interface CustomerProfile {
  customer: CustomerRecord;
  check: CheckResult;
  visits: VisitRow[];
  plans: VisitRow[];
  openForms: FormRow[];
  applications: ApplicationRow[];
  history: HistoryEntry[];
  /** docs/rules.md, rule 17: the similar customers confirmed to be different companies. */
  distinctions: DistinctFrom[];
  /** For the minutes due of the visits shown. */
  calendar: WorkCalendar;
  minutesDays: number;
  /** Complaints not closed (rule 14). */
  openComplaints: ComplaintRow[];
  /** Whether plans carry an approval (rule 15). */
  planApproval: boolean;
}

export async function customerProfile(store: Store, query: string, asOf: ISODate): Promise<CustomerProfile> {
  const row = await resolveCustomer(store, query);
  const customer = await customerRecord(store, row.id, asOf);
  const check = await checkCustomer(store, customer, asOf, query);
  // Its own confirmations, and those its similar customers gave about it.
  const given = await store.similarNames.distinctions({ customerIds: [customer.id, ...check.similar.map((s) => s.customerId)] });
  return {
    customer,
    check,
    visits: await store.visits.recent(customer.id, RECENT_VISITS),
    plans: await collect(store.visits.list({ customerId: customer.id, planned: true })),
    openForms: await collect(store.forms.list({ customerId: customer.id, open: true })),
    applications: await store.applications.forCustomer(customer.id),
    history: await collect(store.history.list({ customerId: customer.id, limit: RECENT_HISTORY })),
    distinctions: await distinctFrom(store, customer.id, given),
    calendar: await store.calendar.workCalendar(),
    minutesDays: (await store.settings.all())['minutes.working_days'],
    openComplaints: await collect(store.complaints.list({ customerId: customer.id, open: true })),
    planApproval: (await store.settings.all())['plan.approval'] === 'on',
  };
}
