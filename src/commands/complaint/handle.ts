import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { dateOption, idArgument } from '../../cli/parsers.js';
import type { ISODate } from '../../core/dates.js';
import { handle } from '../../app/complaints.js';
import { complaintSpec } from '../../views/complaint.js';
import { requiredText, stepDate } from './fields.js';

export interface HandleOptions {
  by: string;
  result: string;
  on?: ISODate;
}

export function handleCommand(app: App, run = handleRun): Command {
  const { t } = app;
  const cmd = new Command('handle')
    .description(t('cmd.complaint.handle'))
    .argument('<id>', t('arg.complaint'))
    .requiredOption('--by <name>', t('opt.complaint.handler'))
    .requiredOption('--result <text>', t('opt.complaint.result'))
    .option('--on <date>', t('opt.complaint.on'), dateOption('--on'))
    .action(app.action(run));
  return examples(cmd, t, ['custrack complaint handle 3 --by 李娜 --result "补发100箱并改用加厚纸箱，已电话告知客户"']);
}

export async function handleRun(ctx: Context, idText: string, opts: HandleOptions): Promise<void> {
  const id = idArgument('complaint', idText);
  const step = {
    by: requiredText('--by', opts.by),
    result: requiredText('--result', opts.result),
    on: stepDate('--on', opts.on, ctx.today),
  };
  const complaint = await handle(await ctx.store(true), id, step);
  ctx.output.note(ctx.t('complaint.handled', { id, on: step.on, followup: complaint.followup_due ?? '' }));
  if (complaint.on_time === 0) await ctx.output.warn(ctx.t('complaint.handled_late', { id, due: complaint.due }));
  await ctx.output.record(complaintSpec, complaint);
}
