// The contact records of the engine-neutral Store (src/app/store.ts, which re-exports them): visits and
// plans, feedback forms and new-customer applications, and the repositories that keep them.
import type { ISODate } from '../core/dates.js';
import type { FormKind } from '../core/forms.js';
import type { ApplicationStatus } from '../core/applications.js';
import type { Intent, VisitMethod } from '../core/visit.js';
import type * as service from './store-service.js';

/** As `Rows` in store.ts: a plain iterable where the engine reads synchronously, an async one where it streams. */
type Rows<T> = Iterable<T> | AsyncIterable<T>;

// --- visits

export interface VisitFields {
  customer_id: number;
  date: ISODate;
  method: VisitMethod;
  salesperson: string | null;
  purpose: string | null;
  topic: string | null;
  location: string | null;
  summary: string | null;
  intent: Intent | null;
  next: ISODate | null;
}

export interface VisitRow extends VisitFields, service.PlanApprovalColumns {
  id: number;
  customer: string;
  owner: string | null;
  planned: 0 | 1;
  planned_for: ISODate | null;
  done: 0 | 1;
  minutes: string | null;
  minutes_on: ISODate | null;
}

export interface SheetRow extends VisitRow {
  contact: string | null;
  phone: string | null;
  address: string | null;
}

export interface VisitFilter {
  customerId?: number | undefined;
  by?: string | undefined;
  from?: ISODate | undefined;
  to?: ISODate | undefined;
  /** true: only open plans; false: only completed visits; undefined: both. */
  planned?: boolean | undefined;
}

export interface VisitRepository extends service.PlanApprovals {
  byId(id: number): Promise<VisitRow | undefined>;
  /** Records a visit (done) or a plan (not done yet). */
  insert(fields: VisitFields, planned: boolean): Promise<number>;
  /** Marks a plan done on `date`, with what happened. */
  complete(id: number, changes: { date: ISODate; summary?: string | null; next?: ISODate | null }): Promise<void>;
  recordMinutes(id: number, text: string, on: ISODate): Promise<void>;
  list(filter: VisitFilter): Rows<VisitRow>;
  /** The plans of one day (done or not) with what the salesperson needs on the road. */
  sheet(date: ISODate, by?: string): Promise<SheetRow[]>;
  /** The latest completed visits of a customer, newest first. */
  recent(customerId: number, limit: number): Promise<VisitRow[]>;
  count(): Promise<number>;
  /** Everyone who made or planned a visit, in pinyin order. */
  salespeople(): Promise<string[]>;
}

// --- feedback forms

export interface FormRow {
  id: number;
  customer_id: number;
  customer: string;
  owner: string | null;
  kind: FormKind;
  sent_on: ISODate;
  via: string | null;
  due: ISODate;
  returned_on: ISODate | null;
  comment: string | null;
  ratings: Record<string, number>;
}

export interface NewForm {
  customer_id: number;
  kind: FormKind;
  sent_on: ISODate;
  via: string | null;
  due: ISODate;
}

export interface FormFilter {
  customerId?: number | undefined;
  open?: boolean | undefined;
}

export interface FormRepository {
  byId(id: number): Promise<FormRow | undefined>;
  send(form: NewForm): Promise<number>;
  /** Records the return; the comment stays out of the history (it is confidential). */
  markReturned(id: number, returnedOn: ISODate, ratings: Record<string, number>, comment: string | null): Promise<void>;
  /** Writes who read a confidential comment. */
  recordReveal(id: number): Promise<void>;
  list(filter: FormFilter): Rows<FormRow>;
}

// --- applications

export interface ApplicationFields {
  customer_id: number;
  salesperson: string | null;
  first_txn: ISODate;
  filed_on: ISODate;
  deadline: ISODate;
  on_time: boolean;
  status: ApplicationStatus;
  reason: string | null;
  process: string | null;
  evaluation: string | null;
  support: string | null;
}

export interface ApplicationRow extends Omit<ApplicationFields, 'on_time'> {
  id: number;
  customer: string;
  owner: string | null;
  on_time: 0 | 1;
  verified_by: string | null;
  verified_on: ISODate | null;
  decided_by: string | null;
  decided_on: ISODate | null;
  note: string | null;
}

export interface ApplicationFilter {
  customerId?: number | undefined;
  status?: ApplicationStatus | undefined;
  by?: string | undefined;
  from?: ISODate | undefined;
  to?: ISODate | undefined;
}

export type ApplicationChange = Partial<
  Pick<ApplicationRow, 'status' | 'reason' | 'verified_by' | 'verified_on' | 'decided_by' | 'decided_on' | 'note'>
>;

export interface ApplicationRepository {
  byId(id: number): Promise<ApplicationRow | undefined>;
  forCustomer(customerId: number): Promise<ApplicationRow[]>;
  insert(fields: ApplicationFields): Promise<number>;
  update(id: number, change: ApplicationChange, action: string): Promise<void>;
  list(filter: ApplicationFilter): Rows<ApplicationRow>;
}
