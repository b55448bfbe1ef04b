import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { choiceOption, gradeOption } from '../../cli/parsers.js';
import { CUSTOMER_STATUSES, type CustomerStatus } from '../../core/status.js';
import type { Grade } from '../../core/customer.js';
import { customerSpec, withStatus, type PresentedCustomer } from '../../views/customer.js';

interface ListOptions {
  owner?: string;
  grade?: Grade;
  status?: CustomerStatus;
  search?: string;
}

export function listCommand(app: App): Command {
  const { t } = app;
  const cmd = new Command('list')
    .description(t('cmd.customer.list'))
    .option('--owner <name>', t('opt.filter.owner'))
    .option('--grade <grade>', t('opt.filter.grade'), gradeOption)
    .option('--status <status>', t('opt.filter.status'), choiceOption('--status', CUSTOMER_STATUSES))
    .option('--search <text>', t('opt.filter.search'))
    .action(app.action(listRun));
  return examples(cmd, t, ['custrack customer list --owner 张伟 --grade A', 'custrack customer list --status dormant --format csv > dormant.csv']);
}

export async function listRun(ctx: Context, opts: ListOptions): Promise<void> {
  const repos = await ctx.repos();
  const asOf = ctx.today;
  const dormantMonths = repos.settings.all()['target.dormant_months'];
  const rows = repos.customers.list({ owner: opts.owner, grade: opts.grade, search: opts.search }, asOf);
  function* presented(): Generator<PresentedCustomer> {
    for (const row of rows) {
      const customer = withStatus(row, asOf, dormantMonths);
      if (!opts.status || customer.status === opts.status) yield customer;
    }
  }
  await ctx.output.list(customerSpec, presented());
}
