// The stored monthly report (migration 2, src/db/sqlite/reports.ts): the first `report monthly` of a month
// keeps what it computed in report_cache under the current data generation; later runs serve it for as
// long as no write has happened since (every write transaction moves the generation on, src/db/sqlite/store.ts)
// and the same program computed it. Storing is a help, never a reason to wait or fail. On both engines
// (src/db/postgres/reports.ts the same way on the server).
//
// One small office is built once with the clerk's own commands (in-process, CUSTRACK_TODAY = 2026-11-23)
// and copied for each test. Stored reports are tampered with directly in the database: a tampered figure
// that comes back proves the report was served from report_cache, not computed.
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { buildBundleIfMissing, runCli, runCustrack, type InProcessResult } from '../helpers/cli.js';
import { registerCustomer, type Repos } from '../helpers/db.js';
import { describeSqliteOnly } from '../helpers/engine.js';
import { openStoreAt, tamperStoredReports, useOfficeTemplate, type OfficeCopy } from '../helpers/store-facts.js';
import { PROGRAM_ID } from '../../src/version.js';
import type { MonthlyReport } from '../../src/core/monthly.js';
import type { ReportKey } from '../../src/app/store.js';

const MONTH = '2026-11';
const REPORT = ['report', 'monthly', '--month', MONTH, '--format', 'json'];
/** What `report monthly` stores its reports under when run from the sources (vitest.config.ts sets the version). */
const PROGRAM = `${PROGRAM_ID} monthly`;

const TENGDA = '深圳市腾达(集团)有限公司'; // #1 张伟, grade A
const XINYUAN = '苏州新源电子有限公司'; // #2 李娜, grade B

// ---------------------------------------------------------------------------------------------------
// The office

async function must(db: string, args: string[], input?: string): Promise<InProcessResult> {
  const result = await runCustrack(args, { db, ...(input === undefined ? {} : { input }) });
  expect(result.code, `custrack ${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result;
}

const office = useOfficeTemplate(async (db) => {
  await must(db, ['customer', 'add', '--name', TENGDA, '--owner', '张伟', '--grade', 'A', '--registered', '2026-10-05']);
  await must(db, ['customer', 'add', '--name', XINYUAN, '--owner', '李娜', '--grade', 'B', '--registered', '2026-11-01']);
  // first sales: both relationships start in November (applications and initial forms fall due)
  await must(
    db,
    ['import', 'transactions', '-'],
    `customer,date,amount,kind,ref\n${TENGDA},2026-11-05,1000.00,sale,INV-1\n${XINYUAN},2026-11-06,500.00,sale,INV-2\n`,
  );
  await must(db, ['visit', 'add', '1', '--date', '2026-11-10', '--method', 'phone']); // visit #1
  await must(db, ['visit', 'plan', '2', '--date', '2026-11-20', '--method', 'phone']); // plan #2, missed
  await must(db, ['visit', 'add', '1', '--date', '2026-11-16', '--method', 'in-person']); // visit #3, no minutes
  // visit #4: minutes due two working days later, Monday 11-30, the month's last day
  await must(db, ['--as-of', '2026-11-26', 'visit', 'add', '1', '--date', '2026-11-26', '--method', 'in-person']);
  await must(db, ['form', 'send', '1', '--kind', 'periodic', '--sent', '2026-11-02']); // form #1, open
  await must(db, ['apply', '2', '--filed', '2026-11-12']); // application #1
  await must(db, ['application', 'verify', '1']);
});

// ---------------------------------------------------------------------------------------------------
// Looking at the database without custrack (office.query: a connection of its own, the generation stays put)

async function generation(copy: OfficeCopy): Promise<number> {
  return (await copy.query<{ value: number }>('SELECT value FROM data_generation'))[0]!.value;
}

interface StoredRow {
  report: string;
  period: string;
  program: string;
  generation: number;
  body: string;
}

function storedReports(copy: OfficeCopy): Promise<StoredRow[]> {
  return copy.query<StoredRow>('SELECT * FROM report_cache');
}

/** Changes one figure of the stored report (a path of JSON keys into its body, e.g. 'totals.visits'). */
function tamper(copy: OfficeCopy, path: string, value: number): Promise<void> {
  return tamperStoredReports(copy, path.split('.'), value);
}

/** Throws every stored report away: the next `report monthly` computes from the data. */
async function forgetStoredReports(copy: OfficeCopy): Promise<void> {
  await copy.query('DELETE FROM report_cache');
}

type ReportJson = {
  totals: Record<string, number>;
  grades: Record<string, number>;
  feedback: { sent: number; returned: number; return_rate: number; ratings: Record<string, { count: number; average: number }> };
  by_owner: Array<Record<string, unknown>>;
};

async function monthly(copy: OfficeCopy): Promise<ReportJson> {
  return JSON.parse((await must(copy.db, REPORT)).stdout) as ReportJson;
}

/** The report computed from the data alone, whatever is stored. */
async function freshReport(copy: OfficeCopy): Promise<ReportJson> {
  await forgetStoredReports(copy);
  return monthly(copy);
}

/** The figures that differ between two reports: path → after − before (a missing rating counts as 0). */
function moved(before: ReportJson, after: ReportJson): Record<string, number> {
  const flat = (r: ReportJson): Map<string, number> => {
    const out = new Map<string, number>();
    for (const [k, v] of Object.entries(r.totals)) out.set(`totals.${k}`, v);
    for (const [k, v] of Object.entries(r.grades)) out.set(`grades.${k}`, v);
    out.set('feedback.sent', r.feedback.sent);
    out.set('feedback.returned', r.feedback.returned);
    out.set('feedback.return_rate', r.feedback.return_rate);
    for (const [k, v] of Object.entries(r.feedback.ratings)) {
      out.set(`ratings.${k}.count`, v.count);
      out.set(`ratings.${k}.average`, v.average);
    }
    return out;
  };
  const a = flat(before);
  const b = flat(after);
  const changes: Record<string, number> = {};
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const delta = (b.get(key) ?? 0) - (a.get(key) ?? 0);
    if (delta !== 0) changes[key] = Math.round(delta * 10_000) / 10_000;
  }
  return changes;
}

// ---------------------------------------------------------------------------------------------------

describe('a stored monthly report', () => {
  it('is stored by the first run and served by the next one while nothing is written', async () => {
    const copy = await office();
    const g = await generation(copy);
    const first = await monthly(copy);
    expect(first.totals.visits).toBe(3);

    const stored = await storedReports(copy);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ report: 'monthly', period: MONTH, program: PROGRAM, generation: g });
    expect(JSON.parse(stored[0]!.body)).toMatchObject({ month: MONTH, totals: first.totals, grades: first.grades });
    // Reading (and storing a report) is not a write of the data: the generation stays.
    expect(await generation(copy)).toBe(g);

    // Nobody visited 77 customers: if that comes back, the stored body was served, not a computation.
    await tamper(copy, 'totals.visits', 77);
    const second = await monthly(copy);
    expect(second.totals.visits).toBe(77);
    expect({ ...second, totals: { ...second.totals, visits: first.totals.visits } }).toEqual(first);
    // Every format is printed from the same stored report: the tsv total row has it too.
    const tsv = (await must(copy.db, ['report', 'monthly', '--month', MONTH, '--format', 'tsv'])).stdout;
    const header = tsv.split('\n')[0]!.split('\t');
    const total = tsv
      .split('\n')
      .find((line) => line.startsWith('Total\t'))!
      .split('\t');
    expect(total[header.indexOf('Visits')]).toBe('77');
    expect(await generation(copy)).toBe(g);
    expect(await storedReports(copy)).toHaveLength(1);
  });

  it('is kept per month: another month is computed and stored beside it', async () => {
    const copy = await office();
    await monthly(copy);
    await tamper(copy, 'totals.visits', 77);
    const october = JSON.parse((await must(copy.db, ['report', 'monthly', '--month', '2026-10', '--format', 'json'])).stdout) as ReportJson;
    expect(october.totals.visits).toBe(0);
    expect((await storedReports(copy)).map((r) => r.period).sort()).toEqual(['2026-10', MONTH]);
    expect((await monthly(copy)).totals.visits).toBe(77);
  });
});

/**
 * Every kind of write, and how the November report moves with it (per the office above, as of 11-30):
 * the overdue items at month end are first contact #2, form #1 back, minutes of #3 and of #4, initial
 * forms for #1 and #2, and plan #2 missed.
 */
const WRITES: Array<{ what: string; args: string[]; input?: string; moves: Record<string, number> }> = [
  {
    what: 'customer add',
    args: ['customer', 'add', '--name', '杭州云帆科技有限公司', '--owner', '张伟', '--grade', 'C'],
    // registered today: a new customer of grade C, first contact due 11-30
    moves: { 'totals.new_customers': 1, 'totals.new_customers_by_rule': 1, 'grades.C': 1, 'totals.overdue_at_month_end': 1 },
  },
  {
    what: 'visit add',
    args: ['visit', 'add', '2', '--method', 'phone'],
    // #2's first contact: no longer overdue
    moves: { 'totals.visits': 1, 'totals.customers_visited': 1, 'totals.overdue_at_month_end': -1 },
  },
  {
    what: 'visit done',
    args: ['visit', 'done', '2', '--summary', '电话已联系'],
    // the missed plan done today: a visit, first contact made, plan no longer missed
    moves: { 'totals.visits': 1, 'totals.customers_visited': 1, 'totals.overdue_at_month_end': -2 },
  },
  {
    what: 'visit minutes',
    args: ['visit', 'minutes', '3', '--text', '双方确认年度框架协议条款'],
    moves: { 'totals.overdue_at_month_end': -1 },
  },
  {
    what: 'form send',
    args: ['form', 'send', '1', '--kind', 'initial'],
    // #1's initial form is out (due back 12-08)
    moves: { 'totals.forms_sent': 1, 'feedback.sent': 1, 'totals.overdue_at_month_end': -1 },
  },
  {
    what: 'form return',
    args: ['form', 'return', '1', '--rating', '质量=优秀', '--rating', '交期=good'],
    moves: {
      'totals.forms_returned': 1,
      'feedback.returned': 1,
      'feedback.return_rate': 1,
      'ratings.质量.count': 1,
      'ratings.质量.average': 4,
      'ratings.交期.count': 1,
      'ratings.交期.average': 3,
      'totals.overdue_at_month_end': -1,
    },
  },
  {
    what: 'apply',
    args: ['apply', '1'],
    moves: { 'totals.applications_filed': 1 },
  },
  {
    what: 'application approve',
    args: ['application', 'approve', '1', '--by', '王经理'],
    moves: { 'totals.applications_recognized': 1 },
  },
  {
    what: 'config set',
    args: ['config', 'set', 'cadence.A', '3'],
    // #1 (grade A) last contacted 11-26: with a 3-day cadence the follow-up falls due 11-29
    moves: { 'totals.overdue_at_month_end': 1 },
  },
  {
    what: 'config holiday add',
    args: ['config', 'holiday', 'add', '2026-11-27'],
    // a holiday on Friday moves the minutes of #4 from Monday 11-30 to Tuesday 12-01
    moves: { 'totals.overdue_at_month_end': -1 },
  },
  {
    what: 'import visits',
    args: ['import', 'visits', '-'],
    input: `customer,date,method\n${XINYUAN},2026-11-19,phone\n`,
    moves: { 'totals.visits': 1, 'totals.customers_visited': 1, 'totals.overdue_at_month_end': -1 },
  },
];

describe('every write makes the stored report out of date', () => {
  it.each(WRITES)('$what: the generation goes up by one and the next report is computed again', async ({ args, input, moves }) => {
    const copy = await office();
    const before = await monthly(copy);
    const g = await generation(copy);
    expect(await storedReports(copy)).toMatchObject([{ generation: g }]);
    // A stored report that is served after the write would show this impossible figure.
    await tamper(copy, 'totals.customers_visited', 999);

    await must(copy.db, args, input);
    expect(await generation(copy)).toBe(g + 1);

    const after = await monthly(copy);
    expect(after.totals.customers_visited).not.toBe(999);
    expect(moved(before, after)).toEqual(moves);
    // What it computed is stored again under the new generation, and then served.
    expect(await storedReports(copy)).toMatchObject([{ program: PROGRAM, generation: g + 1 }]);
    const served = await monthly(copy);
    expect(served).toEqual(after);
    // … and both are what the data says now.
    expect(await freshReport(copy)).toEqual(after);
  });
});

describe('a write that fails changes nothing, so the stored report is still served', () => {
  it.each([
    {
      what: 'import visits with a bad row (rolled back: exit 2)',
      args: ['import', 'visits', '-'],
      input: `customer,date,method\n${XINYUAN},2026-11-19,phone\n${XINYUAN},2026-11-20,飞鸽传书\n`,
      code: 2,
    },
    {
      what: 'customer add of a registered name (exit 4)',
      args: ['customer', 'add', '--name', '深圳市腾达（集团）有限公司', '--owner', '李娜'],
      code: 4,
    },
  ])('$what', async ({ args, input, code }) => {
    const copy = await office();
    const truth = await monthly(copy);
    const g = await generation(copy);
    await tamper(copy, 'totals.visits', 77);

    const failed = await runCustrack(args, { db: copy.db, ...(input === undefined ? {} : { input }) });
    expect(failed.code, failed.stderr).toBe(code);
    expect(await generation(copy)).toBe(g);
    expect(await copy.query('SELECT count(*) AS n FROM visits')).toEqual([{ n: 4 }]);
    expect(await copy.query('SELECT count(*) AS n FROM customers')).toEqual([{ n: 2 }]);

    expect((await monthly(copy)).totals.visits).toBe(77);
    // Only the tampered figure differs from the truth: it really is the same stored report.
    expect(await freshReport(copy)).toEqual(truth);
  });
});

describe('a report stored by another program version', () => {
  it('is not served: it is computed again and stored beside the other one', async () => {
    const copy = await office();
    const truth = await monthly(copy);
    const g = await generation(copy);
    await tamper(copy, 'totals.visits', 77);
    await copy.query('UPDATE report_cache SET program = ?', ['0.0.9+abc monthly']);

    expect(await monthly(copy)).toEqual(truth);
    const stored = await storedReports(copy);
    // Two versions in use on one file (an old binary in cron, a new one at the desk) keep a row each.
    expect(stored.map((r) => r.program).sort()).toEqual(['0.0.9+abc monthly', PROGRAM].sort());
    const ours = stored.find((r) => r.program === PROGRAM)!;
    expect(ours).toMatchObject({ report: 'monthly', period: MONTH, generation: g });
    expect(JSON.parse(ours.body).totals).toEqual(truth.totals);
  });
});

describe('storing never makes report monthly wait or fail', () => {
  const SLOW_BUSY_TIMEOUT = { CUSTRACK_BUSY_TIMEOUT_MS: '20000' };

  /** Holds the write lock from another connection while `work` runs, as a long import would. */
  async function whileLocked<T>(copy: OfficeCopy, work: () => Promise<T>): Promise<T> {
    const release = await copy.holdWriteLock();
    try {
      return await work();
    } finally {
      await release();
    }
  }

  it('another connection holds the write lock: the right report at once, nothing stored', async () => {
    const copy = await office();
    const truth = await freshReport(copy);
    await forgetStoredReports(copy);

    const { result, ms } = await whileLocked(copy, async () => {
      const start = performance.now();
      const result = await runCustrack(REPORT, { db: copy.db, env: SLOW_BUSY_TIMEOUT });
      return { result, ms: performance.now() - start };
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(truth);
    expect(ms).toBeLessThan(3_000); // the busy timeout is 20 s: it did not wait for the lock
    expect(await storedReports(copy)).toEqual([]);
    // Once the lock is gone the next run stores it.
    await monthly(copy);
    expect(await storedReports(copy)).toHaveLength(1);
  });

  it('the same through the binary, another process holding the lock', async () => {
    // The bundle `npm test` builds (built here when missing); its program version is the package's.
    buildBundleIfMissing();
    const copy = await office();
    const truth = await freshReport(copy);
    await forgetStoredReports(copy);

    const { result, ms } = await whileLocked(copy, async () => {
      const start = performance.now();
      const result = await runCli(REPORT, { db: copy.db, env: SLOW_BUSY_TIMEOUT, timeoutMs: 10_000 });
      return { result, ms: performance.now() - start };
    });
    expect(result.timedOut).toBe(false);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(truth);
    expect(ms).toBeLessThan(3_000);
    expect(await storedReports(copy)).toEqual([]);
  });
});

describe('storing never makes report monthly fail on a read-only database', () => {
  it('the right report, nothing stored, the database unchanged', async ({ skip }) => {
    const copy = await office();
    const truth = await freshReport(copy);
    await forgetStoredReports(copy);
    const digest = await copy.digest();
    const undo = await copy.makeReadOnly();
    if (!undo) return skip('root ignores file modes, and this file system refused the immutable attribute');
    try {
      const start = performance.now();
      const result = await runCustrack(REPORT, { db: copy.db, env: { CUSTRACK_BUSY_TIMEOUT_MS: '20000' } });
      const ms = performance.now() - start;
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual(truth);
      expect(ms).toBeLessThan(3_000);
    } finally {
      await undo();
    }
    expect(await copy.digest()).toBe(digest);
    expect(await storedReports(copy)).toEqual([]);
  });
});

describe('the report cache: store', () => {
  const KEY: ReportKey = { report: 'monthly', period: MONTH, program: PROGRAM };
  const A_REPORT = { month: MONTH, totals: { visits: 3 } } as unknown as MonthlyReport;

  /** Computes at generation g, then another connection (another clerk) writes before the report is stored. */
  async function movedOnBeforeStoring() {
    const copy = await office();
    const mine = await openStoreAt(copy.db);
    const g = await mine.repos.reports.generation();
    const clerk = await openStoreAt(copy.db);
    await registerCustomer(clerk.repos, '杭州云帆科技有限公司');
    await clerk.close();
    return { copy, mine, g };
  }

  it('stores nothing when the generation moved on between computing and storing', async () => {
    const { copy, mine, g } = await movedOnBeforeStoring();
    try {
      expect(await mine.repos.reports.generation()).toBe(g + 1);
      await mine.repos.reports.store(KEY, g, A_REPORT);
      expect(await storedReports(copy)).toEqual([]);
      expect(await mine.repos.reports.lookup(KEY, g)).toBeUndefined();
      expect(await mine.repos.reports.lookup(KEY, g + 1)).toBeUndefined();

      // Control: at the current generation it is stored, and found only under that generation.
      expect(await mine.repos.reports.store(KEY, g + 1, A_REPORT)).toBe(true);
      expect(await mine.repos.reports.lookup(KEY, g + 1)).toEqual(A_REPORT);
      expect(await mine.repos.reports.lookup(KEY, g)).toBeUndefined();
      expect(await mine.repos.reports.lookup({ ...KEY, program: 'other' }, g + 1)).toBeUndefined();
    } finally {
      await mine.close();
    }
  });

  it('returns false when the generation moved on', async () => {
    const { mine, g } = await movedOnBeforeStoring();
    try {
      expect(await mine.repos.reports.store(KEY, g, A_REPORT)).toBe(false);
    } finally {
      await mine.close();
    }
  });

  it('returns false and stores nothing while another connection holds the write lock, without waiting', async () => {
    const copy = await office();
    const mine = await openStoreAt(copy.db);
    let release: (() => Promise<void>) | undefined;
    try {
      const g = await mine.repos.reports.generation();
      release = await copy.holdWriteLock();
      const start = performance.now();
      expect(await mine.repos.reports.store(KEY, g, A_REPORT)).toBe(false);
      expect(performance.now() - start).toBeLessThan(1_000); // it did not wait out the busy timeout (5 s)
      await release();
      release = undefined;
      expect(await storedReports(copy)).toEqual([]);
    } finally {
      await release?.();
      await mine.close();
    }
  });

  describeSqliteOnly('on the SQLite file', () => {
    it('giving up under the lock leaves the connection its busy timeout: its own writes wait as long as before', async () => {
      const copy = await office();
      const mine = await openStoreAt(copy.db);
      const { db } = mine.repos as Repos;
      const release = await copy.holdWriteLock();
      try {
        const g = await mine.repos.reports.generation();
        const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
        expect(busyTimeout).toBeGreaterThanOrEqual(5_000);
        expect(await mine.repos.reports.store(KEY, g, A_REPORT)).toBe(false);
        expect(db.pragma('busy_timeout', { simple: true })).toBe(busyTimeout);
      } finally {
        await release();
        await mine.close();
      }
    });
  });
});
