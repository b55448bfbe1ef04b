// Free text given on the command line (purposes, summaries, comments, notes): trimmed, empty meaning none.
import { UsageError } from '../errors.js';

/** Characters a free-text option may hold. */
const MAX = 2000;

export function textOption(flag: string, text: string | undefined): string | null {
  if (text === undefined) return null;
  const value = text.trim();
  if ([...value].length > MAX) throw new UsageError('problem.too_long', { flag });
  return value === '' ? null : value;
}
