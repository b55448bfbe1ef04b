// Reading `Rows` (plain or async iterables) without caring which an engine gave.
import type { Rows } from './store.js';

/** Every row, in order, in an array: for short lists only. */
export async function collect<T>(rows: Rows<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

/**
 * The rows mapped one by one, those mapped to undefined left out; plain when the source is plain, so a
 * long export does not pay for a promise per row.
 */
export function mapRows<T, U>(rows: Rows<T>, map: (row: T) => U | undefined): Rows<U> {
  if (Symbol.asyncIterator in rows) {
    return (async function* () {
      for await (const row of rows) {
        const mapped = map(row);
        if (mapped !== undefined) yield mapped;
      }
    })();
  }
  return (function* () {
    for (const row of rows) {
      const mapped = map(row);
      if (mapped !== undefined) yield mapped;
    }
  })();
}
