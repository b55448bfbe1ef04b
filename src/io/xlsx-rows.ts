// Reading an .xlsx workbook for an import (README, "Importing data"): the first sheet's rows as text cells,
// typed as Excel keeps them: numbers as plain decimal text, dates as ISO dates, text as is (an xlsx export
// carries no formula guard, so nothing is taken off). exceljs is large: loaded only for an .xlsx file.
import { UsageError } from '../errors.js';

export interface XlsxRecord {
  /** The row's number in the sheet, which is its line in messages. */
  row: number;
  cells: string[];
}

const DAY_MS = 86_400_000;

/** Whether an import file is a workbook (by its name; stdin is always text). */
export const isXlsxFile = (file: string): boolean => file !== '-' && /\.xlsx$/iu.test(file);

/** One cell's text: a date as YYYY-MM-DD, a number without float noise, a formula's cached result. */
export function xlsxCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    // exceljs reads a date serial as UTC midnight; rounding keeps a serial's float error off the day.
    const ms = Math.round(value.getTime() / DAY_MS) * DAY_MS;
    return Number.isNaN(ms) ? '' : new Date(ms).toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return xlsxCellText(v.result);
    if (v.text !== undefined) return xlsxCellText(v.text);
    if (v.error !== undefined) return v.error;
  }
  return String(value);
}

/** The first worksheet's rows, each padded to the sheet's width so that every row has every column. */
export async function readXlsxRecords(path: string, label: string): Promise<XlsxRecord[]> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (err) {
    throw new UsageError('import.bad_xlsx', { file: label, reason: err instanceof Error ? err.message : String(err) });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const width = sheet.columnCount;
  const records: XlsxRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(xlsxCellText(row.getCell(c).value));
    records.push({ row: rowNumber, cells });
  });
  return records;
}
