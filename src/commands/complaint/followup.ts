import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { dateOption, idArgument } from '../../cli/parsers.js';
import { UsageError } from '../../errors.js';
import { FOLLOWUP_OUTCOMES, parseOutcome } from '../../core/complaints.js';
import type { ISODate } from '../../core/dates.js';
import { followUp } from '../../app/complaints.js';
import { complaintSpec } from '../../views/complaint.js';
import { stepDate, textOption } from './fields.js';

export interface FollowupOptions {
  outcome: string;
  on?: ISODate;
  note?: string;
}

export function followupCommand(app: App, run = followupRun): Command {
  const { t } = app;
  const cmd = new Command('followup')
    .description(t('cmd.complaint.followup'))
    .argument('<id>', t('arg.complaint'))
    .requiredOption('--outcome <outcome>', t('opt.complaint.outcome'))
    .option('--on <date>', t('opt.complaint.on'), dateOption('--on'))
    .option('--note <text>', t('opt.complaint.note'))
    .action(app.action(run));
  return examples(cmd, t, [
    'custrack complaint followup 3 --outcome satisfied --note "新包装无破损"',
    'custrack complaint followup 4 --outcome 不满意 --on 2026-11-20 --note "补发数量不足"',
  ]);
}

export async function followupRun(ctx: Context, idText: string, opts: FollowupOptions): Promise<void> {
  const id = idArgument('complaint', idText);
  const outcome = parseOutcome(opts.outcome);
  if (!outcome) throw new UsageError('err.bad_choice', { option: '--outcome', value: opts.outcome, choices: FOLLOWUP_OUTCOMES.join(', ') });
  const step = { outcome, on: stepDate('--on', opts.on, ctx.today), note: textOption('--note', opts.note) };
  const complaint = await followUp(await ctx.store(true), id, step);
  ctx.output.note(
    outcome === 'satisfied'
      ? ctx.t('complaint.satisfied', { id, on: step.on })
      : ctx.t('complaint.unsatisfied', { id, due: complaint.due }),
  );
  await ctx.output.record(complaintSpec, complaint);
}
