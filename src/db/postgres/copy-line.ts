// One row in COPY's text format: a tab between fields, \N for NULL, backslash escapes inside values.

export type Cell = string | number | null | undefined;

export function copyLine(cells: readonly Cell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += '\t';
    const cell = cells[i];
    if (cell === null || cell === undefined) line += '\\N';
    else if (typeof cell === 'number') line += String(cell);
    else line += /[\\\t\n\r]/u.test(cell) ? cell.replace(/[\\\t\n\r]/gu, (ch) => ESCAPES[ch]!) : cell;
  }
  return `${line}\n`;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
