import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { choiceOption } from '../../cli/parsers.js';
import { capYoungGenerationWhileStreaming } from '../../cli/heap.js';
import { EXPORT_KINDS, exportTable, type ExportData, type ExportKind } from '../../app/export.js';
import { customerSpec } from '../../views/customer.js';
import { transactionSpec } from '../../views/transaction.js';
import { visitSpec } from '../../views/visit.js';
import { formSpec } from '../../views/form.js';
import { applicationSpec } from '../../views/application.js';

export function exportCommand(app: App, run = exportRun): Command {
  const { t } = app;
  const cmd = new Command('export')
    .description(t('cmd.export'))
    .argument('<kind>', t('arg.export_kind'), choiceOption('<kind>', EXPORT_KINDS))
    .action(app.action(run));
  return examples(cmd, t, [
    'custrack export customers --excel > 客户.csv',
    'custrack export transactions --format ndjson | gzip > txns.ndjson.gz',
  ]);
}

/** Every row, streamed: the output layer waits for stdout to drain, so memory stays flat. */
export async function exportRun(ctx: Context, kind: ExportKind): Promise<void> {
  // Streams far more rows than it holds: the young generation need not grow for it (src/cli/heap.ts).
  capYoungGenerationWhileStreaming();
  await exportTable(await ctx.store(), kind, ctx.today, (data) => writeExport(ctx, data));
}

async function writeExport(ctx: Context, data: ExportData): Promise<void> {
  const out = ctx.output;
  switch (data.kind) {
    case 'customers':
      await out.list(customerSpec, data.rows);
      return;
    case 'transactions':
      await out.list(transactionSpec, data.rows, data.packed);
      return;
    case 'visits':
      await out.list(visitSpec(data.minutes), data.rows);
      return;
    case 'forms':
      await out.list(formSpec, data.rows);
      return;
    case 'applications':
      await out.list(applicationSpec, data.rows);
      return;
  }
}
