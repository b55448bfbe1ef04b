// `config holiday|workday list [--year]`: the days of a year, official and configured, with where each comes from.
import { Command } from 'commander';
import { examples, type App } from '../../../cli/command.js';
import type { Context } from '../../../cli/context.js';
import { positiveIntOption } from '../../../cli/parsers.js';
import { calendarListing } from '../../../app/config.js';
import type { DayKind } from '../../../app/store.js';
import { calendarSpec } from '../../../views/setting.js';

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
