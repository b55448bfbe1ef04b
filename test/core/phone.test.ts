import { describe, expect, it } from 'vitest';
import { parseMobile, parsePhone } from '../../src/core/phone.js';

describe('parseMobile', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+86-138-0013-8000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['138.0013.8000', '13800138000'],
    ['(138) 0013 8000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['19912345678', '19912345678'],
  ])('%s → %s', (text, mobile) => {
    expect(parseMobile(text)).toBe(mobile);
  });

  it.each(['12800138000', '1380013800', '138001380001', '23800138000', '+1 13800138000', '', 'abc'])('rejects %j', (text) => {
    expect(parseMobile(text)).toBeNull();
  });
});

describe('parsePhone', () => {
  it.each([
    ['0755-12345678', '0755-12345678'],
    ['(0755) 1234 5678', '0755-12345678'],
    ['010-87654321', '010-87654321'],
    ['01087654321', '010-87654321'],
    ['075512345678', '0755-12345678'],
    ['+86 755 1234 5678', '0755-12345678'],
    ['0755-12345678 转 123', '0755-12345678-123'],
    ['87654321', '87654321'],
    // The form custrack stores reads back as itself (an export edited in Excel and imported again).
    ['021-62345678-806', '021-62345678-806'],
    ['021-62345678 - 806', '021-62345678-806'],
    ['62345678-806', '62345678-806'],
    ['021-6234-5678', '021-62345678'],
    ['0755-1234-5678', '0755-12345678'],
  ])('landline %s → %s', (text, value) => {
    expect(parsePhone(text)).toEqual({ kind: 'landline', value });
  });

  it('every landline it stores parses back to itself', () => {
    for (const text of ['0755-12345678 转 123', '021-62345678 ext 9', '62345678#12', '010 8765 4321 x 806']) {
      const stored = parsePhone(text)!.value;
      expect(parsePhone(stored), stored).toEqual({ kind: 'landline', value: stored });
    }
  });

  it.each(['0755-123', '12345', '=1+2', 'phone', '13800138000-806', '021-62345678 转 806-12', '021-62345678-1234567'])(
    'rejects %j',
    (text) => {
      expect(parsePhone(text)).toBeNull();
    },
  );
});
