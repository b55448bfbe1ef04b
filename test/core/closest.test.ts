// "Did you mean": the known names nearest a mistyped one.
import { describe, expect, it } from 'vitest';
import { closestNames, editDistance, namesToSuggest, SHOW_ALL_UP_TO } from '../../src/core/closest.js';

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

describe('namesToSuggest', () => {
  const owners = ['陈静', '黄丽', '李娜', '刘洋', '王芳', '张伟'];
  it('the closest names when some are close', () => {
    expect(namesToSuggest('黄利', owners)).toEqual({ closest: ['黄丽'] });
  });

  it('a short list whole when none is close', () => {
    expect(namesToSuggest('赵六', owners)).toEqual({ all: owners });
  });

  it('nothing when the list is long, or empty', () => {
    const many = Array.from({ length: SHOW_ALL_UP_TO + 1 }, (_, i) => `营销员${i}号`);
    expect(namesToSuggest('赵六', many)).toBeNull();
    expect(namesToSuggest('赵六', [])).toBeNull();
  });
});
