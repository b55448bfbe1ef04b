import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { dateOption } from '../../cli/parsers.js';
import { UsageError } from '../../errors.js';
import type { ISODate } from '../../core/dates.js';
import { assignCustomer } from '../../app/customers.js';
import { customerSpec } from '../../views/customer.js';
import { checkedFields } from './fields.js';

export interface AssignOptions {
  owner?: string;
  on?: ISODate;
}

export function assignCommand(app: App, run = assignRun): Command {
  const { t } = app;
  const cmd = new Command('assign')
    .description(t('cmd.customer.assign'))
    .argument('<customer>', t('arg.customer'))
    .option('--owner <name>', t('opt.assign.owner'))
    .option('--on <date>', t('opt.assign.on'), dateOption('--on'))
    .action(app.action(run));
  return examples(cmd, t, ['custrack customer assign 12 --owner 李娜']);
}

export async function assignRun(ctx: Context, query: string, opts: AssignOptions): Promise<void> {
  let owner = opts.owner;
  if (owner === undefined) {
    if (!ctx.canPrompt) throw new UsageError('err.missing_flag', { flag: '--owner' });
    owner = await (await ctx.prompter()).input(ctx.t('prompt.owner'), { required: true });
  }
  const valid = checkedFields({ owner }, ctx.t);
  if (!valid.owner) throw new UsageError('err.missing_flag', { flag: '--owner' });
  const on = opts.on ?? ctx.today;
  const customer = await assignCustomer(await ctx.store(true), query, valid.owner, on, ctx.today);
  ctx.output.note(ctx.t('customer.assigned', { id: customer.id, name: customer.name, owner: valid.owner, date: on }));
  await ctx.output.record(customerSpec, customer);
}
