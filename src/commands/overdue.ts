import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { examples, type App } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { Output, type Format } from '../cli/output.js';
import { collect, offering, positiveIntOption } from '../cli/parsers.js';
import { DatabaseError, UsageError } from '../errors.js';
import { OVERDUE_KINDS, parseOverdueKind, type OverdueItem, type OverdueKind } from '../core/overdue.js';
import { overdueItems } from '../app/overdue.js';
import { compareOwners } from '../core/collation.js';
import { overdueSpec } from '../views/overdue.js';
import { isDiskFull } from '../io/files.js';

export interface OverdueOptions {
  owner?: string;
  customer?: string;
  kind?: OverdueKind[];
  within?: number;
  outDir?: string;
}

/** A kind by its code or by the label the table shows (首次联系); completion offers the codes. */
const kindOption = offering((value: string): OverdueKind => {
  const kind = parseOverdueKind(value);
  if (!kind) throw new UsageError('err.bad_choice', { option: '--kind', value, choices: OVERDUE_KINDS.join(', ') });
  return kind;
}, OVERDUE_KINDS);

export function overdueCommand(app: App, run = overdueRun): Command {
  const { t } = app;
  const cmd = new Command('overdue')
    .description(t('cmd.overdue'))
    .option('--owner <name>', t('opt.overdue.owner'))
    .option('--customer <customer>', t('opt.filter.customer'))
    .option('--kind <kind>', t('opt.overdue.kind'), collect(kindOption))
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
  const items = await overdueItems(await ctx.store(), {
    asOf: ctx.today,
    owner: opts.owner,
    customer: opts.customer,
    kinds: opts.kind,
    within: opts.within,
  });
  if (opts.outDir !== undefined) {
    await writePerOwner(ctx, opts.outDir, items);
    return;
  }
  await ctx.output.list(overdueSpec(ctx.t), items);
}

const EXTENSIONS: Record<Format, string> = { table: 'txt', csv: 'csv', tsv: 'tsv', json: 'json', ndjson: 'ndjson', xlsx: 'xlsx' };

/**
 * The file name of a salesperson's list, one-to-one so that nobody ever receives another's list: letters,
 * digits, space, `-`, `_` and `.` are kept (a CJK name stays readable), every other character is written as
 * %XX of its UTF-8 bytes (reversible: `a/b` → `a%2Fb`, beside `a_b`), a leading or trailing dot or space too.
 * Customers without an owner go to `(unassigned)`, which no owner's name can become (parentheses are encoded).
 */
export function ownerFileName(owner: string | null): string {
  if (owner === null) return '(unassigned)';
  const encode = (ch: string): string =>
    [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  const chars = [...owner];
  return chars
    .map((ch, i) => {
      const edge = i === 0 || i === chars.length - 1;
      if ((ch === '.' || ch === ' ') && edge) return encode(ch);
      return /^[\p{L}\p{N} ._-]$/u.test(ch) ? ch : encode(ch);
    })
    .join('');
}

/**
 * One file per salesperson (`<owner>.<ext>`, 0600), all or nothing: every file is written under a temporary
 * name (src/cli/destination.ts), and they are put in place only once all are complete; a failure removes
 * those of this run, so a full disk or a signal leaves no list half-written and none from this run at all.
 * Their paths on stdout.
 */
async function writePerOwner(ctx: Context, dir: string, items: OverdueItem[]): Promise<void> {
  const format: Format = ctx.globals.format ?? (ctx.globals.excel ? 'csv' : 'tsv');
  if (format === 'table') throw new UsageError('overdue.out_dir_table');
  const byOwner = new Map<string | null, OverdueItem[]>();
  for (const item of items) {
    const members = byOwner.get(item.owner);
    if (members) members.push(item);
    else byOwner.set(item.owner, [item]);
  }
  if (byOwner.size === 0) return;
  // The files in the salespeople's pinyin order, as the reports list them.
  const groups = [...byOwner].sort(([a], [b]) => compareOwners(a, b)).map(([owner, owned]) => [ownerFileName(owner), owned] as const);
  const target = resolve(dir);
  mkdirSync(target, { recursive: true, mode: 0o700 });
  const base = ctx.output.options;
  const outs: Array<{ out: Output; path: string }> = [];
  let placed = 0;
  try {
    for (const [name, owned] of groups) {
      const path = join(target, `${name}.${EXTENSIONS[format]}`);
      const out = new Output({ ...base, format, color: false, path });
      outs.push({ out, path });
      await out.list(overdueSpec(ctx.t), owned);
    }
    // Every list is written before any is put in place.
    for (const { out } of outs) {
      await out.finish();
      placed++;
    }
  } catch (err) {
    for (const [i, { out, path }] of outs.entries()) {
      if (i < placed) rmSync(path, { force: true });
      else await out.abort();
    }
    if (isDiskFull(err)) throw new DatabaseError('disk.full', { path: target });
    throw err;
  }
  for (const { path } of outs) {
    ctx.runtime.streams.stdout.write(`${path}\n`);
  }
  ctx.output.note(ctx.t('overdue.files', { count: groups.length, items: items.length, dir: target }));
}
