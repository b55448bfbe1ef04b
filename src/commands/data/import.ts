import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import type { Column, ListSpec } from '../../cli/output.js';
import { choiceOption } from '../../cli/parsers.js';
import { UsageError } from '../../errors.js';
import type { MessageKey } from '../../i18n/index.js';
import { ENCODINGS, type EncodingChoice } from '../../io/source.js';
import type { ImportKind } from '../../io/headers.js';
import type { ImportResult, LineProblem } from '../../io/import.js';
import { importFile, type ImportReport } from '../../app/import.js';

export interface ImportOptions {
  encoding: EncodingChoice;
  delimiter?: 'comma' | 'tab';
  ignoreUnknown?: boolean;
  skipExisting?: boolean;
  allowSimilar?: boolean;
  update?: boolean;
  dryRun?: boolean;
}

const KINDS: ImportKind[] = ['customers', 'transactions', 'visits'];

type Summary = ImportResult & { kind: ImportKind; file: string };

const UPDATE_COLUMNS: Array<Column<Summary>> = [
  { header: 'col.changed', type: 'int', value: (r) => r.changed ?? 0 },
  { header: 'col.unchanged', type: 'int', value: (r) => r.unchanged ?? 0 },
];

/** The summary; with --update also the customers changed and those matched but unchanged. */
function summarySpec(update: boolean): ListSpec<Summary> {
  return {
    columns: [
      { header: 'col.kind', value: (r) => r.kind },
      { header: 'col.file', value: (r) => r.file },
      { header: 'col.rows', type: 'int', value: (r) => r.rows },
      { header: 'col.added', type: 'int', value: (r) => r.added },
      ...(update ? UPDATE_COLUMNS : []),
      { header: 'col.skipped', type: 'int', value: (r) => r.skipped },
      { header: 'col.encoding', value: (r) => r.encoding },
      { header: 'col.dry_run', type: 'bool', value: (r) => r.dryRun },
    ],
    json: (r) => ({
      kind: r.kind,
      file: r.file,
      rows: r.rows,
      added: r.added,
      ...(update ? { changed: r.changed ?? 0, unchanged: r.unchanged ?? 0 } : {}),
      skipped: r.skipped,
      conflicting: r.conflicting ?? 0,
      encoding: r.encoding,
      dry_run: r.dryRun,
    }),
    count: 'summary.items',
    empty: 'empty.items',
    sheet: 'sheet.import',
  };
}

export function importCommand(app: App, run = importRun): Command {
  const { t } = app;
  const cmd = new Command('import')
    .description(t('cmd.import'))
    .argument('<kind>', t('arg.import_kind'), choiceOption('<kind>', KINDS))
    .argument('<file>', t('arg.import_file'))
    .option('--encoding <encoding>', t('opt.import.encoding'), choiceOption('--encoding', ENCODINGS), 'auto')
    .option('--delimiter <delimiter>', t('opt.import.delimiter'), choiceOption('--delimiter', ['comma', 'tab'] as const))
    .option('--ignore-unknown', t('opt.import.ignore_unknown'))
    .option('--skip-existing', t('opt.import.skip_existing'))
    .option('--allow-similar', t('opt.import.allow_similar'))
    .option('--update', t('opt.import.update'))
    .option('--dry-run', t('opt.import.dry_run'))
    .action(app.action(run));
  return examples(cmd, t, [
    'custrack import transactions 开票明细.csv',
    'custrack import customers 客户.csv --encoding gbk --skip-existing',
    'custrack import visits - --dry-run < visits.tsv',
    'custrack import customers 客户.xlsx --update',
  ]);
}

export async function importRun(ctx: Context, kind: ImportKind, file: string, opts: ImportOptions): Promise<void> {
  const describe = (p: LineProblem): string => ctx.t('import.line', { line: p.line, message: ctx.t(p.key, p.params) });
  const update = opts.update === true;
  if (update && kind !== 'customers') throw new UsageError('import.update_customers_only', {});
  const progress = ctx.runtime.streams.stderr.isTTY ? progressBar(ctx) : undefined;
  let result: ImportReport;
  try {
    result = await importFile(
      await ctx.store(true),
      {
        kind,
        skipExisting: opts.skipExisting === true,
        allowSimilar: opts.allowSimilar === true,
        update,
        today: ctx.today,
        file,
        encoding: opts.encoding,
        delimiter: opts.delimiter === 'tab' ? '\t' : opts.delimiter === 'comma' ? ',' : undefined,
        ignoreUnknown: opts.ignoreUnknown === true,
        dryRun: opts.dryRun === true,
        stdin: ctx.runtime.streams.stdin,
        progress,
      },
      describe,
    );
  } finally {
    progress?.(-1, 0);
  }
  const key: MessageKey = result.dryRun ? 'import.dry_run' : 'import.done';
  ctx.output.note(ctx.t(key, { kind, rows: result.rows, added: result.added, skipped: result.skipped, encoding: result.encoding }));
  if (update) ctx.output.note(ctx.t('import.changed', { changed: result.changed ?? 0, unchanged: result.unchanged ?? 0 }));
  if (result.conflicting) await ctx.output.warn(ctx.t('import.conflicting', { count: result.conflicting }));
  if (result.similarUnmatched) await reportSimilar(ctx, result.similarUnmatched);
  await ctx.output.record(summarySpec(update), { ...result, kind, file: file === '-' ? 'stdin' : file });
}

/** A one-line bar on a terminal's stderr for files over a few megabytes; (-1) clears it. */
function progressBar(ctx: Context): (read: number, total: number) => void {
  const stderr = ctx.runtime.streams.stderr;
  let shown = false;
  return (read, total) => {
    if (read < 0) {
      if (shown) stderr.write('\r\u001b[K');
      return;
    }
    if (total < 4 * 1024 * 1024) return;
    shown = true;
    const width = 30;
    const done = Math.min(width, Math.round((read / total) * width));
    stderr.write(`\r${'█'.repeat(done)}${'░'.repeat(width - done)} ${Math.min(100, Math.round((read / total) * 100))}%`);
  };
}

/** docs/rules.md, rule 17: the imported names that match no customer but are similar to one, and how to attach them. */
async function reportSimilar(ctx: Context, similar: NonNullable<ImportReport['similarUnmatched']>): Promise<void> {
  await ctx.output.warn(ctx.t('import.similar_unmatched', { rows: similar.rows, names: similar.names }));
  for (const e of similar.examples) {
    const { customer } = e;
    ctx.output.note(
      `  ${ctx.t('import.similar_example', { name: e.name, rows: e.rows, id: customer.id, customer: customer.name, owner: customer.owner ?? '-' })}`,
    );
  }
  if (similar.names > similar.examples.length)
    ctx.output.note(`  ${ctx.t('import.similar_more', { count: similar.names - similar.examples.length })}`);
}
