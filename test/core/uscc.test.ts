import { describe, expect, it } from 'vitest';
import { isValidUscc, normalizeUscc, parseUscc, usccCheckCharacter } from '../../src/core/uscc.js';

const VALID = ['91110000600037341L', '91440300192185379H'];
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('USCC', () => {
  it.each(VALID)('%s is valid', (code) => {
    expect(isValidUscc(code)).toBe(true);
    expect(usccCheckCharacter(code.slice(0, 17))).toBe(code[17]);
  });

  it.each(VALID)('every single-character change of %s fails', (code) => {
    let tried = 0;
    for (let i = 0; i < 18; i++) {
      for (const ch of `${CHARSET}IOSVZ`) {
        if (ch === code[i]) continue;
        const changed = code.slice(0, i) + ch + code.slice(i + 1);
        expect(isValidUscc(changed), changed).toBe(false);
        tried++;
      }
    }
    expect(tried).toBe(18 * 35);
  });

  it.each([
    ['lower case', '91110000600037341l', '91110000600037341L'],
    ['spaces and hyphens', '9111 0000-6000 3734 1L', '91110000600037341L'],
    ['full-width', '９１１１００００６０００３７３４１Ｌ', '91110000600037341L'],
  ])('normalizes %s', (_, text, code) => {
    expect(normalizeUscc(text)).toBe(code);
    expect(parseUscc(text)).toBe(code);
  });

  it.each(['', '9111000060003734', '91110000600037341L0', '91110000600037341I', '9111000060003734OL'])('rejects %j', (text) => {
    expect(parseUscc(text)).toBeNull();
  });
});
