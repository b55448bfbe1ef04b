import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { dateOption, idArgument } from '../../cli/parsers.js';
import { UsageError } from '../../errors.js';
import type { ISODate } from '../../core/dates.js';
import { decidePlan } from '../../app/visits.js';
import { visitSpec } from '../../views/visit.js';
import { textOption } from './fields.js';
import { decisionDate } from './approve.js';

export interface RejectOptions {
  by: string;
  reason: string;
  on?: ISODate;
}

export function rejectCommand(app: App, run = rejectRun): Command {
  const { t } = app;
  const cmd = new Command('reject')
    .description(t('cmd.visit.reject'))
    .argument('<plan-id>', t('arg.plan'))
    .requiredOption('--by <name>', t('opt.reject.by'))
    .requiredOption('--reason <text>', t('opt.reject.reason'))
    .option('--on <date>', t('opt.decide.on'), dateOption('--on'))
    .action(app.action(run));
  return examples(cmd, t, ['custrack visit reject 33 --by 刘经理 --reason "客户本周停产检修，改下周"']);
}

export async function rejectRun(ctx: Context, idText: string, opts: RejectOptions): Promise<void> {
  const id = idArgument('plan', idText);
  const by = textOption('--by', opts.by);
  if (by === null) throw new UsageError('err.missing_flag', { flag: '--by' });
  const reason = textOption('--reason', opts.reason);
  if (reason === null) throw new UsageError('err.missing_flag', { flag: '--reason' });
  const decision = { approval: 'rejected' as const, by, on: decisionDate(opts.on, ctx.today), note: reason };
  const { visit, minutes } = await decidePlan(await ctx.store(true), id, decision);
  ctx.output.note(ctx.t('visit.rejected', { id }));
  await ctx.output.record(visitSpec(minutes), visit);
}
