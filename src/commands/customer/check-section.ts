import type { Context } from '../../cli/context.js';
import type { ListSpec } from '../../cli/output.js';
import type { Repos } from '../../db/sqlite/store.js';
import { checkEligibility } from '../../core/eligibility.js';
import { checkJson, checkSection } from '../../views/check.js';
import type { PresentedCustomer } from '../../views/customer.js';

/** A customer record with its 3-year check beside it (`customer add`, `customer edit`). */
export async function showRecordWithCheck(ctx: Context, repos: Repos, spec: ListSpec<PresentedCustomer>, customer: PresentedCustomer): Promise<void> {
  const settings = repos.settings.all();
  const eligibility = checkEligibility(repos.transactions.forCustomer(customer.id), ctx.today, {
    years: settings['eligibility.years'],
    dormantMonths: settings['target.dormant_months'],
  });
  await ctx.output.record(spec, customer, {
    json: { check: checkJson({ query: customer.name, customerId: customer.id, name: customer.name }, eligibility) },
    sections: [checkSection(ctx.t, eligibility, settings['eligibility.years'])],
  });
}
