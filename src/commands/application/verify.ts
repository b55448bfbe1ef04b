import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { dateOption, idArgument } from '../../cli/parsers.js';
import type { ISODate } from '../../core/dates.js';
import { verify } from '../../app/applications.js';
import { applicationSpec } from '../../views/application.js';
import { EXIT } from '../../cli/exit.js';

export function verifyCommand(app: App, run = verifyRun): Command {
  const { t } = app;
  const cmd = new Command('verify')
    .description(t('cmd.application.verify'))
    .argument('<id>', t('arg.application'))
    .option('--by <name>', t('opt.application.verifier'))
    .option('--on <date>', t('opt.application.on'), dateOption('--on'))
    .option('--distinct-from <customer>', t('opt.application.distinct_from'), (v: string, prev: string[] | undefined) => [
      ...(prev ?? []),
      v,
    ])
    .action(app.action(run));
  return examples(cmd, t, [
    'custrack application verify 3 --by 王芳 --on 2026-11-20',
    'custrack application verify 3 --by 王芳 --distinct-from 12',
  ]);
}

/** Exit 6 when a similar customer had business in the window (docs/rules.md, rule 17): the application stays filed. */
export async function verifyRun(
  ctx: Context,
  idText: string,
  opts: { by?: string; on?: ISODate; distinctFrom?: string[] },
): Promise<number | undefined> {
  const id = idArgument('application', idText);
  const { application, verification, similarBusiness } = await verify(await ctx.store(true), id, {
    by: opts.by?.trim() || ctx.user,
    on: opts.on ?? ctx.today,
    distinctFrom: opts.distinctFrom ?? [],
  });
  if (similarBusiness.length > 0) {
    for (const c of similarBusiness) {
      await ctx.output.warn(
        ctx.t('application.similar_business', {
          id,
          other: c.customerId,
          name: c.name,
          owner: c.owner ?? '-',
          date: c.lastBusiness!,
          from: verification.windowStart,
          to: application.first_txn,
        }),
      );
    }
    await ctx.output.record(applicationSpec, application);
    return EXIT.similarBusiness;
  }
  if (verification.status === 'verified')
    ctx.output.note(ctx.t('application.verified', { id, from: verification.windowStart, to: application.first_txn }));
  else
    await ctx.output.warn(ctx.t('application.rejected_business', { id, date: verification.lastBusiness ?? '', to: application.first_txn }));
  await ctx.output.record(applicationSpec, application);
  return undefined;
}
