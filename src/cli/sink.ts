// Buffered writes that respect back-pressure, so a million-row export holds one buffer, not the whole file.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { capYoungGeneration } from './heap.js';

const HIGH_WATER = 16 * 1024;

export class Sink {
  private parts: string[] = [];
  private size = 0;
  private flushes = 0;

  constructor(private readonly stream: Writable) {}

  /** Buffers text; returns a promise only when the buffer went out and the stream asked to wait. */
  write(text: string): Promise<void> | undefined {
    this.parts.push(text);
    this.size += text.length;
    return this.size >= HIGH_WATER ? this.flush() : undefined;
  }

  flush(): Promise<void> | undefined {
    if (this.parts.length === 0) return undefined;
    if ((++this.flushes & 15) === 0) capYoungGeneration();
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return this.stream.write(chunk) ? undefined : once(this.stream, 'drain').then(() => undefined);
  }
}

/** Rows between two turns of the event loop in a synchronous stream (see forEachRow). */
const ROWS_PER_TURN = 4096;

/**
 * Calls `each` for every row; awaits only when `each` returns a promise (a full buffer waiting for the
 * stream), so a synchronous source of a million rows does not pay for a million promises. Every
 * ROWS_PER_TURN rows it lets the event loop turn once: stdout on a pipe or file is written synchronously,
 * so without that turn a Ctrl-C or SIGTERM would wait for the end of the export (src/cli/interrupt.ts).
 */
export async function forEachRow<R>(rows: Iterable<R> | AsyncIterable<R>, each: (row: R) => Promise<void> | undefined): Promise<void> {
  if (Symbol.asyncIterator in rows) {
    for await (const row of rows) await each(row);
    return;
  }
  let untilTurn = ROWS_PER_TURN;
  for (const row of rows) {
    const waiting = each(row);
    if (waiting) await waiting;
    if (--untilTurn === 0) {
      untilTurn = ROWS_PER_TURN;
      await new Promise(setImmediate);
    }
  }
}
