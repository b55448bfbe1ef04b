import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { resolveCustomer } from '../../cli/resolve.js';
import { positiveIntOption } from '../../cli/parsers.js';
import { historySpec } from '../../views/history.js';

interface HistoryOptions {
  limit?: number;
  entity?: string;
}

export function historyCommand(app: App): Command {
  const { t } = app;
  const cmd = new Command('history')
    .description(t('cmd.history'))
    .argument('[customer]', t('arg.customer_optional'))
    .option('--limit <n>', t('opt.history.limit'), positiveIntOption('--limit', { min: 1 }))
    .option('--entity <entity>', t('opt.history.entity'))
    .action(app.action(historyRun));
  return examples(cmd, t, ['custrack history 12', 'custrack history --limit 50 --format csv > audit.csv']);
}

export async function historyRun(ctx: Context, query: string | undefined, opts: HistoryOptions): Promise<void> {
  const repos = await ctx.repos();
  const customerId = query === undefined ? undefined : resolveCustomer(repos.customers, query).id;
  const filter = { ...(customerId !== undefined ? { customerId } : {}), ...(opts.entity ? { entity: opts.entity } : {}), ...(opts.limit ? { limit: opts.limit } : {}) };
  await ctx.output.list(historySpec, repos.history.list(filter));
}
