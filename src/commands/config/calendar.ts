// `config holiday|workday add|remove|list`: the working-day calendar (docs/rules.md, rule 8).
import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { dateOption } from '../../cli/parsers.js';
import { weekday, type ISODate } from '../../core/dates.js';
import { addCalendarDays, calendarDays, removeCalendarDays } from '../../app/config.js';
import type { DayKind } from '../../app/store.js';
import { calendarSpec } from '../../views/setting.js';

export function calendarCommand(app: App, kind: DayKind): Command {
  return new Command(kind)
    .description(app.t(`cmd.config.${kind}`))
    .addCommand(calendarAddCommand(app, kind))
    .addCommand(calendarRemoveCommand(app, kind))
    .addCommand(calendarListCommand(app, kind));
}

const sample = (kind: DayKind): string => (kind === 'holiday' ? '2026-10-01' : '2026-10-10');

function parseDates(ctx: Context, dates: string[]): ISODate[] {
  return dates.map((d) => (d.trim() === 'today' ? ctx.today : dateOption('<date>')(d)));
}

export function calendarAddCommand(app: App, kind: DayKind, run = calendarAddRun): Command {
  const { t } = app;
  const cmd = new Command('add')
    .description(t(`cmd.config.${kind}.add`))
    .argument('<date...>', t('arg.dates'))
    .option('--note <text>', t('opt.calendar.note'))
    .action(app.action((ctx: Context, dates: string[], opts: { note?: string }) => run(ctx, kind, dates, opts)));
  return examples(cmd, t, [`custrack config ${kind} add ${sample(kind)} --note ${kind === 'holiday' ? '国庆节' : '国庆调休'}`]);
}

export async function calendarAddRun(ctx: Context, kind: DayKind, dateTexts: string[], opts: { note?: string }): Promise<void> {
  const dates = parseDates(ctx, dateTexts);
  const { replaced, days } = await addCalendarDays(await ctx.store(true), kind, dates, opts.note?.trim() || null);
  for (const [i, date] of dates.entries()) {
    const weekend = weekday(date) === 0 || weekday(date) === 6;
    // A holiday on a weekend or a working day on a weekday changes nothing; say so, it is likely a typo.
    if ((kind === 'holiday' && weekend) || (kind === 'workday' && !weekend))
      await ctx.output.warn(ctx.t(`calendar.pointless_${kind}`, { date }));
    const before = replaced[i];
    if (before && before.kind !== kind) await ctx.output.warn(ctx.t('calendar.replaced', { date, old: ctx.t(`calendar.${before.kind}`) }));
  }
  ctx.output.note(ctx.t(`calendar.added_${kind}`, { count: dates.length }));
  await ctx.output.list(calendarSpec, days);
}

export function calendarRemoveCommand(app: App, kind: DayKind, run = calendarRemoveRun): Command {
  const { t } = app;
  const cmd = new Command('remove')
    .description(t(`cmd.config.${kind}.remove`))
    .argument('<date...>', t('arg.dates'))
    .action(app.action((ctx: Context, dates: string[]) => run(ctx, kind, dates)));
  return examples(cmd, t, [`custrack config ${kind} remove ${sample(kind)}`]);
}

export async function calendarRemoveRun(ctx: Context, kind: DayKind, dateTexts: string[]): Promise<void> {
  const dates = parseDates(ctx, dateTexts);
  await removeCalendarDays(await ctx.store(true), kind, dates);
  ctx.output.note(ctx.t(`calendar.removed_${kind}`, { count: dates.length }));
}

export function calendarListCommand(app: App, kind: DayKind, run = calendarListRun): Command {
  const { t } = app;
  const cmd = new Command('list').description(t(`cmd.config.${kind}.list`)).action(app.action((ctx: Context) => run(ctx, kind)));
  return examples(cmd, t, [`custrack config ${kind} list`]);
}

export async function calendarListRun(ctx: Context, kind: DayKind): Promise<void> {
  await ctx.output.list(calendarSpec, await calendarDays(await ctx.store(), kind));
}
