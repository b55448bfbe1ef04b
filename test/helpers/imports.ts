// Imports run the way `custrack import` runs them, but in-process: the import engine (src/io/import.ts)
// with the store's own sinks, over an office on either engine (openOffice, openStoreOffice).
import { writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../src/db/open.js';
import type { Store } from '../../src/app/store.js';
import { BadRowsError, importRows, type ImportResult, type LineProblem } from '../../src/io/import.js';
import type { ImportKind } from '../../src/io/headers.js';
import type { EncodingChoice } from '../../src/io/source.js';
import { CustrackError } from '../../src/errors.js';
import { TODAY } from './cli.js';

/** A file of test/fixtures/import/. */
export const importFixture = (name: string): string => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

export interface ImportFileOptions {
  encoding?: EncodingChoice;
  delimiter?: ',' | '\t';
  ignoreUnknown?: boolean;
  dryRun?: boolean;
  skipExisting?: boolean;
  /** Customers: register names similar to a registered customer (docs/rules.md, rule 17). */
  allowSimilar?: boolean;
  /** The as-of date (default registration date of imported customers). */
  today?: string;
  /** Text on stdin when the file is `-`. */
  stdin?: string | Buffer;
}

/** `custrack import <kind> <file>` without the command layer: the result, or the engine's error thrown. */
export async function importFile(repos: Store, kind: ImportKind, file: string, options: ImportFileOptions = {}): Promise<ImportResult> {
  const input = options.stdin ?? '';
  const sink = await repos.importer({
    kind,
    skipExisting: options.skipExisting === true,
    today: options.today ?? TODAY,
    allowSimilar: options.allowSimilar === true,
  });
  return importRows(
    {
      kind,
      file,
      encoding: options.encoding ?? 'auto',
      delimiter: options.delimiter,
      ignoreUnknown: options.ignoreUnknown === true,
      dryRun: options.dryRun === true,
      // One chunk, bytes as given (a GBK Buffer stays GBK).
      stdin: Readable.from([typeof input === 'string' ? Buffer.from(input, 'utf8') : input]),
    },
    sink,
    (p: LineProblem) => `line ${p.line}: ${p.key}`,
  );
}

/** Writes `text` (or bytes) to a file and returns its path. */
export function writeImportFile(path: string, content: string | Buffer): string {
  writeFileSync(path, content);
  return path;
}

/** The error an import rejects with; fails the test when it succeeds. */
export async function importError(work: Promise<unknown>): Promise<CustrackError> {
  try {
    await work;
  } catch (err) {
    if (err instanceof CustrackError) return err;
    throw err;
  }
  throw new Error('expected the import to fail, but it succeeded');
}

/** The bad rows an import rejects with, as `line key` strings in line order. */
export async function badRows(work: Promise<unknown>): Promise<LineProblem[]> {
  const err = await importError(work);
  if (!(err instanceof BadRowsError)) throw new Error(`expected BadRowsError, got ${err.name} ${err.key}`);
  return err.problems;
}

export interface StoredTransaction {
  ref: string;
  customer_name: string;
  uscc: string | null;
  customer_id: number | null;
  date: string;
  amount: number;
  kind: string;
}

/** Every stored transaction, in a stable order (ref). */
export function storedTransactions(db: Db): StoredTransaction[] {
  return db
    .prepare('SELECT ref, customer_name, uscc, customer_id, date, amount, kind FROM transactions ORDER BY ref')
    .all() as StoredTransaction[];
}

export const transactionCount = (db: Db): number => (db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n;
