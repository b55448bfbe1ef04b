// The import engine (SPEC §7): one streaming pass that parses, validates every row and stages the good
// ones; nothing reaches the real tables unless every row is good. Memory stays flat for any file size.
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { MessageKey } from '../cli/i18n/index.js';
import type { Params } from '../errors.js';
import { UsageError } from '../errors.js';
import { mapHeaders, type ImportKind } from './headers.js';
import { openSource, textStream, type EncodingChoice, type Encoding } from './source.js';
import type { RawRow, RowProblem } from './rows.js';

export interface LineProblem {
  line: number;
  key: MessageKey;
  params: Params;
}

/** Where validated rows go: the database layer stages them and, at the end, commits or previews. */
export interface ImportSink {
  /** Validates a parsed row (including checks that need the database) and stages it; returns its problems. */
  stage(row: RawRow, line: number): RowProblem[];
  /** Problems that need every row first (the same invoice number twice in the file). */
  afterStaging(): LineProblem[];
  /** What a commit would do, without writing. */
  preview(): ImportCounts;
  /** Writes the staged rows in one BEGIN IMMEDIATE transaction. */
  commit(file: string): ImportCounts;
  /** Drops the staging tables. */
  close(): void;
}

export interface ImportCounts {
  added: number;
  skipped: number;
  /** Skipped rows whose invoice number was imported before with different details. */
  conflicting?: number;
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

/** Reads the first chunk without consuming it: a tab in the header line means TSV. */
async function peekDelimiter(text: Readable): Promise<',' | '\t'> {
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
  if (first === null) return ',';
  text.unshift(first);
  const line = String(first).split(/\r?\n/u, 1)[0] ?? '';
  return line.includes('\t') ? '\t' : ',';
}

export async function importRows(options: ImportOptions, sink: ImportSink, describe: (p: LineProblem) => string): Promise<ImportResult> {
  const source = await openSource(options.file, options.encoding, options.stdin);
  try {
    const { text, bytesRead } = await textStream(source);
    const delimiter = options.delimiter ?? (await peekDelimiter(text));
    const parser = text.pipe(
      parse({ delimiter, relax_column_count: true, skip_empty_lines: true, info: true, bom: true, relax_quotes: false }),
    );
    const problems: LineProblem[] = [];
    let columns: Array<string | null> | undefined;
    let width = 0;
    let rows = 0;
    let previousLine = 0;
    let lastTick = 0;
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        const line = previousLine + 1;
        previousLine = info.lines;
        if (!columns) {
          const map = mapHeaders(options.kind, record);
          if (map.duplicated.length) throw new UsageError('import.duplicate_columns', { columns: map.duplicated.join(', ') });
          if (map.missing.length) throw new UsageError('import.missing_columns', { columns: map.missing.join(', '), found: record.join(', ') });
          if (map.unknown.length && !options.ignoreUnknown) throw new UsageError('import.unknown_columns', { columns: map.unknown.join(', ') });
          columns = map.columns;
          width = record.length;
          continue;
        }
        rows++;
        const rowProblems: RowProblem[] = [];
        if (record.length !== width) rowProblems.push({ key: 'row.fields', params: { expected: width, got: record.length } });
        if (record.some((v) => v.includes('\ufffd'))) rowProblems.push({ key: 'row.undecodable', params: { encoding: source.encoding } });
        if (record.some((v) => v.includes('\u0000'))) rowProblems.push({ key: 'row.nul', params: {} });
        if (rowProblems.length === 0) {
          const raw: RawRow = {};
          for (let i = 0; i < columns.length; i++) {
            const field = columns[i];
            if (field) raw[field] = record[i] ?? '';
          }
          // Once a row is bad nothing will be written, but every row is still checked so all are listed.
          rowProblems.push(...sink.stage(raw, line));
        }
        for (const p of rowProblems) problems.push({ line, ...p });
        if (options.progress && rows - lastTick >= 20000) {
          lastTick = rows;
          options.progress(bytesRead(), source.size);
        }
      }
    } catch (err) {
      if (err instanceof UsageError) throw err;
      const csvError = err as { code?: string; lines?: number; message: string };
      if (typeof csvError.code === 'string' && csvError.code.startsWith('CSV_')) {
        throw new UsageError('import.malformed', { file: source.label, line: csvError.lines ?? previousLine + 1, reason: csvError.message.replace(/^Invalid (Opening|Closing) Quote: /u, '') });
      }
      throw err;
    }
    options.progress?.(source.size, source.size);
    if (!columns) throw new UsageError('import.empty', { file: source.label });
    problems.push(...sink.afterStaging());
    if (problems.length > 0) {
      problems.sort((a, b) => a.line - b.line);
      const badLines = new Set(problems.map((p) => p.line)).size;
      throw new BadRowsError(problems, { count: badLines, rows, file: source.label }, problems.map(describe));
    }
    const counts = options.dryRun ? sink.preview() : sink.commit(source.label);
    return { ...counts, rows, encoding: source.encoding, delimiter, dryRun: options.dryRun };
  } finally {
    sink.close();
    source.cleanup();
  }
}
