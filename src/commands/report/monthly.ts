import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { reportSheet, type Column, type ListSpec, type ReportSheet } from '../../cli/output.js';
import type { Translator } from '../../i18n/index.js';
import { monthRange } from '../../core/dates.js';
import { notePeriod } from './print.js';
import { PROGRAM_ID } from '../../version.js';
import { FIGURES, type MonthlyReport, type OwnerFigures } from '../../core/monthly.js';
import { monthlyReport } from '../../app/monthly-report.js';
import { quarterlyCommand } from './quarterly.js';
import { annualCommand } from './annual.js';

export function reportCommand(app: App, run = monthlyRun): Command {
  const { t } = app;
  const monthly = examples(
    new Command('monthly').description(t('cmd.report.monthly')).option('--month <YYYY-MM>', t('opt.report.month')).action(app.action(run)),
    t,
    [
      'custrack report monthly',
      'custrack report monthly --month 2026-10 --excel > 2026-10月报.csv',
      'custrack report monthly --format json | jq .totals',
    ],
  );
  return new Command('report')
    .description(t('cmd.report'))
    .addCommand(monthly)
    .addCommand(quarterlyCommand(app))
    .addCommand(annualCommand(app));
}

type Row = OwnerFigures & { total?: boolean };

export function reportJson(r: MonthlyReport): Record<string, unknown> {
  return {
    month: r.month,
    from: r.from,
    to: r.to,
    by_owner: r.byOwner.map((o) => ({ owner: o.owner, ...Object.fromEntries(FIGURES.map((f) => [f, o[f]])) })),
    totals: Object.fromEntries(FIGURES.map((f) => [f, r.totals[f]])),
    feedback: { sent: r.feedback.sent, returned: r.feedback.returned, return_rate: r.feedback.returnRate, ratings: r.feedback.ratings },
    grades: r.grades,
  };
}

export async function monthlyRun(ctx: Context, opts: { month?: string }): Promise<void> {
  const report = await monthlyReport(await ctx.store(), { month: opts.month, today: ctx.today, program: PROGRAM_ID });
  const { month } = report;
  const range = monthRange(month)!;
  notePeriod(ctx, range, 'month', month);
  const unassigned = ctx.t('word.unassigned');
  const columns: Column<Row>[] = [
    {
      header: 'col.owner',
      value: (r) => (r.total ? ctx.t('report.total') : (r.owner ?? unassigned)),
      tone: (r) => (r.total ? 'bold' : undefined),
    },
    ...FIGURES.map(
      (f): Column<Row> => ({ header: `report.${f}`, type: 'int', value: (r) => r[f], tone: (r) => (r.total ? 'bold' : undefined) }),
    ),
  ];
  const spec: ListSpec<Row> = { columns, json: (r) => r, count: 'summary.items', empty: 'empty.items' };
  const rows: Row[] = [...report.byOwner, { owner: null, ...report.totals, total: true }];
  await ctx.output.object(reportJson(report), async () => {
    if (ctx.output.format !== 'table') {
      // xlsx: a sheet per section; csv and tsv: the main table, and a note of what only json and xlsx carry.
      await ctx.output.workbook(reportSheets(report, spec, rows, ctx.t));
      return;
    }
    const out = ctx.output.stdout;
    out.write(`${ctx.t('report.title', { month, from: range.from, to: range.to })}\n\n`);
    const { renderBars, renderSections, renderTable } = await import('../../cli/table.js');
    const c = await ctx.output.chalk();
    out.write(
      renderTable(
        columns.map((col) => ({ header: ctx.t(col.header), align: col.type === 'int' ? 'right' : 'left' })),
        rows.map((r) => columns.map((col) => ({ text: ctx.output.display(col, r), tone: col.tone?.(r) }))),
        c,
      ),
    );
    const rate = `${(report.feedback.returnRate * 100).toFixed(1)}%`;
    out.write(
      `\n${renderSections(
        [
          {
            title: ctx.t('report.feedback'),
            lines: [
              [ctx.t('report.forms_sent'), String(report.feedback.sent)],
              [ctx.t('report.forms_returned'), String(report.feedback.returned)],
              [ctx.t('report.return_rate'), rate],
              ...Object.entries(report.feedback.ratings).map(([k, v]): [string, string] => [
                k,
                ctx.t('report.rating', { average: v.average.toFixed(2), count: v.count }),
              ]),
            ],
          },
          { title: ctx.t('report.grades'), lines: (['A', 'B', 'C'] as const).map((g): [string, string] => [g, String(report.grades[g])]) },
        ],
        c,
      )}`,
    );
    const people = report.byOwner.map((o) => o.owner ?? unassigned);
    if (people.length > 0) {
      out.write(
        `\n${renderBars(
          ctx.t('report.chart_visits'),
          report.byOwner.map((o, i) => ({ label: people[i]!, value: o.visits })),
          c,
        )}`,
      );
      out.write(
        `\n${renderBars(
          ctx.t('report.chart_new'),
          report.byOwner.map((o, i) => ({ label: people[i]!, value: o.new_customers_by_rule })),
          c,
        )}`,
      );
    }
  });
}

type Item = { item: string; value: number };
type Rating = { indicator: string; count: number; average: number };
type GradeCount = { grade: string; customers: number };

/** The workbook of a month (docs/rules.md, "Output"): figures per salesperson, feedback, ratings, grades. */
function reportSheets(report: MonthlyReport, spec: ListSpec<Row>, rows: Row[], t: Translator): ReportSheet[] {
  const { feedback } = report;
  const plain = { count: 'summary.items', empty: 'empty.items' } as const;
  const items: ListSpec<Item> = {
    columns: [
      { header: 'col.item', value: (r) => r.item },
      { header: 'col.value', type: 'number', value: (r) => r.value },
    ],
    json: (r) => r,
    ...plain,
  };
  const ratings: ListSpec<Rating> = {
    columns: [
      { header: 'col.indicator', value: (r) => r.indicator },
      { header: 'col.forms', type: 'int', value: (r) => r.count },
      { header: 'col.average', type: 'number', value: (r) => r.average },
    ],
    json: (r) => r,
    ...plain,
  };
  const grades: ListSpec<GradeCount> = {
    columns: [
      { header: 'col.grade', type: 'code', value: (r) => r.grade },
      { header: 'col.customers', type: 'int', value: (r) => r.customers },
    ],
    json: (r) => r,
    ...plain,
  };
  return [
    reportSheet('sheet.report.by_owner', spec, rows),
    reportSheet('sheet.report.feedback', items, [
      { item: t('report.forms_sent'), value: feedback.sent },
      { item: t('report.forms_returned'), value: feedback.returned },
      { item: t('report.return_rate'), value: feedback.returnRate },
    ]),
    reportSheet(
      'sheet.report.ratings',
      ratings,
      Object.entries(feedback.ratings).map(([indicator, r]) => ({ indicator, count: r.count, average: r.average })),
    ),
    reportSheet(
      'sheet.report.grades',
      grades,
      (['A', 'B', 'C'] as const).map((grade) => ({ grade, customers: report.grades[grade] })),
    ),
  ];
}
