// Complaints and plan approval (docs/rules.md, rules 14 and 15) as the clerk and the cron job run them: the
// real binary, CUSTRACK_TODAY fixed at Monday 2026-11-23. Each office is built in-process (fast); what is
// asserted runs through the binary.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBundleIfMissing, runCli, runCustrack, type CliResult } from '../helpers/cli.js';
import { engineOffice } from '../helpers/engine.js';

// Each test runs several processes one after the other: on a busy shared machine that takes a while.
vi.setConfig({ testTimeout: 60_000 });

const TENGDA = '深圳市腾达(集团)有限公司'; // #1 张伟, grade A
const XINYUAN = '苏州新源电子有限公司'; // #2 李娜, grade B

/** The complaint JSON shape (docs/rules.md, "Output"), and the note of the latest follow-up after it. */
const COMPLAINT_KEYS = [
  'id',
  'customer_id',
  'customer',
  'owner',
  'received_on',
  'channel',
  'received_by',
  'content',
  'status',
  'due',
  'verified_on',
  'verified_by',
  'finding',
  'handled_on',
  'handled_by',
  'result',
  'on_time',
  'followup_due',
  'followup_on',
  'outcome',
  'followup_note',
];

let dir: string;

async function given(db: string, args: string[], input?: string): Promise<void> {
  const result = await runCustrack(args, { db, ...(input === undefined ? {} : { input }) });
  expect(result.code, `custrack ${args.join(' ')}\n${result.stderr}`).toBe(0);
}

async function must(db: string, args: string[]): Promise<CliResult> {
  const result = await runCli(args, { db });
  expect(result.code, `custrack ${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result;
}

const json = async <T = Record<string, unknown>>(db: string, args: string[]): Promise<T> =>
  JSON.parse((await must(db, [...args, '--format', 'json'])).stdout) as T;

beforeAll(() => {
  buildBundleIfMissing();
  dir = mkdtempSync(join(tmpdir(), 'custrack-complaints-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type OnFinished = (cleanup: () => Promise<void> | void) => void;

/** A fresh office with 腾达 (张伟) and 新源 (李娜), registered on 2026-10-01. */
async function office(onTestFinished: OnFinished): Promise<string> {
  const { db } = await engineOffice(onTestFinished);
  await given(db, ['customer', 'add', '--name', TENGDA, '--owner', '张伟', '--grade', 'A', '--registered', '2026-10-01']);
  await given(db, ['customer', 'add', '--name', XINYUAN, '--owner', '李娜', '--grade', 'B', '--registered', '2026-10-01']);
  return db;
}

describe.concurrent('complaints through the binary', () => {
  it('add → verify → handle → follow-up unsatisfied → handle → follow-up satisfied', async ({ onTestFinished }) => {
    const db = await office(onTestFinished);
    const added = await must(db, [
      'complaint',
      'add',
      TENGDA,
      '--received',
      '2026-11-16',
      '--content',
      '包装破损',
      '--channel',
      '来电',
      '--format',
      'json',
    ]);
    expect(added.stderr).toBe(`Registered complaint #1 from ${TENGDA}, received 2026-11-16; to be handled by 2026-11-23.\n`);
    const complaint = JSON.parse(added.stdout) as Record<string, unknown>;
    expect(Object.keys(complaint)).toEqual(COMPLAINT_KEYS);
    expect(complaint).toEqual({
      id: 1,
      customer_id: 1,
      customer: TENGDA,
      owner: '张伟',
      received_on: '2026-11-16',
      channel: 'phone',
      received_by: 'tester',
      content: '包装破损',
      status: 'received',
      due: '2026-11-23',
      verified_on: null,
      verified_by: null,
      finding: null,
      handled_on: null,
      handled_by: null,
      result: null,
      on_time: null,
      followup_due: null,
      followup_on: null,
      outcome: null,
      followup_note: null,
    });
    const steps: Array<[string[], Record<string, unknown>]> = [
      [['verify', '1', '--by', '周敏', '--finding', '属实', '--on', '2026-11-17'], { status: 'verified', verified_by: '周敏' }],
      [
        ['handle', '1', '--by', '李娜', '--result', '补发', '--on', '2026-11-18'],
        { status: 'handled', on_time: true, followup_due: '2026-12-18' },
      ],
      [
        ['followup', '1', '--outcome', '不满意', '--on', '2026-11-19', '--note', '数量不足'],
        { status: 'verified', outcome: 'unsatisfied', due: '2026-11-26', followup_due: null },
      ],
      [
        ['handle', '1', '--by', '李娜', '--result', '再补发'],
        { status: 'handled', handled_on: '2026-11-23', on_time: true, followup_due: '2026-12-23' },
      ],
      [['followup', '1', '--outcome', 'satisfied'], { status: 'closed', outcome: 'satisfied', followup_on: '2026-11-23' }],
    ];
    for (const [args, expected] of steps) expect(await json(db, ['complaint', ...args])).toMatchObject(expected);
    const shown = await json<{ history: Array<{ field: string | null; new: string | null }> }>(db, ['complaint', 'show', '1']);
    expect(shown.history.filter((h) => h.field === 'status').map((h) => h.new)).toEqual([
      'verified',
      'handled',
      'verified',
      'handled',
      'closed',
    ]);
  });

  it('refusals and their exit codes; nothing changes', async ({ onTestFinished }) => {
    const db = await office(onTestFinished);
    await given(db, ['complaint', 'add', '1', '--received', '2026-11-16', '--content', 'x']);
    const before = await json(db, ['complaint', 'show', '1']);
    const cases: Array<[string[], number, RegExp]> = [
      [['complaint', 'handle', '1', '--by', 'a', '--result', 'b'], 4, /has not been verified yet/u],
      [['complaint', 'followup', '1', '--outcome', 'satisfied'], 4, /has not been verified yet/u],
      [
        ['complaint', 'verify', '1', '--by', 'a', '--finding', 'b', '--on', '2026-11-15'],
        2,
        /before the complaint was received \(2026-11-16\)/u,
      ],
      [['complaint', 'verify', '1', '--by', 'a', '--finding', 'b', '--on', '2026-11-24'], 2, /after today/u],
      [['complaint', 'add', '1', '--content', 'x', '--channel', 'pigeon'], 2, /--channel/u],
      [['complaint', 'add', '1'], 2, /--content/u],
      [['complaint', 'followup', '1', '--outcome', 'maybe'], 2, /--outcome/u],
      [['complaint', 'verify', '9', '--by', 'a', '--finding', 'b'], 3, /no complaint #9/u],
      [['complaint', 'add', '无此公司', '--content', 'x'], 3, /无此公司/u],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args, { db })));
    cases.forEach(([args, code, message], i) => {
      expect(results[i]!.code, args.join(' ')).toBe(code);
      expect(results[i]!.stdout, args.join(' ')).toBe('');
      expect(results[i]!.stderr, args.join(' ')).toMatch(message);
    });
    expect(await json(db, ['complaint', 'show', '1'])).toEqual(before);
    await given(db, ['complaint', 'verify', '1', '--by', 'a', '--finding', 'b']);
    const twice = await runCli(['complaint', 'verify', '1', '--by', 'a', '--finding', 'b'], { db });
    expect(twice.code).toBe(4);
    expect(twice.stderr).toContain('complaint #1 is verified and waits for its handling');
  });

  it('the overdue list: to be handled, handled again, to be followed up; --kind complaint; one file per owner', async ({
    onTestFinished,
  }) => {
    const db = await office(onTestFinished);
    await given(db, ['complaint', 'add', '1', '--received', '2026-11-02', '--content', '发票错误']); // #1 due 11-09
    await given(db, ['complaint', 'add', '2', '--received', '2026-10-12', '--content', '交期']); // #2 due 10-19
    await given(db, ['complaint', 'verify', '2', '--by', 'a', '--finding', 'b', '--on', '2026-10-13']);
    await given(db, ['complaint', 'handle', '2', '--by', 'a', '--result', 'b', '--on', '2026-10-16']); // follow-up due 11-15
    await given(db, ['complaint', 'add', '1', '--received', '2026-11-02', '--content', '态度']); // #3
    await given(db, ['complaint', 'verify', '3', '--by', 'a', '--finding', 'b', '--on', '2026-11-03']);
    await given(db, ['complaint', 'handle', '3', '--by', 'a', '--result', 'b', '--on', '2026-11-04']);
    await given(db, ['complaint', 'followup', '3', '--outcome', 'unsatisfied', '--on', '2026-11-05']); // due again 11-12
    await given(db, ['complaint', 'add', '2', '--received', '2026-11-03', '--content', '已解决']); // #4, closed
    await given(db, ['complaint', 'verify', '4', '--by', 'a', '--finding', 'b', '--on', '2026-11-03']);
    await given(db, ['complaint', 'handle', '4', '--by', 'a', '--result', 'b', '--on', '2026-11-04']);
    await given(db, ['complaint', 'followup', '4', '--outcome', 'satisfied', '--on', '2026-11-05']);
    const items = await json<Array<Record<string, unknown>>>(db, ['overdue', '--kind', 'complaint']);
    expect(items.map((i) => [i.kind, i.ref_id, i.owner, i.due, i.days_overdue, i.detail])).toEqual([
      ['complaint', 1, '张伟', '2026-11-09', 14, 'complaint received 2026-11-02; result not told to the customer yet'],
      ['complaint', 3, '张伟', '2026-11-12', 11, 'customer not satisfied on 2026-11-05 (complaint of 2026-11-02); to be handled again'],
      ['complaint', 2, '李娜', '2026-11-15', 8, 'handled 2026-10-16 (complaint of 2026-10-12); follow-up with the customer due'],
    ]);
    // As of an earlier day: #4 was still open on 11-04 (handled, follow-up not due), #3 had been handled on time.
    const earlier = await json<Array<Record<string, unknown>>>(db, [
      'overdue',
      '--kind',
      'complaint',
      '--as-of',
      '2026-11-04',
      '--within',
      '30',
    ]);
    expect(earlier.map((i) => [i.ref_id, i.due])).toEqual([
      [1, '2026-11-09'],
      [2, '2026-11-15'],
      [3, '2026-12-04'],
      [4, '2026-12-04'],
    ]);
    const out = join(dir, `out-${Date.now()}`);
    await must(db, ['overdue', '--kind', 'complaint', '--out-dir', out]);
    expect(readdirSync(out).sort()).toEqual(['张伟.tsv', '李娜.tsv']);
    expect(readFileSync(join(out, '李娜.tsv'), 'utf8')).toContain('complaint\t2\t苏州新源电子有限公司');
  });

  it('customer show lists the open complaints (open_complaints in JSON)', async ({ onTestFinished }) => {
    const db = await office(onTestFinished);
    await given(db, ['complaint', 'add', '1', '--received', '2026-11-16', '--content', '包装破损']);
    const profile = await json<{ open_complaints: Array<Record<string, unknown>> }>(db, ['customer', 'show', '1']);
    expect(profile.open_complaints.map((c) => Object.keys(c))).toEqual([COMPLAINT_KEYS]);
    expect(profile.open_complaints[0]).toMatchObject({ id: 1, status: 'received', due: '2026-11-23' });
    const table = await runCli(['customer', 'show', '1', '--format', 'table'], { db });
    expect(table.stdout).toMatch(/Open complaints \(1\)\n#1\s+received, received 2026-11-16, due 2026-11-23: 包装破损/u);
  });
});

describe.concurrent('plan approval through the binary', () => {
  it('off: plans are not pending, approval is null, deciding is refused; a plan without --method is in person', async ({
    onTestFinished,
  }) => {
    const db = await office(onTestFinished);
    const plan = await json(db, ['visit', 'plan', '1', '--date', '2026-11-25']);
    expect(plan).toMatchObject({ id: 1, method: 'in-person', planned: true, approval: null });
    const refused = await runCli(['visit', 'approve', '1', '--by', '刘经理'], { db });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('plan approval is off');
    const sheet = await must(db, ['visit', 'sheet', '--date', '2026-11-25']);
    expect(sheet.stdout.split('\n')[0]).not.toContain('Approval');
    expect(await json(db, ['overdue', '--as-of', '2026-11-26', '--kind', 'plan-missed', '--kind', 'plan-approval'])).toMatchObject([
      { kind: 'plan-missed', ref_id: 1 },
    ]);
  });

  it('on: a new plan is pending, marked on the sheet, due for approval on its date; approved once; then done', async ({
    onTestFinished,
  }) => {
    const db = await office(onTestFinished);
    await given(db, ['config', 'set', 'plan.approval', 'on']);
    const planned = await must(db, ['visit', 'plan', '1', '--date', '2026-11-23', '--format', 'json']);
    expect(JSON.parse(planned.stdout)).toMatchObject({ id: 1, approval: 'pending' });
    expect(planned.stderr).toContain('Plan #1 waits for approval');
    await given(db, ['visit', 'plan', '2', '--date', '2026-11-23', '--method', 'phone']); // #2
    await given(db, ['visit', 'add', '2', '--method', 'phone']); // #3, not a plan
    const sheet = await must(db, ['visit', 'sheet']);
    const [header, ...rows] = sheet.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(header!.at(-1)).toBe('Approval');
    expect(rows.map((r) => r.at(-1))).toEqual(['pending', 'pending']);
    expect((await json<Array<{ approval: string }>>(db, ['visit', 'sheet'])).map((v) => v.approval)).toEqual(['pending', 'pending']);
    expect((await json<Array<{ id: number; approval: string | null }>>(db, ['visit', 'list'])).map((v) => [v.id, v.approval])).toEqual([
      [1, 'pending'],
      [2, 'pending'],
      [3, null],
    ]);
    // Due for approval on the plan's own date (0 days), not a missed plan.
    expect(
      (await json<Array<Record<string, unknown>>>(db, ['overdue', '--kind', 'plan-approval', '--kind', 'plan-missed'])).map((i) => [
        i.kind,
        i.ref_id,
        i.days_overdue,
        i.detail,
      ]),
    ).toEqual([
      ['plan-approval', 1, 0, 'visit plan for 2026-11-23 waits for approval'],
      ['plan-approval', 2, 0, 'visit plan for 2026-11-23 waits for approval'],
    ]);
    const done = await runCli(['visit', 'done', '1'], { db });
    expect(done.code).toBe(4);
    expect(done.stderr).toContain('waits for approval');
    expect(await json(db, ['visit', 'approve', '1', '--by', '刘经理', '--note', '同意'])).toMatchObject({ approval: 'approved' });
    const twice = await runCli(['visit', 'approve', '1', '--by', '刘经理'], { db });
    expect(twice.code).toBe(4);
    expect(twice.stderr).toContain('already approved by 刘经理 on 2026-11-23');
    expect(await json(db, ['visit', 'reject', '2', '--by', '刘经理', '--reason', '客户停产'])).toMatchObject({ approval: 'rejected' });
    const rejectedDone = await runCli(['visit', 'done', '2'], { db });
    expect(rejectedDone.code).toBe(4);
    const notPlan = await runCli(['visit', 'reject', '3', '--by', '刘经理', '--reason', 'x'], { db });
    expect(notPlan.code).toBe(4);
    expect(await json(db, ['visit', 'done', '1', '--summary', '已拜访'])).toMatchObject({ done: true, approval: 'approved' });
    const history = await json<Array<{ action: string; field: string | null; new: string | null }>>(db, ['history', '1']);
    expect(history.filter((h) => h.field === 'approval').map((h) => [h.action, h.new])).toEqual([
      ['approve', 'approved'],
      ['plan', 'pending'],
    ]);
    // Approval turned off again: nothing about approval shows.
    await given(db, ['config', 'set', 'plan.approval', 'off']);
    expect(await json(db, ['visit', 'list', '--planned'])).toMatchObject([{ id: 2, done: false, approval: null }]);
    expect((await json<Array<{ approval: string | null }>>(db, ['visit', 'list'])).map((v) => v.approval)).toEqual([null, null, null]);
  });
});
