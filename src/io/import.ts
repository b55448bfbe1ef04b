// The import engine (README, "Importing data"): one streaming pass that parses, validates and writes every row inside one
// BEGIN IMMEDIATE transaction. Any bad row means ROLLBACK, with every bad row listed; memory stays flat.
import type { Readable } from 'node:stream';
import type { MessageKey } from '../i18n/index.js';
import type { Params } from '../errors.js';
import { UsageError } from '../errors.js';
import { fromSpreadsheetCell } from '../core/spreadsheet-text.js';
import { mapHeaders, type ImportKind } from './headers.js';
import { mixedEncodingCheck, openSource, textStream, type EncodingChoice, type Encoding, workbookSource } from './source.js';
import { isXlsxFile, readXlsxRecords } from './xlsx-rows.js';
import type { RawRow, RowProblem } from './rows.js';

export interface LineProblem {
  line: number;
  key: MessageKey;
  params: Params;
}

export interface ImportCounts {
  added: number;
  skipped: number;
  /** Skipped rows whose invoice number was imported before with different details. */
  conflicting?: number;
  /** Bad rows an engine finds only once it has every row (a repeated invoice number, found set-based). */
  problems?: LineProblem[];
  /** Customers: rows registered although similar to a registered customer (--allow-similar). */
  similar?: number;
  /** Customers with --update: customers changed by a row, and rows that matched a customer and changed nothing. */
  changed?: number;
  unchanged?: number;
}

export interface UnmatchedName {
  name: string;
  rows: number;
}

/**
 * Where rows go: the database layer writes them inside one transaction that it commits or rolls back.
 * An engine that writes synchronously returns plain values (no promise per row of a million-row file).
 */
export interface ImportSink {
  /** Starts the write transaction; `bytes` is the file size, a hint of how many rows will come. */
  begin(bytes: number): Promise<void> | void;
  /** Checks one row (including checks that need the database) and, unless `validateOnly`, writes it. */
  add(row: RawRow, line: number, validateOnly: boolean): RowProblem[] | Promise<RowProblem[]>;
  /**
   * After the last row: what was done (and rebuilds what bulk loading set aside). `badRows`: rows were bad
   * already, the import will be rolled back; only further problems are wanted.
   */
  finish(badRows?: boolean): ImportCounts | Promise<ImportCounts>;
  /** Records the import in the history and commits. */
  commit(file: string, counts: ImportCounts): Promise<void> | void;
  /** Transactions, after `finish`: the names of the rows added that match no customer, each with its number of rows. */
  unmatched?(): UnmatchedName[];
  /** Leaves the database as it was; safe to call when nothing was begun. */
  rollback(): Promise<void> | void;
}

export interface ImportOptions {
  kind: ImportKind;
  file: string;
  encoding: EncodingChoice;
  delimiter?: ',' | '\t' | undefined;
  ignoreUnknown: boolean;
  dryRun: boolean;
  stdin: Readable;
  /** Called now and then with bytes read and total, for a progress bar. */
  progress?: ((read: number, total: number) => void) | undefined;
}

export interface ImportResult extends ImportCounts {
  rows: number;
  /** Transactions: the names added that match no customer (docs/rules.md, rule 17: compared with the customers). */
  unmatched?: UnmatchedName[];
  encoding: Encoding;
  delimiter: ',' | '\t';
  dryRun: boolean;
}

/** Thrown when rows are bad: every problem, by line. */
export class BadRowsError extends UsageError {
  constructor(
    readonly problems: LineProblem[],
    params: Params,
    details: string[],
  ) {
    super('import.bad_rows', params, details);
  }
}

/** Reads the first chunk without consuming it: a tab in the header line means TSV; null when there is no text. */
async function peekDelimiter(text: Readable): Promise<',' | '\t' | null> {
  const first = await new Promise<string | null>((resolve, reject) => {
    const done = (value: string | null): void => {
      text.off('readable', onReadable).off('end', onEnd).off('error', onError);
      resolve(value);
    };
    const onReadable = (): void => done(text.read() as string | null);
    const onEnd = (): void => done(null);
    const onError = (err: Error): void => {
      text.off('readable', onReadable).off('end', onEnd);
      reject(err);
    };
    text.on('readable', onReadable).once('end', onEnd).once('error', onError);
  });
  if (first === null || first === '') return null;
  text.unshift(first);
  const line = String(first).split(/\r?\n/u, 1)[0] ?? '';
  return line.includes('\t') ? '\t' : ',';
}

/** Lines a parsed record took in the file: one, plus the line breaks inside its quoted fields. */
function linesOf(record: string[]): number {
  let lines = 1;
  for (const field of record) {
    if (field.includes('\n')) for (const ch of field) if (ch === '\n') lines++;
  }
  return lines;
}

export async function importRows(options: ImportOptions, sink: ImportSink, describe: (p: LineProblem) => string): Promise<ImportResult> {
  const xlsx = isXlsxFile(options.file);
  const source = xlsx ? workbookSource(options.file) : await openSource(options.file, options.encoding, options.stdin);
  try {
    const { text, bytesRead } = xlsx ? { text: undefined, bytesRead: () => 0 } : await textStream(source);
    const wasUtf8 = xlsx ? undefined : await mixedEncodingCheck(source, options.encoding);
    const detected = text ? await peekDelimiter(text) : ',';
    if (detected === null) throw new UsageError('import.empty', { file: source.label });
    const delimiter = options.delimiter ?? detected;
    const problems: LineProblem[] = [];
    let columns: Array<string | null> | undefined;
    let width = 0;
    let rows = 0;
    let nextLine = 1;
    let lastTick = 0;
    let malformed: UsageError | undefined;

    const onRecord = (record: string[]): Promise<void> | undefined => {
      const line = nextLine;
      nextLine += linesOf(record);
      // Empty lines, and rows of empty cells that spreadsheets leave behind, are not rows.
      if (record.every((field) => field.trim() === '')) return undefined;
      if (!columns) {
        const map = mapHeaders(options.kind, record);
        if (map.duplicated.length) throw new UsageError('import.duplicate_columns', { columns: map.duplicated.join(', ') });
        if (map.missing.length)
          throw new UsageError('import.missing_columns', { columns: map.missing.join(', '), found: record.join(', ') });
        if (map.unknown.length && !options.ignoreUnknown)
          throw new UsageError('import.unknown_columns', { columns: map.unknown.join(', ') });
        columns = map.columns;
        width = record.length;
        const begun = sink.begin(source.size);
        return begun ? begun.then(() => undefined) : undefined;
      }
      rows++;
      const rowProblems: RowProblem[] = [];
      if (record.length !== width) rowProblems.push({ key: 'row.fields', params: { expected: width, got: record.length } });
      for (const value of record) {
        if (value.includes('\ufffd')) {
          rowProblems.push({ key: 'row.undecodable', params: { encoding: source.encoding } });
          break;
        }
        if (value.includes('\u0000')) {
          rowProblems.push({ key: 'row.nul', params: {} });
          break;
        }
        if (wasUtf8?.(value)) {
          rowProblems.push({ key: 'row.mixed_encoding', params: { encoding: source.encoding } });
          break;
        }
      }
      if (options.progress && rows - lastTick >= 20000) {
        lastTick = rows;
        options.progress(bytesRead(), source.size);
      }
      if (rowProblems.length === 0) {
        const raw: RawRow = {};
        for (let i = 0; i < columns.length; i++) {
          const field = columns[i];
          // A file exported and edited in a spreadsheet reads back as it was exported (src/core/spreadsheet-text.ts);
          // a workbook's cells are typed, with no guard to take off.
          if (field) raw[field] = xlsx ? (record[i] ?? '') : fromSpreadsheetCell(record[i] ?? '');
        }
        // After the first bad row nothing will be kept, but every row is still checked so all are listed.
        const added = sink.add(raw, line, problems.length > 0);
        if (!Array.isArray(added)) return added.then((found) => note(line, found));
        rowProblems.push(...added);
      }
      note(line, rowProblems);
      return undefined;
    };
    const note = (line: number, found: RowProblem[]): void => {
      for (const p of found) problems.push({ line, ...p });
    };

    if (!text) {
      try {
        for (const { row, cells } of await readXlsxRecords(source.path, source.label)) {
          nextLine = row;
          await onRecord(cells);
        }
      } catch (err) {
        await sink.rollback();
        throw err;
      }
    }
    const Papa = (await import('papaparse')).default;
    if (text)
      try {
        await new Promise<void>((resolve, reject) => {
          // abort() calls complete() at once, so a failure is kept and reported from there.
          let failure: unknown;
          Papa.parse<string[]>(text as unknown as File, {
            delimiter,
            quoteChar: '"',
            skipEmptyLines: false,
            chunk: (results, parser) => {
              if (failure) return;
              const quoteError = results.errors.find((e) => e.type === 'Quotes');
              const firstBad = quoteError?.row ?? results.data.length;
              const end = (): void => {
                if (!quoteError) return;
                malformed = new UsageError('import.malformed', { file: source.label, line: nextLine, reason: quoteError.message });
                parser.abort();
              };
              const fail = (err: unknown): void => {
                failure = err;
                parser.abort();
              };
              // Rows are handed over in order; an engine that writes asynchronously pauses the parser until it caught up.
              // True when the rest of the chunk was handled without waiting.
              const from = (start: number): boolean => {
                try {
                  for (let i = start; i < results.data.length && i < firstBad; i++) {
                    const waiting = onRecord(results.data[i]!);
                    if (waiting) {
                      parser.pause();
                      waiting.then(() => {
                        if (from(i + 1) && !failure && !malformed) parser.resume();
                      }, fail);
                      return false;
                    }
                  }
                  end();
                } catch (err) {
                  fail(err);
                }
                return true;
              };
              from(0);
            },
            complete: () => (failure ? reject(failure) : resolve()),
            error: (err: Error) => reject(err),
          });
        });
      } catch (err) {
        await sink.rollback();
        throw err;
      }
    if (malformed) {
      await sink.rollback();
      throw malformed;
    }
    options.progress?.(source.size, source.size);
    if (!columns) throw new UsageError('import.empty', { file: source.label });
    const { problems: found, ...counts } = await sink.finish(problems.length > 0);
    if (found) problems.push(...found);
    if (problems.length > 0) {
      await sink.rollback();
      problems.sort((a, b) => a.line - b.line);
      const badLines = new Set(problems.map((p) => p.line)).size;
      throw new BadRowsError(problems, { count: badLines, rows, file: source.label }, problems.map(describe));
    }
    const unmatched = sink.unmatched?.();
    if (options.dryRun) await sink.rollback();
    else await sink.commit(source.label, counts);
    return { ...counts, rows, encoding: source.encoding, delimiter, dryRun: options.dryRun, ...(unmatched ? { unmatched } : {}) };
  } catch (err) {
    await sink.rollback();
    throw err;
  } finally {
    source.cleanup();
  }
}
