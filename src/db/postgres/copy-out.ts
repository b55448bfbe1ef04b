// Long reads on PostgreSQL as one stream: `COPY (SELECT …) TO STDOUT` in text format, its fields joined by
// U+001F and NULL written as nothing, which is the packed line the csv/tsv output writes without cutting it
// into cells (src/cli/delimited.ts, DelimitedEncoder.packed). A million rows were 8.8 s through cursors of
// 2,000 rows (every value parsed by the driver, then made into an object); as packed lines the server's
// formatting and the client's writing overlap. The stream waits while the output waits for stdout, so
// memory holds a few chunks, not the table.
import { postgresError } from './connection.js';
import type { Sql } from './sql.js';

const BACKSLASH = '\\';

/**
 * The lines of `COPY (select) TO STDOUT WITH (DELIMITER U+001F, NULL '')`, without their line ends, each
 * passed through `each` first. Run it inside the export's snapshot: the connection is busy until the last
 * line has been read.
 */
export function copyOutLines(sql: Sql, select: string, each: (line: string) => string): AsyncIterable<string> {
  return { [Symbol.asyncIterator]: () => new CopyLines(sql, select, each) };
}

/**
 * A hand-made iterator over the lines of each chunk: an async generator (or two, one mapping the other)
 * costs a promise and a resumption per line, a tenth of a million-row export. TextDecoder decodes
 * about twice as fast as Buffer.toString here, and keeps a character cut between chunks for the next one.
 */
class CopyLines implements AsyncIterator<string> {
  /** The COPY's chunks, once it has been sent (pg-copy-streams is loaded then: few commands need it). */
  private chunks: AsyncIterator<Buffer> | undefined;
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private lines: string[] = [];
  private index = 0;
  /** The start of a line whose end is in a later chunk. */
  private rest = '';
  private finished = false;
  /** One result object, reused: for await reads it before asking for the next. */
  private readonly result: IteratorResult<string> = { done: false, value: '' };

  constructor(
    private readonly sql: Sql,
    private readonly select: string,
    private readonly each: (line: string) => string,
  ) {}

  private async start(): Promise<AsyncIterator<Buffer>> {
    const { to } = await import('pg-copy-streams');
    const stream = this.sql.client.query(to(`COPY (${this.select}) TO STDOUT WITH (DELIMITER E'\\x1f', NULL '')`));
    return (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  next(): Promise<IteratorResult<string>> {
    if (this.index < this.lines.length) {
      this.result.value = this.each(this.lines[this.index++]!);
      return Promise.resolve(this.result);
    }
    return this.refill();
  }

  private async refill(): Promise<IteratorResult<string>> {
    while (this.index === this.lines.length) {
      if (this.finished) return { done: true, value: undefined };
      let chunk: IteratorResult<Buffer>;
      try {
        this.chunks ??= await this.start();
        chunk = await this.chunks.next();
      } catch (err) {
        throw postgresError(err, this.sql.target);
      }
      const text = this.rest + (chunk.done ? this.decoder.decode() : this.decoder.decode(chunk.value, { stream: true }));
      this.lines = text.split('\n');
      this.index = 0;
      this.finished = chunk.done === true;
      // The last piece is a line not yet ended; at the end of the data it is '' (COPY ends every line).
      if (!this.finished) this.rest = this.lines.pop()!;
      else if (this.lines.at(-1) === '') this.lines.pop();
    }
    return this.next();
  }

  async return(): Promise<IteratorResult<string>> {
    await this.chunks?.return?.();
    return { done: true, value: undefined };
  }
}

/** Whether a COPY line holds an escape (a value with a backslash, a line break, a tab or U+001F). */
export const escaped = (line: string): boolean => line.includes(BACKSLASH);

/**
 * A line that holds an escape, made into one that cannot be mistaken for a packed line: its separators
 * become tabs (COPY writes a tab inside a value as `\t`, so a bare tab is always a separator). copyFields reads it.
 */
export const unpacked = (line: string): string => line.replaceAll('\u001f', '\t');

const UNESCAPED: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\t': '\u001f' };

/**
 * The fields of an `unpacked` line: split at its tabs, COPY's backslash escapes undone (a backslash before a
 * tab was one before U+001F, the delimiter inside a value); NULL and '' are both ''.
 */
export function copyFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\t') {
      fields.push(field);
      field = '';
    } else if (ch === BACKSLASH && i + 1 < line.length) {
      const next = line[++i]!;
      field += UNESCAPED[next] ?? next;
    } else {
      field += ch;
    }
  }
  fields.push(field);
  return fields;
}
