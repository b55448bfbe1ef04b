// The one output layer (docs/rules.md, "Output"): every command hands its rows here, and this decides between
// a padded table for people, csv/tsv for spreadsheets and cron mail, json/ndjson for programs, and an Excel
// workbook (src/cli/workbook.ts); to stdout, or with --output to a file written whole (src/cli/destination.ts).
import type { Writable } from 'node:stream';
import type { ChalkInstance as Chalk } from 'chalk';
import type { Streams } from './io.js';
import { chalkFor } from './colour.js';
import type { MessageKey, Translator } from '../i18n/index.js';
import { forEachRow, Sink } from './sink.js';
import { DelimitedEncoder, type PackedKind } from './delimited.js';
import type { PackedRows, Rows } from '../app/store.js';
import type { Section, Tone } from './layout.js';
import type { Cell, CellType, Column, ListSpec, ReportSheet } from './spec.js';
import { FileTarget } from './destination.js';
import type { WorkbookOutput } from './workbook.js';
import type { renderTable as RenderTable } from './table.js';

export type { Section, Tone, Cell, CellType, Column, ListSpec, ReportSheet };
export { reportSheet } from './spec.js';
import { toJson } from './json.js';
import { mapRows } from '../app/rows.js';
import { formatYuanGrouped } from '../core/money.js';

export const FORMATS = ['table', 'csv', 'tsv', 'json', 'ndjson', 'xlsx'] as const;
export type Format = (typeof FORMATS)[number];

const FORMAT_OF_EXTENSION: Record<string, Format> = {
  xlsx: 'xlsx',
  csv: 'csv',
  tsv: 'tsv',
  json: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
};

/** The format a file name asks for (`report.xlsx` → xlsx), when its extension names one. */
export function formatOfFile(path: string): Format | undefined {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : FORMAT_OF_EXTENSION[path.slice(dot + 1).toLowerCase()];
}

export interface OutputOptions {
  format: Format;
  excel: boolean;
  bom: boolean;
  header: boolean;
  color: boolean;
  stderrColor: boolean;
  streams: Streams;
  t: Translator;
  /** --output: the file the result goes to instead of stdout. */
  path?: string | undefined;
}

export type { Rows };

export class Output {
  readonly format: Format;
  /** --output in a text format: the file being written. */
  /** The --output file (not a workbook's). */
  readonly target: FileTarget | undefined;
  /** --format xlsx: the workbook, its writer loaded on first use. */
  private book: WorkbookOutput | undefined;

  constructor(readonly options: OutputOptions) {
    this.format = options.format;
    this.target = options.path !== undefined && options.format !== 'xlsx' ? new FileTarget(options.path) : undefined;
  }

  /** Where the result goes: the --output file (opened on first write), else stdout. */
  get stdout(): Writable {
    return this.target ? this.target.open() : this.options.streams.stdout;
  }

  private async workbookOutput(): Promise<WorkbookOutput> {
    if (!this.book) {
      const { WorkbookOutput } = await import('./workbook.js');
      this.book = new WorkbookOutput(this.options.path, this.t);
    }
    return this.book;
  }

  /** Plain result text (a path, a value) in any format: in a workbook, a one-column sheet. */
  async text(chunk: string): Promise<void> {
    if (this.format === 'xlsx') (await this.workbookOutput()).text(chunk);
    else this.stdout.write(chunk);
  }

  /** After the command succeeded: the --output file or the workbook goes into place. */
  async finish(): Promise<void> {
    if (this.format === 'xlsx') await this.book?.finish();
    else await this.target?.commit();
  }

  /** After a failure: nothing is left of the --output file or the workbook; an existing file stays as it was. */
  async abort(): Promise<void> {
    this.book?.abort();
    await this.target?.abort();
  }

  get t(): Translator {
    return this.options.t;
  }

  /** A chalk with colour exactly when the rules of docs/rules.md, "Output" allow it. */
  async chalk(stream: 'stdout' | 'stderr' = 'stdout'): Promise<Chalk> {
    return chalkFor(stream === 'stdout' ? this.options.color : this.options.stderrColor);
  }

  /** Chatter for people goes to stderr, so stdout stays clean for pipes. */
  note(text: string): void {
    this.options.streams.stderr.write(`${text}\n`);
  }

  async warn(text: string): Promise<void> {
    const c = await this.chalk('stderr');
    this.options.streams.stderr.write(`${c.yellow(this.t('word.warning'))}: ${text}\n`);
  }

  /**
   * Writes a list in the chosen format and returns how many rows it had. `packed`, when given, reads the
   * same rows packed (db/statements.ts) for csv and tsv; it is used when every column names its stored
   * column and is text, an integer or money.
   */
  async list<R>(spec: ListSpec<R>, rows: Rows<R>, packed?: (columns: string[]) => PackedRows<R>): Promise<number> {
    switch (this.format) {
      case 'json':
        return this.jsonList(spec, rows);
      case 'ndjson':
        return this.ndjsonList(spec, rows);
      case 'csv':
      case 'tsv':
        return this.delimitedList(spec, rows, packed);
      case 'table':
        return this.tableList(spec, rows);
      case 'xlsx': {
        let count = 0;
        await (await this.workbookOutput()).list(
          spec,
          mapRows(rows, (row) => (count++, row)),
        );
        return count;
      }
    }
  }

  /**
   * A report of several sections: in a workbook a sheet each (named by their titles in --lang); csv and tsv
   * print the first, the main table, and say on stderr which sections only json and xlsx carry; a table shows
   * each under its title.
   */
  async workbook(sheets: ReportSheet[]): Promise<void> {
    if (this.format === 'xlsx') {
      await (await this.workbookOutput()).workbook(sheets);
      return;
    }
    const [main, ...more] = sheets;
    if (!main) return;
    if (this.format !== 'table') {
      await this.list(main.spec, main.rows);
      if (more.length > 0 && (this.format === 'csv' || this.format === 'tsv'))
        this.note(this.t('output.main_table_only', { format: this.format, sections: more.map((s) => this.t(s.title)).join(', ') }));
      return;
    }
    for (const [i, sheet] of sheets.entries()) {
      this.stdout.write(`${i > 0 ? '\n' : ''}${this.t(sheet.title)}\n`);
      await this.list(sheet.spec, sheet.rows);
    }
  }

  /**
   * A list grouped under headings on a terminal (the morning visit sheet); other formats get the flat
   * list, whose group column keeps it pasteable into a spreadsheet.
   */
  async groupedList<R>(spec: ListSpec<R>, rows: Rows<R>, group: (row: R) => string, omitInTable: MessageKey[] = []): Promise<number> {
    if (this.format !== 'table') return this.list(spec, rows);
    const groups = new Map<string, R[]>();
    for await (const row of rows) {
      const key = group(row);
      const members = groups.get(key);
      if (members) members.push(row);
      else groups.set(key, [row]);
    }
    if (groups.size === 0) {
      this.note(this.t(spec.empty));
      return 0;
    }
    const { renderTable } = await import('./table.js');
    const c = await this.chalk();
    const columns = spec.columns.filter((col) => !col.wide && !omitInTable.includes(col.header));
    let count = 0;
    const out: string[] = [];
    for (const [name, members] of groups) {
      count += members.length;
      out.push(c.bold(`${name}  (${members.length})`));
      out.push(this.renderList(renderTable, columns, members, c));
    }
    this.stdout.write(out.join('\n'));
    this.note(this.t(spec.count, { count }));
    return count;
  }

  /** Rows as a table; on a terminal it may use the whole width, elsewhere long text is cut where each column says. */
  private renderList<R>(render: typeof RenderTable, columns: Column<R>[], rows: R[], c: Chalk): string {
    const { stdout } = this.options.streams;
    const width = this.target === undefined && stdout.isTTY === true && stdout.columns ? stdout.columns : undefined;
    return render(
      columns.map((col) => ({ header: this.t(col.header), align: this.align(col), maxWidth: col.maxWidth })),
      rows.map((row) => columns.map((col) => ({ text: this.display(col, row), tone: col.tone?.(row) }))),
      c,
      this.options.header,
      width,
    );
  }

  private align<R>(col: Column<R>): 'left' | 'right' {
    return col.type === 'money' || col.type === 'int' || col.type === 'number' ? 'right' : 'left';
  }

  /** One record: a vertical table for people, one row for csv/tsv, one object for json. */
  async record<R>(spec: ListSpec<R>, row: R, extra: { json?: Record<string, unknown>; sections?: Section[] } = {}): Promise<void> {
    if (this.format === 'json' || this.format === 'ndjson') {
      const object = { ...(spec.json(row) as Record<string, unknown>), ...extra.json };
      this.stdout.write(`${toJson(object, this.format === 'json' ? 2 : 0)}\n`);
      return;
    }
    if (this.format === 'xlsx') {
      await (await this.workbookOutput()).record(spec, row, extra.sections);
      return;
    }
    if (this.format !== 'table') {
      await this.delimitedList(spec, [row]);
      return;
    }
    // Empty fields are left out: a profile should show what is known.
    const lines = spec.columns
      .map((col): [string, string] => [this.t(col.header), this.display(col, row)])
      .filter(([, value]) => value !== '');
    await this.sections([{ title: '', lines }, ...(extra.sections ?? [])]);
  }

  /** Labelled blocks of `label  value` lines, for profiles and checks. */
  async sections(sections: Section[]): Promise<void> {
    if (this.format === 'xlsx') {
      await (await this.workbookOutput()).sections(sections);
      return;
    }
    const { renderSections } = await import('./table.js');
    this.stdout.write(renderSections(sections, await this.chalk()));
  }

  /** A report or other single object: pretty json, or the command's own rendering for other formats. */
  async object(json: unknown, render: () => Promise<void>): Promise<void> {
    if (this.format === 'json' || this.format === 'ndjson') {
      this.stdout.write(`${toJson(json, this.format === 'json' ? 2 : 0)}\n`);
      return;
    }
    await render();
  }

  private async jsonList<R>(spec: ListSpec<R>, rows: Rows<R>): Promise<number> {
    const sink = new Sink(this.stdout);
    let count = 0;
    await forEachRow(rows, (row) => sink.write(`${count++ === 0 ? '[\n' : ',\n'}${toJson(spec.json(row))}`));
    await sink.write(count === 0 ? '[]\n' : '\n]\n');
    await sink.flush();
    return count;
  }

  private async ndjsonList<R>(spec: ListSpec<R>, rows: Rows<R>): Promise<number> {
    const sink = new Sink(this.stdout);
    let count = 0;
    await forEachRow(rows, (row) => {
      count++;
      return sink.write(`${toJson(spec.json(row))}\n`);
    });
    await sink.flush();
    return count;
  }

  /** Header and rows; nothing at all when there are no rows, so a cron job mails nothing. */
  private async delimitedList<R>(spec: ListSpec<R>, rows: Rows<R>, packed?: (columns: string[]) => PackedRows<R>): Promise<number> {
    const { excel } = this.options;
    const format = this.format === 'csv' ? 'csv' : 'tsv';
    const encoder = new DelimitedEncoder(this.stdout, format, excel);
    const cells = spec.columns.map((col) => this.delimitedCell(col, encoder));
    const last = cells.length - 1;
    let count = 0;
    const begin = (): void => {
      if (this.options.bom || excel) encoder.raw('\ufeff');
      if (this.options.header) {
        spec.columns.forEach((col, i) => {
          if (i > 0) encoder.separate();
          encoder.label(this.t(col.header));
        });
        encoder.lineEnd();
      }
    };
    const writeRow = (row: R): void => {
      for (let i = 0; i < last; i++) {
        cells[i]!(row);
        encoder.separate();
      }
      cells[last]!(row);
    };
    // A million-row export is the hot path of this layer: cells go straight into bytes (delimited.ts).
    const kinds = packed ? packedKinds(spec) : undefined;
    if (packed && kinds) {
      const source = packed(spec.columns.map((col) => col.stored!));
      await forEachRow(source.lines, (line) => {
        if (count++ === 0) begin();
        if (!encoder.packed(line, kinds)) {
          const row = source.row(line);
          if (row instanceof Promise) {
            return row.then((typed) => {
              writeRow(typed);
              return encoder.endRow();
            });
          }
          writeRow(row);
        }
        return encoder.endRow();
      });
    } else {
      await forEachRow(rows, (row) => {
        if (count++ === 0) begin();
        writeRow(row);
        return encoder.endRow();
      });
    }
    await encoder.end();
    return count;
  }

  /** A column's cell, chosen once per column: a number as it is, text guarded against formulas and then quoted or cleaned. */
  private delimitedCell<R>(col: Column<R>, encoder: DelimitedEncoder): (row: R) => void {
    const write: (value: NonNullable<Cell>) => void =
      col.type === 'money'
        ? (v) => encoder.yuan(v as number)
        : col.type === 'int'
          ? (v) => (typeof v === 'number' ? encoder.integer(v) : encoder.raw(String(v)))
          : col.type === 'number'
            ? (v) => (typeof v === 'number' ? encoder.ascii(String(v)) : encoder.raw(String(v)))
            : col.type === 'bool'
              ? (v) => encoder.ascii(v ? 'yes' : 'no')
              : (v) => encoder.text(String(v));
    return (row) => {
      const v = col.value(row);
      if (v !== null && v !== undefined) write(v);
    };
  }

  /** The human form of a cell: translated codes, grouped money, no control characters. */
  display<R>(col: Column<R>, row: R): string {
    const value = col.value(row);
    if (value === null || value === undefined || value === '') return '';
    if (col.label) return col.label(row, this.t);
    switch (col.type) {
      case 'money':
        return formatYuanGrouped(value as number);
      case 'bool':
        return this.t(value ? 'word.yes' : 'word.no');
      default:
        // eslint-disable-next-line no-control-regex
        return String(value).replace(/[\u0000-\u001f\u007f-\u009f]+/gu, ' ');
    }
  }

  private async tableList<R>(spec: ListSpec<R>, rows: Rows<R>): Promise<number> {
    const all: R[] = [];
    for await (const row of rows) all.push(row);
    if (all.length === 0) {
      this.note(this.t(spec.empty));
      return 0;
    }
    const { renderTable } = await import('./table.js');
    const c = await this.chalk();
    const columns = spec.columns.filter((col) => !col.wide);
    this.stdout.write(this.renderList(renderTable, columns, all, c));
    this.note(this.t(spec.count, { count: all.length }));
    return all.length;
  }
}

/** How each column reads packed, or undefined when one cannot (no stored column, or a computed type). */
function packedKinds<R>(spec: ListSpec<R>): PackedKind[] | undefined {
  const kinds: PackedKind[] = [];
  for (const col of spec.columns) {
    if (col.stored === undefined) return undefined;
    const type = col.type ?? 'text';
    if (type === 'int') kinds.push('integer');
    else if (type === 'money') kinds.push('money');
    else if (type === 'text' || type === 'date' || type === 'code') kinds.push('text');
    else return undefined;
  }
  return kinds;
}
