// The 3-year new-customer check (docs/rules.md, rules 2 and 3), for registered customers and bare names, with
// the registered customers of a similar name (rule 17).
import { UsageError } from '../errors.js';
import { checkEligibility, type Eligibility } from '../core/eligibility.js';
import { cleanName, nameKey } from '../core/names.js';
import { parseUscc } from '../core/uscc.js';
import type { ISODate } from '../core/dates.js';
import { similarBusiness } from '../core/similar-search.js';
import { findCustomer } from './resolve.js';
import type { Store } from './store.js';
import { similarCustomers, type SimilarCustomer } from './similar.js';

export interface CheckResult {
  query: string;
  /** Null for a name that is not registered. */
  customerId: number | null;
  name: string;
  eligibility: Eligibility;
  /** eligibility.years, which the verdict names. */
  years: number;
  /** A name neither registered nor on any transaction nor similar to a customer: more often a typo than a new customer. */
  unknownName: boolean;
  /** Registered customers with a similar name (rule 17), in id order. */
  similar: SimilarCustomer[];
  /** Those whose business inside the window leaves the verdict to a person (exit 6), the latest first. */
  similarBusiness: SimilarCustomer[];
}

async function rules(store: Store): Promise<{ years: number; dormantMonths: number }> {
  const settings = await store.settings.all();
  return { years: settings['eligibility.years'], dormantMonths: settings['target.dormant_months'] };
}

/** The check of one registered customer on `on`. */
export async function checkCustomer(
  store: Store,
  customer: { id: number; name: string },
  on: ISODate,
  query = customer.name,
): Promise<CheckResult> {
  const r = await rules(store);
  const eligibility = checkEligibility(await store.transactions.forCustomer(customer.id), on, r);
  const similar = await similarCustomers(store, { customerId: customer.id }, on);
  return {
    query,
    customerId: customer.id,
    name: customer.name,
    eligibility,
    years: r.years,
    unknownName: false,
    similar,
    similarBusiness: similarBusiness(similar, eligibility),
  };
}

/** `check <customer-or-name>`: a registered customer by its transactions, else the name's (or USCC's) transactions alone. */
export async function checkName(store: Store, query: string, on: ISODate): Promise<CheckResult> {
  const text = query.trim();
  if (text === '') throw new UsageError('err.empty_customer');
  const customer = await findCustomer(store, text);
  if (customer) return checkCustomer(store, customer, on, query);
  const uscc = parseUscc(text);
  const txns = uscc ? await store.transactions.forUscc(uscc) : await store.transactions.forName(nameKey(text));
  const r = await rules(store);
  const eligibility = checkEligibility(txns, on, r);
  const similar = uscc ? [] : await similarCustomers(store, { name: text }, on);
  return {
    query,
    customerId: null,
    name: uscc ?? cleanName(text),
    eligibility,
    years: r.years,
    unknownName: txns.length === 0 && similar.length === 0,
    similar,
    similarBusiness: similarBusiness(similar, eligibility),
  };
}
