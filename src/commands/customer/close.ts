import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { dateOption } from '../../cli/parsers.js';
import type { ISODate } from '../../core/dates.js';
import { closeCustomer } from '../../app/customers.js';
import { customerSpec } from '../../views/customer.js';

export function closeCommand(app: App, run = closeRun): Command {
  const { t } = app;
  const cmd = new Command('close')
    .description(t('cmd.customer.close'))
    .argument('<customer>', t('arg.customer'))
    .option('--on <date>', t('opt.close.on'), dateOption('--on'))
    .action(app.action(run));
  return examples(cmd, t, ['custrack customer close 12 --on 2026-11-30']);
}

export async function closeRun(ctx: Context, query: string, opts: { on?: ISODate }): Promise<void> {
  const on = opts.on ?? ctx.today;
  const customer = await closeCustomer(await ctx.store(true), query, on, ctx.today);
  ctx.output.note(ctx.t('customer.closed', { id: customer.id, name: customer.name, date: on }));
  await ctx.output.record(customerSpec, customer);
}
