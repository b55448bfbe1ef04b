// csv and tsv written straight into UTF-8 bytes. A million-row export spent a third of its time building
// a string per line (two string pieces per cell), joining them and encoding the result; here each cell is
// encoded once into a reused buffer. Any cell this fast path is not certain about (a formula start, a
// character that needs quoting or cleaning, a long digit string for Excel, a surrogate pair) is written
// through the string rules of cells.ts instead, so both paths print the same bytes.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { csvField, excelText, guardFormula, isLongDigits, isPlainStart, sanitizeTsv } from './cells.js';
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
    const first = value.charCodeAt(0);
    if (!isPlainStart(first) || (this.excel && first >= 0x30 && first <= 0x39 && isLongDigits(value))) {
      this.slowText(value);
      return;
    }
    this.room(length * 3);
    const buffer = this.buffer;
    const special = this.special;
    let pos = this.pos;
    for (let i = 0; i < length; i++) {
      const code = value.charCodeAt(i);
      if (code < 0x80) {
        if (special[code] === 1) {
          this.slowText(value);
          return;
        }
        buffer[pos++] = code;
      } else if (code < 0x800) {
        buffer[pos++] = 0xc0 | (code >> 6);
        buffer[pos++] = 0x80 | (code & 0x3f);
      } else if (code >= 0xd800 && code <= 0xdfff) {
        this.slowText(value);
        return;
      } else {
        buffer[pos++] = 0xe0 | (code >> 12);
        buffer[pos++] = 0x80 | ((code >> 6) & 0x3f);
        buffer[pos++] = 0x80 | (code & 0x3f);
      }
    }
    this.pos = pos;
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

  separate(): void {
    this.room(1);
    this.buffer[this.pos++] = this.separator;
  }

  /**
   * Ends a row; returns a promise only when bytes went out and the stream asked to wait, so a million
   * rows do not pay for a million promises.
   */
  endRow(): Promise<void> | undefined {
    this.ascii(this.eol);
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
