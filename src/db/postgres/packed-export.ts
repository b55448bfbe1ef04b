// csv and tsv exports of transactions on PostgreSQL: one COPY of packed lines (copy-out.ts) in the order
// rows were entered, each written by the output without being cut into cells, as SQLite's packed pages are
// (src/db/sqlite/statements.ts). A line the output cannot take as it is (a value COPY escaped, a time that
// is not a whole second of a four-digit year) is handed over in a form it refuses, and its typed values
// are then read from the line itself: the connection is busy with the COPY until its end.
import type { TransactionRow } from '../../app/store.js';
import { custrackTypes } from './connection.js';
import { pg } from './pg.js';
import { copyFields, copyOutLines, escaped, unpacked } from './copy-out.js';
import type { Sql } from './sql.js';

const STORED = ['id', 'ref', 'customer_name', 'uscc', 'customer_id', 'date', 'amount', 'kind', 'imported_at'] as const;
type StoredColumn = (typeof STORED)[number];

/**
 * imported_at as custrack shows it, `2026-11-23T02:03:04Z` (ISO 8601 in UTC to the second, src/db/clock.ts),
 * whatever the session's time zone. A third of the server's time of a million-row export was this value:
 * to_char took twice as long as the text of the UTC time with its space replaced.
 */
const IMPORTED_AT = "replace((imported_at AT TIME ZONE 'UTC')::text, ' ', 'T') || 'Z'";
/** The length of that text for a whole second of the years 0001–9999, the only form written as it is. */
const SHOWN_TIME_LENGTH = 20;

function checked(columns: readonly string[]): StoredColumn[] {
  const unknown = columns.find((column) => !(STORED as readonly string[]).includes(column));
  if (unknown !== undefined) throw new Error(`not a stored transaction column: ${unknown}`);
  return columns as StoredColumn[];
}

/** The packed lines of every transaction, in id order: the id, then `columns`. */
export function packedTransactionLines(sql: Sql, columns: readonly string[]): AsyncIterable<string> {
  const stored = checked(columns);
  const select = `SELECT id, ${stored.map((c) => (c === 'imported_at' ? IMPORTED_AT : c)).join(', ')} FROM transactions ORDER BY id`;
  // imported_at's field counted from the end of the line: the last one, or found by walking the separators.
  const timeField = stored.indexOf('imported_at');
  const fromEnd = timeField < 0 ? -1 : stored.length - 1 - timeField;
  return copyOutLines(sql, select, (line) => (escaped(line) || (fromEnd >= 0 && !wholeSecond(line, fromEnd)) ? unpacked(line) : line));
}

/** Whether the field `fromEnd` fields before the line's end (the shown imported_at) has the length of a whole second. */
function wholeSecond(line: string, fromEnd: number): boolean {
  let end = line.length;
  for (let i = 0; i < fromEnd; i++) end = line.lastIndexOf('\u001f', end - 1);
  return end > SHOWN_TIME_LENGTH && line.lastIndexOf('\u001f', end - 1) === end - SHOWN_TIME_LENGTH - 1;
}

const types = custrackTypes();
const int8 = types.getTypeParser(pg.types.builtins.INT8, 'text') as (text: string) => number;
const timestamptz = types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text') as (text: string) => string;

/**
 * The typed values of a packed or unpacked line, as the typed rows read them (connection.ts, custrackTypes):
 * the columns the line holds; NULL and empty text are alike in it, as they are in csv and tsv.
 */
export function packedTransactionRow(line: string, columns: readonly string[]): TransactionRow {
  const [id, ...fields] = copyFields(unpacked(line));
  const row: Partial<Record<StoredColumn, unknown>> = { id: int8(id!) };
  checked(columns).forEach((column, i) => {
    const text = fields[i] ?? '';
    row[column] = typedValue(column, text);
  });
  return row as TransactionRow;
}

function typedValue(column: StoredColumn, text: string): unknown {
  switch (column) {
    case 'id':
    case 'amount':
      return int8(text);
    case 'customer_id':
      return text === '' ? null : int8(text);
    case 'uscc':
      return text === '' ? null : text;
    case 'imported_at':
      return text.length === SHOWN_TIME_LENGTH ? text : timestamptz(utcText(text));
    default:
      return text;
  }
}

/** IMPORTED_AT's text made back into the server's text of that time in UTC: `0044-03-15T00:00:00TBCZ` → `0044-03-15 00:00:00+00 BC`. */
function utcText(shown: string): string {
  const bc = shown.endsWith('TBCZ');
  const time = shown.slice(0, bc ? -4 : -1).replace('T', ' ');
  return bc ? `${time}+00 BC` : `${time}+00`;
}
