import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { dateOption, idArgument } from '../../cli/parsers.js';
import { UsageError } from '../../errors.js';
import { recordMinutes } from '../../app/visits.js';
import type { ISODate } from '../../core/dates.js';
import { minutesDue, visitSpec } from '../../views/visit.js';

export function minutesCommand(app: App, run = minutesRun): Command {
  const { t } = app;
  const cmd = new Command('minutes')
    .description(t('cmd.visit.minutes'))
    .argument('<visit-id>', t('arg.visit'))
    .requiredOption('--text <text>', t('opt.minutes.text'))
    .option('--on <date>', t('opt.minutes.on'), dateOption('--on'))
    .action(app.action(run));
  return examples(cmd, t, ['custrack visit minutes 31 --text "双方确认年度框架协议条款，报价有效期至月底。"']);
}

export async function minutesRun(ctx: Context, idText: string, opts: { text: string; on?: ISODate }): Promise<void> {
  const id = idArgument('visit', idText);
  const text = opts.text.trim();
  if (!text) throw new UsageError('err.missing_flag', { flag: '--text' });
  const on = opts.on ?? ctx.today;
  const { visit, minutes, before } = await recordMinutes(await ctx.store(true), id, text, on);
  const due = minutesDue(visit, minutes);
  if (before.minutes_on) await ctx.output.warn(ctx.t('visit.minutes_replaced', { id, date: before.minutes_on }));
  if (due && on > due) await ctx.output.warn(ctx.t('visit.minutes_late', { id, due }));
  ctx.output.note(ctx.t('visit.minutes_recorded', { id, on }));
  await ctx.output.record(visitSpec(minutes), visit);
}
