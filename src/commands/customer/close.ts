import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { resolveCustomer } from '../../cli/resolve.js';
import { dateOption } from '../../cli/parsers.js';
import { ConflictError } from '../../errors.js';
import type { ISODate } from '../../core/dates.js';
import { customerSpec, presentCustomer } from '../../views/customer.js';

export function closeCommand(app: App): Command {
  const { t } = app;
  const cmd = new Command('close')
    .description(t('cmd.customer.close'))
    .argument('<customer>', t('arg.customer'))
    .option('--on <date>', t('opt.close.on'), dateOption('--on'))
    .action(app.action(closeRun));
  return examples(cmd, t, ['custrack customer close 12 --on 2026-11-30']);
}

export async function closeRun(ctx: Context, query: string, opts: { on?: ISODate }): Promise<void> {
  const on = opts.on ?? ctx.today;
  const id = await ctx.write((repos) => {
    const customer = resolveCustomer(repos.customers, query);
    if (customer.closed_on) throw new ConflictError('customer.already_closed', { id: customer.id, name: customer.name, date: customer.closed_on });
    repos.customers.update(customer.id, { closed_on: on }, 'close');
    return customer.id;
  });
  const repos = await ctx.repos();
  const customer = presentCustomer(repos, id, ctx.today);
  ctx.output.note(ctx.t('customer.closed', { id, name: customer.name, date: on }));
  await ctx.output.record(customerSpec, customer);
}

export function reopenCommand(app: App): Command {
  const { t } = app;
  const cmd = new Command('reopen').description(t('cmd.customer.reopen')).argument('<customer>', t('arg.customer')).action(app.action(reopenRun));
  return examples(cmd, t, ['custrack customer reopen 12']);
}

export async function reopenRun(ctx: Context, query: string): Promise<void> {
  const id = await ctx.write((repos) => {
    const customer = resolveCustomer(repos.customers, query);
    if (!customer.closed_on) throw new ConflictError('customer.not_closed', { id: customer.id, name: customer.name });
    repos.customers.update(customer.id, { closed_on: null }, 'reopen');
    return customer.id;
  });
  const repos = await ctx.repos();
  const customer = presentCustomer(repos, id, ctx.today);
  ctx.output.note(ctx.t('customer.reopened', { id, name: customer.name }));
  await ctx.output.record(customerSpec, customer);
}
