import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { dateOption, idArgument } from '../../cli/parsers.js';
import { UsageError } from '../../errors.js';
import { completePlan } from '../../app/visits.js';
import type { ISODate } from '../../core/dates.js';
import { nextAfter, textOption } from './fields.js';
import { visitSpec } from '../../views/visit.js';

interface DoneOptions {
  date?: ISODate;
  summary?: string;
  next?: ISODate;
}

export function doneCommand(app: App, run = doneRun): Command {
  const { t } = app;
  const cmd = new Command('done')
    .description(t('cmd.visit.done'))
    .argument('<plan-id>', t('arg.plan'))
    .option('--date <date>', t('opt.done.date'), dateOption('--date'))
    .option('--summary <text>', t('opt.visit.summary'))
    .option('--next <date>', t('opt.visit.next'), dateOption('--next'))
    .action(app.action(run));
  return examples(cmd, t, ['custrack visit done 31 --summary "送样完成，下周报价" --next 2026-12-01']);
}

export async function doneRun(ctx: Context, idText: string, opts: DoneOptions): Promise<void> {
  const id = idArgument('plan', idText);
  const date = opts.date ?? ctx.today;
  if (date > ctx.today) throw new UsageError('visit.future', { date, today: ctx.today });
  const summary = textOption('--summary', opts.summary);
  const next = nextAfter(date, opts.next);
  const { visit, minutes } = await completePlan(await ctx.store(true), id, { date, summary, next });
  ctx.output.note(ctx.t('visit.completed', { id, date }));
  await ctx.output.record(visitSpec(minutes), visit);
}
