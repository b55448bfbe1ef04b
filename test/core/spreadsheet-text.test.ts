import { describe, expect, it } from 'vitest';
import { fromSpreadsheetCell, needsFormulaGuard } from '../../src/core/spreadsheet-text.js';
import { excelText, guardFormula, isLongDigits } from '../../src/cli/cells.js';

describe('fromSpreadsheetCell', () => {
  it.each([
    ['="13826517730"', '13826517730'],
    ['="0755"', '0755'],
    ['="say ""hi"""', 'say "hi"'],
    ["'=SUM(A1)", '=SUM(A1)'],
    ["'+86 138", '+86 138'],
    ["'-1", '-1'],
    ["'＝1", '＝1'],
    ["''=x", "'=x"],
    ["'abc", "'abc"],
    ["it's", "it's"],
    ['=SUM(A1)', '=SUM(A1)'],
    ['="unclosed', '="unclosed'],
    ['深圳市腾达', '深圳市腾达'],
    ['', ''],
  ])('%j → %j', (cell, value) => {
    expect(fromSpreadsheetCell(cell)).toBe(value);
  });

  // Every value an export writes as text, read back by an import, is the value again.
  it.each([
    '=SUM(A1:A9)',
    '+86 138',
    '-1',
    '@cmd',
    "'=x",
    "''=x",
    "'abc",
    "'",
    '13826517730',
    '0755',
    '＝1+1',
    '深圳市腾达',
    'a=b',
    '="already wrapped"',
  ])('the export of %j reads back unchanged (csv and --excel)', (value) => {
    const csv = guardFormula(value);
    const excel = isLongDigits(csv) ? excelText(csv) : csv;
    expect(fromSpreadsheetCell(csv)).toBe(value);
    expect(fromSpreadsheetCell(excel)).toBe(value);
  });

  it('guards an apostrophe only before a formula start', () => {
    expect(needsFormulaGuard("'=x")).toBe(true);
    expect(needsFormulaGuard("'abc")).toBe(false);
    expect(guardFormula("'abc")).toBe("'abc");
  });
});
