// csv and tsv written straight into UTF-8 bytes. A million-row export spent a third of its time building
// a string per line (two string pieces per cell), joining them and encoding the result; here each cell is
// encoded once into a reused buffer. Any cell this fast path is not certain about (a formula start, a
// character that needs quoting or cleaning, a long digit string for Excel, a surrogate pair) is written
// through the string rules of cells.ts instead, so both paths print the same bytes.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { csvField, excelText, guardFormula, isLongDigits, sanitizeTsv } from './cells.js';
import { isPlainStart } from '../core/spreadsheet-text.js';
import { capYoungGeneration } from './heap.js';
import { formatYuan } from '../core/money.js';

/** Bytes handed to the stream at a time; a row end past the high water mark hands them over. */
const CHUNK = 64 * 1024;
const HIGH_WATER = 32 * 1024;

/** ASCII characters a format cannot write as they are: csv quotes the cell, tsv cleans it. */
const SPECIAL = {
  csv: new Set([0x22, 0x2c, 0x0a, 0x0d]),
  tsv: new Set([0x09, 0x0a, 0x0d]),
};

/** How a packed field is written: text by the cell rules, integers as they are, fen as yuan. */
export type PackedKind = 'text' | 'integer' | 'money';

export class DelimitedEncoder {
  private buffer = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  private flushes = 0;
  private waiting: Promise<void> | undefined;
  private readonly special: Uint8Array;
  private readonly field: (text: string) => string;
  private readonly separator: number;
  private readonly eol: string;

  constructor(
    private readonly stream: Writable,
    format: 'csv' | 'tsv',
    private readonly excel: boolean,
  ) {
    this.special = new Uint8Array(0x80);
    for (const code of SPECIAL[format]) this.special[code] = 1;
    this.field = format === 'csv' ? csvField : sanitizeTsv;
    this.separator = format === 'csv' ? 0x2c : 0x09;
    this.eol = excel ? '\r\n' : '\n';
  }

  /** A text cell: guarded against formulas, kept as text for Excel, then quoted (csv) or cleaned (tsv). */
  text(value: string): void {
    const length = value.length;
    if (length === 0) return;
    this.room(length * 3);
    const end = this.plainStart(value, 0, length) ? this.plain(value, 0, length, this.pos) : -1;
    if (end < 0) this.slowText(value);
    else this.pos = end;
  }

  /**
   * A row read packed (its id, then its cells, joined by U+001F; see db/statements.ts), written from
   * the one string without cutting it into cells; the id is not written. Returns false, having written
   * nothing, when the row does not have exactly one field per column (a value holding U+001F) or a
   * number is not in the form its column type prints; the caller then writes the row from its typed values.
   */
  packed(line: string, kinds: readonly PackedKind[]): boolean {
    // Room for the worst case up front (every character quoted twice over, three bytes each), so no
    // buffer is handed over in the middle of a row that may still be taken back.
    this.room(line.length * 6 + kinds.length * 24);
    const start = this.pos;
    const last = kinds.length - 1;
    let from = line.indexOf('\u001f') + 1;
    if (from === 0) return false;
    for (let field = 0; field <= last; field++) {
      let to = line.indexOf('\u001f', from);
      if (field === last ? to !== -1 : to === -1) return this.rewind(start);
      if (field === last) to = line.length;
      if (field > 0) this.buffer[this.pos++] = this.separator;
      if (to > from && !this.packedField(line, from, to, kinds[field]!)) return this.rewind(start);
      from = to + 1;
    }
    return true;
  }

  private packedField(line: string, from: number, to: number, kind: PackedKind): boolean {
    if (kind === 'text') {
      const end = this.plainStart(line, from, to) ? this.plain(line, from, to, this.pos) : -1;
      if (end < 0) this.slowText(line.slice(from, to));
      else this.pos = end;
      return true;
    }
    // SQLite writes an integer as digits with an optional minus sign; more than 15 digits could be past
    // what a JavaScript number holds exactly, and anything else (a REAL, text) is not an integer at all.
    const negative = line.charCodeAt(from) === 0x2d;
    const digits = to - from - (negative ? 1 : 0);
    if (digits < 1 || digits > 15) return false;
    let value = 0;
    for (let i = negative ? from + 1 : from; i < to; i++) {
      const digit = line.charCodeAt(i) - 0x30;
      if (digit < 0 || digit > 9) return false;
      value = value * 10 + digit;
    }
    if (kind === 'money') this.yuan(negative ? -value : value);
    else if (negative) this.ascii(String(-value));
    else this.integer(value);
    return true;
  }

  private rewind(start: number): false {
    this.pos = start;
    return false;
  }

  /** Whether the text in [from, to) can skip the formula guard and Excel's text form. */
  private plainStart(value: string, from: number, to: number): boolean {
    const first = value.charCodeAt(from);
    return isPlainStart(first) && !(this.excel && first >= 0x30 && first <= 0x39 && isLongDigits(value.slice(from, to)));
  }

  /**
   * Encodes value[from, to) as UTF-8 at `pos` when no character in it needs the string rules (a
   * character to quote or clean, a surrogate); returns the position after it, or -1. The caller made room.
   */
  private plain(value: string, from: number, to: number, pos: number): number {
    const buffer = this.buffer;
    const special = this.special;
    for (let i = from; i < to; i++) {
      const code = value.charCodeAt(i);
      if (code < 0x80) {
        if (special[code] === 1) return -1;
        buffer[pos++] = code;
      } else if (code < 0x800) {
        buffer[pos++] = 0xc0 | (code >> 6);
        buffer[pos++] = 0x80 | (code & 0x3f);
      } else if (code >= 0xd800 && code <= 0xdfff) {
        return -1;
      } else {
        buffer[pos++] = 0xe0 | (code >> 12);
        buffer[pos++] = 0x80 | ((code >> 6) & 0x3f);
        buffer[pos++] = 0x80 | (code & 0x3f);
      }
    }
    return pos;
  }

  /** A whole number, its digits written without making a string first (ids, counts: most cells of an export). */
  integer(value: number): void {
    if (!(value >= 0 && value <= 0xffffffff && Number.isInteger(value))) {
      this.ascii(String(value));
      return;
    }
    this.room(10);
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    const buffer = this.buffer;
    let pos = this.pos + digits;
    this.pos = pos;
    let rest = value;
    do {
      const next = Math.floor(rest / 10);
      buffer[--pos] = 0x30 + rest - next * 10;
      rest = next;
    } while (rest > 0);
  }

  /** Fen as yuan, `-1234.05`: formatYuan's text (core/money.ts) without making a string per cell. */
  yuan(fen: number): void {
    const abs = fen < 0 ? -fen : fen;
    if (!(abs <= 0xffffffff * 100 && Number.isInteger(abs))) {
      this.ascii(formatYuan(fen));
      return;
    }
    const cents = abs % 100;
    this.room(2);
    if (fen < 0) this.buffer[this.pos++] = 0x2d;
    this.integer((abs - cents) / 100);
    this.room(3);
    const buffer = this.buffer;
    buffer[this.pos++] = 0x2e;
    buffer[this.pos++] = 0x30 + Math.floor(cents / 10);
    buffer[this.pos++] = 0x30 + (cents % 10);
  }

  /** A cell that is ASCII by construction (numbers, money, yes/no): written as it is. */
  ascii(value: string): void {
    const length = value.length;
    this.room(length);
    const buffer = this.buffer;
    let pos = this.pos;
    for (let i = 0; i < length; i++) buffer[pos++] = value.charCodeAt(i);
    this.pos = pos;
  }

  /** A header cell: quoted or cleaned like any cell, but never guarded (headers are our own words). */
  label(text: string): void {
    this.raw(this.field(text));
  }

  /** Text written exactly as given (a BOM, a number column that holds text). */
  raw(text: string): void {
    this.room(text.length * 3);
    this.pos += this.buffer.write(text, this.pos, 'utf8');
  }

  /** A line end that hands nothing over (the header's: the first row follows at once). */
  lineEnd(): void {
    this.ascii(this.eol);
  }

  separate(): void {
    this.room(1);
    this.buffer[this.pos++] = this.separator;
  }

  /**
   * Ends a row; returns a promise only when bytes went out and the stream asked to wait, so a million
   * rows do not pay for a million promises.
   */
  endRow(): Promise<void> | undefined {
    this.lineEnd();
    if (this.pos >= HIGH_WATER) this.hand();
    const waiting = this.waiting;
    this.waiting = undefined;
    return waiting;
  }

  /** Hands over what is left; resolves when the stream has taken it. */
  async end(): Promise<void> {
    if (this.pos > 0) this.hand();
    if (this.waiting) await this.waiting;
  }

  private slowText(value: string): void {
    const guarded = guardFormula(value);
    this.raw(this.field(this.excel && isLongDigits(guarded) ? excelText(guarded) : guarded));
  }

  /** Makes room for `bytes` more: hands the full buffer over, and grows it for a cell larger than a chunk. */
  private room(bytes: number): void {
    if (this.pos + bytes <= this.buffer.length) return;
    if (this.pos > 0) this.hand();
    if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(bytes);
  }

  /** The stream keeps the bytes it was given until written, so the next ones go into a new buffer. */
  private hand(): void {
    if ((++this.flushes & 15) === 0) capYoungGeneration();
    const ready = this.stream.write(this.buffer.subarray(0, this.pos));
    this.buffer = Buffer.allocUnsafe(CHUNK);
    this.pos = 0;
    if (!ready && this.waiting === undefined) this.waiting = once(this.stream, 'drain').then(() => undefined);
  }
}
