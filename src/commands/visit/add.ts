import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { addVisitOptions, type VisitOptions } from './fields.js';
import { recordVisitRun } from './record.js';

export function addCommand(app: App, run = addRun): Command {
  const { t } = app;
  const cmd = new Command('add').description(t('cmd.visit.add')).argument('<customer>', t('arg.customer'));
  addVisitOptions(cmd, t).action(app.action(run));
  return examples(cmd, t, [
    'custrack visit add 12 --date 2026-11-20 --method in-person --purpose 介绍新品 --topic 年度框架协议 --location 客户办公室 --summary "对报价有兴趣" --intent high --next 2026-11-27',
    'custrack visit add "苏州新源电子有限公司" --method phone --summary "确认样品已收到"',
  ]);
}

export function addRun(ctx: Context, query: string, opts: VisitOptions): Promise<void> {
  return recordVisitRun(ctx, query, opts, false);
}
