// The annual report (docs/rules.md, rule 16): the year as the sum of its months, each month the monthly
// report (served from the cache where it can be, the others computed together: monthly-report.ts).
import { UsageError } from '../errors.js';
import { annualReport as computeReport, lastCompleteYear, parseYear, yearMonths, type AnnualReport } from '../core/annual.js';
import type { ISODate } from '../core/dates.js';
import { monthlyReports } from './monthly-report.js';
import type { Store } from './store.js';

export interface AnnualResult {
  report: AnnualReport;
  /** The year is not over on `today`: its months up to today's only. */
  partial: boolean;
}

/**
 * The year's report; the default year is the last complete one. A year that is not over yet has the
 * months that have begun (a month's report counts what is overdue at its end, which a later month cannot
 * know yet); a year that has not begun is refused.
 */
export async function annualReport(
  store: Store,
  options: { year?: string | undefined; today: ISODate; program: string },
): Promise<AnnualResult> {
  const text = options.year ?? lastCompleteYear(options.today);
  const year = parseYear(text);
  if (!year) throw new UsageError('report.bad_year', { value: text });
  if (year.from > options.today) throw new UsageError('report.year_ahead', { year: year.year, today: options.today });
  const months = yearMonths(year.year).filter((m) => m.from <= options.today);
  const reports = await monthlyReports(
    store,
    months.map((m) => m.month),
    options,
  );
  return { report: computeReport(year.year, reports), partial: months.length < 12 };
}
