import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import type { ListSpec } from '../../cli/output.js';
import { dateOption } from '../../cli/parsers.js';
import type { ISODate } from '../../core/dates.js';
import type { SheetRow } from '../../app/store.js';
import { visitSheet } from '../../app/visits.js';
import { approvalColumns, visitJson } from '../../views/visit.js';

/** The sheet's columns; with plan approval on (rule 15), each plan's approval too, so that pending plans stand out. */
const sheetSpec = (planApproval: boolean): ListSpec<SheetRow> => ({
  columns: [
    { header: 'col.by', value: (v) => v.salesperson },
    { header: 'col.id', type: 'int', value: (v) => v.id },
    { header: 'col.customer', value: (v) => v.customer, maxWidth: 30 },
    { header: 'col.method', type: 'code', value: (v) => v.method, label: (v, t) => t(`method.${v.method}`) },
    { header: 'col.purpose', value: (v) => v.purpose, maxWidth: 24 },
    { header: 'col.location', value: (v) => v.location ?? v.address, maxWidth: 24 },
    { header: 'col.contact', value: (v) => v.contact },
    { header: 'col.phone', value: (v) => v.phone },
    { header: 'col.done', type: 'bool', value: (v) => v.done === 1, tone: (v) => (v.done === 1 ? 'green' : undefined) },
    ...approvalColumns<SheetRow>(planApproval),
  ],
  json: (v) => ({ ...visitJson(v, null, planApproval), contact: v.contact, phone: v.phone }),
  count: 'summary.visits',
  empty: 'empty.sheet',
});

export function sheetCommand(app: App, run = sheetRun): Command {
  const { t } = app;
  const cmd = new Command('sheet')
    .description(t('cmd.visit.sheet'))
    .option('--date <date>', t('opt.sheet.date'), dateOption('--date'))
    .option('--by <salesperson>', t('opt.sheet.by'))
    .action(app.action(run));
  return examples(cmd, t, ['custrack visit sheet', 'custrack visit sheet --date 2026-11-25 --excel > 业务去向表.csv']);
}

export async function sheetRun(ctx: Context, opts: { date?: ISODate; by?: string }): Promise<void> {
  const date = opts.date ?? ctx.today;
  const { rows, planApproval, newSalesperson } = await visitSheet(await ctx.store(), date, opts.by);
  if (newSalesperson) await ctx.output.warn(ctx.t('owner.new_salesperson', { name: newSalesperson }));
  if (ctx.output.format === 'table') ctx.output.note(ctx.t('sheet.title', { date }));
  await ctx.output.groupedList(sheetSpec(planApproval), rows, (v) => v.salesperson ?? ctx.t('word.unassigned'), ['col.by']);
  const pending = planApproval ? rows.filter((v) => v.planned === 1 && v.approval === 'pending').length : 0;
  if (pending > 0 && ctx.output.format === 'table') await ctx.output.warn(ctx.t('sheet.pending', { count: pending }));
}
