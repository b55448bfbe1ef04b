import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { checkDatabase } from '../../app/maintenance.js';
import { EXIT } from '../../cli/exit.js';

export function checkCommand(app: App, run = checkRun): Command {
  const { t } = app;
  const check = new Command('check').description(t('cmd.db.check')).option('--full', t('opt.db.full')).action(app.action(run));
  return examples(check, t, ['custrack db check', 'custrack db check --full --format json']);
}

export async function checkRun(ctx: Context, opts: { full?: boolean }): Promise<number> {
  const health = await checkDatabase(await ctx.store(), opts.full === true);
  const { ok, location: path } = health;
  const json = {
    path,
    ok,
    integrity: health.integrity,
    foreign_key_problems: health.foreignKeyProblems,
    schema_version: health.schemaVersion,
    supported_version: health.supportedVersion,
    journal_mode: health.journalMode,
    counts: health.counts,
  };
  await ctx.output.object(json, async () => {
    if (ctx.output.format === 'table') {
      await ctx.output.sections([
        {
          title: ctx.t('dbcheck.title'),
          lines: [
            [ctx.t('dbcheck.path'), path],
            [ctx.t('dbcheck.integrity'), health.integrity.slice(0, 10).join('; ')],
            [ctx.t('dbcheck.foreign_keys'), String(health.foreignKeyProblems)],
            [ctx.t('dbcheck.schema'), `${health.schemaVersion} / ${health.supportedVersion}`],
            [ctx.t('dbcheck.journal'), health.journalMode],
          ],
        },
        { title: ctx.t('dbcheck.counts'), lines: Object.entries(health.counts).map(([table, n]) => [table, String(n)]) },
      ]);
    } else {
      const rows: Array<[string, string]> = [
        ['path', path],
        ['ok', ok ? 'yes' : 'no'],
        ['integrity', health.integrity.join('; ')],
        ['foreign_key_problems', String(health.foreignKeyProblems)],
        ['schema_version', String(health.schemaVersion)],
        ['journal_mode', health.journalMode],
        ...Object.entries(health.counts).map(([k, v]): [string, string] => [`count.${k}`, String(v)]),
      ];
      await ctx.output.list(
        {
          columns: [
            { header: 'col.item', value: (r) => r[0] },
            { header: 'col.value', value: (r) => r[1] },
          ],
          json: (r) => r,
          count: 'summary.items',
          empty: 'empty.items',
        },
        rows,
      );
    }
  });
  if (!ok) {
    ctx.output.note(ctx.t('dbcheck.failed'));
    return EXIT.database;
  }
  return 0;
}
