import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { examples, type App } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { Output, type Format } from '../cli/output.js';
import { choiceOption, collect, positiveIntOption } from '../cli/parsers.js';
import { UsageError } from '../errors.js';
import { OVERDUE_KINDS, type OverdueItem, type OverdueKind } from '../core/overdue.js';
import { overdueItems } from '../app/overdue.js';
import { overdueSpec } from '../views/overdue.js';

export interface OverdueOptions {
  owner?: string;
  kind?: OverdueKind[];
  within?: number;
  outDir?: string;
}

export function overdueCommand(app: App, run = overdueRun): Command {
  const { t } = app;
  const cmd = new Command('overdue')
    .description(t('cmd.overdue'))
    .option('--owner <name>', t('opt.overdue.owner'))
    .option('--kind <kind>', t('opt.overdue.kind'), collect(choiceOption('--kind', OVERDUE_KINDS)))
    .option('--within <days>', t('opt.overdue.within'), positiveIntOption('--within', { max: 3650 }))
    .option('--out-dir <dir>', t('opt.overdue.out_dir'))
    .action(app.action(run));
  return examples(cmd, t, [
    'custrack overdue --owner 张伟',
    'custrack overdue --kind follow-up --kind form-return --within 7',
    'custrack overdue --format csv --out-dir /var/spool/custrack/$(date +%F)',
  ]);
}

/** Everything overdue, most overdue first; never prompts, and prints nothing in csv/tsv when nothing is due. */
export async function overdueRun(ctx: Context, opts: OverdueOptions): Promise<void> {
  if (opts.outDir !== undefined && ctx.globals.output !== undefined) throw new UsageError('overdue.out_dir_output');
  const items = await overdueItems(await ctx.store(), { asOf: ctx.today, owner: opts.owner, kinds: opts.kind, within: opts.within });
  if (opts.outDir !== undefined) {
    await writePerOwner(ctx, opts.outDir, items);
    return;
  }
  await ctx.output.list(overdueSpec(ctx.t), items);
}

const EXTENSIONS: Record<Format, string> = { table: 'txt', csv: 'csv', tsv: 'tsv', json: 'json', ndjson: 'ndjson', xlsx: 'xlsx' };

/** A file name from a salesperson's name: no path separators or control characters. */
export function ownerFileName(owner: string | null, fallback: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = (owner ?? '')
    .replace(/[/\\:*?"<>|\u0000-\u001f]/gu, '_')
    .replace(/^\.+/u, '')
    .trim();
  return safe === '' ? fallback : safe;
}

/** One file per salesperson (`<owner>.<ext>`, 0600, written whole then renamed); their paths on stdout. */
async function writePerOwner(ctx: Context, dir: string, items: OverdueItem[]): Promise<void> {
  const format: Format = ctx.globals.format ?? (ctx.globals.excel ? 'csv' : 'tsv');
  if (format === 'table') throw new UsageError('overdue.out_dir_table');
  const groups = new Map<string, OverdueItem[]>();
  for (const item of items) {
    const name = ownerFileName(item.owner, 'unassigned');
    groups.set(name, [...(groups.get(name) ?? []), item]);
  }
  if (groups.size === 0) return;
  const target = resolve(dir);
  mkdirSync(target, { recursive: true, mode: 0o700 });
  const base = ctx.output.options;
  for (const [name, owned] of groups) {
    const path = join(target, `${name}.${EXTENSIONS[format]}`);
    const out = new Output({ ...base, format, color: false, path });
    try {
      await out.list(overdueSpec(ctx.t), owned);
      await out.finish();
    } catch (err) {
      await out.abort();
      throw err;
    }
    ctx.runtime.streams.stdout.write(`${path}\n`);
  }
  ctx.output.note(ctx.t('overdue.files', { count: groups.size, items: items.length, dir: target }));
}
