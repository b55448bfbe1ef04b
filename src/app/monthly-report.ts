// The monthly report (per salesperson and in total), kept once computed while nothing is written.
import { UsageError } from '../errors.js';
import { monthRange } from '../core/dates.js';
import { lastCompleteMonth, monthlyReport as computeReport, type MonthlyReport } from '../core/monthly.js';
import { overdueItems } from './overdue.js';
import type { Store } from './store.js';

/** A stored report, with the years its working days fell in that the official calendar does not know (rule 13). */
type Kept = MonthlyReport & { unknownYears?: number[] };

/**
 * The month's report; the default month is the last complete one. Computing it means the whole overdue
 * list as of the month's end, so a report computed since the last write by the same `program` is the
 * same report, and is served from the store's cache.
 */
export async function monthlyReport(
  store: Store,
  options: { month?: string | undefined; today: string; program: string },
): Promise<MonthlyReport> {
  const month = options.month ?? lastCompleteMonth(options.today);
  const range = monthRange(month);
  if (!range) throw new UsageError('report.bad_month', { value: month });
  const key = { report: 'monthly', period: month, program: `${options.program} monthly` };
  const generation = await store.reports.generation();
  const kept = (await store.reports.lookup(key, generation)) as Kept | undefined;
  if (kept) {
    // A kept report needed the same working days: the years the official calendar does not know are told again.
    const { unknownYears = [], ...report } = kept;
    for (const year of unknownYears) store.calendar.unknownYears.add(year);
    return report;
  }
  const facts = await store.facts.monthly(range.from, range.to);
  // Overdue "at month end": as of the month's last day, everything due on or before it.
  const overdue = await overdueItems(store, { asOf: range.to, within: 0 });
  const report = computeReport({ ...facts, overdueOwners: overdue.map((i) => i.owner) }, month, range.from, range.to);
  await store.reports.store(key, generation, { ...report, unknownYears: [...store.calendar.unknownYears] } satisfies Kept);
  return report;
}
