// The customer-service part of the engine-neutral Store (src/app/store.ts, which builds on these): complaints
// (docs/rules.md, rule 14), the approval of visit plans (rule 15), and the facts of the quarterly service
// assessment and of a year of month ends (rule 16). Both engines implement them; no engine is imported here.
import type { ISODate } from '../core/dates.js';
import type { FormKind } from '../core/forms.js';
import type { ComplaintChannel, ComplaintStatus, FollowupOutcome } from '../core/complaints.js';
import type { CustomerFacts, OpenForm, OpenPlan, OverdueFacts, OverdueKind, PendingMinutes, PlanApproval } from '../core/overdue.js';
import type { StoredComplaint } from '../core/as-of.js';
import type { QuarterlyFacts } from '../core/quarterly.js';

/** As `Rows` in store.ts: a plain iterable where the engine reads synchronously, an async one where it streams. */
type Rows<T> = Iterable<T> | AsyncIterable<T>;

// --- complaints

export interface NewComplaint {
  customer_id: number;
  received_on: ISODate;
  channel: ComplaintChannel | null;
  received_by: string | null;
  content: string;
  /** Handling due (rule 14); the status is `received`. */
  due: ISODate;
}

export interface ComplaintRow {
  id: number;
  customer_id: number;
  customer: string;
  owner: string | null;
  received_on: ISODate;
  channel: ComplaintChannel | null;
  received_by: string | null;
  content: string;
  status: ComplaintStatus;
  /** The handling due date in force (reset by an unsatisfied follow-up). */
  due: ISODate;
  verified_on: ISODate | null;
  verified_by: string | null;
  finding: string | null;
  /** The latest handling, its handler, the result told to the customer and whether it was on time. */
  handled_on: ISODate | null;
  handled_by: string | null;
  result: string | null;
  on_time: 0 | 1 | null;
  followup_due: ISODate | null;
  /** The latest follow-up, its outcome and note. */
  followup_on: ISODate | null;
  outcome: FollowupOutcome | null;
  followup_note: string | null;
}

export type ComplaintChange = Partial<
  Pick<
    ComplaintRow,
    | 'status'
    | 'due'
    | 'verified_on'
    | 'verified_by'
    | 'finding'
    | 'handled_on'
    | 'handled_by'
    | 'result'
    | 'on_time'
    | 'followup_due'
    | 'followup_on'
    | 'outcome'
    | 'followup_note'
  >
>;

export interface ComplaintFilter {
  customerId?: number | undefined;
  /** The customer's owner. */
  owner?: string | undefined;
  /** Only complaints not closed. */
  open?: boolean | undefined;
}

export interface ComplaintRepository {
  byId(id: number): Promise<ComplaintRow | undefined>;
  /** A new complaint, `received`; its history entry written. */
  insert(complaint: NewComplaint): Promise<number>;
  /** Writes the changed fields, one history entry each under `action` (verify, handle, followup). */
  update(id: number, change: ComplaintChange, action: string): Promise<void>;
  /** By date received, then id. */
  list(filter: ComplaintFilter): Rows<ComplaintRow>;
}

// --- plan approval

/** A visit's approval columns: all null for visits that are not plans and plans made while approval was off. */
export interface PlanApprovalColumns {
  approval: PlanApproval | null;
  approval_by: string | null;
  /** The date of the decision. */
  approval_on: ISODate | null;
  /** The approver's note, or the reason for a rejection. */
  approval_note: string | null;
}

export interface PlanDecision {
  approval: PlanApproval;
  by: string | null;
  on: ISODate | null;
  note: string | null;
}

export interface PlanApprovals {
  /** Sets a plan's approval (pending when planned, then a manager's decision), one history entry per changed column. */
  setApproval(id: number, decision: PlanDecision, action: string): Promise<void>;
}

// --- facts for the overdue rules, the quarterly assessment and a year of month ends

/** What an overdue question is narrowed to before anything is read (docs/rules.md, rule 11). */
export interface OverdueScope {
  owner?: string | undefined;
  customerId?: number | undefined;
  kinds?: readonly OverdueKind[] | undefined;
}

/** The overdue facts as the store reads them: complaints as stored, for the use case to see them as of the day. */
export type StoredOverdueFacts = Omit<OverdueFacts, 'complaints'> & { complaints: StoredComplaint[] };

/**
 * The overdue facts of every day from `from` to `to`, read once: the facts as of `from`, everything that
 * can still be open on a later day, and what moved the customers' facts in between. The annual report
 * computes twelve month ends from it instead of reading the whole office twelve times.
 */
export interface OverdueTimeline {
  /** Every customer registered by `to`, each with its facts as of `from` (as `overdue(from)` reads them). */
  customers: Iterable<CustomerFacts>;
  /** Open plans (as `overdue`), each with its approval as stored and the date it was decided. */
  plans: Array<OpenPlan & { decidedOn: ISODate | null }>;
  /** In-person visits dated by `to` without minutes on `from`, with the date of their minutes when written later. */
  minutes: Array<PendingMinutes & { minutesOn: ISODate | null }>;
  /** Forms sent by `to` and not returned by `from`. */
  forms: Array<OpenForm & { returnedOn: ISODate | null }>;
  /** Complaints received by `to` and not closed by `from`. */
  complaints: StoredComplaint[];
  /**
   * Completed visits dated after `from` up to `to`, and the days with a sale or return from `from` up to the
   * day before `to`: a year of them is a few 100k, so each is a tuple rather than an object. The events here
   * come in no particular order.
   */
  visits: Array<[customerId: number, id: number, date: ISODate, next: ISODate | null]>;
  business: Array<[customerId: number, date: ISODate]>;
  /** Relationship starts (rule 4) after `from` up to `to`. */
  starts: Array<{ customerId: number; date: ISODate }>;
  /** Applications filed after `from` up to `to`. */
  applications: Array<{ customerId: number; filedOn: ISODate; firstTxn: ISODate }>;
  /** Forms sent after `from` up to `to`. */
  formsSent: Array<{ customerId: number; sentOn: ISODate; kind: FormKind }>;
}

export interface AssessmentFacts {
  /** The quarter's facts for the service assessment (rule 16), read with a few set-based queries. */
  quarterly(from: ISODate, to: ISODate): Promise<QuarterlyFacts>;
  overdueTimeline(from: ISODate, to: ISODate): Promise<OverdueTimeline>;
}

export interface ServiceRepositories {
  readonly complaints: ComplaintRepository;
}

export interface HistoryOfEntity {
  /** With `entity`: the history of one record. */
  entityId?: string | number;
}
