// `config holiday|workday add <date…>`: company days off and working days of the company's own, over the
// official calendar (docs/rules.md, rules 8 and 13).
import { Command } from 'commander';
import { examples, type App } from '../../../cli/command.js';
import type { Context } from '../../../cli/context.js';
import { calendarDates, editCalendar } from '../../../app/config.js';
import type { DayKind } from '../../../app/store.js';
import { calendarSpec } from '../../../views/setting.js';
import { explain, parseDates, sample } from './edits.js';

export function calendarAddCommand(app: App, kind: DayKind, run = calendarAddRun): Command {
  const { t } = app;
  const cmd = new Command('add')
    .description(t(`cmd.config.${kind}.add`))
    .argument('<date...>', t('arg.dates'))
    .option('--note <text>', t('opt.calendar.note'))
    .action(app.action((ctx: Context, dates: string[], opts: { note?: string }) => run(ctx, kind, dates, opts)));
  return examples(cmd, t, [`custrack config ${kind} add ${sample(kind)} --note ${kind === 'holiday' ? '公司年会' : '年终盘点'}`]);
}

export async function calendarAddRun(ctx: Context, kind: DayKind, dateTexts: string[], opts: { note?: string }): Promise<void> {
  const dates = parseDates(ctx, dateTexts);
  const store = await ctx.store(true);
  const changes = await editCalendar(store, 'add', kind, dates, opts.note?.trim() || null);
  await explain(ctx, kind, changes);
  ctx.output.note(ctx.t(`calendar.added_${kind}`, { count: dates.length }));
  await ctx.output.list(calendarSpec(ctx.lang), await calendarDates(store, dates));
}
