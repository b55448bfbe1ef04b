import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { idArgument } from '../../cli/parsers.js';
import { complaintDetail } from '../../app/complaints.js';
import { complaintSpec } from '../../views/complaint.js';
import { historyJson, historyLine } from '../../views/history.js';

export function showCommand(app: App, run = showRun): Command {
  const { t } = app;
  const cmd = new Command('show').description(t('cmd.complaint.show')).argument('<id>', t('arg.complaint')).action(app.action(run));
  return examples(cmd, t, ['custrack complaint show 3', 'custrack complaint show 3 --format json']);
}

/** The complaint, then its history oldest first: every step, and the earlier rounds of one sent back. */
export async function showRun(ctx: Context, idText: string): Promise<void> {
  const id = idArgument('complaint', idText);
  const { complaint, history } = await complaintDetail(await ctx.store(), id);
  await ctx.output.record(complaintSpec, complaint, {
    json: { history: history.map(historyJson) },
    sections: [{ title: ctx.t('complaint.history', { count: history.length }), lines: history.map((h) => historyLine(ctx.t, h)) }],
  });
}
