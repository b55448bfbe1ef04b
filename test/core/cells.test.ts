import { describe, expect, it } from 'vitest';
import { excelText, guardFormula, isLongDigits, sanitizeTsv } from '../../src/cli/cells.js';

describe('guardFormula', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+86 138', "'+86 138"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['＝1+1', "'＝1+1"],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠x', "'＠x"],
    ['深圳市腾达', '深圳市腾达'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (text, guarded) => {
    expect(guardFormula(text)).toBe(guarded);
  });
});

describe('sanitizeTsv', () => {
  it('replaces tab, CR and LF with spaces', () => {
    expect(sanitizeTsv('a\tb\r\nc')).toBe('a b  c');
  });
});

describe('long digit strings for Excel', () => {
  it.each([
    ['13800138000', true],
    ['012345', true],
    ['2026', false],
    ['0', false],
    ['91110000600037341L', false],
    ['1234567890', false],
  ])('%s → %s', (text, long) => {
    expect(isLongDigits(text)).toBe(long);
  });

  it('wraps them as text', () => {
    expect(excelText('13800138000')).toBe('="13800138000"');
  });
});
