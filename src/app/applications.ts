// New-customer applications (新客户开发申请表): filing, verification against 3 years of history, decisions.
import { ConflictError, NotFoundError, UsageError } from '../errors.js';
import { ALLOWED_FROM, fileApplication as fileRule, verifyApplication, type Verification } from '../core/applications.js';
import { relationshipStart } from '../core/eligibility.js';
import type { ISODate } from '../core/dates.js';
import { customerIdOf, resolveCustomer } from './resolve.js';
import type { ApplicationFilter, ApplicationRow, Rows, Store } from './store.js';

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

/** Runs the 3-year rule on the relationship start: verified, or rejected naming the last business. */
export async function verify(
  store: Store,
  id: number,
  decision: Decision,
): Promise<{ application: ApplicationRow; verification: Verification }> {
  const verification = await store.write(async () => {
    const application = await applicationById(store, id);
    requireStatus(application, 'verify');
    const years = (await store.settings.all())['eligibility.years'];
    const verification = verifyApplication(await store.transactions.forCustomer(application.customer_id), application.first_txn, years);
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
  });
  return { application: await applicationById(store, id), verification };
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
