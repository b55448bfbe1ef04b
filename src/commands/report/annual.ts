import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { PROGRAM_ID } from '../../version.js';
import type { Figure } from '../../core/monthly.js';
import type { AnnualReport } from '../../core/annual.js';
import { annualReport } from '../../app/annual-report.js';
import { reportSheet } from '../../cli/output.js';
import { annualJson, figuresSpec, monthRows, monthsSpec, reportRows } from '../../views/report.js';
import { printReportTable } from './print.js';

/** The figures the year at a glance shows month by month (the year per owner shows them all). */
export const ANNUAL_GRID_FIGURES: readonly Figure[] = ['new_customers', 'visits', 'forms_returned', 'overdue_at_month_end'];

export function annualCommand(app: App, run = annualRun): Command {
  const { t } = app;
  const cmd = new Command('annual')
    .description(t('cmd.report.annual'))
    .option('--year <YYYY>', t('opt.report.year'))
    .action(app.action(run));
  return examples(cmd, t, [
    'custrack report annual',
    'custrack report annual --year 2025 --excel > 2025年报.csv',
    'custrack report annual --year 2025 --format json | jq .totals',
  ]);
}

/** The year's totals per owner (csv, tsv: that table only); on a terminal also the year at a glance, owners down and months across. */
export async function annualRun(ctx: Context, opts: { year?: string }): Promise<void> {
  const { report, partial } = await annualReport(await ctx.store(), { year: opts.year, today: ctx.today, program: PROGRAM_ID });
  if (partial) ctx.output.note(ctx.t('report.annual_partial', { year: report.year, today: ctx.today, month: report.months.at(-1)!.month }));
  const spec = figuresSpec(ctx.t);
  const rows = reportRows(report.totalsByOwner, report.totals);
  await ctx.output.object(annualJson(report), async () => {
    if (ctx.output.format !== 'table') {
      // xlsx: the year per owner and each month per owner, a sheet each; csv and tsv: the first, and a note of the other.
      await ctx.output.workbook([
        reportSheet('report.annual_totals', spec, rows),
        reportSheet('report.section_months', monthsSpec(ctx.t), monthRows(report)),
      ]);
      return;
    }
    const title = ctx.t('report.annual_title', { year: report.year, from: report.from, to: report.to });
    await printReportTable(ctx, `${title}\n${ctx.t('report.annual_totals')}`, spec, rows);
    for (const figure of ANNUAL_GRID_FIGURES) await printGrid(ctx, report, figure);
  });
}

/** One figure, owners down and months across, with the year's total last. */
async function printGrid(ctx: Context, report: AnnualReport, figure: Figure): Promise<void> {
  const { renderTable } = await import('../../cli/table.js');
  const c = await ctx.output.chalk();
  const monthName = new Intl.DateTimeFormat(ctx.lang === 'zh' ? 'zh-CN' : 'en-US', { month: 'short', timeZone: 'UTC' });
  const months = report.months.map((m) => monthName.format(new Date(`${m.month}-01T00:00:00Z`)));
  const owners = report.totalsByOwner.map((o) => o.owner);
  const cell = (value: number | undefined, bold: boolean) => ({ text: String(value ?? 0), tone: bold ? ('bold' as const) : undefined });
  const rows = [
    ...owners.map((owner, i) => [
      { text: owner ?? ctx.t('word.unassigned') },
      ...report.months.map((m) => cell(m.byOwner.find((o) => o.owner === owner)?.[figure], false)),
      cell(report.totalsByOwner[i]![figure], true),
    ]),
    [
      { text: ctx.t('report.total'), tone: 'bold' as const },
      ...report.months.map((m) => cell(m.totals[figure], true)),
      cell(report.totals[figure], true),
    ],
  ];
  const out = ctx.runtime.streams.stdout;
  out.write(`\n${c.bold(ctx.t('report.annual_grid', { figure: ctx.t(`report.${figure}`) }))}\n`);
  out.write(
    renderTable(
      [
        { header: ctx.t('col.owner'), align: 'left' },
        ...months.map((header) => ({ header, align: 'right' as const })),
        { header: ctx.t('report.year'), align: 'right' },
      ],
      rows,
      c,
    ),
  );
}
