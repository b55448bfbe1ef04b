// How a list looks in every format: its columns and JSON shape, in a module of its own so that the output
// layer and the writers it loads on demand (the xlsx workbook) share them without an import cycle.
import type { MessageKey, Translator } from '../i18n/index.js';
import type { Rows } from '../app/store.js';
import type { Tone } from './layout.js';

export type Cell = string | number | boolean | null | undefined;
export type CellType = 'text' | 'int' | 'money' | 'date' | 'bool' | 'code' | 'number';

export interface Column<R> {
  header: MessageKey;
  type?: CellType;
  value: (row: R) => Cell;
  /** Table-only display of the cell (a translated status, say), for rows whose value is not empty; csv/tsv keep the code. */
  label?: (row: R, t: Translator) => string;
  tone?: (row: R) => Tone;
  /** Table-only: cut long text at this many display columns. */
  maxWidth?: number;
  /** Left out of list tables on a terminal (still in csv/tsv and in a single record's view). */
  wide?: boolean;
  /** The stored column the cell shows as it is, when there is one: lets csv/tsv read rows packed. */
  stored?: string;
  /** xlsx: a text cell whatever it looks like (ids, phones, USCCs, invoice numbers), so Excel keeps every digit. */
  text?: true;
}

export interface ListSpec<R> {
  columns: Column<R>[];
  json: (row: R) => unknown;
  /** `{count} …` summary on stderr under a table. */
  count: MessageKey;
  /** What a table says on stderr when there is nothing. */
  empty: MessageKey;
  /** xlsx: the name of the sheet (default `sheet.data`). */
  sheet?: MessageKey;
}

/** One titled list of a report: a sheet of its workbook (Output.workbook). Made with reportSheet(). */
export interface ReportSheet {
  title: MessageKey;
  spec: ListSpec<unknown>;
  rows: Rows<unknown>;
}

/** A report's section: the spec and its rows, checked against each other here and nowhere else. */
export function reportSheet<R>(title: MessageKey, spec: ListSpec<R>, rows: Rows<R>): ReportSheet {
  return { title, spec: spec as unknown as ListSpec<unknown>, rows };
}
