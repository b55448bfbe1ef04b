import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { dateOption, idArgument } from '../../cli/parsers.js';
import { UsageError } from '../../errors.js';
import type { ISODate } from '../../core/dates.js';
import { decidePlan } from '../../app/visits.js';
import { visitSpec } from '../../views/visit.js';
import { textOption } from './fields.js';

export interface ApproveOptions {
  by: string;
  note?: string;
  on?: ISODate;
}

export function approveCommand(app: App, run = approveRun): Command {
  const { t } = app;
  const cmd = new Command('approve')
    .description(t('cmd.visit.approve'))
    .argument('<plan-id>', t('arg.plan'))
    .requiredOption('--by <name>', t('opt.approve.by'))
    .option('--note <text>', t('opt.approve.note'))
    .option('--on <date>', t('opt.decide.on'), dateOption('--on'))
    .action(app.action(run));
  return examples(cmd, t, ['custrack visit approve 31 --by 刘经理', 'custrack visit approve 32 --by 刘经理 --note "带上新品目录"']);
}

/** A decision's date: today or earlier (a manager decides on the day, or the clerk records it later). */
export function decisionDate(on: ISODate | undefined, today: ISODate): ISODate {
  const date = on ?? today;
  if (date > today) throw new UsageError('visit.decided_future', { date, today });
  return date;
}

export async function approveRun(ctx: Context, idText: string, opts: ApproveOptions): Promise<void> {
  const id = idArgument('plan', idText);
  const by = textOption('--by', opts.by);
  if (by === null) throw new UsageError('err.missing_flag', { flag: '--by' });
  const decision = { approval: 'approved' as const, by, on: decisionDate(opts.on, ctx.today), note: textOption('--note', opts.note) };
  const { visit, minutes } = await decidePlan(await ctx.store(true), id, decision);
  ctx.output.note(ctx.t('visit.approved', { id }));
  await ctx.output.record(visitSpec(minutes), visit);
}
