// Cell-level rules for spreadsheet-bound text (docs/rules.md, "Output").

/** NFKC of the first character, so full-width `＝＋－＠` count as well. */
const FORMULA_START = /^[=+\-@\t\r]/u;

/** Prefixes `'` to text a spreadsheet would run as a formula. */
export function guardFormula(text: string): string {
  if (text === '') return text;
  const code = text.charCodeAt(0);
  if (isPlainStart(code)) return text;
  // ASCII that is not a plain start is one of `=+-@`, tab and CR.
  if (code < 0x80) return `'${text}`;
  // Any other first character (full-width ＝＋－＠, small forms, superscripts …) goes through NFKC.
  return FORMULA_START.test(String.fromCodePoint(text.codePointAt(0)!).normalize('NFKC')) ? `'${text}` : text;
}

/**
 * True when text starting with this UTF-16 unit is certainly not a formula, without NFKC: ASCII other
 * than `=+-@`, tab and CR, and CJK ideographs and Hangul syllables, which are their own NFKC. Most
 * names start with one, and normalizing a million of them was a visible part of an export.
 */
export function isPlainStart(code: number): boolean {
  if (code < 0x80) return !(code === 0x3d || code === 0x2b || code === 0x2d || code === 0x40 || code === 0x09 || code === 0x0d);
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7a3);
}

/**
 * RFC 4180: a field with a comma, a double quote, CR or LF is quoted, inner quotes doubled; any other
 * field as it is (the same rule as csv-stringify's defaults, at a fraction of its cost per cell, which
 * was half the time of a million-row export).
 */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
const NEEDS_QUOTES = /[",\r\n]/u;

/** TSV cannot quote: tab, CR and LF inside a value become spaces. */
export function sanitizeTsv(text: string): string {
  return TSV_BREAKS.test(text) ? text.replace(/[\t\r\n]/gu, ' ') : text;
}
const TSV_BREAKS = /[\t\r\n]/u;

/** Digit strings Excel would round (11+ digits) or strip of leading zeros. */
export function isLongDigits(text: string): boolean {
  return /^\d{11,}$/u.test(text) || /^0\d+$/u.test(text);
}

/** Excel keeps `="…"` as text: no rounding to 1.38E+10, no lost leading zero. */
export function excelText(text: string): string {
  return `="${text}"`;
}
