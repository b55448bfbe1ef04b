// "Did you mean": the known names nearest a mistyped one.
import { describe, expect, it } from 'vitest';
import { closestNames, editDistance } from '../../src/core/closest.js';

describe('editDistance', () => {
  it.each([
    ['黄利', '黄丽', 1],
    ['黄丽', '黄丽', 0],
    ['张伟', '张伟伟', 1],
    ['', '李娜', 2],
    ['Wang Wei', 'Wang Wie', 2],
  ])('%s → %s: %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe('closestNames', () => {
  const owners = ['陈静', '黄丽', '李娜', '刘洋', '王芳', '张伟'];
  it.each([
    ['黄利', ['黄丽']],
    ['张玮', ['张伟']],
    ['李', ['李娜']],
    ['赵六', []],
  ])('%s → %j', (typed, expected) => {
    expect(closestNames(typed, owners)).toEqual(expected);
  });

  it('at most three, nearest first', () => {
    expect(closestNames('王一', ['王二', '王三', '王四', '王五', '王一一'])).toEqual(['王二', '王三', '王四']);
  });
});
