import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { gradeOption, offering } from '../../cli/parsers.js';
import { UsageError } from '../../errors.js';
import { CUSTOMER_STATUSES, parseCustomerStatus, type CustomerStatus } from '../../core/status.js';
import type { Grade } from '../../core/customer.js';
import { listCustomers } from '../../app/customers.js';
import { customerSpec } from '../../views/customer.js';

/** A status by its code or its Chinese label (休眠), as the tables show it; completion offers the codes. */
const statusOption = offering((value: string): CustomerStatus => {
  const status = parseCustomerStatus(value);
  if (!status) throw new UsageError('err.bad_choice', { option: '--status', value, choices: CUSTOMER_STATUSES.join(', ') });
  return status;
}, CUSTOMER_STATUSES);

export interface ListOptions {
  owner?: string;
  grade?: Grade;
  status?: CustomerStatus;
  search?: string;
}

export function listCommand(app: App, run = listRun): Command {
  const { t } = app;
  const cmd = new Command('list')
    .description(t('cmd.customer.list'))
    .option('--owner <name>', t('opt.filter.owner'))
    .option('--grade <grade>', t('opt.filter.grade'), gradeOption)
    .option('--status <status>', t('opt.filter.status'), statusOption)
    .option('--search <text>', t('opt.filter.search'))
    .action(app.action(run));
  return examples(cmd, t, [
    'custrack customer list --owner 张伟 --grade A',
    'custrack customer list --status dormant --format csv > dormant.csv',
  ]);
}

export async function listRun(ctx: Context, opts: ListOptions): Promise<void> {
  const rows = await listCustomers(
    await ctx.store(),
    { owner: opts.owner, grade: opts.grade, search: opts.search, status: opts.status },
    ctx.today,
  );
  await ctx.output.list(customerSpec, rows);
}
