import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { dateOption } from '../../cli/parsers.js';
import { fileApplication } from '../../app/applications.js';
import { textOption } from '../text.js';
import type { ISODate } from '../../core/dates.js';
import { applicationSpec } from '../../views/application.js';

export interface ApplyOptions {
  firstTxn?: ISODate;
  filed?: ISODate;
  by?: string;
  process?: string;
  evaluation?: string;
  support?: string;
}

export function applyCommand(app: App, run = applyRun): Command {
  const { t } = app;
  const cmd = new Command('apply')
    .description(t('cmd.apply'))
    .argument('<customer>', t('arg.customer'))
    .option('--first-txn <date>', t('opt.apply.first_txn'), dateOption('--first-txn'))
    .option('--filed <date>', t('opt.apply.filed'), dateOption('--filed'))
    .option('--by <name>', t('opt.apply.by'))
    .option('--process <text>', t('opt.apply.process'))
    .option('--evaluation <text>', t('opt.apply.evaluation'))
    .option('--support <text>', t('opt.apply.support'))
    .action(app.action(run));
  return examples(cmd, t, [
    'custrack apply 12 --process "展会结识，三次拜访后试单" --evaluation "采购稳定" --support "需要样品支持"',
    'custrack apply "苏州新源电子有限公司" --first-txn 2026-01-31 --filed 2026-02-27',
  ]);
}

export async function applyRun(ctx: Context, query: string, opts: ApplyOptions): Promise<void> {
  const application = await fileApplication(await ctx.store(true), query, {
    firstTxn: opts.firstTxn,
    filedOn: opts.filed ?? ctx.today,
    by: textOption('--by', opts.by),
    process: textOption('--process', opts.process),
    evaluation: textOption('--evaluation', opts.evaluation),
    support: textOption('--support', opts.support),
  });
  const { id } = application;
  if (application.on_time) ctx.output.note(ctx.t('apply.filed', { id, customer: application.customer, deadline: application.deadline }));
  else await ctx.output.warn(ctx.t('apply.late', { id, deadline: application.deadline, filed: application.filed_on }));
  await ctx.output.record(applicationSpec, application);
}
