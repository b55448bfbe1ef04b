// What the report commands share: a title, then a table whose rows line up by display width, on a terminal;
// a note when the period is not over.
import type { Context } from '../../cli/context.js';
import type { ListSpec } from '../../cli/output.js';
import { periodOn, type ISODate } from '../../core/dates.js';

/**
 * A month or quarter not over yet counts what is recorded so far: people are told so on stderr. json and
 * ndjson are for programs, and stay as they are (their `to` says when the period ends).
 */
export function notePeriod(ctx: Context, period: { from: ISODate; to: ISODate }, what: 'month' | 'quarter', name: string): void {
  const stands = periodOn(period, ctx.today);
  if (stands === 'over' || ctx.output.format === 'json' || ctx.output.format === 'ndjson') return;
  ctx.output.note(ctx.t(`report.${what}_${stands}`, { [what]: name, today: ctx.today, to: period.to }));
}

/** A title line and a report table, for people (csv and tsv go through `Output.list`). */
export async function printReportTable<R>(ctx: Context, title: string, spec: ListSpec<R>, rows: R[]): Promise<void> {
  const { renderTable } = await import('../../cli/table.js');
  const c = await ctx.output.chalk();
  const out = ctx.runtime.streams.stdout;
  const columns = spec.columns.filter((col) => !col.wide);
  out.write(`${title}\n\n`);
  out.write(
    renderTable(
      columns.map((col) => ({ header: ctx.t(col.header), align: col.type === 'int' || col.type === 'number' ? 'right' : 'left' })),
      rows.map((r) => columns.map((col) => ({ text: ctx.output.display(col, r), tone: col.tone?.(r) }))),
      c,
    ),
  );
}
