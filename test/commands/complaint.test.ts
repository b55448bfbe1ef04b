import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import type { App } from '../../src/cli/command.js';
import { Context, type GlobalOptions } from '../../src/cli/context.js';
import { translator, type Lang } from '../../src/i18n/index.js';
import { en } from '../../src/i18n/en/index.js';
import { zh } from '../../src/i18n/zh/index.js';
import { addCommand, addRun } from '../../src/commands/complaint/add.js';
import { verifyCommand, verifyRun } from '../../src/commands/complaint/verify.js';
import { handleCommand, handleRun } from '../../src/commands/complaint/handle.js';
import { followupCommand, followupRun } from '../../src/commands/complaint/followup.js';
import { listCommand, listRun } from '../../src/commands/complaint/list.js';
import { showCommand, showRun } from '../../src/commands/complaint/show.js';
import { approveCommand, approveRun } from '../../src/commands/visit/approve.js';
import { rejectCommand, rejectRun } from '../../src/commands/visit/reject.js';
import { CapturedStream, clerkEnv, fakeStdin, runCustrack, TODAY, WALL_CLOCK } from '../helpers/cli.js';
import { useEngineOffices } from '../helpers/engine.js';
import { CustrackError } from '../../src/errors.js';

const TENGDA = '深圳市腾达(集团)有限公司';
const newScratch = useEngineOffices();

// ---------------------------------------------------------------------------------------------------
// argv → options: the command parses, the stub receives what the run function would

type Make = (app: App, run: never) => Command;

async function parsed(make: Make, argv: string[]): Promise<unknown[]> {
  const calls: unknown[][] = [];
  const stdout = new CapturedStream();
  const app: App = {
    t: translator(en),
    lang: 'en',
    runtime: { streams: { stdin: fakeStdin(), stdout, stderr: new CapturedStream() }, env: {}, now: () => WALL_CLOCK },
    run: () => Promise.reject(new Error('not here')),
    action:
      () =>
      async (...args: unknown[]) =>
        void calls.push(args.slice(0, -1)),
  };
  const cmd = make(app, undefined as never)
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} });
  await cmd.parseAsync(argv, { from: 'user' });
  return calls[0]!;
}

describe('argv → options', () => {
  it.each([
    [addCommand, ['12', '--content', '包装破损'], ['12', { content: '包装破损' }]],
    [
      addCommand,
      ['腾达', '--content', 'x', '--received', '2026-11-16', '--channel', '电话', '--by', '吴霞'],
      ['腾达', { content: 'x', received: '2026-11-16', channel: '电话', by: '吴霞' }],
    ],
    [verifyCommand, ['3', '--by', '周敏', '--finding', '属实'], ['3', { by: '周敏', finding: '属实' }]],
    [
      handleCommand,
      ['3', '--by', '李娜', '--result', '补发', '--on', '2026-11-20'],
      ['3', { by: '李娜', result: '补发', on: '2026-11-20' }],
    ],
    [followupCommand, ['3', '--outcome', '满意', '--note', '好'], ['3', { outcome: '满意', note: '好' }]],
    [listCommand, ['--open', '--owner', '张伟'], [{ open: true, owner: '张伟' }]],
    [showCommand, ['3'], ['3', {}]],
    [approveCommand, ['31', '--by', '刘经理', '--note', '同意'], ['31', { by: '刘经理', note: '同意' }]],
    [rejectCommand, ['31', '--by', '刘经理', '--reason', '改期'], ['31', { by: '刘经理', reason: '改期' }]],
  ] as Array<[Make, string[], unknown[]]>)('%o %j', async (make, argv, expected) => {
    expect(await parsed(make, argv)).toEqual(expected);
  });

  it.each([
    [addCommand, ['12'], '--content'],
    [verifyCommand, ['3', '--finding', 'x'], '--by'],
    [handleCommand, ['3', '--by', 'x'], '--result'],
    [followupCommand, ['3'], '--outcome'],
    [rejectCommand, ['3', '--by', 'x'], '--reason'],
  ] as Array<[Make, string[], string]>)('a missing required option is refused: %o %j', async (make, argv, flag) => {
    await expect(parsed(make, argv)).rejects.toThrow(flag);
  });

  it('an impossible date is a usage error of its option', async () => {
    const err = await parsed(addCommand as Make, ['12', '--content', 'x', '--received', '2026-02-30']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CustrackError);
    expect(err).toMatchObject({ kind: 'usage', key: 'err.bad_date', params: { option: '--received' } });
  });
});

// ---------------------------------------------------------------------------------------------------
// The run functions on a scratch database

interface Printed {
  stdout: string;
  stderr: string;
}

/** A context as the program builds it, on fake streams; `globals` as the global options would give them. */
function contextFor(db: string, options: { lang?: Lang; tty?: boolean; globals?: Partial<GlobalOptions> } = {}) {
  const stdout = new CapturedStream(options.tty === true);
  const stderr = new CapturedStream(options.tty === true);
  const lang = options.lang ?? 'en';
  const ctx = new Context(
    { streams: { stdin: fakeStdin('', options.tty === true), stdout, stderr }, env: clerkEnv(db), now: () => WALL_CLOCK },
    { header: true, color: false, input: false, db, ...options.globals },
    lang,
    translator(lang === 'zh' ? zh : en),
  );
  return { ctx, printed: (): Printed => ({ stdout: stdout.text, stderr: stderr.text }) };
}

/** Runs one run function with its own context, closing the database after, as the program does. */
async function run<A extends unknown[]>(
  db: string,
  fn: (ctx: Context, ...args: A) => Promise<void>,
  args: A,
  options: Parameters<typeof contextFor>[1] = {},
): Promise<Printed> {
  const { ctx, printed } = contextFor(db, options);
  try {
    await fn(ctx, ...args);
  } finally {
    await ctx.close();
  }
  return printed();
}

const json = async <A extends unknown[]>(db: string, fn: (ctx: Context, ...args: A) => Promise<void>, ...args: A) =>
  JSON.parse((await run(db, fn, args, { globals: { format: 'json' } })).stdout) as Record<string, unknown>;

async function officeWithCustomer(): Promise<string> {
  const office = await newScratch();
  const added = await runCustrack(['customer', 'add', '--name', TENGDA, '--owner', '张伟', '--registered', '2026-10-01'], {
    db: office.db,
  });
  expect(added.code, added.stderr).toBe(0);
  return office.db;
}

describe('complaint add → verify → handle → follow-up (run functions)', () => {
  it('takes a complaint through two rounds, each step in the history', async () => {
    const db = await officeWithCustomer();
    // Received Monday 11-16: due five working days later, Monday 11-23.
    const added = await run(db, addRun, [TENGDA, { received: '2026-11-16', content: '8月批次包装破损', channel: '电话' }]);
    expect(added.stderr).toBe('Registered complaint #1 from 深圳市腾达(集团)有限公司, received 2026-11-16; to be handled by 2026-11-23.\n');
    const [header, row] = added.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(Object.fromEntries(header!.map((h, i) => [h, row![i]]))).toMatchObject({
      ID: '1',
      Received: '2026-11-16',
      Channel: 'phone',
      Status: 'received',
      Due: '2026-11-23',
      'Received by': 'tester', // --user (CUSTRACK_USER) received it
    });

    expect(await json(db, verifyRun, '1', { by: '周敏', finding: '属实', on: '2026-11-17' })).toMatchObject({
      status: 'verified',
      verified_on: '2026-11-17',
      verified_by: '周敏',
      finding: '属实',
    });
    expect(await json(db, handleRun, '1', { by: '李娜', result: '补发', on: '2026-11-18' })).toMatchObject({
      status: 'handled',
      handled_on: '2026-11-18',
      on_time: true,
      followup_due: '2026-12-18',
    });
    // Not satisfied on Thursday 11-19: to be handled again by Thursday 11-26.
    const unsatisfied = await run(db, followupRun, ['1', { outcome: 'unsatisfied', on: '2026-11-19', note: '补发数量不足' }], {
      globals: { format: 'json' },
    });
    expect(unsatisfied.stderr).toBe('Complaint #1: the customer is not satisfied; to be handled again by 2026-11-26.\n');
    expect(JSON.parse(unsatisfied.stdout)).toMatchObject({
      status: 'verified',
      due: '2026-11-26',
      followup_on: '2026-11-19',
      outcome: 'unsatisfied',
      followup_due: null,
      followup_note: '补发数量不足',
    });
    // Handled again on 11-20 (TODAY is 11-23): on time against the new due date.
    expect(await json(db, handleRun, '1', { by: '李娜', result: '再补发', on: '2026-11-20' })).toMatchObject({
      status: 'handled',
      handled_on: '2026-11-20',
      result: '再补发',
      on_time: true,
      followup_due: '2026-12-20',
    });
    const closed = await json(db, followupRun, '1', { outcome: '满意' });
    expect(closed).toMatchObject({ status: 'closed', followup_on: TODAY, outcome: 'satisfied', followup_note: null });

    const shown = await json(db, showRun, '1');
    const history = shown.history as Array<{ action: string; field: string | null; old: string | null; new: string | null }>;
    expect(history.map((h) => h.action)).toEqual([
      'receive',
      ...Array(4).fill('verify'),
      ...Array(6).fill('handle'),
      ...Array(6).fill('followup'),
      ...Array(4).fill('handle'),
      ...Array(4).fill('followup'),
    ]);
    expect(history.filter((h) => h.field === 'status').map((h) => `${h.old} → ${h.new}`)).toEqual([
      'received → verified',
      'verified → handled',
      'handled → verified',
      'verified → handled',
      'handled → closed',
    ]);
    // The first round's result stays in the history.
    expect(history.find((h) => h.field === 'result' && h.new === '再补发')).toMatchObject({ old: '补发' });
  });

  it('a handling after its due date is recorded as late, with a warning', async () => {
    const db = await officeWithCustomer();
    await run(db, addRun, [TENGDA, { received: '2026-11-02', content: '发票抬头错误' }]);
    await run(db, verifyRun, ['1', { by: '周敏', finding: '属实', on: '2026-11-03' }]);
    const late = await run(db, handleRun, ['1', { by: '李娜', result: '重开发票', on: '2026-11-12' }]);
    expect(late.stderr).toContain('warning: complaint #1 was due to be handled by 2026-11-09: it counts as handled late.');
    expect(await json(db, showRun, '1')).toMatchObject({ on_time: false, due: '2026-11-09', handled_on: '2026-11-12' });
  });
});

describe('refusals (run functions)', () => {
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('not refused');
      },
      (err: CustrackError) => ({ kind: err.kind, key: err.key, params: err.params }),
    );

  it('steps out of order are conflicts that say what the complaint waits for', async () => {
    const db = await officeWithCustomer();
    await run(db, addRun, [TENGDA, { received: '2026-11-16', content: 'x' }]);
    expect(await refusal(run(db, handleRun, ['1', { by: 'a', result: 'b' }]))).toEqual({
      kind: 'conflict',
      key: 'complaint.is_received',
      params: { id: 1 },
    });
    expect(await refusal(run(db, followupRun, ['1', { outcome: 'satisfied' }]))).toMatchObject({ key: 'complaint.is_received' });
    await run(db, verifyRun, ['1', { by: 'a', finding: 'b' }]);
    expect(await refusal(run(db, verifyRun, ['1', { by: 'a', finding: 'b' }]))).toMatchObject({
      kind: 'conflict',
      key: 'complaint.is_verified',
    });
    await run(db, handleRun, ['1', { by: 'a', result: 'b' }]);
    expect(await refusal(run(db, handleRun, ['1', { by: 'a', result: 'b' }]))).toMatchObject({
      kind: 'conflict',
      key: 'complaint.is_handled',
    });
    await run(db, followupRun, ['1', { outcome: 'satisfied' }]);
    expect(await refusal(run(db, verifyRun, ['1', { by: 'a', finding: 'b' }]))).toEqual({
      kind: 'conflict',
      key: 'complaint.closed',
      params: { id: 1, on: TODAY },
    });
  });

  it('a date before the step it follows is a usage error naming that step', async () => {
    const db = await officeWithCustomer();
    await run(db, addRun, [TENGDA, { received: '2026-11-16', content: 'x' }]);
    expect(await refusal(run(db, verifyRun, ['1', { by: 'a', finding: 'b', on: '2026-11-15' }]))).toEqual({
      kind: 'usage',
      key: 'complaint.date_before_received_on',
      params: { date: '2026-11-15', earlier: '2026-11-16' },
    });
    await run(db, verifyRun, ['1', { by: 'a', finding: 'b', on: '2026-11-18' }]);
    expect(await refusal(run(db, handleRun, ['1', { by: 'a', result: 'b', on: '2026-11-17' }]))).toMatchObject({
      key: 'complaint.date_before_verified_on',
    });
  });

  it('options are checked before the database is opened: a future date, a bad channel or outcome, blank texts', async () => {
    const office = await newScratch();
    const db = office.db;
    const cases: Array<[Promise<unknown>, string]> = [
      [run(db, addRun, [TENGDA, { received: '2026-11-24', content: 'x' }]), 'complaint.future'],
      [run(db, addRun, [TENGDA, { content: 'x', channel: '飞鸽传书' }]), 'err.bad_choice'],
      [run(db, addRun, [TENGDA, { content: '   ' }]), 'err.missing_flag'],
      [run(db, verifyRun, ['1', { by: ' ', finding: 'b' }]), 'err.missing_flag'],
      [run(db, handleRun, ['1', { by: 'a', result: 'b', on: '2026-12-01' }]), 'complaint.future'],
      [run(db, followupRun, ['1', { outcome: 'maybe' }]), 'err.bad_choice'],
      [run(db, followupRun, ['x', { outcome: 'satisfied' }]), 'err.bad_id'],
    ];
    for (const [promise, key] of cases) expect(await refusal(promise)).toMatchObject({ kind: 'usage', key });
    expect(await office.exists()).toBe(false);
  });

  it('an unknown complaint is not found; an unknown customer too', async () => {
    const db = await officeWithCustomer();
    expect(await refusal(run(db, showRun, ['9']))).toMatchObject({ kind: 'not-found', key: 'complaint.not_found' });
    expect(await refusal(run(db, addRun, ['无此公司', { content: 'x' }]))).toMatchObject({ kind: 'not-found' });
  });
});

describe('complaint list and show (run functions)', () => {
  it('--open, --owner and --customer filter; a table in Chinese translates the codes', async () => {
    const db = await officeWithCustomer();
    expect((await runCustrack(['customer', 'add', '--name', '苏州新源电子有限公司', '--owner', '李娜'], { db })).code).toBe(0);
    await run(db, addRun, [TENGDA, { received: '2026-11-02', content: '交期延误', channel: 'email' }]);
    await run(db, addRun, ['苏州新源电子有限公司', { received: '2026-11-05', content: '态度不好' }]);
    await run(db, verifyRun, ['1', { by: 'a', finding: 'b' }]);
    await run(db, handleRun, ['1', { by: 'a', result: 'b' }]);
    await run(db, followupRun, ['1', { outcome: 'satisfied' }]);
    const ids = async (opts: Parameters<typeof listRun>[1]) =>
      (JSON.parse((await run(db, listRun, [opts], { globals: { format: 'json' } })).stdout) as Array<{ id: number }>).map((c) => c.id);
    expect(await ids({})).toEqual([1, 2]);
    expect(await ids({ open: true })).toEqual([2]);
    expect(await ids({ owner: '张伟' })).toEqual([1]);
    expect(await ids({ customer: '苏州新源电子有限公司' })).toEqual([2]);

    const table = await run(db, listRun, [{}], { lang: 'zh', tty: true });
    expect(table.stdout).toContain('已结案');
    expect(table.stdout).toContain('已受理');
    expect(table.stdout).toContain('电子邮件');
    expect(table.stdout.split('\n')[0]).toMatch(/^编号\s+受理日期\s+客户/u);
    expect(table.stderr).toBe('2 条投诉\n');

    const shown = await run(db, showRun, ['1'], { tty: true });
    expect(shown.stdout).toMatch(/Status\s+closed/u);
    expect(shown.stdout).toMatch(/History \(\d+\)/u);
    expect(shown.stdout).toContain('handle complaint #1  status: verified → handled');
  });
});

describe('visit approve and reject (run functions)', () => {
  it('approval off: a decision is refused and says so; on: a pending plan is decided once', async () => {
    const db = await officeWithCustomer();
    expect((await runCustrack(['visit', 'plan', TENGDA, '--date', '2026-11-25'], { db })).code).toBe(0); // plan #1, approval off
    const off = await run(db, approveRun, ['1', { by: '刘经理' }]).catch((e: CustrackError) => e);
    expect(off).toMatchObject({ kind: 'conflict', key: 'visit.approval_off' });
    expect((await runCustrack(['config', 'set', 'plan.approval', 'on'], { db })).code).toBe(0);
    // Planned while approval was off: nothing to decide.
    expect(await run(db, approveRun, ['1', { by: '刘经理' }]).catch((e: CustrackError) => e)).toMatchObject({ key: 'visit.no_approval' });
    expect((await runCustrack(['visit', 'plan', TENGDA, '--date', '2026-11-26'], { db })).code).toBe(0); // plan #2, pending
    const approved = await run(db, approveRun, ['2', { by: '刘经理', note: '带上样品', on: '2026-11-23' }], {
      globals: { format: 'json' },
    });
    expect(approved.stderr).toBe('Plan #2 approved.\n');
    expect(JSON.parse(approved.stdout)).toMatchObject({ id: 2, planned: true, done: false, approval: 'approved' });
    expect(await run(db, rejectRun, ['2', { by: '王经理', reason: '改期' }]).catch((e: CustrackError) => e)).toMatchObject({
      kind: 'conflict',
      key: 'visit.already_approved',
      params: { id: 2, by: '刘经理', on: TODAY },
    });
    expect((await runCustrack(['visit', 'add', TENGDA, '--method', 'phone'], { db })).code).toBe(0); // visit #3
    expect(await run(db, rejectRun, ['3', { by: '王经理', reason: 'x' }]).catch((e: CustrackError) => e)).toMatchObject({
      key: 'visit.not_a_plan',
    });
    expect(await run(db, approveRun, ['9', { by: '王经理' }]).catch((e: CustrackError) => e)).toMatchObject({ kind: 'not-found' });
    expect(await run(db, approveRun, ['2', { by: 'x', on: '2026-11-24' }]).catch((e: CustrackError) => e)).toMatchObject({
      kind: 'usage',
      key: 'visit.decided_future',
    });
  });
});
