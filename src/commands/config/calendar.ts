// `config holiday|workday add|remove|list`: the working-day calendar (docs/rules.md, rules 8 and 13). The official
// holidays and adjusted working days are built in; what the clerk adds or removes overrides them.
import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { dateOption, positiveIntOption } from '../../cli/parsers.js';
import type { ISODate } from '../../core/dates.js';
import { calendarDates, calendarListing, editCalendar, type CalendarChange } from '../../app/config.js';
import type { DayKind } from '../../app/store.js';
import { calendarSpec } from '../../views/setting.js';

export function calendarCommand(app: App, kind: DayKind): Command {
  return new Command(kind)
    .description(app.t(`cmd.config.${kind}`))
    .addCommand(calendarAddCommand(app, kind))
    .addCommand(calendarRemoveCommand(app, kind))
    .addCommand(calendarListCommand(app, kind));
}

/** A company day off, and a working Saturday of the company's own (neither is official). */
const sample = (kind: DayKind): string => (kind === 'holiday' ? '2026-12-31' : '2026-12-26');

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

/** What each date's edit meant, on stderr: official days, overridden ones, days that change nothing. */
async function explain(ctx: Context, kind: DayKind, changes: CalendarChange[]): Promise<void> {
  for (const { date, edit, before, official, pointless } of changes) {
    const name = official ? (ctx.lang === 'zh' ? official.name : official.nameEn) : '';
    if (edit.action === 'none') ctx.output.note(ctx.t(`calendar.already_official_${kind}`, { date, name }));
    else if (edit.action === 'delete' && official?.kind === kind) ctx.output.note(ctx.t(`calendar.official_again_${kind}`, { date, name }));
    else if (edit.action === 'put' && edit.day.kind === 'ordinary')
      ctx.output.note(ctx.t(`calendar.official_removed_${kind}`, { date, name }));
    else if (edit.action === 'put' && before && before.kind !== kind)
      await ctx.output.warn(ctx.t('calendar.replaced', { date, old: ctx.t(`calendar.${before.kind}`) }));
    // A holiday on a weekend or a working day on a weekday changes nothing; say so, it is likely a typo.
    if (pointless) await ctx.output.warn(ctx.t(`calendar.pointless_${kind}`, { date }));
  }
}

export function calendarListCommand(app: App, kind: DayKind, run = calendarListRun): Command {
  const { t } = app;
  const cmd = new Command('list')
    .description(t(`cmd.config.${kind}.list`))
    .option('--year <YYYY>', t('opt.calendar.year'), positiveIntOption('--year', { min: 1900, max: 9999 }))
    .action(app.action((ctx: Context, opts: { year?: number }) => run(ctx, kind, opts)));
  return examples(cmd, t, [`custrack config ${kind} list`, `custrack config ${kind} list --year 2025 --format csv`]);
}

/** The days of one year (default: the year of --as-of), official and configured, with where each comes from. */
export async function calendarListRun(ctx: Context, kind: DayKind, opts: { year?: number } = {}): Promise<void> {
  const year = String(opts.year ?? Number(ctx.today.slice(0, 4))).padStart(4, '0');
  const { days, builtinCovers } = await calendarListing(await ctx.store(), kind, { from: `${year}-01-01`, to: `${year}-12-31` });
  if (!builtinCovers) ctx.output.note(ctx.t('calendar.year_not_builtin', { year }));
  await ctx.output.list(calendarSpec(ctx.lang), days);
}
