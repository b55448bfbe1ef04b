// Unified Social Credit Code (统一社会信用代码), GB 32100-2015: 18 characters, the last a check character.

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** NFKC, no spaces or hyphens, upper case. */
export function normalizeUscc(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\-‐‑‒–—―]+/gu, '')
    .toUpperCase();
}

/** The check character for the first 17 characters, or null when one of them is not in the charset. */
export function usccCheckCharacter(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i] ?? '');
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

/** True for a normalized 18-character code whose check character matches. */
export function isValidUscc(code: string): boolean {
  if (code.length !== 18) return false;
  return usccCheckCharacter(code.slice(0, 17)) === code[17];
}

/** Normalizes and validates; null when the text is not a valid USCC. */
export function parseUscc(text: string): string | null {
  const code = normalizeUscc(text);
  return isValidUscc(code) ? code : null;
}
