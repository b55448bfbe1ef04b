// How a customer field's value is written to the history, on both engines.
import { formatYuan } from '../core/money.js';

/** Money goes into the history as yuan text, as the clerk typed it, not as fen. */
export function historyValue(field: string, value: unknown): unknown {
  return field === 'monthly_volume' && typeof value === 'number' ? formatYuan(value) : value;
}
