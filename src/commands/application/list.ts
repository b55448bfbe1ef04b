import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { choiceOption, dateOption } from '../../cli/parsers.js';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../core/applications.js';
import type { ISODate } from '../../core/dates.js';
import { listApplications } from '../../app/applications.js';
import { applicationSpec } from '../../views/application.js';

export interface ListOptions {
  status?: ApplicationStatus;
  customer?: string;
  by?: string;
  from?: ISODate;
  to?: ISODate;
}

export function listCommand(app: App, run = listRun): Command {
  const { t } = app;
  const cmd = new Command('list')
    .description(t('cmd.application.list'))
    .option('--status <status>', t('opt.application.status'), choiceOption('--status', APPLICATION_STATUSES))
    .option('--customer <customer>', t('opt.filter.customer'))
    .option('--by <name>', t('opt.application.by'))
    .option('--from <date>', t('opt.filter.from'), dateOption('--from'))
    .option('--to <date>', t('opt.filter.to'), dateOption('--to'))
    .action(app.action(run));
  return examples(cmd, t, [
    'custrack application list --status filed',
    'custrack application list --from 2026-11-01 --to 2026-11-30 --format csv',
  ]);
}

export async function listRun(ctx: Context, opts: ListOptions): Promise<void> {
  await ctx.output.list(applicationSpec, await listApplications(await ctx.store(), opts));
}
