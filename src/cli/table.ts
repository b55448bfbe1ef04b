// Table rendering for terminals, loaded only when a table is printed. Widths are display widths:
// a CJK character takes two columns.
import Table from 'cli-table3';
import stringWidth from 'string-width';
import type { ChalkInstance as Chalk } from 'chalk';
import type { Section, Tone } from './layout.js';

export interface TableColumn {
  header: string;
  align: 'left' | 'right';
  maxWidth?: number | undefined;
}

export interface TableCell {
  text: string;
  tone?: Tone;
}

const BLANK_BORDER = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

/** Cuts text to at most `max` display columns, marking the cut with `…`. */
export function truncateToWidth(text: string, max: number): string {
  if (stringWidth(text) <= max) return text;
  let out = '';
  let width = 0;
  for (const ch of text) {
    const w = stringWidth(ch);
    if (width + w > max - 1) break;
    out += ch;
    width += w;
  }
  return `${out}…`;
}

/** Pads to a display width (CJK aware). */
export function padToWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const gap = Math.max(0, width - stringWidth(text));
  return align === 'left' ? text + ' '.repeat(gap) : ' '.repeat(gap) + text;
}

export function paint(c: Chalk, text: string, tone: Tone): string {
  switch (tone) {
    case 'red':
      return c.red(text);
    case 'yellow':
      return c.yellow(text);
    case 'green':
      return c.green(text);
    case 'dim':
      return c.dim(text);
    case 'bold':
      return c.bold(text);
    default:
      return text;
  }
}

/**
 * Where each column's text is cut. On a terminal `width` columns wide a column with a maxWidth gets the room
 * the other columns leave, so text is cut only when the table would not fit otherwise, and never shorter
 * than its maxWidth; elsewhere (no width known) at its maxWidth.
 */
export function cutWidths(columns: TableColumn[], rows: TableCell[][], header: boolean, width?: number): Array<number | undefined> {
  if (width === undefined || !columns.some((col) => col.maxWidth !== undefined)) return columns.map((col) => col.maxWidth);
  const limits = columns.map((col, i) => {
    let widest = header ? stringWidth(col.header) : 0;
    for (const row of rows) widest = Math.max(widest, stringWidth(row[i]?.text ?? ''));
    return widest;
  });
  let over = limits.reduce((sum, w) => sum + w, 0) + 2 * (columns.length - 1) - width;
  // The widest column that may still be cut gives up one column at a time.
  while (over > 0) {
    let widest = -1;
    columns.forEach((col, i) => {
      if (col.maxWidth !== undefined && limits[i]! > col.maxWidth && (widest < 0 || limits[i]! > limits[widest]!)) widest = i;
    });
    if (widest < 0) break;
    limits[widest] = limits[widest]! - 1;
    over--;
  }
  return columns.map((col, i) => (col.maxWidth === undefined ? undefined : limits[i]));
}

export function renderTable(columns: TableColumn[], rows: TableCell[][], c: Chalk, header = true, width?: number): string {
  const cuts = cutWidths(columns, rows, header, width);
  const table = new Table({
    head: header ? columns.map((col) => c.bold(col.header)) : [],
    chars: BLANK_BORDER,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colAligns: columns.map((col) => col.align),
  });
  for (const row of rows) {
    table.push(
      row.map((cell, i) => {
        const max = cuts[i];
        const text = max ? truncateToWidth(cell.text, max) : cell.text;
        return paint(c, text, cell.tone);
      }),
    );
  }
  // cli-table3 pads the last column too; trailing blanks only get in the way of copy and paste.
  return `${table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')}\n`;
}

/** `label  value` blocks with an optional title per block. */
export function renderSections(sections: Section[], c: Chalk): string {
  const labels = sections.flatMap((s) => s.lines.map(([label]) => stringWidth(label)));
  const width = Math.max(0, ...labels);
  const out: string[] = [];
  for (const section of sections) {
    if (section.lines.length === 0 && !section.title) continue;
    if (out.length > 0) out.push('');
    if (section.title) out.push(c.bold(section.title));
    const columns = cellWidths(section.lines.map(([, value]) => value));
    for (const [label, value] of section.lines) {
      const text = Array.isArray(value) ? value.map((cell, i) => padToWidth(cell, columns[i] ?? 0)).join('  ') : value;
      out.push(`${c.dim(padToWidth(label, width))}  ${text}`.trimEnd());
    }
  }
  return `${out.join('\n')}\n`;
}

/** The display width of each cell column over the lines given as cells (the last column is not padded). */
function cellWidths(values: Array<string | string[]>): number[] {
  const widths: number[] = [];
  for (const value of values) {
    if (!Array.isArray(value)) continue;
    value.forEach((cell, i) => {
      if (i < value.length - 1) widths[i] = Math.max(widths[i] ?? 0, stringWidth(cell));
    });
  }
  return widths;
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** Horizontal bars in Unicode blocks (eighths), labels padded by display width. */
export function renderBars(title: string, bars: Array<{ label: string; value: number }>, c: Chalk, width = 30): string {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const labelWidth = Math.max(0, ...bars.map((b) => stringWidth(b.label)));
  const lines = [c.bold(title)];
  for (const bar of bars) {
    const eighths = max === 0 ? 0 : Math.round((bar.value / max) * width * 8);
    const blocks = '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
    lines.push(`${padToWidth(bar.label, labelWidth)}  ${c.cyan(blocks)} ${bar.value}`);
  }
  return `${lines.join('\n')}\n`;
}
