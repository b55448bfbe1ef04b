// Cell-level rules for spreadsheet-bound text (docs/rules.md, "Output").

import { isPlainStart, needsFormulaGuard } from '../core/spreadsheet-text.js';

/** Prefixes `'` to text a spreadsheet would run as a formula (src/core/spreadsheet-text.ts reads it back). */
export function guardFormula(text: string): string {
  if (text === '' || isPlainStart(text.charCodeAt(0))) return text;
  return needsFormulaGuard(text) ? `'${text}` : text;
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
