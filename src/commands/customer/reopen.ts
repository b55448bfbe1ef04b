import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { reopenCustomer } from '../../app/customers.js';
import { customerSpec } from '../../views/customer.js';

export function reopenCommand(app: App, run = reopenRun): Command {
  const { t } = app;
  const cmd = new Command('reopen').description(t('cmd.customer.reopen')).argument('<customer>', t('arg.customer')).action(app.action(run));
  return examples(cmd, t, ['custrack customer reopen 12']);
}

export async function reopenRun(ctx: Context, query: string): Promise<void> {
  const customer = await reopenCustomer(await ctx.store(true), query, ctx.today);
  ctx.output.note(ctx.t('customer.reopened', { id: customer.id, name: customer.name }));
  await ctx.output.record(customerSpec, customer);
}
