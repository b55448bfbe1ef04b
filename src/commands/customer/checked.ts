// `customer add` and `customer edit` show the record with its 3-year check beside it.
import type { Context } from '../../cli/context.js';
import type { CheckedCustomer } from '../../app/customers.js';
import { customerSpec } from '../../views/customer.js';
import { checkJson, checkSection, similarSection } from '../../views/check.js';

export async function showCheckedCustomer(ctx: Context, { customer, check }: CheckedCustomer): Promise<void> {
  await ctx.output.record(customerSpec, customer, {
    json: { check: checkJson(check) },
    sections: [checkSection(ctx.t, check), ...similarSection(ctx.t, check)],
  });
}
