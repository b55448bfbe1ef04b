import { describe, expect, it } from 'vitest';
import { cleanName, nameKey, nameProblem } from '../../src/core/names.js';

describe('nameKey', () => {
  it.each([
    ['full-width brackets and a space', '深圳市 腾达（集团）有限公司', '深圳市腾达(集团)有限公司'],
    ['ideographic space', '深圳市\u3000腾达有限公司', '深圳市腾达有限公司'],
    ['tabs and newlines', '北京\t华信\n科技', '北京华信科技'],
    ['Latin letters lower-cased', 'ABC Trading Co., Ltd.', 'abctradingco.,ltd.'],
    ['full-width Latin letters and digits', 'ＡＢＣ１２３', 'abc123'],
    ['zero-width space', '腾达\u200b集团', '腾达集团'],
  ])('%s', (_, name, key) => {
    expect(nameKey(name)).toBe(key);
  });

  it('makes the example of docs/rules.md, rule 1, the same customer', () => {
    expect(nameKey('深圳市 腾达（集团）有限公司')).toBe(nameKey('深圳市腾达(集团)有限公司'));
  });
});

describe('cleanName', () => {
  it('trims and collapses white space but keeps the name as typed', () => {
    expect(cleanName('  深圳市  腾达（集团）有限公司 ')).toBe('深圳市 腾达（集团）有限公司');
  });
});

describe('nameProblem', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u3000', 'empty'],
    ['x'.repeat(201), 'too-long'],
    ['腾达\u0000集团', 'control-characters'],
    ['深圳市腾达', null],
    ['x'.repeat(200), null],
  ])('%j → %s', (name, problem) => {
    expect(nameProblem(name)).toBe(problem);
  });
});
