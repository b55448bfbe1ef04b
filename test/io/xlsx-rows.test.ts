// Reading an .xlsx workbook for an import (src/io/xlsx-rows.ts): typed cells become the text a csv would
// hold, and a workbook that is not one is a clear error.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { isXlsxFile, readXlsxRecords, xlsxCellText } from '../../src/io/xlsx-rows.js';
import { UsageError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'custrack-xlsx-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('xlsxCellText', () => {
  it.each<[string, unknown, string]>([
    ['empty', null, ''],
    ['text as is, formula-looking too', '=1+2', '=1+2'],
    ['a leading apostrophe stays (an xlsx export has no guard)', "'abc", "'abc"],
    ['an integer', 350000, '350000'],
    ['money', 12000.5, '12000.5'],
    ['float noise is dropped', 0.1 + 0.2, '0.3'],
    ['a date: UTC midnight', new Date(Date.UTC(2026, 0, 5)), '2026-01-05'],
    ['a date a serial put a hair before midnight', new Date(Date.UTC(2026, 0, 5) - 1), '2026-01-05'],
    ['rich text', { richText: [{ text: '深圳' }, { text: '腾达' }] }, '深圳腾达'],
    ['a formula: its cached result', { formula: 'A1+1', result: 42 }, '42'],
    ['a hyperlink: its text', { text: 'caigou@tengda.example', hyperlink: 'mailto:caigou@tengda.example' }, 'caigou@tengda.example'],
    ['a boolean', true, 'TRUE'],
  ])('%s', (_, value, text) => {
    expect(xlsxCellText(value)).toBe(text);
  });
});

describe('readXlsxRecords', () => {
  it('reads the first sheet, every row as wide as the sheet, with its row number', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['客户名称', '登记日期', '月采购量', '电话']);
    sheet.addRow(['深圳市腾达（集团）有限公司', new Date(Date.UTC(2025, 0, 6)), 350000, '13826517730']);
    sheet.addRow([]);
    sheet.addRow(['北京华信科技有限公司']);
    workbook.addWorksheet('other').addRow(['ignored']);
    const path = join(dir, 'customers.xlsx');
    await workbook.xlsx.writeFile(path);
    expect(await readXlsxRecords(path, 'customers.xlsx')).toEqual([
      { row: 1, cells: ['客户名称', '登记日期', '月采购量', '电话'] },
      { row: 2, cells: ['深圳市腾达（集团）有限公司', '2025-01-06', '350000', '13826517730'] },
      { row: 4, cells: ['北京华信科技有限公司', '', '', ''] },
    ]);
  });

  it('a file that is not a workbook → a usage error naming it', async () => {
    const path = join(dir, 'fake.xlsx');
    writeFileSync(path, 'name\n甲\n');
    await expect(readXlsxRecords(path, 'fake.xlsx')).rejects.toBeInstanceOf(UsageError);
  });

  it('only a file named .xlsx is read as a workbook; stdin never', () => {
    expect([isXlsxFile('a.xlsx'), isXlsxFile('A.XLSX'), isXlsxFile('a.csv'), isXlsxFile('-')]).toEqual([true, true, false, false]);
  });
});
