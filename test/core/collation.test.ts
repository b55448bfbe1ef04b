import { describe, expect, it } from 'vitest';
import { compareNames, compareOwners } from '../../src/core/collation.js';

describe('pinyin order', () => {
  it('orders salespeople as Chinese readers do, not by code point', () => {
    expect(['张伟', '李娜', '王芳', '陈静'].sort(compareNames)).toEqual(['陈静', '李娜', '王芳', '张伟']);
  });

  it('puts no owner last', () => {
    expect([null, '张伟', '陈静'].sort(compareOwners)).toEqual(['陈静', '张伟', null]);
  });
});
