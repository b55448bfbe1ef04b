// Cell-level rules for spreadsheet-bound text (SPEC §6).

/** NFKC of the first character, so full-width `＝＋－＠` count as well. */
const FORMULA_START = /^[=+\-@\t\r]/u;

/** Prefixes `'` to text a spreadsheet would run as a formula. */
export function guardFormula(text: string): string {
  if (text === '') return text;
  const code = text.charCodeAt(0);
  // ASCII needs no normalization; only other first characters (full-width ＝＋－＠ …) go through NFKC.
  const first = code < 0x80 ? text[0]! : String.fromCodePoint(text.codePointAt(0)!).normalize('NFKC');
  return FORMULA_START.test(first) ? `'${text}` : text;
}

/** TSV cannot quote: tab, CR and LF inside a value become spaces. */
export function sanitizeTsv(text: string): string {
  return text.replace(/[\t\r\n]/gu, ' ');
}

/** Digit strings Excel would round (11+ digits) or strip of leading zeros. */
export function isLongDigits(text: string): boolean {
  return /^\d{11,}$/u.test(text) || /^0\d+$/u.test(text);
}

/** Excel keeps `="…"` as text: no rounding to 1.38E+10, no lost leading zero. */
export function excelText(text: string): string {
  return `="${text}"`;
}
