import { describe, expect, it } from 'vitest';
import { formatYuan, formatYuanGrouped, parseYuan } from '../../src/core/money.js';

describe('parseYuan', () => {
  it.each([
    ['1234.5', 123450],
    ['1,234.50', 123450],
    ['-12', -1200],
    ['0.01', 1],
    ['¥8', 800],
    ['￥8.00', 800],
    ['１２３', 12300],
    ['10000000000000', 1_000_000_000_000_000],
  ])('%s → %i fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each(['', '1.234', '12,34', 'abc', '1e5', '10000000000001', 'NaN', '--1'])('rejects %j', (text) => {
    expect(parseYuan(text)).toBeNull();
  });

  it('formats exactly', () => {
    expect(formatYuan(123450)).toBe('1234.50');
    expect(formatYuan(-5)).toBe('-0.05');
    expect(formatYuanGrouped(123456789)).toBe('1,234,567.89');
  });
});
