// The monthly report (per salesperson and in total), kept once computed while nothing is written.
import { UsageError } from '../errors.js';
import { monthRange } from '../core/dates.js';
import { lastCompleteMonth, monthlyReport as computeReport, type MonthlyReport } from '../core/monthly.js';
import type { OverdueItem } from '../core/overdue.js';
import { overdueItems } from './overdue.js';
import { overdueOnDays } from './overdue-days.js';
import type { ReportKey, Store } from './store.js';

const monthKey = (month: string, program: string): ReportKey => ({ report: 'monthly', period: month, program: `${program} monthly` });

function rangeOf(month: string): { from: string; to: string } {
  const range = monthRange(month);
  if (!range) throw new UsageError('report.bad_month', { value: month });
  return range;
}

/** The month's report from its facts and the overdue list of its last day. */
async function computeMonth(store: Store, month: string, overdue: readonly OverdueItem[]): Promise<MonthlyReport> {
  const range = rangeOf(month);
  const facts = await store.facts.monthly(range.from, range.to);
  const years = (await store.settings.all())['eligibility.years'];
  return computeReport({ ...facts, overdueOwners: overdue.map((i) => i.owner) }, month, range.from, range.to, years);
}

/** A stored report, with the years its working days fell in that the official calendar does not know (rule 13). */
type Kept = MonthlyReport & { unknownYears?: number[] };

/** A kept report needed the same working days: the years the official calendar does not know are told again. */
function served(store: Store, kept: Kept): MonthlyReport {
  const { unknownYears = [], ...report } = kept;
  for (const year of unknownYears) store.calendar.unknownYears.add(year);
  return report;
}

async function keep(store: Store, key: ReportKey, generation: number, report: MonthlyReport): Promise<void> {
  await store.reports.store(key, generation, { ...report, unknownYears: [...store.calendar.unknownYears] } satisfies Kept);
}

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
  const range = rangeOf(month);
  const key = monthKey(month, options.program);
  const generation = await store.reports.generation();
  const kept = (await store.reports.lookup(key, generation)) as Kept | undefined;
  if (kept) return served(store, kept);
  // Overdue "at month end": as of the month's last day, everything due on or before it.
  const report = await computeMonth(store, month, await overdueItems(store, { asOf: range.to, within: 0 }));
  await keep(store, key, generation, report);
  return report;
}

/**
 * Several months' reports (the annual report's year), in the order given: each served from the cache
 * when it can be; the others computed with the overdue lists of their month ends read in one pass
 * (overdue-days.ts) instead of one read of the whole office per month, and kept for `report monthly`.
 */
export async function monthlyReports(store: Store, months: readonly string[], options: { program: string }): Promise<MonthlyReport[]> {
  const generation = await store.reports.generation();
  const reports = new Map<string, MonthlyReport>();
  for (const month of months) {
    rangeOf(month);
    const kept = (await store.reports.lookup(monthKey(month, options.program), generation)) as Kept | undefined;
    if (kept) reports.set(month, served(store, kept));
  }
  const missing = new Map(months.filter((m) => !reports.has(m)).map((m) => [rangeOf(m).to, m]));
  for await (const { day, items } of overdueOnDays(store, [...missing.keys()], 0)) {
    const month = missing.get(day)!;
    const report = await computeMonth(store, month, items);
    await keep(store, monthKey(month, options.program), generation, report);
    reports.set(month, report);
  }
  return months.map((m) => reports.get(m)!);
}
