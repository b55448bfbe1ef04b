// docs/rules.md, "Data safety", the full run: a clerk logging 50 visits while the cron job imports 20k-row invoice files and a
// reader prints the overdue list — two and four processes, several rounds, 0 lost writes and 0 errors
// every time; the busy timeout against a held lock and against a real 200k-row import; no transaction
// open while a prompt waits (customer add, visit add, customer assign).
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { BINARY, openTerminal, shellWord, stripAnsi, buildBundleIfMissing } from '../helpers/cli.js';
import { concurrentLoad, expectClean, officeWithInvoices } from '../helpers/load.js';
import { generateOfficeData, runToEnd, stackLines, startCli } from '../helpers/processes.js';
import { rawState } from '../helpers/rawdb.js';
import { fileDigest, scratchOffice } from '../helpers/scratch.js';

beforeAll(buildBundleIfMissing, 120_000);

const totals = { processes: 0, writes: 0, reads: 0, lost: 0 };

describe('several processes on one file (full run)', () => {
  it('two processes: a clerk logs 50 visits while the cron job imports 6 files of 20k invoices', async ({ onTestFinished }) => {
    const office = await officeWithInvoices(scratchOffice(onTestFinished), 200, 6, 20_000);
    const result = await concurrentLoad(office, { visits: 50, registrations: 0, imports: true, reader: false });
    console.log(`2 processes: ${result.writes} writes (${result.visits} visits, ${result.transactions} invoices), ${result.lost} lost`);
    Object.assign(totals, { writes: totals.writes + result.writes, lost: totals.lost + result.lost });
    expect(result.lost).toBe(0);
  });

  it('four processes, 3 rounds on one office: 0 lost writes, 0 errors every time', async ({ onTestFinished }) => {
    const scratch = scratchOffice(onTestFinished);
    const office = await officeWithInvoices(scratch, 200, 9, 20_000);
    for (let round = 0; round < 3; round++) {
      const files = office.files.slice(round * 3, round * 3 + 3);
      const result = await concurrentLoad({ ...office, files }, { visits: 50, registrations: 30, imports: true, reader: true, round });
      console.log(`4 processes, round ${round + 1}: ${result.writes} writes, ${result.reads} reads, ${result.lost} lost`);
      Object.assign(totals, { writes: totals.writes + result.writes, reads: totals.reads + result.reads, lost: totals.lost + result.lost });
      expect(result.lost).toBe(0);
    }
    console.log(`concurrency totals: ${totals.writes} writes, ${totals.reads} reads, ${totals.lost} lost`);
  });
});

function holdWriteLock(path: string): { release(): void } {
  const db = new Database(path, { fileMustExist: true });
  db.exec('BEGIN IMMEDIATE');
  return {
    release: () => {
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

describe('the busy timeout (full run)', () => {
  it('every kind of write against a held lock → exit 5, one line, byte-identical file', async ({ onTestFinished }) => {
    const office = scratchOffice(onTestFinished);
    const db = office.dbPath;
    expectClean(await runToEnd(['customer', 'add', '--name', '深圳市腾达有限公司', '--owner', '张伟'], { db }), 'setup');
    expectClean(await runToEnd(['form', 'send', '1', '--kind', 'initial', '--sent', '2026-11-01'], { db }), 'setup');
    const invoices = office.path('invoices.csv');
    writeFileSync(invoices, 'customer,date,amount,kind,ref\n深圳市腾达有限公司,2026-01-05,100.00,sale,B1\n');
    const digest = fileDigest(db);
    const env = { CUSTRACK_BUSY_TIMEOUT_MS: '300' };
    const writes = [
      ['customer', 'add', '--name', '广州市华信有限公司'],
      ['customer', 'edit', '1', '--grade', 'A'],
      ['customer', 'assign', '1', '--owner', '李娜'],
      ['customer', 'close', '1'],
      ['visit', 'add', '1', '--method', 'phone', '--no-input'],
      ['visit', 'plan', '1', '--date', '2026-11-30', '--method', 'in-person'],
      ['form', 'return', '1', '--returned', '2026-11-10'],
      ['form', 'send', '1', '--kind', 'periodic', '--sent', '2026-11-20'],
      ['import', 'transactions', invoices],
      ['config', 'set', 'cadence.A', '10'],
      ['config', 'holiday', 'add', '2026-12-25'],
    ];
    const lock = holdWriteLock(db);
    const results: Array<{ args: string[]; outcome: Awaited<ReturnType<typeof runToEnd>> }> = [];
    try {
      for (const args of writes) results.push({ args, outcome: await runToEnd(args, { db, env }) });
      for (const args of [['customer', 'list'], ['overdue'], ['history'], ['db', 'check']])
        expectClean(await runToEnd(args, { db, env }), `${args.join(' ')} while the lock is held`);
    } finally {
      lock.release();
    }
    for (const { args, outcome } of results) {
      const what = args.join(' ');
      expect(outcome.code, `${what}: ${outcome.stderr}`).toBe(5);
      expect(outcome.stdout, what).toBe('');
      expect(outcome.stderr, what).toMatch(/^custrack: the database is busy: .*Nothing was written/u);
      expect(outcome.stderr.trimEnd().split('\n'), what).toHaveLength(1);
      expect(stackLines(outcome.stderr), what).toEqual([]);
    }
    expect(fileDigest(db)).toBe(digest);
  });

  it('a clerk’s write while the cron job’s 200k-row import holds the lock → exit 5 after the timeout, nothing written; then it goes through', async ({
    onTestFinished,
  }) => {
    const office = scratchOffice(onTestFinished);
    const db = office.dbPath;
    const data = generateOfficeData(office.path('data'), 500, 200_000);
    expectClean(await runToEnd(['import', 'customers', data.customers, '--allow-similar'], { db }), 'import customers');
    const importing = startCli(['import', 'transactions', data.transactions], { db });
    // Wait until the import holds the write lock.
    const probe = new Database(db, { fileMustExist: true, timeout: 0 });
    try {
      for (;;) {
        try {
          probe.exec('BEGIN IMMEDIATE');
          probe.exec('ROLLBACK');
          await new Promise((resolve) => setTimeout(resolve, 5));
        } catch {
          break;
        }
      }
    } finally {
      probe.close();
    }
    const refused = await runToEnd(['customer', 'add', '--name', '急单客户有限公司'], { db, env: { CUSTRACK_BUSY_TIMEOUT_MS: '300' } });
    const importRunning = importing.child.exitCode === null;
    expect(importRunning, 'the import should still be running when the refused write returned').toBe(true);
    expect(refused.code, refused.stderr).toBe(5);
    expect(refused.stderr).toMatch(/^custrack: the database is busy/u);
    // The same write with the default busy timeout (30 s) waits for the import and goes through.
    const waited = await runToEnd(['customer', 'add', '--name', '急单客户有限公司'], { db });
    expectClean(waited, 'the write that waited for the import');
    expectClean(await importing.done, 'the import');
    const after = rawState(db, ['customers', 'transactions']);
    expect(after.counts).toEqual({ customers: 501, transactions: 200_000 });
  });

  it('a write that waits less than the timeout goes through', async ({ onTestFinished }) => {
    const office = scratchOffice(onTestFinished);
    const db = office.dbPath;
    expectClean(await runToEnd(['init'], { db }), 'init');
    const lock = holdWriteLock(db);
    const waiting = runToEnd(['customer', 'add', '--name', '深圳市腾达有限公司'], { db, env: { CUSTRACK_BUSY_TIMEOUT_MS: '20000' } });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    lock.release();
    expectClean(await waiting, 'the waiting write');
    expect(rawState(db).counts.customers).toBe(1);
  });
});

describe('no transaction stays open while a prompt waits (full run)', () => {
  interface PromptCase {
    command: string;
    prompt: string;
    answers: string[];
    waits: string[];
  }
  it.for<PromptCase>([
    {
      command: 'customer add',
      prompt: 'Customer name (invoicing name):',
      answers: ['终端客户有限公司\r', '\r', '\r'],
      waits: ['Grade:', 'Responsible salesperson:'],
    },
    { command: 'visit add 1', prompt: 'How was the contact made', answers: ['\r'], waits: [] },
    { command: 'visit plan 1 --date 2026-11-30', prompt: 'How was the contact made', answers: ['\r'], waits: [] },
    { command: 'customer assign 1', prompt: 'Responsible salesperson:', answers: ['李娜\r'], waits: [] },
  ])(
    '$command: while it asks (10 s), other processes write at once',
    { timeout: 120_000 },
    async ({ command, prompt, answers, waits }, { onTestFinished }) => {
      const office = scratchOffice(onTestFinished);
      const db = office.dbPath;
      expectClean(await runToEnd(['customer', 'add', '--name', '深圳市腾达有限公司', '--owner', '张伟'], { db }), 'setup');
      const before = rawState(db).counts;
      const terminal = openTerminal(`node ${shellWord(BINARY)} ${command}`, { db, timeoutMs: 90_000 });
      await terminal.waitFor(prompt, 15_000);
      // For ten seconds of waiting at the prompt, writers go through at once, one after another.
      const until = Date.now() + 10_000;
      let writes = 0;
      while (Date.now() < until) {
        const probe = new Database(db, { fileMustExist: true, timeout: 0 });
        try {
          probe.exec('BEGIN IMMEDIATE');
          probe.exec('ROLLBACK');
        } finally {
          probe.close();
        }
        expectClean(
          await runToEnd(['visit', 'add', '1', '--method', 'email', '--no-input'], { db, env: { CUSTRACK_BUSY_TIMEOUT_MS: '300' } }),
          'a write during the prompt',
        );
        writes++;
      }
      terminal.type(answers[0]!);
      for (const [i, text] of waits.entries()) {
        await terminal.waitFor(text, 15_000);
        terminal.type(answers[i + 1]!);
      }
      const result = await terminal.finished;
      expect(result.timedOut).toBe(false);
      expect(result.code, stripAnsi(result.stdout)).toBe(0);
      const after = rawState(db).counts;
      expect(after.customers).toBe(before.customers! + (command === 'customer add' ? 1 : 0));
      expect(after.visits).toBe(before.visits! + writes + (command.startsWith('visit') ? 1 : 0));
      expect(after.history).toBe(before.history! + writes + 1);
    },
  );
});
