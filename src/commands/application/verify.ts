import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { dateOption, idArgument } from '../../cli/parsers.js';
import type { ISODate } from '../../core/dates.js';
import { verify } from '../../app/applications.js';
import { applicationSpec } from '../../views/application.js';

export function verifyCommand(app: App, run = verifyRun): Command {
  const { t } = app;
  const cmd = new Command('verify')
    .description(t('cmd.application.verify'))
    .argument('<id>', t('arg.application'))
    .option('--by <name>', t('opt.application.verifier'))
    .option('--on <date>', t('opt.application.on'), dateOption('--on'))
    .action(app.action(run));
  return examples(cmd, t, ['custrack application verify 3 --by 王芳 --on 2026-11-20']);
}

export async function verifyRun(ctx: Context, idText: string, opts: { by?: string; on?: ISODate }): Promise<void> {
  const id = idArgument('application', idText);
  const { application, verification } = await verify(await ctx.store(true), id, {
    by: opts.by?.trim() || ctx.user,
    on: opts.on ?? ctx.today,
  });
  if (verification.status === 'verified')
    ctx.output.note(ctx.t('application.verified', { id, from: verification.windowStart, to: application.first_txn }));
  else
    await ctx.output.warn(ctx.t('application.rejected_business', { id, date: verification.lastBusiness ?? '', to: application.first_txn }));
  await ctx.output.record(applicationSpec, application);
}
