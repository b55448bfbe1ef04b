// The cells of an xlsx workbook (src/cli/xlsx.ts): the shapes the output layer hands over, valid sheet names,
// and how each column's cells are typed, formatted and measured. Pure: exceljs is only named as a type here.
import type ExcelJS from 'exceljs';
import stringWidth from 'string-width';
import { formatYuan, formatYuanGrouped } from '../core/money.js';
import type { CellType } from './spec.js';
/** A cell as the output layer hands it over. */
export type XlsxCell = string | number | boolean | null | undefined;

export interface XlsxColumn {
  /** The header text, already translated. */
  header: string;
  /** How the cells are typed; defaults to text. */
  type?: CellType;
  /** Always a string, even when it looks like a number: ids, phones, USCCs, invoice numbers. */
  text?: boolean;
  /** The words a bool column shows, e.g. `['是', '否']`; without them a bool is an Excel TRUE/FALSE cell. */
  boolLabels?: readonly [yes: string, no: string];
}

export interface XlsxSheet {
  /** Any text; made valid and unique for Excel (see sheetNames). */
  name: string;
  columns: readonly XlsxColumn[];
  /** One array of cells per row, in column order; iterated once. */
  rows: Iterable<readonly XlsxCell[]> | AsyncIterable<readonly XlsxCell[]>;
}

export interface WorkbookOptions {
  /** Rows held back to decide column widths (default WIDTH_SAMPLE_ROWS). */
  widthSampleRows?: number;
  /** Data rows per sheet before it goes on in a new sheet (default and maximum MAX_DATA_ROWS); for tests. */
  maxRowsPerSheet?: number;
}

/** What was written: one entry per sheet of the file, continuation sheets included. */
export interface WrittenSheet {
  name: string;
  rows: number;
}

export const WIDTH_SAMPLE_ROWS = 1000;
export const MIN_WIDTH = 6;
export const MAX_WIDTH = 60;
/** Excel's 1,048,576 rows per sheet, less the header. */
export const MAX_DATA_ROWS = 1_048_575;
/** Excel's limit on the characters in a cell; longer text is cut (Excel would repair the file and drop it). */
export const MAX_CELL_TEXT = 32_767;
export const MAX_SHEET_NAME = 31;

export const MONEY_FORMAT = '#,##0.00';
export const DATE_FORMAT = 'yyyy-mm-dd';
export const TEXT_FORMAT = '@';

// ---------------------------------------------------------------------------------------------------
// Sheet names

const FORBIDDEN_IN_SHEET_NAME = /[[\]:*?/\\\u0000-\u001f\u007f]/gu;

/**
 * Names Excel accepts, in order: at most 31 characters, none of `[]:*?/\` (each becomes `_`), no
 * apostrophe at either end, not `History`, not empty (`Sheet<n>`), and unique ignoring case (later
 * ones get ` (2)`, ` (3)` …).
 */
export function sheetNames(wanted: readonly string[]): string[] {
  const taken = new Set<string>();
  return wanted.map((name, i) => uniqueSheetName(cleanSheetName(name, `Sheet${i + 1}`), taken));
}

function cleanSheetName(name: string, fallback: string): string {
  let clean = trimSheetName(name.replace(FORBIDDEN_IN_SHEET_NAME, '_'));
  if (clean === '') clean = fallback;
  if (clean.toLowerCase() === 'history') clean = `${clean}_`;
  return clean;
}

/** Cut to 31 UTF-16 units (not inside a surrogate pair), without spaces or apostrophes at the ends. */
function trimSheetName(name: string, max = MAX_SHEET_NAME): string {
  let cut = name.trim();
  if (cut.length > max) cut = cutText(cut, max);
  return cut.replace(/^['\s]+|['\s]+$/gu, '');
}

export function uniqueSheetName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate.toUpperCase()); n++) {
    const suffix = ` (${n})`;
    candidate = `${trimSheetName(name, MAX_SHEET_NAME - suffix.length)}${suffix}`;
  }
  taken.add(candidate.toUpperCase());
  return candidate;
}

// ---------------------------------------------------------------------------------------------------
// Cells

export type ExcelValue = string | number | boolean | undefined;

export interface ColumnPlan {
  /** The value exceljs stores; undefined leaves the cell empty. */
  value: (cell: XlsxCell) => ExcelValue;
  /** How wide the cell shows, for the first rows only. */
  width: (cell: XlsxCell) => number;
  /** One shared style object per column: exceljs caches style ids by object. */
  style: Partial<ExcelJS.Style>;
}

/** Excel keeps 15 significant digits: a longer integer would lose its last ones, so it goes in as text. */
const isExactInExcel = (n: number): boolean => Number.isFinite(n) && !(Number.isInteger(n) && Math.abs(n) >= 1e15);

const EXCEL_EPOCH_DAYS = 25_569; // 1970-01-01 as an Excel serial
const DAY_MS = 86_400_000;
const FIRST_EXCEL_DATE = Date.UTC(1900, 2, 1); // earlier serials are off by Excel's 1900-02-29
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/**
 * 'YYYY-MM-DD' → its Excel serial (days since 1899-12-30), or null when it is not a real date Excel
 * shows. Computed from the calendar date alone, in UTC, so the process's time zone cannot move it
 * (exceljs turns a JS Date into a serial by its UTC time, so a local-midnight Date east of Greenwich
 * would land on the day before).
 */
export function excelSerial(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  if (ms < FIRST_EXCEL_DATE) return null;
  return EXCEL_EPOCH_DAYS + ms / DAY_MS;
}

const NEEDS_CLEANING = /[\uD800-\uDFFF\uFFFE\uFFFF]/u;
const NOT_XML = /[\p{Cs}\uFFFE\uFFFF]/gu;

/**
 * Text a cell can hold: lone surrogates and U+FFFE/U+FFFF (not XML, one would make the whole file
 * unreadable) become U+FFFD, and text past Excel's 32,767 characters is cut. exceljs itself drops the
 * control characters XML forbids.
 */
export function cellText(text: string): string {
  let clean = NEEDS_CLEANING.test(text) ? text.replace(NOT_XML, '\uFFFD') : text;
  if (clean.length > MAX_CELL_TEXT) clean = cutText(clean, MAX_CELL_TEXT);
  return clean;
}

/** The first `max` UTF-16 units, one fewer when that would split a surrogate pair. */
function cutText(text: string, max: number): string {
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

const textWidth = (text: string): number => stringWidth(text);

/** How one column turns cells into values, chosen once per column. */
export function planColumn(column: XlsxColumn): ColumnPlan {
  const type = column.type ?? 'text';
  const labels = column.boolLabels;
  const asText = (cell: XlsxCell): string | undefined => {
    if (cell === null || cell === undefined) return undefined;
    if (typeof cell === 'string') return cellText(cell);
    if (typeof cell === 'boolean') return labels ? labels[cell ? 0 : 1] : cell ? 'TRUE' : 'FALSE';
    if (!Number.isFinite(cell)) return undefined;
    return type === 'money' ? formatYuan(cell) : String(cell);
  };
  const textCellWidth = (cell: XlsxCell): number => {
    const text = asText(cell);
    return text === undefined ? 0 : textWidth(text);
  };
  if (column.text === true) return { value: asText, width: textCellWidth, style: { numFmt: TEXT_FORMAT } };

  switch (type) {
    case 'int':
    case 'number':
      return {
        value: (cell) => (typeof cell === 'number' && isExactInExcel(cell) ? cell : asText(cell)),
        width: textCellWidth,
        style: {},
      };
    case 'money':
      return {
        value: (cell) => (typeof cell === 'number' ? (Number.isFinite(cell) ? cell / 100 : undefined) : asText(cell)),
        width: (cell) => (typeof cell === 'number' && Number.isFinite(cell) ? formatYuanGrouped(cell).length : textCellWidth(cell)),
        style: { numFmt: MONEY_FORMAT },
      };
    case 'date':
      return {
        value: (cell) => (typeof cell === 'string' ? (excelSerial(cell) ?? asText(cell)) : asText(cell)),
        width: textCellWidth, // a date shows as the 10 characters it was given
        style: { numFmt: DATE_FORMAT },
      };
    case 'bool':
      return {
        value: (cell) => (typeof cell === 'boolean' && !labels ? cell : asText(cell)),
        width: textCellWidth,
        style: {},
      };
    case 'text':
    case 'code':
      return { value: asText, width: textCellWidth, style: {} };
  }
}

/** Column widths from the header and the sampled rows (see the top of this file). */
export function columnWidths(
  headers: readonly string[],
  widthOf: ReadonlyArray<(cell: XlsxCell) => number>,
  sample: ReadonlyArray<readonly XlsxCell[]>,
): number[] {
  return headers.map((header, i) => {
    let widest = 0;
    for (const row of sample) widest = Math.max(widest, widthOf[i]!(row[i]));
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, textWidth(header) + 4, widest + 2));
  });
}
