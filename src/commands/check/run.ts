// `check` without the command-line parser, so the fast start-up path can run it too (src/cli/fast.ts).
import type { Context } from '../../cli/context.js';
import type { ListSpec } from '../../cli/output.js';
import { EXIT } from '../../cli/exit.js';
import { UsageError } from '../../errors.js';
import { checkEligibility, type Eligibility } from '../../core/eligibility.js';
import { cleanName, nameKey } from '../../core/names.js';
import { parseUscc } from '../../core/uscc.js';
import type { ISODate } from '../../core/dates.js';
import { checkJson, checkSection, type CheckSubject } from '../../views/check.js';
import { findCustomer } from '../../cli/resolve.js';

type CheckResult = CheckSubject & { eligibility: Eligibility };

const checkSpec: ListSpec<CheckResult> = {
  columns: [
    { header: 'col.query', value: (r) => r.query },
    { header: 'col.customer_id', type: 'int', value: (r) => r.customerId },
    { header: 'col.name', value: (r) => r.name },
    { header: 'col.as_of', type: 'date', value: (r) => r.eligibility.asOf },
    { header: 'col.window_start', type: 'date', value: (r) => r.eligibility.windowStart },
    { header: 'col.new_customer', type: 'bool', value: (r) => r.eligibility.newCustomer },
    { header: 'col.last_business', type: 'date', value: (r) => r.eligibility.lastBusiness },
    { header: 'col.new_customer_from', type: 'date', value: (r) => r.eligibility.newCustomerFrom },
    { header: 'col.samples_ignored', type: 'int', value: (r) => r.eligibility.samplesIgnored },
    { header: 'col.development_target', type: 'bool', value: (r) => r.eligibility.developmentTarget },
  ],
  json: (r) => checkJson(r, r.eligibility),
  count: 'summary.items',
  empty: 'empty.items',
};

/** Exit 0 when it is a new customer, 1 when it is not (SPEC §8). */
export async function checkRun(ctx: Context, query: string, opts: { on?: ISODate }): Promise<number> {
  const text = query.trim();
  if (text === '') throw new UsageError('err.empty_customer');
  const repos = await ctx.repos();
  const settings = repos.settings.all();
  const rules = { years: settings['eligibility.years'], dormantMonths: settings['target.dormant_months'] };
  const on = opts.on ?? ctx.today;
  const customer = findCustomer(repos.customers, text);
  let result: CheckResult;
  if (customer) {
    result = { query, customerId: customer.id, name: customer.name, eligibility: checkEligibility(repos.transactions.forCustomer(customer.id), on, rules) };
  } else {
    // A name that is not registered: its transactions alone decide (by USCC when the query is one).
    const uscc = parseUscc(text);
    const txns = uscc ? repos.transactions.forUscc(uscc) : repos.transactions.forName(nameKey(text));
    result = { query, customerId: null, name: uscc ?? cleanName(text), eligibility: checkEligibility(txns, on, rules) };
    // Nothing at all under that name is more often a typo than a new customer: say so, keep the answer.
    if (txns.length === 0) await ctx.output.warn(ctx.t('check.unknown_name', { name: result.name }));
  }
  if (ctx.output.format === 'table') {
    const subject = result.customerId === null ? ctx.t('check.unregistered', { name: result.name }) : `#${result.customerId} ${result.name}`;
    await ctx.output.sections([checkSection(ctx.t, result.eligibility, rules.years, subject)]);
  } else {
    await ctx.output.record(checkSpec, result);
  }
  return result.eligibility.newCustomer ? EXIT.ok : EXIT.notNew;
}
