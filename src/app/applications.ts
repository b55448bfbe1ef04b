// New-customer applications (新客户开发申请表): filing, verification against 3 years of history, decisions.
import { ConflictError, NotFoundError, UsageError } from '../errors.js';
import { ALLOWED_FROM, fileApplication as fileRule, verifyApplication, type Verification } from '../core/applications.js';
import { relationshipStart } from '../core/eligibility.js';
import type { ISODate } from '../core/dates.js';
import { similarBusiness } from '../core/similar-search.js';
import { customerIdOf, resolveCustomer } from './resolve.js';
import type { ApplicationFilter, ApplicationRow, Rows, Store } from './store.js';
import { distinctFrom, similarCustomers, type DistinctFrom, type SimilarCustomer } from './similar.js';

export interface Filing {
  /** Default: the relationship start (rule 4) on the filing date. */
  firstTxn?: ISODate | undefined;
  filedOn: ISODate;
  by: string | null;
  process: string | null;
  evaluation: string | null;
  support: string | null;
}

/** Files an application; filed after its deadline it is recorded as rejected, reason `late` (rule 5). */
export async function fileApplication(store: Store, query: string, filing: Filing): Promise<ApplicationRow> {
  const id = await store.write(async () => {
    const customer = await resolveCustomer(store, query);
    const settings = await store.settings.all();
    const firstTxn =
      filing.firstTxn ??
      relationshipStart(await store.transactions.forCustomer(customer.id), filing.filedOn, settings['eligibility.years']);
    if (!firstTxn) throw new UsageError('apply.no_first_txn', { id: customer.id, name: customer.name });
    if (filing.filedOn < firstTxn) throw new UsageError('apply.filed_before', { filed: filing.filedOn, first: firstTxn });
    const open = (await store.applications.forCustomer(customer.id)).find((a) => a.first_txn === firstTxn && a.status !== 'rejected');
    if (open) throw new ConflictError('apply.exists', { id: open.id, status: open.status, first: firstTxn });
    const rule = fileRule(firstTxn, filing.filedOn, settings['application.deadline_months']);
    return store.applications.insert({
      customer_id: customer.id,
      salesperson: filing.by ?? customer.owner,
      first_txn: firstTxn,
      filed_on: filing.filedOn,
      deadline: rule.deadline,
      on_time: rule.onTime,
      status: rule.status,
      reason: rule.reason,
      process: filing.process,
      evaluation: filing.evaluation,
      support: filing.support,
    });
  });
  return (await store.applications.byId(id))!;
}

export async function applicationById(store: Store, id: number): Promise<ApplicationRow> {
  const application = await store.applications.byId(id);
  if (!application) throw new NotFoundError('application.not_found', { id });
  return application;
}

/** `application show`: the application and the similar customers confirmed different companies when it was verified. */
export async function applicationDetails(store: Store, id: number): Promise<{ application: ApplicationRow; distinctions: DistinctFrom[] }> {
  const application = await applicationById(store, id);
  const given = await store.similarNames.distinctions({ applicationId: id });
  return { application, distinctions: await distinctFrom(store, application.customer_id, given) };
}

export async function listApplications(
  store: Store,
  filter: Omit<ApplicationFilter, 'customerId'> & { customer?: string | undefined },
): Promise<Rows<ApplicationRow>> {
  const { customer, ...rest } = filter;
  return store.applications.list({ ...rest, customerId: await customerIdOf(store, customer) });
}

function requireStatus(application: ApplicationRow, action: keyof typeof ALLOWED_FROM): void {
  if (!ALLOWED_FROM[action].includes(application.status)) {
    throw new ConflictError(`application.cannot_${action}`, {
      id: application.id,
      status: application.status,
      allowed: ALLOWED_FROM[action].join(', '),
    });
  }
}

/** A decision is dated (default today) and never before the filing. */
function decisionDate(application: ApplicationRow, on: ISODate): ISODate {
  if (on < application.filed_on) throw new UsageError('application.decided_before_filed', { date: on, filed: application.filed_on });
  return on;
}

export interface Decision {
  by: string;
  on: ISODate;
}

/** Thrown inside the write to leave it without a trace when a person must decide first. */
class SimilarBusiness extends Error {
  constructor(
    readonly similar: SimilarCustomer[],
    readonly verification: Verification,
  ) {
    super('similar business');
  }
}

export interface VerifyResult {
  application: ApplicationRow;
  verification: Verification;
  /**
   * docs/rules.md, rule 17: new by the customer's own business, but these similar customers had business in
   * the window; the application stays filed until `distinctFrom` names them (exit 6).
   */
  similarBusiness: SimilarCustomer[];
}

/**
 * Runs the 3-year rule on the relationship start: verified, or rejected naming the last business. A similar
 * customer with business in the window stops it (nothing written) unless `distinctFrom` confirms that it is a
 * different company; the confirmation is recorded with the verification.
 */
export async function verify(store: Store, id: number, decision: Decision & { distinctFrom?: string[] }): Promise<VerifyResult> {
  let verification: Verification;
  try {
    verification = await store.write(() => verifyInWrite(store, id, decision));
  } catch (err) {
    if (!(err instanceof SimilarBusiness)) throw err;
    return { application: await applicationById(store, id), verification: err.verification, similarBusiness: err.similar };
  }
  return { application: await applicationById(store, id), verification, similarBusiness: [] };
}

async function verifyInWrite(store: Store, id: number, decision: Decision & { distinctFrom?: string[] }): Promise<Verification> {
  const application = await applicationById(store, id);
  requireStatus(application, 'verify');
  const years = (await store.settings.all())['eligibility.years'];
  const verification = verifyApplication(await store.transactions.forCustomer(application.customer_id), application.first_txn, years);
  const similar = await similarCustomers(store, { customerId: application.customer_id }, application.first_txn);
  const named = new Set<number>();
  for (const text of decision.distinctFrom ?? []) {
    const other = await resolveCustomer(store, text);
    if (!similar.some((s) => s.customerId === other.id)) {
      throw new UsageError('application.not_similar', { id: other.id, name: other.name, customer: application.customer });
    }
    named.add(other.id);
  }
  const open = similarBusiness(similar, { newCustomer: verification.status === 'verified', windowStart: verification.windowStart });
  const undecided = open.filter((s) => !named.has(s.customerId));
  if (undecided.length > 0) throw new SimilarBusiness(undecided, verification);
  await store.similarNames.confirmDistinct({
    customerId: application.customer_id,
    otherIds: [...named],
    via: 'verify',
    on: decisionDate(application, decision.on),
    by: decision.by,
    applicationId: id,
  });
  await store.applications.update(
    id,
    {
      status: verification.status,
      reason: verification.reason,
      verified_by: decision.by,
      verified_on: decisionDate(application, decision.on),
    },
    'verify',
  );
  return verification;
}

/** Only a verified application is recognized. */
export async function approve(store: Store, id: number, decision: Decision & { note: string | null }): Promise<ApplicationRow> {
  await store.write(async () => {
    const application = await applicationById(store, id);
    requireStatus(application, 'approve');
    await store.applications.update(
      id,
      { status: 'recognized', decided_by: decision.by, decided_on: decisionDate(application, decision.on), note: decision.note },
      'approve',
    );
  });
  return applicationById(store, id);
}

export async function reject(store: Store, id: number, decision: Decision & { reason: string }): Promise<ApplicationRow> {
  await store.write(async () => {
    const application = await applicationById(store, id);
    requireStatus(application, 'reject');
    await store.applications.update(
      id,
      { status: 'rejected', reason: decision.reason, decided_by: decision.by, decided_on: decisionDate(application, decision.on) },
      'reject',
    );
  });
  return applicationById(store, id);
}
