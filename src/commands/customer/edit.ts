import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { resolveCustomer } from '../../cli/resolve.js';
import { UsageError } from '../../errors.js';
import { cleanName, nameProblem } from '../../core/names.js';
import type { CustomerFields } from '../../db/sqlite/customers.js';
import { addCustomerFieldOptions, checkedFields, describeProblem, toCustomerInput, type CustomerFieldOptions } from './fields.js';
import { customerSpec, presentCustomer } from '../../views/customer.js';
import { showRecordWithCheck } from './check-section.js';

interface EditOptions extends CustomerFieldOptions {
  alias?: string[];
}

export function editCommand(app: App): Command {
  const { t } = app;
  const cmd = new Command('edit').description(t('cmd.customer.edit')).argument('<customer>', t('arg.customer'));
  addCustomerFieldOptions(cmd, t)
    .option('--alias <former-name>', t('opt.customer.alias'), (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .action(app.action(editRun));
  return examples(cmd, t, [
    'custrack customer edit 12 --grade A --phone "+86 138-0013-8000"',
    'custrack customer edit 12 --alias "深圳腾达实业有限公司"',
  ]);
}

export async function editRun(ctx: Context, query: string, opts: EditOptions): Promise<void> {
  const valid = checkedFields(toCustomerInput(opts), ctx.t);
  const aliases = (opts.alias ?? []).map((alias) => {
    const problem = nameProblem(alias);
    if (problem) throw new UsageError('err.plain', { message: describeProblem({ field: 'name', problem }, ctx.t, '--alias') });
    return cleanName(alias);
  });
  if (Object.keys(valid).length === 0 && aliases.length === 0) throw new UsageError('err.nothing_to_change', { command: 'custrack customer edit' });
  const result = await ctx.write((repos) => {
    const customer = resolveCustomer(repos.customers, query);
    if (valid.name !== undefined) repos.customers.assertNameFree(valid.name, customer.id);
    if (valid.uscc) repos.customers.assertUsccFree(valid.uscc, customer.id);
    for (const alias of aliases) repos.customers.assertNameFree(alias, customer.id);
    repos.customers.update(customer.id, valid as Partial<CustomerFields>, 'update', ctx.today);
    const known = aliases.filter((alias) => !repos.customers.addAlias(customer.id, alias, ctx.today));
    return { id: customer.id, known };
  });
  for (const alias of result.known) await ctx.output.warn(ctx.t('customer.alias_known', { alias }));
  const id = result.id;
  const repos = await ctx.repos();
  await showRecordWithCheck(ctx, repos, customerSpec, presentCustomer(repos, id, ctx.today));
}
