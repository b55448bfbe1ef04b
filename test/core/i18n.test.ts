// Every message exists in both languages, with the same placeholders (issue 6).
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en/index.js';
import { zh } from '../../src/i18n/zh/index.js';
import { detectLang, interpolate } from '../../src/i18n/index.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]!).sort();

describe('message catalogs', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en))('%s: both languages say something, with the same placeholders', (key) => {
    const english = en[key as keyof typeof en];
    const chinese = zh[key as keyof typeof zh];
    expect(english.trim()).not.toBe('');
    expect(chinese.trim()).not.toBe('');
    expect(new Set(placeholders(chinese))).toEqual(new Set(placeholders(english)));
  });

  it('Chinese messages are Chinese (codes and placeholders aside)', () => {
    const latinOnly = Object.entries(zh).filter(
      ([key, text]) => !/[\u4e00-\u9fff]/u.test(text) && !/^(word\.action|err\.plain|intent\.|level\.)/u.test(key),
    );
    // Headers like ID or units may stay Latin; everything else has Chinese in it.
    expect(latinOnly.map(([key]) => key).filter((k) => !['col.id', 'col.uscc'].includes(k))).toEqual([]);
  });
});

describe('interpolate and detectLang', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it.each([
    [['--lang', 'zh'], {}, 'zh'],
    [['--lang=en'], { LANG: 'zh_CN.UTF-8' }, 'en'],
    [[], { LANG: 'zh_CN.UTF-8' }, 'zh'],
    [[], { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }, 'en'],
    [[], { LC_MESSAGES: 'zh_TW', LANG: 'C' }, 'zh'],
    [[], {}, 'en'],
  ] as const)('%j with %j → %s', (argv, env, lang) => {
    expect(detectLang(argv, env)).toBe(lang);
  });
});
