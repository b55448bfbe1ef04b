import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { dateOption, idArgument } from '../../cli/parsers.js';
import { ConflictError, NotFoundError, UsageError } from '../../errors.js';
import type { ISODate } from '../../core/dates.js';
import { minutesDue, visitSpec } from '../../views/visit.js';

export function minutesCommand(app: App): Command {
  const { t } = app;
  const cmd = new Command('minutes')
    .description(t('cmd.visit.minutes'))
    .argument('<visit-id>', t('arg.visit'))
    .requiredOption('--text <text>', t('opt.minutes.text'))
    .option('--on <date>', t('opt.minutes.on'), dateOption('--on'))
    .action(app.action(minutesRun));
  return examples(cmd, t, ['custrack visit minutes 31 --text "双方确认年度框架协议条款，报价有效期至月底。"']);
}

export async function minutesRun(ctx: Context, idText: string, opts: { text: string; on?: ISODate }): Promise<void> {
  const id = idArgument('visit', idText);
  const text = opts.text.trim();
  if (!text) throw new UsageError('err.missing_flag', { flag: '--text' });
  const on = opts.on ?? ctx.today;
  const visit = await ctx.write((repos) => {
    const visit = repos.visits.byId(id);
    if (!visit) throw new NotFoundError('visit.not_found', { id });
    if (visit.method !== 'in-person') throw new UsageError('visit.minutes_not_in_person', { id, method: visit.method });
    if (visit.done !== 1) throw new ConflictError('visit.minutes_not_done', { id });
    if (on < visit.date) throw new UsageError('visit.minutes_before', { on, date: visit.date });
    repos.visits.recordMinutes(id, text, on);
    return visit;
  });
  const repos = await ctx.repos();
  const calendar = repos.calendar.workCalendar();
  const days = repos.settings.all()['minutes.working_days'];
  const due = minutesDue(visit, calendar, days);
  if (visit.minutes_on) await ctx.output.warn(ctx.t('visit.minutes_replaced', { id, date: visit.minutes_on }));
  if (due && on > due) await ctx.output.warn(ctx.t('visit.minutes_late', { id, due }));
  ctx.output.note(ctx.t('visit.minutes_recorded', { id, on }));
  await ctx.output.record(visitSpec(calendar, days), repos.visits.byId(id)!);
}
