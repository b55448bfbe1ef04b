// docs/rules.md, "Data safety": a cron job and a clerk writing at the same moment wait for each other, and no write is lost;
// a write that waits past the busy timeout fails cleanly (exit 5, nothing written); no transaction stays
// open while a prompt waits. Fast version; test/reliability/concurrency.test.ts has the numbers.
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { BINARY, openTerminal, shellWord, stripAnsi, buildBundleIfMissing } from '../helpers/cli.js';
import { concurrentLoad, expectClean, officeWithInvoices } from '../helpers/load.js';
import { runToEnd, stackLines } from '../helpers/processes.js';
import { fileDigest, scratchOffice } from '../helpers/scratch.js';
import { contentDigest, rawState } from '../helpers/rawdb.js';

beforeAll(buildBundleIfMissing, 60_000);

describe.concurrent('several processes on one file', () => {
  it('two: a clerk logging visits while the cron job imports invoices → every write is there', async ({ onTestFinished }) => {
    const office = await officeWithInvoices(scratchOffice(onTestFinished), 40, 2, 4_000);
    const result = await concurrentLoad(office, { visits: 6, registrations: 0, imports: true, reader: false });
    console.log(`2 processes: ${result.writes} writes (${result.visits} visits, ${result.transactions} invoices), ${result.lost} lost`);
    expect(result.lost).toBe(0);
  }, 60_000);

  it('four: two clerks, the cron import and a reader of the overdue list → every write is there, no errors', async ({ onTestFinished }) => {
    const office = await officeWithInvoices(scratchOffice(onTestFinished), 40, 2, 4_000);
    const result = await concurrentLoad(office, { visits: 5, registrations: 3, imports: true, reader: true });
    console.log(`4 processes: ${result.writes} writes, ${result.reads} reads, ${result.lost} lost`);
    expect(result.lost).toBe(0);
  }, 60_000);
});

/** Holds the write lock (BEGIN IMMEDIATE) in this process, as another writer would, until released. */
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

describe.concurrent('the busy timeout (CUSTRACK_BUSY_TIMEOUT_MS)', () => {
  it('a write while another process holds the lock longer than the timeout → exit 5, "database is busy", nothing written', async ({
    onTestFinished,
  }) => {
    const office = scratchOffice(onTestFinished);
    const db = office.dbPath;
    expectClean(await runToEnd(['customer', 'add', '--name', '深圳市腾达有限公司', '--owner', '张伟'], { db }), 'setup');
    const invoices = office.path('invoices.csv');
    writeFileSync(invoices, 'customer,date,amount,kind,ref\n深圳市腾达有限公司,2026-01-05,100.00,sale,B1\n');
    const content = contentDigest(db);
    const digest = fileDigest(db);
    const before = rawState(db).counts;
    const env = { CUSTRACK_BUSY_TIMEOUT_MS: '300' };
    const lock = holdWriteLock(db);
    let results;
    try {
      results = await Promise.all(
        [
          ['customer', 'add', '--name', '广州市华信有限公司'],
          ['visit', 'add', '1', '--method', 'phone', '--no-input'],
          ['import', 'transactions', invoices],
        ].map(async (args) => ({ args, outcome: await runToEnd(args, { db, env }) })),
      );
      // A reader is never blocked by a writer (WAL).
      expectClean(await runToEnd(['customer', 'list'], { db, env }), 'customer list while the lock is held');
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
    // Not a byte of the file changed, and nothing was written.
    expect(fileDigest(db)).toBe(digest);
    expect(rawState(db).counts).toEqual(before);
    expect(contentDigest(db)).toBe(content);
  });
});

describe('no transaction stays open while a prompt waits', { concurrent: true }, () => {
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
  ])(
    '$command: while it asks, another process writes at once',
    { timeout: 60_000 },
    async ({ command, prompt, answers, waits }, { onTestFinished }) => {
      const office = scratchOffice(onTestFinished);
      const db = office.dbPath;
      expectClean(await runToEnd(['customer', 'add', '--name', '深圳市腾达有限公司', '--owner', '张伟'], { db }), 'setup');
      const before = rawState(db).counts;
      const terminal = openTerminal(`node ${shellWord(BINARY)} ${command}`, { db, timeoutMs: 30_000 });
      await terminal.waitFor(prompt, 15_000);
      // The write lock is free: taken without waiting at all…
      const probe = new Database(db, { fileMustExist: true, timeout: 0 });
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
      } finally {
        probe.close();
      }
      // …and another custrack with a short busy timeout writes while the prompt is still waiting.
      const other = await runToEnd(['customer', 'add', '--name', '广州市华信有限公司', '--owner', '王芳'], {
        db,
        env: { CUSTRACK_BUSY_TIMEOUT_MS: '300' },
      });
      expectClean(other, 'the write during the prompt');
      // Then the clerk answers and the prompting command writes too.
      terminal.type(answers[0]!);
      for (const [i, text] of waits.entries()) {
        await terminal.waitFor(text, 15_000);
        terminal.type(answers[i + 1]!);
      }
      const result = await terminal.finished;
      expect(result.timedOut).toBe(false);
      expect(result.code, stripAnsi(result.stdout)).toBe(0);
      const after = rawState(db).counts;
      expect(after.customers).toBe(before.customers! + 1 + (command === 'customer add' ? 1 : 0));
      expect(after.visits).toBe(before.visits! + (command.startsWith('visit') ? 1 : 0));
      expect(after.history).toBe(before.history! + 2);
    },
  );
});
