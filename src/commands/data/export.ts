import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { choiceOption } from '../../cli/parsers.js';
import { customerSpec, withStatus, type PresentedCustomer } from '../../views/customer.js';
import { transactionSpec } from '../../views/transaction.js';
import { visitSpec } from '../../views/visit.js';
import { formSpec } from '../../views/form.js';
import { applicationSpec } from '../../views/application.js';
import { allTransactions, packedTransactions } from '../../db/sqlite/transactions.js';
import { capYoungGenerationWhileStreaming } from '../../cli/heap.js';
import { inReadSnapshot } from '../../db/sqlite/tx.js';
import type { Repos } from '../../db/sqlite/store.js';

const KINDS = ['customers', 'transactions', 'visits', 'forms', 'applications'] as const;
type ExportKind = (typeof KINDS)[number];

export function exportCommand(app: App): Command {
  const { t } = app;
  const cmd = new Command('export')
    .description(t('cmd.export'))
    .argument('<kind>', t('arg.export_kind'), choiceOption('<kind>', KINDS))
    .action(app.action(exportRun));
  return examples(cmd, t, ['custrack export customers --excel > 客户.csv', 'custrack export transactions --format ndjson | gzip > txns.ndjson.gz']);
}

/** Every row, streamed: the output layer waits for stdout to drain, so memory stays flat. */
export async function exportRun(ctx: Context, kind: ExportKind): Promise<void> {
  const repos = await ctx.repos();
  // One sequential pass: mapping the whole file into memory would only raise the peak, not speed it up,
  // and neither would a young generation grown past 16 MiB (src/cli/heap.ts).
  repos.db.pragma('mmap_size = 0');
  capYoungGenerationWhileStreaming();
  // Pages are separate queries: one snapshot keeps an import or a registration committed meanwhile
  // from showing up in half of them.
  await inReadSnapshot(repos.db, () => exportRows(ctx, repos, kind));
}

async function exportRows(ctx: Context, repos: Repos, kind: ExportKind): Promise<void> {
  const out = ctx.output;
  switch (kind) {
    case 'customers': {
      const asOf = ctx.today;
      const dormant = repos.settings.all()['target.dormant_months'];
      const rows = repos.customers.list({}, asOf);
      await out.list(customerSpec, (function* (): Generator<PresentedCustomer> {
        for (const row of rows) yield withStatus(row, asOf, dormant);
      })());
      return;
    }
    case 'transactions':
      await out.list(transactionSpec, allTransactions(repos.db), (columns) => packedTransactions(repos.db, columns));
      return;
    case 'visits':
      await out.list(visitSpec(repos.calendar.workCalendar(), repos.settings.all()['minutes.working_days']), repos.visits.list({}));
      return;
    case 'forms':
      await out.list(formSpec, repos.forms.list({}));
      return;
    case 'applications':
      await out.list(applicationSpec, repos.applications.list({}));
      return;
  }
}
