import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvField, excelText, guardFormula, isLongDigits, sanitizeTsv } from '../../src/cli/cells.js';

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
    ['﹦1', "'﹦1"],
    ['⁼1', "'⁼1"],
    ['₊1', "'₊1"],
    ['﹫x', "'﹫x"],
    ['한국', '한국'],
  ])('%j → %j', (text, guarded) => {
    expect(guardFormula(text)).toBe(guarded);
  });

  it('agrees with the rule itself (NFKC of the first character) on every code point', () => {
    // The fast paths (ASCII, CJK ideographs, Hangul) must not change a single answer.
    const mismatches: string[] = [];
    for (let cp = 1; cp <= 0x2ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const text = `${String.fromCodePoint(cp)}x`;
      const formula = /^[=+\-@\t\r]/u.test(String.fromCodePoint(cp).normalize('NFKC'));
      if (guardFormula(text) !== (formula ? `'${text}` : text)) mismatches.push(cp.toString(16));
    }
    expect(mismatches).toEqual([]);
  });
});

describe('csvField (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['深圳市腾达', '深圳市腾达'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    ['="0123"', '"=""0123"""'],
    ['', ''],
    [' padded ', ' padded '],
  ])('%j → %j', (text, field) => {
    expect(csvField(text)).toBe(field);
  });

  it('round-trips hostile values through a real CSV parser', () => {
    const values = ['a,b', '"', '""', '\r\n', 'x\ny', '，中文，', ' ', "'=1", '\u0000', 'tab\there', '😀,"😀"'];
    const line = values.map(csvField).join(',');
    expect(parse(`${line}\r\n`, { relax_column_count: false })).toEqual([values]);
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
