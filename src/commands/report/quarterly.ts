import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { quarterlyReport } from '../../app/quarterly-report.js';
import { reportSheet } from '../../cli/output.js';
import { quarterlyJson, quarterlySpec, reportRows } from '../../views/report.js';
import { notePeriod, printReportTable } from './print.js';

export function quarterlyCommand(app: App, run = quarterlyRun): Command {
  const { t } = app;
  const cmd = new Command('quarterly')
    .description(t('cmd.report.quarterly'))
    .option('--quarter <YYYY-Qn>', t('opt.report.quarter'))
    .action(app.action(run));
  return examples(cmd, t, [
    'custrack report quarterly',
    'custrack report quarterly --quarter 2026-Q3 --excel > 2026Q3客服考核.csv',
    'custrack report quarterly --format json | jq .totals',
  ]);
}

/** The service assessment per owner and in total; csv and tsv carry the same table as the terminal, which is the whole report. */
export async function quarterlyRun(ctx: Context, opts: { quarter?: string }): Promise<void> {
  const report = await quarterlyReport(await ctx.store(), { quarter: opts.quarter, today: ctx.today });
  notePeriod(ctx, report, 'quarter', report.quarter);
  const spec = quarterlySpec(ctx.t);
  const rows = reportRows(report.byOwner, report.totals);
  await ctx.output.object(quarterlyJson(report), async () => {
    if (ctx.output.format !== 'table') {
      // One section: csv and tsv are that table, xlsx one sheet named after it.
      await ctx.output.workbook([reportSheet('report.quarterly_sheet', spec, rows)]);
      return;
    }
    const title = ctx.t('report.quarterly_title', { quarter: report.quarter, from: report.from, to: report.to });
    await printReportTable(ctx, title, spec, rows);
  });
}
