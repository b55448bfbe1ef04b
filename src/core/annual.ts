// The annual report (docs/rules.md, rule 16): each month's figures of the monthly report per owner,
// and the year's totals per owner and overall, the year being the sum of its months. Pure: the command
// works out the months with `monthlyReport` (and its cache) and hands them here.
//
// Every figure of the year is the sum of the twelve monthly figures, as the rule says, including the two
// that are not additive:
// - `customers_visited` for the year counts customer-months: a customer visited in March and in May counts
//   twice (the monthly figure is the distinct customers of that month);
// - `overdue_at_month_end` for the year is the sum of the twelve month-end counts (an item still open at
//   several month ends counts at each), a measure of how much was left undone over the year.
import { monthRange, type ISODate } from './dates.js';
import { compareOwners } from './collation.js';
import { FIGURES, type Figures, type MonthlyReport, type OwnerFigures } from './monthly.js';

export interface AnnualMonth {
  month: string;
  byOwner: OwnerFigures[];
  totals: Figures;
}

export interface AnnualReport {
  year: string;
  from: ISODate;
  to: ISODate;
  months: AnnualMonth[];
  totalsByOwner: OwnerFigures[];
  totals: Figures;
}

const zero = (): Figures => Object.fromEntries(FIGURES.map((f) => [f, 0])) as Figures;

/** `YYYY` → the year's label, first and last day; null otherwise (`26`, `2026-`, `0000`). */
export function parseYear(text: string): { year: string; from: ISODate; to: ISODate } | null {
  const m = /^(\d{4})$/u.exec(text.normalize('NFKC').trim());
  if (!m || Number(m[1]) < 1) return null;
  return { year: m[1]!, from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
}

/** The twelve months of a year (`YYYY-MM`, first and last day), for the command to compute one by one. */
export function yearMonths(year: string): Array<{ month: string; from: ISODate; to: ISODate }> {
  return Array.from({ length: 12 }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}`;
    return { month, ...monthRange(month)! };
  });
}

/** The default year: the last complete year before the as-of date (`2026-11-23` → `2025`, `2026-01-01` → `2025`). */
export function lastCompleteYear(asOf: ISODate): string {
  return String(Number(asOf.slice(0, 4)) - 1).padStart(4, '0');
}

/**
 * The year from its monthly reports, in the order given (normally the twelve months, January first; a
 * missing month simply adds nothing). Owners appear in the year's rows when they appear in any month.
 */
export function annualReport(year: string, monthly: readonly MonthlyReport[]): AnnualReport {
  const owners = new Map<string | null, OwnerFigures>();
  const totals = zero();
  for (const report of monthly) {
    for (const row of report.byOwner) {
      let sum = owners.get(row.owner);
      if (!sum) owners.set(row.owner, (sum = { owner: row.owner, ...zero() }));
      for (const f of FIGURES) sum[f] += row[f];
    }
    for (const f of FIGURES) totals[f] += report.totals[f];
  }
  return {
    year,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    months: monthly.map((r) => ({ month: r.month, byOwner: r.byOwner, totals: r.totals })),
    totalsByOwner: [...owners.values()].sort((a, b) => compareOwners(a.owner, b.owner)),
    totals,
  };
}
