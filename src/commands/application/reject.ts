import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { dateOption, idArgument } from '../../cli/parsers.js';
import { UsageError } from '../../errors.js';
import type { ISODate } from '../../core/dates.js';
import { reject } from '../../app/applications.js';
import { applicationSpec } from '../../views/application.js';

export function rejectCommand(app: App, run = rejectRun): Command {
  const { t } = app;
  const cmd = new Command('reject')
    .description(t('cmd.application.reject'))
    .argument('<id>', t('arg.application'))
    .requiredOption('--reason <text>', t('opt.application.reason'))
    .option('--by <name>', t('opt.application.decider'))
    .option('--on <date>', t('opt.application.on'), dateOption('--on'))
    .action(app.action(run));
  return examples(cmd, t, ['custrack application reject 3 --reason "客户为集团子公司，已有交易"']);
}

export async function rejectRun(ctx: Context, idText: string, opts: { reason: string; by?: string; on?: ISODate }): Promise<void> {
  const id = idArgument('application', idText);
  const reason = opts.reason.trim();
  if (!reason) throw new UsageError('err.missing_flag', { flag: '--reason' });
  const application = await reject(await ctx.store(true), id, { reason, by: opts.by?.trim() || ctx.user, on: opts.on ?? ctx.today });
  ctx.output.note(ctx.t('application.rejected', { id }));
  await ctx.output.record(applicationSpec, application);
}
