// The real binary for the day-to-day contact work: the 3-year check (exit 0/1), applications, visits and
// plans, feedback forms with confidential comments, export and import, as the clerk and cron jobs run them.
import { beforeAll, describe, expect, it } from 'vitest';
import { CLERK, runCli, runCustrack, TODAY, type CliResult, type InProcessResult, buildBundleIfMissing } from '../helpers/cli.js';
import { engineOffice, type EngineOffice } from '../helpers/engine.js';

beforeAll(buildBundleIfMissing, 60_000);

type OnFinished = (cleanup: () => Promise<void> | void) => void;

const XINYUAN = '苏州新源电子有限公司';
const TENGDA = '深圳市腾达（集团）有限公司';
const DONGFANG = '杭州东方纺织有限公司';
const HUAYU = '北京华宇科技有限公司';
const HUAYU_USCC = '91110000600037341L';

const CHECK_KEYS = [
  'query',
  'customer_id',
  'name',
  'as_of',
  'window_start',
  'new_customer',
  'last_business',
  'new_customer_from',
  'samples_ignored',
  'development_target',
  'similar',
];
const APPLICATION_KEYS = ['id', 'customer_id', 'customer', 'by', 'first_txn', 'filed_on', 'deadline', 'on_time', 'status', 'reason'];
const VISIT_KEYS = [
  'id',
  'customer_id',
  'customer',
  'date',
  'method',
  'by',
  'purpose',
  'topic',
  'location',
  'summary',
  'intent',
  'next',
  'planned',
  'done',
  'minutes_due',
  'minutes_on',
  'approval', // docs/rules.md, "Output": null for visits that are not plans, and while plan approval is off
];
const FORM_KEYS = ['id', 'customer_id', 'customer', 'kind', 'sent_on', 'due', 'returned_on', 'ratings'];

/** The invoices of these tests, as the invoicing system exports them. */
const INVOICES = [
  '客户名称,统一社会信用代码,日期,金额,类型,单号',
  `${XINYUAN},,2022-05-10,500,销售,X0`, // outside every window below
  `${XINYUAN},,2025-11-01,100,样品,X1`, // a sample: never counts
  `${XINYUAN},,2026-01-31,"12,000.50",销售,X2`, // the relationship start
  `${DONGFANG},,2024-02-29,88,销售,D1`, // a leap day
  `${HUAYU},${HUAYU_USCC},2023-06-30,1000,销售,H1`,
  `${TENGDA},,2024-05-10,300,销售,T1`, // business inside the window of T2
  `${TENGDA},,2026-02-01,300,销售,T2`,
].join('\n');

interface Office extends EngineOffice {
  /** The real binary, as the clerk's shell runs it. */
  run(...args: string[]): Promise<CliResult>;
  /** The binary with --format json; the command must succeed. */
  json<T = Record<string, unknown>>(...args: string[]): Promise<T>;
  /** Preparation in-process (the same commands, without a process start each); must succeed. */
  given(...args: string[]): Promise<InProcessResult>;
}

/** A scratch office whose database exists (custrack init, or the invoices imported), with runners bound to it. */
async function openOfficeCli(onTestFinished: OnFinished, options: { invoices?: boolean } = {}): Promise<Office> {
  const scratch = await engineOffice(onTestFinished);
  const run = (...args: string[]) => runCli(args, { db: scratch.db });
  const json = async <T>(...args: string[]): Promise<T> => {
    const result = await run(...args, '--format', 'json');
    expect(result.code, `custrack ${args.join(' ')}\n${result.stderr}`).toBe(0);
    return JSON.parse(result.stdout) as T;
  };
  const given = async (...args: string[]): Promise<InProcessResult> => {
    const result = await runCustrack(args, { db: scratch.db });
    expect(result.code, `custrack ${args.join(' ')}\n${result.stderr}`).toBe(0);
    return result;
  };
  if (options.invoices) {
    const imported = await runCustrack(['import', 'transactions', '-'], { db: scratch.db, input: INVOICES });
    expect(imported.code, imported.stderr).toBe(0);
  } else {
    await given('init');
  }
  return { ...scratch, run, json, given };
}

async function register(office: Office, name: string, ...more: string[]): Promise<number> {
  const result = await office.given('customer', 'add', '--name', name, ...more, '--format', 'json');
  return (JSON.parse(result.stdout) as { id: number }).id;
}

interface Entry {
  user: string;
  action: string;
  entity: string;
  entity_id: string | null;
  field: string | null;
}

/** The audit trail, read in-process. */
const historyOf = async (office: Office) => JSON.parse((await office.given('history', '--format', 'json')).stdout) as Entry[];

describe.concurrent('custrack check', () => {
  it('exit 1 for a name that is not new, with exactly the check keys; customer_id null when not registered', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished, { invoices: true });
    const result = await office.run('check', XINYUAN, '--format', 'json');
    expect(result.code).toBe(1);
    const check = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(check)).toEqual(CHECK_KEYS);
    expect(check).toEqual({
      query: XINYUAN,
      customer_id: null,
      name: XINYUAN,
      as_of: TODAY,
      window_start: '2023-11-23',
      new_customer: false,
      last_business: '2026-01-31',
      new_customer_from: '2029-02-01',
      samples_ignored: 1,
      development_target: true,
      similar: [],
    });
  });

  it('exit 0 for a new customer: never seen, or business only before the window', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished, { invoices: true });
    const [stranger, older, beforeFirstSale] = await Promise.all([
      office.run('check', '完全陌生的公司', '--format', 'json'),
      office.run('check', HUAYU, '--format', 'json'),
      office.run('check', XINYUAN, '--on', '2026-01-31', '--format', 'json'),
    ]);
    expect(stranger.code).toBe(0);
    expect(JSON.parse(stranger.stdout)).toMatchObject({
      customer_id: null,
      new_customer: true,
      last_business: null,
      new_customer_from: null,
      samples_ignored: 0,
      development_target: true,
    });
    expect(older.code).toBe(0);
    expect(JSON.parse(older.stdout)).toMatchObject({ new_customer: true, last_business: '2023-06-30', new_customer_from: null });
    // The sale on the date in question does not count; the one of 2022 is outside [2023-01-31, 2026-01-31).
    expect(beforeFirstSale.code).toBe(0);
    expect(JSON.parse(beforeFirstSale.stdout)).toMatchObject({
      as_of: '2026-01-31',
      window_start: '2023-01-31',
      new_customer: true,
      last_business: '2022-05-10',
      samples_ignored: 1,
    });
  });

  it('the exit code is the same in every format', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished, { invoices: true });
    const results = await Promise.all(['tsv', 'csv', 'ndjson'].map((format) => office.run('check', XINYUAN, '--format', format)));
    for (const result of results) expect(result.code).toBe(1);
    const [header, row] = results[0]!.stdout.trimEnd().split('\n');
    expect(header!.split('\t')).toHaveLength(CHECK_KEYS.length);
    expect(row).toContain('2026-01-31');
  });

  it('finds a USCC (registered or not) and a registered name given with other brackets and spaces', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished, { invoices: true });
    const unregistered = await office.run('check', HUAYU_USCC, '--on', '2026-06-30', '--format', 'json');
    expect(unregistered.code).toBe(1);
    expect(JSON.parse(unregistered.stdout)).toMatchObject({
      query: HUAYU_USCC,
      customer_id: null,
      name: HUAYU_USCC,
      last_business: '2023-06-30',
      new_customer_from: '2026-07-01',
    });

    const id = await register(office, '华宇集团北京分公司', '--uscc', HUAYU_USCC);
    const tengda = await register(office, '深圳市 腾达(集团)有限公司');
    const [registered, byName] = await Promise.all([
      office.run('check', HUAYU_USCC.toLowerCase(), '--on', '2026-06-30', '--format', 'json'),
      office.run('check', TENGDA, '--format', 'json'),
    ]);
    expect(registered.code).toBe(1);
    expect(JSON.parse(registered.stdout)).toMatchObject({ customer_id: id, name: '华宇集团北京分公司', last_business: '2023-06-30' });
    expect(byName.code).toBe(1);
    expect(JSON.parse(byName.stdout)).toMatchObject({ customer_id: tengda, last_business: '2026-02-01', new_customer_from: '2029-02-02' });
  });

  it('leap day: a sale on 2024-02-29 is inside the window on 2027-02-28 (new from 2027-03-01)', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished, { invoices: true });
    const [before, on] = await Promise.all([
      office.run('check', DONGFANG, '--on', '2027-02-28', '--format', 'json'),
      office.run('check', DONGFANG, '--on', '2027-03-01', '--format', 'json'),
    ]);
    expect(before.code).toBe(1);
    expect(JSON.parse(before.stdout)).toMatchObject({
      as_of: '2027-02-28',
      window_start: '2024-02-28',
      new_customer: false,
      last_business: '2024-02-29',
      new_customer_from: '2027-03-01',
    });
    expect(on.code).toBe(0);
    expect(JSON.parse(on.stdout)).toMatchObject({ as_of: '2027-03-01', new_customer: true, new_customer_from: null });
  });

  it('an impossible --on date → exit 2 naming the option', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished);
    const result = await office.run('check', XINYUAN, '--on', '2026-02-30');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--on');
    expect(result.stdout).toBe('');
  });
});

describe.concurrent('applications', () => {
  it('apply → approve too early (exit 4, unchanged) → verify → approve', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished, { invoices: true });
    const customer = await register(office, XINYUAN, '--owner', '李娜');
    const filed = await office.run('apply', XINYUAN, '--filed', '2026-02-28', '--process', '展会结识', '--format', 'json');
    expect(filed.code, filed.stderr).toBe(0);
    const application = JSON.parse(filed.stdout) as Record<string, unknown>;
    expect(Object.keys(application).slice(0, APPLICATION_KEYS.length)).toEqual(APPLICATION_KEYS);
    expect(application).toMatchObject({
      id: 1,
      customer_id: customer,
      customer: XINYUAN,
      by: '李娜',
      first_txn: '2026-01-31',
      filed_on: '2026-02-28',
      deadline: '2026-02-28',
      on_time: true,
      status: 'filed',
      reason: null,
    });

    const before = await office.digest();
    const early = await office.run('application', 'approve', '1', '--by', '刘总');
    expect(early.code).toBe(4);
    expect(early.stdout).toBe('');
    expect(early.stderr).toContain('#1');
    expect(await office.digest()).toBe(before);

    // Still `filed`: verifying works.
    expect(await office.json('application', 'verify', '1', '--by', '王芳')).toMatchObject({
      status: 'verified',
      reason: null,
      verified_by: '王芳',
      verified_on: TODAY,
    });
    expect(await office.json('application', 'approve', '1', '--by', '刘总', '--note', '同意认定')).toMatchObject({
      status: 'recognized',
      decided_by: '刘总',
      decided_on: TODAY,
      note: '同意认定',
    });
    const [list, again, reject] = await Promise.all([
      office.json<Array<Record<string, unknown>>>('application', 'list'),
      office.run('application', 'approve', '1', '--by', '刘总'),
      office.run('application', 'reject', '1', '--reason', '太迟'),
    ]);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: 1, status: 'recognized', on_time: true });
    expect(again.code).toBe(4);
    expect(reject.code).toBe(4);
  });

  it('a late filing is recorded as rejected with reason late, and cannot be verified', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished, { invoices: true });
    await register(office, XINYUAN);
    const late = await office.run('apply', XINYUAN, '--first-txn', '2026-01-31', '--filed', '2026-03-01', '--format', 'json');
    expect(late.code).toBe(0);
    expect(JSON.parse(late.stdout)).toMatchObject({
      first_txn: '2026-01-31',
      filed_on: '2026-03-01',
      deadline: '2026-02-28',
      on_time: false,
      status: 'rejected',
      reason: 'late',
    });
    expect(late.stderr).toContain('2026-02-28');
    const verify = await office.run('application', 'verify', '1');
    expect(verify.code).toBe(4);
  });

  it('verification rejects business inside the window, naming the last business date', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished, { invoices: true });
    await register(office, TENGDA, '--owner', '张伟');
    await office.given('apply', TENGDA, '--first-txn', '2026-02-01', '--filed', '2026-02-15');
    const verify = await office.run('application', 'verify', '1', '--format', 'json');
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ status: 'rejected', reason: 'business on 2024-05-10', first_txn: '2026-02-01' });
    expect(verify.stderr).toContain('2024-05-10');
    expect((await office.run('application', 'approve', '1', '--by', '刘总')).code).toBe(4);
  });

  it('the clerk may reject a filed application with a reason', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished, { invoices: true });
    await register(office, XINYUAN);
    await office.given('apply', XINYUAN, '--filed', '2026-02-10');
    // While it is open, the same relationship cannot be filed again; nor can a filing precede the first transaction.
    const before = await office.digest();
    const [again, early] = await Promise.all([
      office.run('apply', XINYUAN, '--filed', '2026-02-11'),
      office.run('apply', XINYUAN, '--first-txn', '2026-01-31', '--filed', '2026-01-30'),
    ]);
    expect(again.code).toBe(4);
    expect(early.code).toBe(2);
    expect(await office.digest()).toBe(before);
    expect(await office.json('application', 'reject', '1', '--reason', '集团子公司')).toMatchObject({
      status: 'rejected',
      reason: '集团子公司',
      decided_by: CLERK,
    });
  });

  it('an unknown customer → exit 3; an unknown application → exit 3; nothing written', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished, { invoices: true });
    const before = await office.digest();
    const [apply, verify] = await Promise.all([office.run('apply', '不存在的公司'), office.run('application', 'verify', '9')]);
    expect(apply.code).toBe(3);
    expect(verify.code).toBe(3);
    expect(await office.digest()).toBe(before);
  });
});

describe.concurrent('visits', () => {
  it('a Friday in-person visit: exactly the visit keys, minutes due on Tuesday, minutes recorded', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished);
    const customer = await register(office, XINYUAN, '--owner', '李娜');
    const added = await office.run(
      'visit',
      'add',
      XINYUAN,
      '--date',
      '2026-11-20',
      '--method',
      '面谈',
      '--purpose',
      '介绍新品',
      '--topic',
      '年度框架协议',
      '--location',
      '客户办公室',
      '--summary',
      '对报价有兴趣',
      '--intent',
      '高',
      '--next',
      '2026-11-27',
      '--format',
      'json',
    );
    expect(added.code, added.stderr).toBe(0);
    const visit = JSON.parse(added.stdout) as Record<string, unknown>;
    expect(Object.keys(visit)).toEqual(VISIT_KEYS);
    expect(visit).toEqual({
      id: 1,
      customer_id: customer,
      customer: XINYUAN,
      date: '2026-11-20',
      method: 'in-person',
      by: '李娜',
      purpose: '介绍新品',
      topic: '年度框架协议',
      location: '客户办公室',
      summary: '对报价有兴趣',
      intent: 'high',
      next: '2026-11-27',
      planned: false,
      done: true,
      minutes_due: '2026-11-24',
      minutes_on: null,
      approval: null,
    });
    const minutes = await office.json('visit', 'minutes', '1', '--text', '双方确认框架协议条款。');
    expect(minutes).toMatchObject({ id: 1, minutes_due: '2026-11-24', minutes_on: TODAY });
  });

  it('holidays and adjusted working days from the calendar settings move the minutes due date', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished);
    await register(office, XINYUAN);
    await office.given('visit', 'add', XINYUAN, '--date', '2026-11-20', '--method', 'in-person');
    await office.given('config', 'holiday', 'add', '2026-11-23', '--note', '调休');
    expect(await office.json('visit', 'list')).toEqual([expect.objectContaining({ id: 1, minutes_due: '2026-11-25' })]);
    // An adjusted working Saturday (调休) counts; the due date follows the calendar as it is now.
    await office.given('config', 'workday', 'add', '2026-11-21');
    expect(await office.json('visit', 'list')).toEqual([expect.objectContaining({ id: 1, minutes_due: '2026-11-24' })]);
    await office.given('config', 'holiday', 'remove', '2026-11-23');
    expect(await office.json('visit', 'list')).toEqual([expect.objectContaining({ id: 1, minutes_due: '2026-11-23' })]);
  });

  it('a phone call has no minutes: minutes_due null and `visit minutes` → exit 2', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished);
    await register(office, XINYUAN);
    expect(await office.json('visit', 'add', XINYUAN, '--date', '2026-11-20', '--method', '电话')).toMatchObject({
      method: 'phone',
      minutes_due: null,
      by: null,
    });
    const before = await office.digest();
    const minutes = await office.run('visit', 'minutes', '1', '--text', '通话记录');
    expect(minutes.code).toBe(2);
    expect(minutes.stdout).toBe('');
    expect(await office.digest()).toBe(before);
  });

  it('an unknown customer → exit 3 and an impossible date → exit 2; nothing is written', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished);
    await register(office, XINYUAN);
    const before = await office.digest();
    const [unknown, impossible, badMethod, future] = await Promise.all([
      office.run('visit', 'add', '不存在的公司', '--method', 'phone'),
      office.run('visit', 'add', XINYUAN, '--date', '2026-02-30', '--method', 'phone'),
      office.run('visit', 'add', XINYUAN, '--method', '飞鸽传书'),
      office.run('visit', 'add', XINYUAN, '--date', '2026-11-24', '--method', 'phone'),
    ]);
    expect(unknown.code).toBe(3);
    expect(impossible.code).toBe(2);
    expect(impossible.stderr).toContain('--date');
    expect(badMethod.code).toBe(2);
    expect(future.code).toBe(2);
    for (const result of [unknown, impossible, badMethod, future]) expect(result.stdout).toBe('');
    expect(await office.digest()).toBe(before);
    expect(await office.json('visit', 'list')).toEqual([]);
  });

  it('plan → sheet → done; done twice → exit 4', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished);
    await register(office, XINYUAN, '--owner', '李娜', '--contact', '王工', '--phone', '13800138000');
    await register(office, TENGDA, '--owner', '张伟');
    const plan = await office.json(
      'visit',
      'plan',
      XINYUAN,
      '--date',
      '2026-11-23',
      '--method',
      'in-person',
      '--purpose',
      '送样',
      '--location',
      '苏州工业园',
    );
    expect(plan).toMatchObject({ id: 1, planned: true, done: false, minutes_due: null, by: '李娜' });
    await office.given('visit', 'plan', TENGDA, '--date', '2026-11-23', '--method', 'phone', '--purpose', '催款');
    await office.given('visit', 'plan', TENGDA, '--date', '2026-11-24', '--method', 'phone');
    await office.given('visit', 'plan', XINYUAN, '--date', '2026-11-23', '--method', 'phone', '--by', '李娜');

    const [sheet, tomorrow, empty, open] = await Promise.all([
      office.json<Array<Record<string, unknown>>>('visit', 'sheet'),
      office.json<Array<Record<string, unknown>>>('visit', 'sheet', '--date', '2026-11-24', '--by', '张伟'),
      office.run('visit', 'sheet', '--date', '2026-11-25'),
      office.json<Array<{ id: number }>>('visit', 'list', '--planned'),
    ]);
    expect(sheet.map((v) => [v.by, v.id, v.customer, v.done])).toEqual(
      expect.arrayContaining([
        ['李娜', 1, XINYUAN, false],
        ['张伟', 2, TENGDA, false],
        ['李娜', 4, XINYUAN, false],
      ]),
    );
    expect(sheet).toHaveLength(3);
    // Grouped by salesperson: each salesperson's plans are together.
    const people = sheet.map((v) => v.by);
    expect(people.filter((by, i) => i === 0 || by !== people[i - 1])).toHaveLength(2);
    expect(sheet.find((v) => v.id === 1)).toMatchObject({ purpose: '送样', location: '苏州工业园', contact: '王工', phone: '13800138000' });
    expect(tomorrow).toEqual([expect.objectContaining({ id: 3, by: '张伟', date: '2026-11-24' })]);
    expect(empty).toMatchObject({ code: 0, stdout: '' });
    expect(open.map((v) => v.id)).toEqual([1, 2, 4, 3]);

    const done = await office.json('visit', 'done', '1', '--summary', '送样完成', '--next', '2026-12-01');
    expect(done).toMatchObject({
      id: 1,
      date: TODAY,
      planned: true,
      done: true,
      summary: '送样完成',
      next: '2026-12-01',
      minutes_due: '2026-11-25',
    });
    const before = await office.digest();
    const again = await office.run('visit', 'done', '1');
    expect(again.code).toBe(4);
    expect(again.stdout).toBe('');
    expect(await office.digest()).toBe(before);
    const [stillOpen, sheetAfter] = await Promise.all([
      office.json<Array<{ id: number }>>('visit', 'list', '--planned'),
      office.json<Array<Record<string, unknown>>>('visit', 'sheet'),
    ]);
    expect(stillOpen.map((v) => v.id)).toEqual([2, 4, 3]);
    expect(sheetAfter.find((v) => v.id === 1)).toMatchObject({ done: true });
  });

  it('a visit that is not a plan cannot be done; an unknown plan → exit 3', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished);
    await register(office, XINYUAN);
    await office.given('visit', 'add', XINYUAN, '--date', '2026-11-20', '--method', 'phone');
    expect((await office.run('visit', 'done', '1')).code).toBe(4);
    expect((await office.run('visit', 'done', '99')).code).toBe(3);
  });

  it('visit list filters by customer, salesperson and dates', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished);
    await register(office, XINYUAN, '--owner', '李娜');
    await register(office, TENGDA, '--owner', '张伟');
    await office.given('visit', 'add', XINYUAN, '--date', '2026-11-02', '--method', 'phone');
    await office.given('visit', 'add', TENGDA, '--date', '2026-11-10', '--method', 'email');
    await office.given('visit', 'add', XINYUAN, '--date', '2026-11-20', '--method', 'in-person', '--by', '张伟');
    const ids = async (...filters: string[]) => (await office.json<Array<{ id: number }>>('visit', 'list', ...filters)).map((v) => v.id);
    const [all, byCustomer, byPerson, range] = await Promise.all([
      ids(),
      ids('--customer', XINYUAN),
      ids('--by', '张伟'),
      ids('--from', '2026-11-05', '--to', '2026-11-20'),
    ]);
    expect(all).toEqual([1, 2, 3]);
    expect(byCustomer).toEqual([1, 3]);
    expect(byPerson).toEqual([2, 3]);
    expect(range).toEqual([2, 3]);
    const tsv = await office.run('visit', 'list', '--format', 'tsv');
    expect(tsv.stdout.trimEnd().split('\n')).toHaveLength(4);
  });
});

describe.concurrent('feedback forms', () => {
  const COMMENT = '机密：交期偶有延误，采购经理不满';

  async function returnedForm(onTestFinished: OnFinished): Promise<Office> {
    const office = await openOfficeCli(onTestFinished);
    await register(office, XINYUAN, '--owner', '李娜');
    await office.given('form', 'send', XINYUAN, '--kind', 'initial', '--sent', '2026-11-01', '--via', '快递');
    await office.given(
      'form',
      'return',
      '1',
      '--returned',
      '2026-11-10',
      '--rating',
      '质量=优秀',
      '--rating',
      '交期=good',
      '--rating',
      '服务=3',
      '--rating',
      '价格=较差',
      '--comment',
      COMMENT,
    );
    return office;
  }

  it('send and return print the form keys; a form returns once: the second return → exit 4 and nothing changes', async ({
    onTestFinished,
  }) => {
    const office = await openOfficeCli(onTestFinished);
    const customer = await register(office, XINYUAN, '--owner', '李娜');
    const sent = await office.json('form', 'send', XINYUAN, '--kind', 'initial', '--sent', '2026-11-01', '--via', '快递');
    expect(Object.keys(sent).filter((k) => FORM_KEYS.includes(k))).toEqual(FORM_KEYS);
    expect(sent).toMatchObject({
      id: 1,
      customer_id: customer,
      customer: XINYUAN,
      kind: 'initial',
      sent_on: '2026-11-01',
      due: '2026-11-16',
      returned_on: null,
      ratings: {},
    });
    const returned = await office.json(
      'form',
      'return',
      '1',
      '--returned',
      '2026-11-10',
      '--rating',
      '质量=优秀',
      '--rating',
      '交期=good',
      '--rating',
      '服务=3',
      '--rating',
      '价格=较差',
      '--comment',
      COMMENT,
    );
    expect(returned).toMatchObject({ id: 1, returned_on: '2026-11-10', ratings: { 质量: 4, 交期: 3, 服务: 3, 价格: 1 } });
    expect(JSON.stringify(returned)).not.toContain('交期偶有延误');
    const before = await office.digest();
    const again = await office.run('form', 'return', '1', '--returned', '2026-11-12', '--rating', '质量=poor');
    expect(again.code).toBe(4);
    expect(again.stdout).toBe('');
    expect(await office.digest()).toBe(before);
    expect(await office.json('form', 'show', '1')).toMatchObject({ returned_on: '2026-11-10', ratings: { 质量: 4 } });
  });

  it('a bad rating level → exit 2 and the form stays open', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished);
    await register(office, XINYUAN);
    await office.given('form', 'send', XINYUAN, '--kind', 'periodic', '--sent', '2026-11-01', '--due', '2026-11-30');
    const results = await Promise.all([
      office.run('form', 'return', '1', '--rating', '质量=5'),
      office.run('form', 'return', '1', '--rating', '质量=great'),
      office.run('form', 'return', '1', '--rating', '质量'),
      office.run('form', 'return', '1', '--rating', '质量=4', '--rating', '质量=3'),
      office.run('form', 'return', '1', '--returned', '2026-10-31'),
    ]);
    for (const result of results) {
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
    }
    expect(results[0]!.stderr).toContain('质量');
    const open = await office.json<Array<Record<string, unknown>>>('form', 'list', '--open');
    expect(open).toEqual([expect.objectContaining({ id: 1, kind: 'periodic', due: '2026-11-30', returned_on: null })]);
  });

  it('form show never prints the comment without --reveal, in any format', async ({ onTestFinished }) => {
    const office = await returnedForm(onTestFinished);
    const results = await Promise.all([
      office.run('form', 'show', '1', '--format', 'json'),
      office.run('form', 'show', '1', '--format', 'tsv'),
      office.run('form', 'show', '1', '--format', 'csv'),
      office.run('form', 'show', '1', '--format', 'ndjson'),
      office.run('form', 'list', '--format', 'json'),
      office.run('export', 'forms', '--format', 'csv'),
      office.run('history', '--format', 'json'),
    ]);
    for (const result of results) {
      expect(result.code).toBe(0);
      expect(result.stdout).not.toContain('交期偶有延误');
      expect(result.stderr).not.toContain('交期偶有延误');
    }
    expect(JSON.parse(results[0]!.stdout)).toMatchObject({ comment: null, ratings: { 质量: 4 } });
    // On a terminal (table format, in-process) the comment is replaced by a note on how to reveal it.
    const table = await runCustrack(['form', 'show', '1'], { db: office.db, tty: true, env: { NO_COLOR: '1' } });
    expect(table.code).toBe(0);
    expect(table.stdout + table.stderr).not.toContain('交期偶有延误');
    expect(table.stdout + table.stderr).toContain('--reveal');
    expect((await historyOf(office)).filter((e) => e.action === 'reveal')).toEqual([]);
  });

  it('form show --reveal prints the comment and writes who read it to the history', async ({ onTestFinished }) => {
    const office = await returnedForm(onTestFinished);
    const revealed = await office.run('form', 'show', '1', '--reveal', '--format', 'json', '--user', '王芳');
    expect(revealed.code).toBe(0);
    expect(JSON.parse(revealed.stdout)).toMatchObject({ id: 1, comment: COMMENT });
    expect(revealed.stderr).toContain('王芳');
    const reveals = (await historyOf(office)).filter((e) => e.action === 'reveal');
    expect(reveals).toEqual([
      expect.objectContaining({ user: '王芳', action: 'reveal', entity: 'form', entity_id: '1', field: 'comment' }),
    ]);
    // The history itself never holds the comment text.
    expect(JSON.stringify(await historyOf(office))).not.toContain('交期偶有延误');
    await office.given('form', 'show', '1', '--reveal', '--format', 'json');
    expect((await historyOf(office)).filter((e) => e.action === 'reveal').map((e) => e.user)).toEqual([CLERK, '王芳']);
  });

  it('form list --open and --customer', async ({ onTestFinished }) => {
    const office = await returnedForm(onTestFinished);
    await register(office, TENGDA);
    await office.given('form', 'send', TENGDA, '--kind', 'revisit', '--sent', '2026-11-20');
    const [all, open, mine] = await Promise.all([
      office.json<Array<{ id: number }>>('form', 'list'),
      office.json<Array<{ id: number; due: string }>>('form', 'list', '--open'),
      office.json<Array<{ id: number }>>('form', 'list', '--customer', XINYUAN),
    ]);
    expect(all.map((f) => f.id)).toEqual([1, 2]);
    expect(open).toEqual([expect.objectContaining({ id: 2, due: '2026-12-05' })]);
    expect(mine.map((f) => f.id)).toEqual([1]);
    expect((await office.run('form', 'send', '不存在的公司', '--kind', 'initial')).code).toBe(3);
    expect((await office.run('form', 'send', TENGDA, '--kind', 'yearly')).code).toBe(2);
  });
});

describe.concurrent('export and import', () => {
  it('export transactions --format csv: a header, then one row per transaction with plain amounts', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished, { invoices: true });
    const result = await office.run('export', 'transactions', '--format', 'csv');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('ID,Invoice no.,Date,Customer,USCC,Customer ID,Kind,Amount,Imported at');
    expect(lines).toHaveLength(1 + 7);
    expect(lines.find((l) => l.includes(',X2,'))).toMatch(/^\d+,X2,2026-01-31,苏州新源电子有限公司,,,sale,12000\.50,/u);
    // Rows come in the order they were imported (by id): no sort of a million rows on the way out.
    const ids = lines.slice(1).map((l) => Number(l.split(',')[0]));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('an empty database exports nothing at all', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished);
    const results = await Promise.all(['csv', 'tsv'].map((format) => office.run('export', 'transactions', '--format', format)));
    for (const result of results) expect(result).toMatchObject({ code: 0, stdout: '' });
  });

  it('import of stdin reports its counts; a re-import adds nothing', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished, { invoices: true });
    const again = await runCli(['import', 'transactions', '-', '--format', 'json'], { db: office.db, input: INVOICES });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ kind: 'transactions', file: 'stdin', rows: 7, added: 0, skipped: 7, dry_run: false });
  });

  it('--lang zh gives the import errors in Chinese; exit 2; nothing written', async ({ onTestFinished }) => {
    const office = await openOfficeCli(onTestFinished);
    const before = await office.digest();
    const bad = '客户名称,日期,金额\n甲公司,2026-02-30,1\n乙公司,2026-01-05,abc\n';
    const [flag, locale] = await Promise.all([
      runCli(['--lang', 'zh', 'import', 'transactions', '-'], { db: office.db, input: bad }),
      runCli(['import', 'transactions', '-'], { db: office.db, input: bad, env: { LANG: 'zh_CN.UTF-8' } }),
    ]);
    for (const result of [flag, locale]) {
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('2 行中有 2 行有误，未导入任何内容');
      expect(result.stderr).toContain('第 2 行：date：“2026-02-30”不是真实的日期');
      expect(result.stderr).toContain('第 3 行：amount：“abc”不是最多两位小数的金额');
    }
    expect(await office.digest()).toBe(before);
  });
});
