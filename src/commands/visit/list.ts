import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { listVisits } from '../../app/visits.js';
import { dateOption } from '../../cli/parsers.js';
import type { ISODate } from '../../core/dates.js';
import { visitSpec } from '../../views/visit.js';

export interface ListOptions {
  customer?: string;
  by?: string;
  from?: ISODate;
  to?: ISODate;
  planned?: boolean;
}

export function listCommand(app: App, run = listRun): Command {
  const { t } = app;
  const cmd = new Command('list')
    .description(t('cmd.visit.list'))
    .option('--customer <customer>', t('opt.filter.customer'))
    .option('--by <salesperson>', t('opt.visit.filter_by'))
    .option('--from <date>', t('opt.filter.from'), dateOption('--from'))
    .option('--to <date>', t('opt.filter.to'), dateOption('--to'))
    .option('--planned', t('opt.visit.planned'))
    .action(app.action(run));
  return examples(cmd, t, [
    'custrack visit list --by 张伟 --from 2026-11-01 --to 2026-11-30',
    'custrack visit list --planned --format csv',
  ]);
}

export async function listRun(ctx: Context, opts: ListOptions): Promise<void> {
  const { rows, minutes } = await listVisits(await ctx.store(), {
    customer: opts.customer,
    by: opts.by,
    from: opts.from,
    to: opts.to,
    planned: opts.planned ? true : undefined,
  });
  await ctx.output.list(visitSpec(minutes), rows);
}
