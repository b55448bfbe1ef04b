// What the complaint commands check before they open the database: required texts, dates not in the future.
import { UsageError } from '../../errors.js';
import type { ISODate } from '../../core/dates.js';
import { textOption } from '../text.js';

export { textOption };

/** A text option the step needs: given, and not blank. */
export function requiredText(flag: string, text: string | undefined): string {
  const value = textOption(flag, text);
  if (value === null) throw new UsageError('err.missing_flag', { flag });
  return value;
}

/** A step's date (default today): a complaint is registered and worked on as it happens, never ahead. */
export function stepDate(flag: string, date: ISODate | undefined, today: ISODate): ISODate {
  const on = date ?? today;
  if (on > today) throw new UsageError('complaint.future', { flag, date: on, today });
  return on;
}
