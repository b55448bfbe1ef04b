// Text in spreadsheet-bound cells (docs/rules.md, "Output"): what an export guards, and how an import reads
// a cell back, so that a file exported, edited in Excel and imported again keeps every value it had.

/** NFKC of the first character, so full-width `＝＋－＠` count as well. */
const FORMULA_START = /^[=+\-@\t\r]/u;

/**
 * True when text starting with this UTF-16 unit is certainly not a formula, without NFKC: ASCII other
 * than `=+-@`, tab, CR and the guard's own `'`, and CJK ideographs and Hangul syllables, which are their
 * own NFKC. Most names start with one, and normalizing a million of them was a visible part of an export.
 */
export function isPlainStart(code: number): boolean {
  if (code < 0x80)
    return !(code === 0x3d || code === 0x2b || code === 0x2d || code === 0x40 || code === 0x09 || code === 0x0d || code === 0x27);
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7a3);
}

/** Whether a spreadsheet would run this text as a formula. */
export function startsLikeFormula(text: string): boolean {
  if (text === '') return false;
  const code = text.charCodeAt(0);
  if (code === 0x27 || isPlainStart(code)) return false;
  if (code < 0x80) return true;
  return FORMULA_START.test(String.fromCodePoint(text.codePointAt(0)!).normalize('NFKC'));
}

/**
 * Whether an export prefixes `'`: text a spreadsheet would run as a formula, and text whose apostrophes
 * stand before such a start (so that taking the guard off gives those apostrophes back too).
 */
export function needsFormulaGuard(text: string): boolean {
  let from = 0;
  while (text.charCodeAt(from) === 0x27) from++;
  return startsLikeFormula(from === 0 ? text : text.slice(from));
}

const EXCEL_TEXT = /^="((?:[^"]|"")*)"$/su;

/**
 * A cell as an import reads it: Excel's text form `="…"` (written by `--excel` for long digit strings, and
 * what a clerk types to keep a leading zero) unwrapped, and the export's formula guard `'` taken off.
 */
export function fromSpreadsheetCell(text: string): string {
  const code = text.charCodeAt(0);
  if (code === 0x3d) {
    const wrapped = EXCEL_TEXT.exec(text);
    return wrapped ? wrapped[1]!.replaceAll('""', '"') : text;
  }
  if (code === 0x27 && needsFormulaGuard(text.slice(1))) return text.slice(1);
  return text;
}
