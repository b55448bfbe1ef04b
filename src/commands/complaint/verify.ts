import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { dateOption, idArgument } from '../../cli/parsers.js';
import type { ISODate } from '../../core/dates.js';
import { verify } from '../../app/complaints.js';
import { complaintSpec } from '../../views/complaint.js';
import { requiredText, stepDate } from './fields.js';

export interface VerifyOptions {
  by: string;
  finding: string;
  on?: ISODate;
}

export function verifyCommand(app: App, run = verifyRun): Command {
  const { t } = app;
  const cmd = new Command('verify')
    .description(t('cmd.complaint.verify'))
    .argument('<id>', t('arg.complaint'))
    .requiredOption('--by <name>', t('opt.complaint.verifier'))
    .requiredOption('--finding <text>', t('opt.complaint.finding'))
    .option('--on <date>', t('opt.complaint.on'), dateOption('--on'))
    .action(app.action(run));
  return examples(cmd, t, ['custrack complaint verify 3 --by 周敏 --finding "仓库装车时挤压，属实" --on 2026-11-17']);
}

export async function verifyRun(ctx: Context, idText: string, opts: VerifyOptions): Promise<void> {
  const id = idArgument('complaint', idText);
  const step = {
    by: requiredText('--by', opts.by),
    finding: requiredText('--finding', opts.finding),
    on: stepDate('--on', opts.on, ctx.today),
  };
  const complaint = await verify(await ctx.store(true), id, step);
  ctx.output.note(ctx.t('complaint.verified', { id, on: step.on, due: complaint.due }));
  await ctx.output.record(complaintSpec, complaint);
}
