// The run functions of the main commands, called directly with their parsed options (gh's pattern: options
// and a fake terminal in, exact stdout and stderr out), each once as a terminal and once piped, against a
// temporary database. Parsing is tested separately (help.test.ts and the end-to-end tests).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Context, type GlobalOptions } from '../../src/cli/context.js';
import type { Run } from '../../src/cli/command.js';
import { translator } from '../../src/i18n/index.js';
import { en } from '../../src/i18n/en/index.js';
import { CapturedStream, clerkEnv, fakeStdin, stripAnsi, WALL_CLOCK } from '../helpers/cli.js';
import { useDatabases } from '../helpers/engine.js';
import { addRun } from '../../src/commands/customer/add.js';
import { listRun } from '../../src/commands/customer/list.js';
import { showRun } from '../../src/commands/customer/show.js';
import { checkRun } from '../../src/commands/check/run.js';
import { addRun as visitAddRun } from '../../src/commands/visit/add.js';
import { sendRun } from '../../src/commands/form/send.js';
import { returnRun } from '../../src/commands/form/return.js';
import { overdueRun } from '../../src/commands/overdue.js';
import { monthlyRun } from '../../src/commands/report/monthly.js';
import { applyRun } from '../../src/commands/application/apply.js';
import { importRun } from '../../src/commands/data/import.js';

let dir: string;
const newDatabaseIn = useDatabases();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'custrack-runs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ran {
  stdout: string;
  stderr: string;
  code: number | undefined;
}

/** Calls `run` with a context over `db`, on a terminal (tty) or a pipe. */
async function call<A extends unknown[]>(db: string, tty: boolean, run: Run<A>, ...args: A): Promise<Ran> {
  const stdout = new CapturedStream(tty);
  const stderr = new CapturedStream(tty);
  const runtime = { streams: { stdin: fakeStdin('', tty), stdout, stderr }, env: clerkEnv(db, { NO_COLOR: '1' }), now: () => WALL_CLOCK };
  const globals: GlobalOptions = { header: true, color: true, input: false, asOf: '2026-11-23' };
  const ctx = new Context(runtime, globals, 'en', translator(en));
  try {
    const code = (await run(ctx, ...args)) ?? undefined;
    return { stdout: stripAnsi(stdout.text), stderr: stripAnsi(stderr.text), code };
  } finally {
    await ctx.close();
  }
}

/** A fresh office with two customers, some business and a visit. */
async function office(name: string): Promise<string> {
  const { db } = await newDatabaseIn(dir, `${name}.db`);
  await call(db, false, addRun, { name: '深圳市腾达（集团）有限公司', grade: 'A', owner: '张伟', phone: '13800138000' });
  await call(db, false, addRun, { name: '苏州新源电子有限公司', owner: '李娜', registered: '2026-11-02' });
  const invoices = join(dir, `${name}-invoices.csv`);
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    invoices,
    '客户名称,日期,金额,单号\n深圳市腾达（集团）有限公司,2025-06-01,1000.00,A-1\n苏州新源电子有限公司,2026-11-05,500.00,B-1\n',
  );
  await call(db, false, importRun, 'transactions', invoices, { encoding: 'auto' });
  await call(db, false, visitAddRun, '深圳市腾达（集团）有限公司', { method: 'in-person', date: '2026-11-10', summary: '年度框架' });
  return db;
}

describe.each([
  ['a terminal', true],
  ['a pipe', false],
])('on %s', (_, tty) => {
  let db: string;
  beforeAll(async () => {
    db = await office(tty ? 'tty' : 'pipe');
  });

  it('customer add: the record and its 3-year check; the note on stderr', async () => {
    const ran = await call(db, tty, addRun, { name: '北京华信科技有限公司', grade: 'B', owner: '王芳' });
    expect(ran.stderr).toContain('Registered customer #3 北京华信科技有限公司.');
    if (tty) {
      expect(ran.stdout).toMatch(/^ID\s+3$/mu);
      expect(ran.stdout).toMatch(/^Result\s+NEW customer/mu);
    } else {
      const [header, row] = ran.stdout.trimEnd().split('\n');
      expect(header!.split('\t').slice(0, 3)).toEqual(['ID', 'Name', 'Grade']);
      expect(row!.split('\t').slice(0, 4)).toEqual(['3', '北京华信科技有限公司', 'B', '王芳']);
    }
  });

  it('customer list: a table with a count on stderr, or tab-separated rows and nothing on stderr', async () => {
    const ran = await call(db, tty, listRun, { owner: '张伟' });
    if (tty) {
      expect(ran.stdout).toMatch(/^ID\s+Name\s+Grade\s+Owner\s+Status/mu);
      expect(ran.stdout).toMatch(/^\s*1\s+深圳市腾达（集团）有限公司\s+A\s+张伟\s+dormant/mu);
      expect(ran.stderr).toBe('1 customer(s)\n');
    } else {
      expect(ran.stdout.split('\n')[1]!.split('\t').slice(0, 5)).toEqual(['1', '深圳市腾达（集团）有限公司', 'A', '张伟', 'dormant']);
      expect(ran.stderr).toBe('');
    }
  });

  it('customer show: the profile sections on a terminal, one row piped', async () => {
    const ran = await call(db, tty, showRun, '1');
    if (tty) {
      expect(ran.stdout).toMatch(/^Last visits \(1\)$/mu);
      expect(ran.stdout).toContain('2026-11-10');
    } else {
      expect(ran.stdout.trimEnd().split('\n')).toHaveLength(2);
    }
  });

  it('check: exit 0 for a new customer, 1 for one with business in the window', async () => {
    const isNew = await call(db, tty, checkRun, '北京华信科技有限公司', {});
    expect(isNew.code).toBe(0);
    const notNew = await call(db, tty, checkRun, '深圳市腾达（集团）有限公司', {});
    expect(notNew.code).toBe(1);
    if (tty) expect(notNew.stdout).toMatch(/^Result\s+NOT new: business on 2025-06-01; new again from 2028-06-02$/mu);
    else expect(notNew.stdout.split('\n')[1]!.split('\t')).toContain('2028-06-02');
  });

  it('overdue: the items, most overdue first', async () => {
    const ran = await call(db, tty, overdueRun, {});
    if (tty) {
      expect(ran.stdout).toMatch(/^Kind\s+Customer ID\s+Customer/mu);
      expect(ran.stderr).toMatch(/^\d+ item\(s\) due$/mu);
    } else {
      const lines = ran.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe('Kind\tCustomer ID\tCustomer\tOwner\tDue\tDays overdue\tRef ID\tDetail');
      const days = lines.slice(1).map((l) => Number(l.split('\t')[5]));
      expect(days).toEqual([...days].sort((a, b) => b - a));
    }
  });

  it('form send and return', async () => {
    const sent = await call(db, tty, sendRun, '2', { kind: 'initial', sent: '2026-11-06' });
    expect(sent.stderr).toContain('due back 2026-11-21');
    const back = await call(db, tty, returnRun, '1', { returned: '2026-11-20', rating: ['质量=优秀'] });
    expect(back.stderr).toContain('Form #1 returned with 1 rating(s).');
    const twice = call(db, tty, returnRun, '1', { returned: '2026-11-21' });
    await expect(twice).rejects.toMatchObject({ key: 'form.already_returned' });
  });

  it('apply: filed on time within a month of the relationship start', async () => {
    const ran = await call(db, tty, applyRun, '2', { filed: '2026-11-20' });
    expect(ran.stderr).toContain('deadline 2026-12-05');
  });

  it('report monthly: a table with bar charts, or the per-owner rows', async () => {
    const ran = await call(db, tty, monthlyRun, { month: '2026-11' });
    if (tty) {
      expect(ran.stdout).toMatch(/^Visits per salesperson$/mu);
      expect(ran.stdout).toMatch(/^Total\s+/mu);
    } else {
      expect(ran.stdout.split('\n')[0]!.startsWith('Owner\tRegistered\tOf which new')).toBe(true);
    }
  });
});
