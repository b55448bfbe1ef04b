// Free text given on the command line (purposes, summaries, comments, notes): line ends made LF, trimmed,
// empty meaning none; suspicious control characters refused (src/core/text.ts).
import { UsageError } from '../errors.js';
import { freeText, hasSuspiciousControl } from '../core/text.js';

/** Characters a free-text option may hold. */
const MAX = 2000;

export function textOption(flag: string, text: string | undefined): string | null {
  if (text === undefined) return null;
  const value = freeText(text);
  if ([...value].length > MAX) throw new UsageError('problem.too_long', { flag });
  if (hasSuspiciousControl(value)) throw new UsageError('problem.control', { flag });
  return value === '' ? null : value;
}
