import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { dateOption, idArgument } from '../../cli/parsers.js';
import { UsageError } from '../../errors.js';
import type { ISODate } from '../../core/dates.js';
import { approve } from '../../app/applications.js';
import { applicationSpec } from '../../views/application.js';

export function approveCommand(app: App, run = approveRun): Command {
  const { t } = app;
  const cmd = new Command('approve')
    .description(t('cmd.application.approve'))
    .argument('<id>', t('arg.application'))
    .requiredOption('--by <name>', t('opt.application.approver'))
    .option('--note <text>', t('opt.application.note'))
    .option('--on <date>', t('opt.application.on'), dateOption('--on'))
    .action(app.action(run));
  return examples(cmd, t, ['custrack application approve 3 --by 刘总 --note "同意认定"']);
}

export async function approveRun(ctx: Context, idText: string, opts: { by: string; note?: string; on?: ISODate }): Promise<void> {
  const id = idArgument('application', idText);
  if (!opts.by.trim()) throw new UsageError('err.missing_flag', { flag: '--by' });
  const application = await approve(await ctx.store(true), id, {
    by: opts.by.trim(),
    on: opts.on ?? ctx.today,
    note: opts.note?.trim() || null,
  });
  ctx.output.note(ctx.t('application.recognized', { id }));
  await ctx.output.record(applicationSpec, application);
}
