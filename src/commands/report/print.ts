// What the report commands share on a terminal: a title, then a table whose rows line up by display width.
import type { Context } from '../../cli/context.js';
import type { ListSpec } from '../../cli/output.js';

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
