import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { cleanName, nameProblem } from '../../core/names.js';
import { editCustomer } from '../../app/customers.js';
import { addCustomerFieldOptions, checkedFields, describeProblem, toCustomerInput, type CustomerFieldOptions } from './fields.js';
import { showCheckedCustomer } from './checked.js';

export interface EditOptions extends CustomerFieldOptions {
  alias?: string[];
  distinct?: boolean;
}

export function editCommand(app: App, run = editRun): Command {
  const { t } = app;
  const cmd = new Command('edit').description(t('cmd.customer.edit')).argument('<customer>', t('arg.customer'));
  addCustomerFieldOptions(cmd, t)
    .option('--alias <former-name>', t('opt.customer.alias'), (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--distinct', t('opt.customer.distinct'))
    .action(app.action(run));
  return examples(cmd, t, [
    'custrack customer edit 12 --grade A --phone "+86 138-0013-8000"',
    'custrack customer edit 12 --alias "深圳腾达实业有限公司"',
  ]);
}

export async function editRun(ctx: Context, query: string, opts: EditOptions): Promise<void> {
  const fields = checkedFields(toCustomerInput(opts), ctx.t);
  const aliases = (opts.alias ?? []).map((alias) => {
    const problem = nameProblem(alias);
    if (problem) throw new UsageError('err.plain', { message: describeProblem({ field: 'name', problem }, ctx.t, '--alias') });
    return cleanName(alias);
  });
  if (Object.keys(fields).length === 0 && aliases.length === 0)
    throw new UsageError('err.nothing_to_change', { command: 'custrack customer edit' });
  const result = await editCustomer(await ctx.store(true), query, { fields, aliases, distinct: opts.distinct === true }, ctx.today);
  for (const alias of result.knownAliases) await ctx.output.warn(ctx.t('customer.alias_known', { alias }));
  await showCheckedCustomer(ctx, result);
}
