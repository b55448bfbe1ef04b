// The xlsx writer behind `--format xlsx --output file.xlsx` (docs/rules.md, "Output"): a real workbook for people who
// open reports in Excel, often on Chinese Windows. Loaded with `await import()` only when xlsx is asked
// for, because exceljs is large.
//
// What a workbook gets:
// - typed cells: int/number as numbers, money (integer fen) as yuan numbers shown `#,##0.00`, dates
//   ('YYYY-MM-DD') as date serials shown `yyyy-mm-dd`, bool as TRUE/FALSE cells (or the column's own
//   words), text and codes as strings. Columns marked `text` (ids, phones, USCCs, invoice numbers) are
//   strings whatever they look like, with the text format `@` so that editing a cell keeps it text.
// - never a formula: cells are plain values, and exceljs writes a formula only for a `{ formula }`
//   object, which nothing here makes; `=SUM(A1)` is stored as the string it is (not with a `'` prefix
//   as in csv, because here the cell type says "text" and the value stays exact). Without shared
//   strings exceljs writes a string as `<c t="str"><v>…</v></c>` (no `<f>`; `str` is nominally a
//   formula's cached text), which is how every exceljs streaming workbook stores text, and which
//   LibreOffice 7.4 and exceljs read as a plain text cell (tested). LibreOffice does turn a TRUE/FALSE
//   cell into the formula `=TRUE()`: give a bool column its words where that matters.
// - a bold header row, frozen, with an autofilter over the header and the rows.
// - column widths from display widths (a CJK character counts two). Rows are streamed, and exceljs
//   writes `<cols>` before the first row, so widths are decided from the header and the first
//   WIDTH_SAMPLE_ROWS rows, which are held back for that; later rows do not widen a column. A width is
//   the widest of those + 2, the header + 4 (bold, and the filter button), at least 6, at most 60.
// - valid, unique sheet names (sheetNames, src/cli/xlsx-cells.ts); a sheet past Excel's 1,048,576 rows goes on in
//   `<name> (2)`, `<name> (3)` … with the same header.
//
// The file is written to `<path>.tmp-<pid>` (0600) in the same directory, flushed to disk and renamed
// onto `path` only when complete; on any error the temporary file is removed and `path` is untouched.
//
// Memory: exceljs's streaming writer does not push back. Each sheet's XML goes through a PassThrough
// into the zip's deflate stream, and a loop that adds rows without yielding would queue the whole sheet
// in that PassThrough (hundreds of MiB for a million rows). So the loop watches that PassThrough and
// waits for it to drain when more than a MiB is queued; the zip in turn waits for the file. That
// PassThrough is exceljs 4.4 internals (the sheet's StreamBuf keeps it in `pipes[0]`, a readable-stream 2
// stream with `_writableState.length`); the writer fails loudly, and the tests with it, if they change.
// Strings are written inline (`useSharedStrings: false`): shared strings keep every distinct string of
// the workbook in memory until the end (the million rows of bench/xlsx.mjs peaked near 900 MiB with
// them, ~140 MiB without).
import { once } from 'node:events';
import { closeSync, createWriteStream, fchmodSync, fsyncSync, openSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { removeStaleTemps, tempName } from '../io/files.js';
import {
  cellText,
  columnWidths,
  planColumn,
  sheetNames,
  uniqueSheetName,
  WIDTH_SAMPLE_ROWS,
  MAX_DATA_ROWS,
  type ExcelValue,
  type WorkbookOptions,
  type WrittenSheet,
  type XlsxCell,
  type XlsxSheet,
} from './xlsx-cells.js';

export * from './xlsx-cells.js';

/** Queued sheet XML, in bytes, past which the writer waits for the zip to catch up. */
const QUEUE_LIMIT = 1024 * 1024;

/**
 * Writes `sheets` as one workbook at `path`, atomically: all of it or nothing. Resolves with the names
 * the sheets got and their row counts once the file is in place.
 */
export async function writeWorkbook(path: string, sheets: readonly XlsxSheet[], options: WorkbookOptions = {}): Promise<WrittenSheet[]> {
  if (sheets.length === 0) throw new RangeError('a workbook needs at least one sheet');
  removeStaleTemps(path);
  const temp = tempName(path);
  const fd = openSync(temp, 'wx', 0o600);
  let fdOpen = true;
  let file: WriteStream | undefined;
  try {
    fchmodSync(fd, 0o600); // whatever the umask
    file = createWriteStream(temp, { fd, autoClose: false });
    const written = await writeSheets(file, sheets, options);
    fsyncSync(fd);
    file = undefined;
    fdOpen = false;
    closeSync(fd);
    renameSync(temp, path);
    return written;
  } catch (err) {
    if (file) {
      // destroy() closes the fd, once no write to it is pending (a write still running when the fd is
      // closed could land in whatever file reuses the number).
      file.on('error', () => {});
      file.destroy();
      if (!file.closed) await once(file, 'close').catch(() => undefined);
    } else if (fdOpen) {
      closeSync(fd);
    }
    rmSync(temp, { force: true });
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------
// Writing

const HEADER_STYLE: Partial<ExcelJS.Style> = {
  // The default font of exceljs's styles.xml, bold.
  font: { name: 'Calibri', family: 2, scheme: 'minor', size: 11, color: { theme: 1 }, bold: true },
};

/** The parts of exceljs's streaming writer this module relies on that its typings leave out. */
interface StreamingWorkbook {
  addWorksheet(name: string, options: { views: Array<Partial<ExcelJS.WorksheetView>> }): StreamingSheet;
  commit(): Promise<void>;
  zip: NodeJS.EventEmitter & { abort(): unknown };
}
interface StreamingSheet {
  columns: Array<Partial<ExcelJS.Column>>;
  autoFilter: string | null;
  addRow(values: ExcelValue[]): ExcelJS.Row;
  commit(): void;
  /** exceljs's StreamBuf; `pipes[0]` is the PassThrough (readable-stream 2) the zip reads this sheet from. */
  stream: { pipes?: ZipQueue[] };
}

/** A readable-stream 2 PassThrough: no `writableLength`, but its writable state counts the queued bytes. */
type ZipQueue = NodeJS.EventEmitter & { _writableState?: { length: number } };

/** The first error of the file or the zip, as a promise to race against waits. */
class Failure {
  readonly promise: Promise<never>;
  error: unknown;
  private rejectWith!: (err: unknown) => void;

  constructor() {
    this.promise = new Promise<never>((_, reject) => {
      this.rejectWith = reject;
    });
    this.promise.catch(() => {}); // observed by throwIfFailed and the races
  }

  readonly fail = (err: unknown): void => {
    if (this.error === undefined) this.error = err ?? new Error('xlsx: write failed');
    this.rejectWith(this.error);
  };

  throwIfFailed(): void {
    if (this.error !== undefined) throw this.error;
  }
}

async function writeSheets(file: WriteStream, sheets: readonly XlsxSheet[], options: WorkbookOptions): Promise<WrittenSheet[]> {
  const failure = new Failure();
  file.on('error', failure.fail);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: file,
    useStyles: true,
    useSharedStrings: false,
  }) as unknown as StreamingWorkbook;
  workbook.zip.on('error', failure.fail);
  workbook.zip.on('warning', failure.fail);
  try {
    const names = sheetNames(sheets.map((sheet) => sheet.name));
    const taken = new Set(names.map((name) => name.toUpperCase()));
    const written: WrittenSheet[] = [];
    for (const [i, sheet] of sheets.entries()) {
      written.push(...(await writeSheet(workbook, names[i]!, taken, sheet, options, failure)));
    }
    await Promise.race([settled(workbook.commit()), failure.promise]);
    failure.throwIfFailed();
    return written;
  } catch (err) {
    workbook.zip.abort();
    throw err;
  }
}

/** The promise, marked as handled: when a race is lost to a failure, its later rejection is not news. */
function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

type Step = IteratorResult<readonly XlsxCell[]>;

async function writeSheet(
  workbook: StreamingWorkbook,
  name: string,
  taken: Set<string>,
  sheet: XlsxSheet,
  options: WorkbookOptions,
  failure: Failure,
): Promise<WrittenSheet[]> {
  const plans = sheet.columns.map(planColumn);
  const count = plans.length;
  const lastColumn = columnLetter(Math.max(count, 1));
  const maxRows = Math.min(options.maxRowsPerSheet ?? MAX_DATA_ROWS, MAX_DATA_ROWS);
  // A synchronous source is read without a promise per row (like forEachRow in sink.ts).
  const source = sheet.rows;
  const iterator: Iterator<readonly XlsxCell[]> | AsyncIterator<readonly XlsxCell[]> =
    Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  const isAsync = Symbol.asyncIterator in source;
  let finished = false;

  const written: WrittenSheet[] = [];
  let current: StreamingSheet | undefined;
  let rows = 0;
  let queue: { length: number } | undefined;
  let queueEvents: NodeJS.EventEmitter | undefined;
  let widths: number[] = [];

  const open = (sheetName: string): void => {
    current = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
    current.columns = plans.map((plan, i) => ({ width: widths[i]!, style: plan.style }));
    const header = current.addRow(sheet.columns.map((column) => cellText(column.header)));
    header.eachCell((cell) => {
      cell.style = HEADER_STYLE;
    });
    header.commit();
    const zipQueue = current.stream.pipes?.[0];
    queue = zipQueue?._writableState;
    if (zipQueue === undefined || typeof queue?.length !== 'number')
      throw new Error('xlsx: exceljs internals changed (no zip queue behind the sheet stream)');
    queueEvents = zipQueue;
    written.push({ name: sheetName, rows: 0 });
    rows = 0;
  };
  const close = (): void => {
    current!.autoFilter = `A1:${lastColumn}${rows + 1}`;
    current!.commit();
    written[written.length - 1]!.rows = rows;
  };
  const values: ExcelValue[] = new Array<ExcelValue>(count);
  const styles = plans.map((plan) => plan.style);
  const add = (cells: readonly XlsxCell[]): void => {
    if (rows === maxRows) {
      close();
      open(uniqueSheetName(name, taken)); // `name` is taken: the next free `<name> (n)`
    }
    for (let i = 0; i < count; i++) values[i] = plans[i]!.value(cells[i]);
    const row = current!.addRow(values);
    // Each new cell gets a fresh copy of its column's style, which exceljs then looks up by its XML, a
    // quarter of the time of a large export; the column's own object is found by identity.
    for (let i = 0; i < count; i++) if (values[i] !== undefined) row.getCell(i + 1).style = styles[i]!;
    row.commit();
    rows++;
  };
  const drain = async (): Promise<void> => {
    failure.throwIfFailed();
    if (queue!.length > QUEUE_LIMIT) await Promise.race([settled(once(queueEvents!, 'drain')), failure.promise]);
  };

  try {
    const sample: Array<readonly XlsxCell[]> = [];
    const sampleSize = options.widthSampleRows ?? WIDTH_SAMPLE_ROWS;
    while (sample.length < sampleSize) {
      const step = isAsync ? await iterator.next() : (iterator.next() as Step);
      if (step.done) {
        finished = true;
        break;
      }
      sample.push([...step.value]); // held a while: a source may reuse its row array
    }
    widths = columnWidths(
      sheet.columns.map((column) => column.header),
      plans.map((plan) => plan.width),
      sample,
    );
    open(name);
    for (const cells of sample) {
      add(cells);
      await drain();
    }
    sample.length = 0;
    while (!finished) {
      const step = isAsync ? await iterator.next() : (iterator.next() as Step);
      if (step.done) {
        finished = true;
        break;
      }
      add(step.value);
      if (queue!.length > QUEUE_LIMIT || failure.error !== undefined) await drain();
    }
    close();
    return written;
  } finally {
    // Stopped early (an error): let the source release what it holds, a cursor say.
    if (!finished) {
      try {
        await iterator.return?.();
      } catch {
        // the first error is the one to report
      }
    }
  }
}

/** 1 → A, 27 → AA. */
function columnLetter(n: number): string {
  let letters = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) letters = String.fromCharCode(65 + ((k - 1) % 26)) + letters;
  return letters;
}
