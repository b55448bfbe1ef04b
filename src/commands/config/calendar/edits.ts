// What `config holiday|workday add` and `remove` share: the sample dates of their help, the dates as typed, and
// what each edit meant (docs/rules.md, rules 8 and 13).
import type { Context } from '../../../cli/context.js';
import { dateOption } from '../../../cli/parsers.js';
import type { ISODate } from '../../../core/dates.js';
import type { CalendarChange } from '../../../app/config.js';
import type { DayKind } from '../../../app/store.js';

/** A company day off, and a working Saturday of the company's own (neither is official). */
export const sample = (kind: DayKind): string => (kind === 'holiday' ? '2026-12-31' : '2026-12-26');

export function parseDates(ctx: Context, dates: string[]): ISODate[] {
  return dates.map((d) => (d.trim() === 'today' ? ctx.today : dateOption('<date>')(d)));
}

/** What each date's edit meant, on stderr: official days, overridden ones, days that change nothing. */
export async function explain(ctx: Context, kind: DayKind, changes: CalendarChange[]): Promise<void> {
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
