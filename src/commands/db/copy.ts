import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { DatabaseError } from '../../errors.js';
import { isDiskFull, removeWithSideFiles } from '../../io/files.js';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { copyDatabase, type CopiedTable } from '../../app/copy.js';
import type { ListSpec } from '../../cli/output.js';

const isPostgresLocation = (location: string): boolean => /^postgres(?:ql)?:\/\//iu.test(location);

export interface CopyOptions {
  from: string;
  to: string;
}

const copiedSpec: ListSpec<CopiedTable> = {
  columns: [
    { header: 'col.table', value: (r) => r.table },
    { header: 'col.rows', type: 'int', value: (r) => r.rows },
  ],
  json: (r) => ({ table: r.table, rows: r.rows }),
  count: 'summary.items',
  empty: 'empty.items',
};

export function copyCommand(app: App, run = copyRun): Command {
  const { t } = app;
  const cmd = new Command('copy')
    .description(t('cmd.db.copy'))
    .requiredOption('--from <file-or-url>', t('opt.db.from'))
    .requiredOption('--to <file-or-url>', t('opt.db.to'))
    .action(app.action(run));
  return examples(cmd, t, [
    'custrack db copy --from ~/.local/share/custrack/custrack.db --to postgresql://custrack@db.office.lan/custrack',
    'custrack db copy --from postgresql://custrack@db.office.lan/custrack --to /mnt/usb/custrack-snapshot.db',
  ]);
}

/** Every table from one database to another, empty one; a bar on a terminal while it runs. */
export async function copyRun(ctx: Context, opts: CopyOptions): Promise<void> {
  const source = await ctx.openStore(opts.from, false);
  // A file this copy creates is removed again when the copy fails: no half-filled database is left.
  const created = !isPostgresLocation(opts.to) && !existsSync(resolve(opts.to));
  const target = await ctx.openStore(opts.to, true);
  const stderr = ctx.runtime.streams.stderr;
  const progress = stderr.isTTY
    ? (table: string, rows: number) => void stderr.write(`\r\u001b[K${ctx.t('copy.progress', { table, rows })}`)
    : undefined;
  let copied: CopiedTable[];
  try {
    copied = await copyDatabase(source, target, progress);
  } catch (err) {
    if (created) {
      target.abandon();
      removeWithSideFiles(resolve(opts.to));
      if (isDiskFull(err)) throw new DatabaseError('disk.full', { path: dirname(resolve(opts.to)) });
    }
    throw err;
  } finally {
    if (progress) stderr.write('\r\u001b[K');
  }
  ctx.output.note(ctx.t('copy.done', { from: source.location, to: target.location, rows: copied.reduce((n, t) => n + t.rows, 0) }));
  await ctx.output.list(copiedSpec, copied);
}
