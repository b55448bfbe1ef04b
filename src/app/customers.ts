// Registering and changing customers, and finding the one a command line names.
import { ConflictError } from '../errors.js';
import { nameKey } from '../core/names.js';
import type { ISODate } from '../core/dates.js';
import { registrationFields, type ValidCustomerFields } from '../core/customer.js';
import { customerStatus, type CustomerStatus } from '../core/status.js';
import type { CustomerFields, CustomerFilter, CustomerWithFacts, Rows, Store } from './store.js';
import { resolveCustomer } from './resolve.js';
import { mapRows } from './rows.js';
import { checkCustomer, type CheckResult } from './check.js';
import { confirmedDistinct, coreOf, customersById, similarToCores } from './similar.js';

/** A customer as every command shows it: its row, former names, last business and status on a date. */
export type CustomerRecord = CustomerWithFacts & { status: CustomerStatus };

export function withStatus(c: CustomerWithFacts, asOf: ISODate, dormantMonths: number): CustomerRecord {
  return { ...c, status: customerStatus({ closedOn: c.closed_on, lastBusiness: c.last_business }, asOf, dormantMonths) };
}

/** One customer with its former names, last business and status on `asOf`. */
export async function customerRecord(store: Store, id: number, asOf: ISODate): Promise<CustomerRecord> {
  let found: CustomerWithFacts | undefined;
  // Read to the end: an unfinished read keeps a connection busy.
  for await (const row of store.customers.list({ ids: [id] }, asOf)) found = row;
  if (!found) throw new Error(`customer #${id} vanished`);
  return withStatus(found, asOf, (await store.settings.all())['target.dormant_months']);
}

/** Customers matching the filter, with their status on `asOf`, streamed. */
export async function listCustomers(
  store: Store,
  filter: CustomerFilter & { status?: CustomerStatus | undefined },
  asOf: ISODate,
): Promise<Rows<CustomerRecord>> {
  const dormantMonths = (await store.settings.all())['target.dormant_months'];
  return mapRows(store.customers.list(filter, asOf), (row) => {
    const customer = withStatus(row, asOf, dormantMonths);
    return !filter.status || customer.status === filter.status ? customer : undefined;
  });
}

/** A name (or former name) already registered to another customer → exit 4 naming it and its owner. */
async function assertNameFree(store: Store, name: string, exceptId?: number): Promise<void> {
  const existing = await store.customers.byNameKey(nameKey(name));
  if (existing && existing.id !== exceptId) {
    throw new ConflictError('customer.duplicate_name', { name, id: existing.id, existing: existing.name, owner: existing.owner ?? '-' });
  }
}

async function assertUsccFree(store: Store, uscc: string | null | undefined, exceptId?: number): Promise<void> {
  if (!uscc) return;
  const existing = await store.customers.byUscc(uscc);
  if (existing && existing.id !== exceptId) {
    throw new ConflictError('customer.duplicate_uscc', { uscc, id: existing.id, existing: existing.name, owner: existing.owner ?? '-' });
  }
}

/** A customer and its 3-year check beside it, as `customer add` and `customer edit` show them. */
export interface CheckedCustomer {
  customer: CustomerRecord;
  check: CheckResult;
}

async function checked(store: Store, id: number, today: ISODate): Promise<CheckedCustomer> {
  const customer = await customerRecord(store, id, today);
  return { customer, check: await checkCustomer(store, customer, today) };
}

/**
 * docs/rules.md, rule 17: the registered customers whose names are similar to `names` (other than `self` and
 * those confirmed different from it). Unless `distinct` confirms they are different companies → exit 4 naming them.
 */
async function similarRegistered(
  store: Store,
  names: readonly string[],
  refusal: { key: 'similar.register' | 'similar.edit'; distinct: boolean; today: ISODate },
  self?: number,
): Promise<number[]> {
  if (names.length === 0) return [];
  const found = await similarToCores(store, await Promise.all(names.map(coreOf)), self);
  const confirmed = self === undefined ? new Set<number>() : await confirmedDistinct(store, self, found);
  const ids = found.filter((id) => !confirmed.has(id));
  if (ids.length > 0 && !refusal.distinct) {
    const similar = await customersById(store, ids, refusal.today);
    throw new ConflictError(
      refusal.key,
      { name: names.join(', '), count: similar.length },
      similar.map((c) => `#${c.id}  ${c.name}  (${c.owner ?? '-'})`),
    );
  }
  return ids;
}

/**
 * Registers a customer (the first to register owns it): a known name key or USCC → exit 4; a name similar to
 * a registered customer → exit 4 too, unless `distinct` confirms they are different companies (rule 17).
 */
export async function registerCustomer(
  store: Store,
  valid: ValidCustomerFields & { name: string },
  today: ISODate,
  options: { distinct?: boolean } = {},
): Promise<CheckedCustomer> {
  const fields = registrationFields(valid, today);
  const id = await store.write(async () => {
    await assertNameFree(store, fields.name);
    await assertUsccFree(store, fields.uscc);
    const similar = await similarRegistered(store, [fields.name], { key: 'similar.register', distinct: options.distinct === true, today });
    const id = await store.customers.insert(fields);
    await store.similarNames.confirmDistinct({ customerId: id, otherIds: similar, via: 'register', on: today });
    return id;
  });
  return checked(store, id, today);
}

/**
 * Changes fields and adds former names; returns the customer and the former names it already had. A new name
 * or former name similar to another customer → exit 4, unless `distinct` confirms they are different companies.
 */
export async function editCustomer(
  store: Store,
  query: string,
  change: { fields: ValidCustomerFields; aliases: string[]; distinct?: boolean },
  today: ISODate,
): Promise<CheckedCustomer & { knownAliases: string[] }> {
  const { id, known } = await store.write(async () => {
    const customer = await resolveCustomer(store, query);
    if (change.fields.name !== undefined) await assertNameFree(store, change.fields.name, customer.id);
    if (change.fields.uscc) await assertUsccFree(store, change.fields.uscc, customer.id);
    for (const alias of change.aliases) await assertNameFree(store, alias, customer.id);
    // Only names the customer does not hold yet can make it similar to another one.
    const newNames: string[] = [];
    for (const name of [...(change.fields.name === undefined ? [] : [change.fields.name]), ...change.aliases]) {
      if ((await store.customers.byNameKey(nameKey(name)))?.id !== customer.id) newNames.push(name);
    }
    const similar = await similarRegistered(
      store,
      newNames,
      { key: 'similar.edit', distinct: change.distinct === true, today },
      customer.id,
    );
    await store.customers.update(customer.id, change.fields as Partial<CustomerFields>, 'update', today);
    await store.similarNames.confirmDistinct({ customerId: customer.id, otherIds: similar, via: 'edit', on: today });
    const known: string[] = [];
    for (const alias of change.aliases) if (!(await store.customers.addAlias(customer.id, alias, today))) known.push(alias);
    return { id: customer.id, known };
  });
  return { ...(await checked(store, id, today)), knownAliases: known };
}

/** Gives the customer to another salesperson; the assignment date restarts the first-contact clock (rule 6). */
export async function assignCustomer(store: Store, query: string, owner: string, on: ISODate, today: ISODate): Promise<CustomerRecord> {
  const id = await store.write(async () => {
    const customer = await resolveCustomer(store, query);
    await store.customers.update(customer.id, { owner, assigned_on: on }, 'assign');
    return customer.id;
  });
  return customerRecord(store, id, today);
}

/** Closes the relationship; closing twice → exit 4. */
export async function closeCustomer(store: Store, query: string, on: ISODate, today: ISODate): Promise<CustomerRecord> {
  const id = await store.write(async () => {
    const customer = await resolveCustomer(store, query);
    if (customer.closed_on)
      throw new ConflictError('customer.already_closed', { id: customer.id, name: customer.name, date: customer.closed_on });
    await store.customers.update(customer.id, { closed_on: on }, 'close');
    return customer.id;
  });
  return customerRecord(store, id, today);
}

/** Undoes `close`; a customer that is not closed → exit 4. */
export async function reopenCustomer(store: Store, query: string, today: ISODate): Promise<CustomerRecord> {
  const id = await store.write(async () => {
    const customer = await resolveCustomer(store, query);
    if (!customer.closed_on) throw new ConflictError('customer.not_closed', { id: customer.id, name: customer.name });
    await store.customers.update(customer.id, { closed_on: null }, 'reopen');
    return customer.id;
  });
  return customerRecord(store, id, today);
}
