import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { resolveCustomer } from '../../cli/resolve.js';
import { dateOption } from '../../cli/parsers.js';
import type { ISODate } from '../../core/dates.js';
import { visitSpec } from '../../views/visit.js';

interface ListOptions {
  customer?: string;
  by?: string;
  from?: ISODate;
  to?: ISODate;
  planned?: boolean;
}

export function listCommand(app: App): Command {
  const { t } = app;
  const cmd = new Command('list')
    .description(t('cmd.visit.list'))
    .option('--customer <customer>', t('opt.filter.customer'))
    .option('--by <salesperson>', t('opt.visit.filter_by'))
    .option('--from <date>', t('opt.filter.from'), dateOption('--from'))
    .option('--to <date>', t('opt.filter.to'), dateOption('--to'))
    .option('--planned', t('opt.visit.planned'))
    .action(app.action(listRun));
  return examples(cmd, t, ['custrack visit list --by 张伟 --from 2026-11-01 --to 2026-11-30', 'custrack visit list --planned --format csv']);
}

export async function listRun(ctx: Context, opts: ListOptions): Promise<void> {
  const repos = await ctx.repos();
  const customerId = opts.customer === undefined ? undefined : resolveCustomer(repos.customers, opts.customer).id;
  const spec = visitSpec(repos.calendar.workCalendar(), repos.settings.all()['minutes.working_days']);
  await ctx.output.list(spec, repos.visits.list({ customerId, by: opts.by, from: opts.from, to: opts.to, planned: opts.planned ? true : undefined }));
}
