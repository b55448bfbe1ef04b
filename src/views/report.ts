// How the quarterly and annual reports (docs/rules.md, rule 16) are shown: their JSON shapes and the
// columns of their main tables (the table per owner that csv and tsv carry).
import type { Column, ListSpec } from '../cli/output.js';
import type { Translator } from '../i18n/index.js';
import { QUARTERLY_FIGURES, type OwnerQuarterlyFigures, type QuarterlyFigure, type QuarterlyReport } from '../core/quarterly.js';
import { FIGURES, type Figures, type OwnerFigures } from '../core/monthly.js';
import type { AnnualReport } from '../core/annual.js';

/** A row of a report's main table: an owner's figures, or the totals. */
export type ReportRow<F> = F & { owner: string | null; total?: boolean };

const figuresJson = <K extends string>(keys: readonly K[], row: Record<K, unknown>): Record<string, unknown> =>
  Object.fromEntries(keys.map((k) => [k, row[k]]));

export function quarterlyJson(r: QuarterlyReport): Record<string, unknown> {
  return {
    quarter: r.quarter,
    from: r.from,
    to: r.to,
    by_owner: r.byOwner.map((o) => ({ owner: o.owner, ...figuresJson(QUARTERLY_FIGURES, o) })),
    totals: figuresJson(QUARTERLY_FIGURES, r.totals),
  };
}

const monthJson = (m: { byOwner: OwnerFigures[]; totals: Figures }) => ({
  by_owner: m.byOwner.map((o) => ({ owner: o.owner, ...figuresJson(FIGURES, o) })),
  totals: figuresJson(FIGURES, m.totals),
});

export function annualJson(r: AnnualReport): Record<string, unknown> {
  return {
    year: r.year,
    from: r.from,
    to: r.to,
    months: r.months.map((m) => ({ month: m.month, ...monthJson(m) })),
    totals_by_owner: r.totalsByOwner.map((o) => ({ owner: o.owner, ...figuresJson(FIGURES, o) })),
    totals: figuresJson(FIGURES, r.totals),
  };
}

/** The first column of a report table: the owner, or the total row in bold. */
export function ownerColumn<F>(t: Translator): Column<ReportRow<F>> {
  const unassigned = t('word.unassigned');
  return {
    header: 'col.owner',
    value: (r) => (r.total ? t('report.total') : (r.owner ?? unassigned)),
    tone: (r) => (r.total ? 'bold' : undefined),
  };
}

const bold = <F>(r: ReportRow<F>) => (r.total ? ('bold' as const) : undefined);
const percent = (value: number, digits = 1): string => `${(value * 100).toFixed(digits)}%`;

/** Rates are fractions (0.5) in csv and json, percentages (50.0%) on a terminal. */
const QUARTERLY_DISPLAY: Partial<Record<QuarterlyFigure, (value: number) => string>> = {
  return_rate: (v) => percent(v),
  on_time_rate: (v) => percent(v),
  complaint_rate: (v) => percent(v),
  satisfaction_average: (v) => v.toFixed(2),
  satisfaction_pct: (v) => `${v.toFixed(1)}%`,
};

export function quarterlySpec(t: Translator): ListSpec<ReportRow<OwnerQuarterlyFigures>> {
  return {
    columns: [
      ownerColumn<OwnerQuarterlyFigures>(t),
      ...QUARTERLY_FIGURES.map((f): Column<ReportRow<OwnerQuarterlyFigures>> => {
        const display = QUARTERLY_DISPLAY[f];
        return {
          header: `report.${f}`,
          type: display ? 'number' : 'int',
          value: (r) => r[f],
          ...(display ? { label: (r: ReportRow<OwnerQuarterlyFigures>) => display(r[f] as number) } : {}),
          tone: bold,
          // The complaint rate's denominator: in csv and json, left out of the (already wide) terminal table.
          ...(f === 'business_customers' ? { wide: true } : {}),
        };
      }),
    ],
    json: (r) => r,
    count: 'summary.items',
    empty: 'empty.items',
  };
}

/** The rows of a report's main table: one per owner, then the totals. */
export function reportRows<F extends object>(byOwner: Array<F & { owner: string | null }>, totals: F): Array<ReportRow<F>> {
  return [...byOwner, { ...totals, owner: null, total: true }];
}

/** The table per owner of the monthly figures: the annual report's year per owner. */
export function figuresSpec(t: Translator): ListSpec<ReportRow<Figures>> {
  return {
    columns: [
      ownerColumn<Figures>(t),
      ...FIGURES.map((f): Column<ReportRow<Figures>> => ({ header: `report.${f}`, type: 'int', value: (r) => r[f], tone: bold })),
    ],
    json: (r) => r,
    count: 'summary.items',
    empty: 'empty.items',
  };
}

/** A row of the annual report's months sheet: a month's figures of one owner, or its totals. */
export type MonthRow = ReportRow<Figures> & { month: string };

/** Each month per owner (the annual report's second sheet in a workbook): the month, then the monthly figures. */
export function monthsSpec(t: Translator): ListSpec<MonthRow> {
  const figures = figuresSpec(t);
  return { ...figures, columns: [{ header: 'report.month', value: (r) => r.month }, ...(figures.columns as Column<MonthRow>[])] };
}

export function monthRows(report: AnnualReport): MonthRow[] {
  return report.months.flatMap((m) => reportRows(m.byOwner, m.totals).map((r) => ({ ...r, month: m.month })));
}
