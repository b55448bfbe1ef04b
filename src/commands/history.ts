import { Command } from 'commander';
import { examples, type App } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { historyEntries } from '../app/history.js';
import { positiveIntOption } from '../cli/parsers.js';
import { historySpec } from '../views/history.js';

export interface HistoryOptions {
  limit?: number;
  entity?: string;
}

export function historyCommand(app: App, run = historyRun): Command {
  const { t } = app;
  const cmd = new Command('history')
    .description(t('cmd.history'))
    .argument('[customer]', t('arg.customer_optional'))
    .option('--limit <n>', t('opt.history.limit'), positiveIntOption('--limit', { min: 1 }))
    .option('--entity <entity>', t('opt.history.entity'))
    .action(app.action(run));
  return examples(cmd, t, ['custrack history 12', 'custrack history --limit 50 --format csv > audit.csv']);
}

export async function historyRun(ctx: Context, query: string | undefined, opts: HistoryOptions): Promise<void> {
  await ctx.output.list(historySpec, await historyEntries(await ctx.store(), { customer: query, entity: opts.entity, limit: opts.limit }));
}
