// `config holiday|workday remove <date…>`: a configured day taken back, or an official one overridden.
import { Command } from 'commander';
import { examples, type App } from '../../../cli/command.js';
import type { Context } from '../../../cli/context.js';
import { editCalendar } from '../../../app/config.js';
import type { DayKind } from '../../../app/store.js';
import { explain, parseDates, sample } from './edits.js';

export function calendarRemoveCommand(app: App, kind: DayKind, run = calendarRemoveRun): Command {
  const { t } = app;
  const cmd = new Command('remove')
    .description(t(`cmd.config.${kind}.remove`))
    .argument('<date...>', t('arg.dates'))
    .action(app.action((ctx: Context, dates: string[]) => run(ctx, kind, dates)));
  return examples(cmd, t, [
    `custrack config ${kind} remove ${sample(kind)}`,
    `custrack config ${kind} remove ${kind === 'holiday' ? '2026-10-07' : '2026-10-10'}`,
  ]);
}

export async function calendarRemoveRun(ctx: Context, kind: DayKind, dateTexts: string[]): Promise<void> {
  const dates = parseDates(ctx, dateTexts);
  await explain(ctx, kind, await editCalendar(await ctx.store(true), 'remove', kind, dates));
  ctx.output.note(ctx.t(`calendar.removed_${kind}`, { count: dates.length }));
}
