// The quarterly service assessment (docs/rules.md, rule 16): the quarter's facts, the figures from src/core.
import { UsageError } from '../errors.js';
import { lastCompleteQuarter, parseQuarter, quarterlyReport as computeReport, type QuarterlyReport } from '../core/quarterly.js';
import type { ISODate } from '../core/dates.js';
import type { Store } from './store.js';

/** The quarter's report (`YYYY-Qn`); the default quarter is the last complete one before `today`. */
export async function quarterlyReport(store: Store, options: { quarter?: string | undefined; today: ISODate }): Promise<QuarterlyReport> {
  const text = options.quarter ?? lastCompleteQuarter(options.today);
  const quarter = parseQuarter(text);
  if (!quarter) throw new UsageError('report.bad_quarter', { value: text });
  const facts = await store.facts.quarterly(quarter.from, quarter.to);
  return computeReport(facts, quarter.quarter, quarter.from, quarter.to);
}
