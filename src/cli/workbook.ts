// `--format xlsx` (docs/rules.md, "Output"): what each kind of result becomes in a workbook. A list is a sheet
// of typed cells, a report a sheet per section, a record a one-row sheet (with its profile sections on a
// second one), a few lines of text a one-column sheet. Rows stream into the file (src/cli/xlsx.ts), which is
// loaded here on demand: exceljs is large, and no other format needs it.
//
// The workbook is written to `<file>.tmp-<pid>` and renamed onto `<file>` when the command succeeded
// (finish); a failure removes it (abort), so a failed command never leaves a workbook, nor half of one.
import { renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MessageKey, Translator } from '../i18n/index.js';
import { UsageError } from '../errors.js';
import { removeStaleTemps, tempName } from '../io/files.js';
import type { Rows } from '../app/store.js';
import type { Section } from './layout.js';
import type { ListSpec, ReportSheet } from './spec.js';
import type { XlsxCell, XlsxColumn, XlsxSheet } from './xlsx.js';
import { cannotWrite } from './destination.js';
import { capYoungGeneration } from './heap.js';

/**
 * Rows as arrays of cells in column order. One array is reused: the writer copies what it keeps. Now and then
 * the young generation is capped, as csv does, for the commands that stream far more than they hold (heap.ts).
 */
function cellRows<R>(spec: ListSpec<R>, rows: Rows<R>): XlsxSheet['rows'] {
  const values = spec.columns.map((col) => col.value);
  const cells: XlsxCell[] = new Array<XlsxCell>(values.length);
  let count = 0;
  const toCells = (row: R): XlsxCell[] => {
    if ((++count & 4095) === 0) capYoungGeneration();
    for (let i = 0; i < values.length; i++) cells[i] = values[i]!(row);
    return cells;
  };
  if (Symbol.asyncIterator in rows) {
    return (async function* () {
      for await (const row of rows) yield toCells(row);
    })();
  }
  return (function* () {
    for (const row of rows) yield toCells(row);
  })();
}

export class WorkbookOutput {
  readonly path: string | undefined;
  private written = false;
  private readonly lines: string[] = [];

  constructor(
    path: string | undefined,
    private readonly t: Translator,
  ) {
    this.path = path === undefined ? undefined : resolve(path);
  }

  private columns<R>(spec: ListSpec<R>): XlsxColumn[] {
    const { t } = this;
    const yesNo = [t('word.yes'), t('word.no')] as const;
    return spec.columns.map((col) => ({
      header: t(col.header),
      type: col.type ?? 'text',
      ...(col.text ? { text: true } : {}),
      // LibreOffice turns TRUE/FALSE cells into formulas: a yes/no column gets the words of --lang.
      ...(col.type === 'bool' ? { boolLabels: yesNo } : {}),
    }));
  }

  /** A list as a sheet; `title` names it (default: the spec's sheet name). */
  sheet<R>(spec: ListSpec<R>, rows: Rows<R>, title?: MessageKey): XlsxSheet {
    return { name: this.t(title ?? spec.sheet ?? 'sheet.data'), columns: this.columns(spec), rows: cellRows(spec, rows) };
  }

  /** Labelled lines (a profile's or a check's sections) as a sheet of section, item and value. */
  sectionsSheet(sections: Section[]): XlsxSheet {
    const rows: XlsxCell[][] = [];
    for (const section of sections) {
      for (const [label, value] of section.lines) rows.push([section.title, label, Array.isArray(value) ? value.join('  ') : value]);
    }
    const columns: XlsxColumn[] = [{ header: this.t('col.section') }, { header: this.t('col.item') }, { header: this.t('col.value') }];
    return { name: this.t('sheet.details'), columns, rows };
  }

  async list<R>(spec: ListSpec<R>, rows: Rows<R>): Promise<void> {
    await this.write([this.sheet(spec, rows)]);
  }

  async record<R>(spec: ListSpec<R>, row: R, sections: Section[] = []): Promise<void> {
    await this.write([this.sheet(spec, [row]), ...(sections.length > 0 ? [this.sectionsSheet(sections)] : [])]);
  }

  async sections(sections: Section[]): Promise<void> {
    await this.write([this.sectionsSheet(sections)]);
  }

  async workbook(sheets: ReportSheet[]): Promise<void> {
    await this.write(sheets.map((s) => this.sheet(s.spec, s.rows, s.title)));
  }

  /** Plain result text (a path, a value): kept, and written as a one-column sheet unless a workbook was. */
  text(chunk: string): void {
    this.lines.push(...chunk.split('\n').filter((line) => line !== ''));
  }

  private async write(sheets: XlsxSheet[]): Promise<void> {
    if (this.path === undefined) throw new UsageError('output.xlsx_needs_file');
    // One workbook per command: a second would silently replace the first.
    if (this.written) throw new Error('xlsx: this command wrote a second workbook');
    this.written = true;
    const { writeWorkbook } = await import('./xlsx.js');
    removeStaleTemps(this.path);
    try {
      await writeWorkbook(tempName(this.path), sheets);
    } catch (err) {
      throw typeof (err as NodeJS.ErrnoException).syscall === 'string' ? cannotWrite(this.path, err) : err;
    }
  }

  /** Puts the workbook in place (or the text the command printed, as a sheet). */
  async finish(): Promise<void> {
    if (!this.written && this.lines.length > 0) {
      const lines = this.lines.map((line): XlsxCell[] => [line]);
      await this.write([{ name: this.t('sheet.result'), columns: [{ header: this.t('col.value') }], rows: lines }]);
    }
    if (!this.written || this.path === undefined) return;
    try {
      renameSync(tempName(this.path), this.path);
    } catch (err) {
      this.abort();
      throw cannotWrite(this.path, err);
    }
  }

  abort(): void {
    if (this.path !== undefined) rmSync(tempName(this.path), { force: true });
  }
}
