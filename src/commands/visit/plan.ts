import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { addVisitOptions, type VisitOptions } from './fields.js';
import { recordVisitRun } from './record.js';

export function planCommand(app: App, run = planRun): Command {
  const { t } = app;
  const cmd = new Command('plan').description(t('cmd.visit.plan')).argument('<customer>', t('arg.customer'));
  addVisitOptions(cmd, t).action(app.action(run));
  return examples(cmd, t, ['custrack visit plan 12 --date 2026-11-25 --method in-person --purpose 送样 --location 深圳南山']);
}

export function planRun(ctx: Context, query: string, opts: VisitOptions): Promise<void> {
  return recordVisitRun(ctx, query, opts, true);
}
