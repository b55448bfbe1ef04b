// Ctrl-C (SIGINT) or SIGTERM in the middle of a long import or export, through the real binary: the write
// transaction is rolled back (not one row of the file), temporary files are gone, the exit code is 130 or
// 143, and the message says that nothing was written.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINARY, REPO_ROOT, buildBundleIfMissing, clerkEnv, runCli } from '../helpers/cli.js';
import { useDatabases, type TestDatabase } from '../helpers/engine.js';

let dir: string;
let invoices: string;
const newDatabaseIn = useDatabases();

beforeAll(() => {
  buildBundleIfMissing();
  dir = mkdtempSync(join(tmpdir(), 'custrack-interrupt-'));
  invoices = join(dir, 'invoices.csv');
  const lines = ['客户名称,日期,金额,单号'];
  for (let i = 1; i <= 300_000; i++)
    lines.push(`深圳市客户${i % 500}有限公司,2026-0${1 + (i % 9)}-1${i % 10},${(i % 997) + 1}.00,INV-${i}`);
  writeFileSync(invoices, `${lines.join('\n')}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Stopped {
  code: number | null;
  stderr: string;
}

/** Starts custrack, waits until `ready()` says the work is under way, sends the signal, waits for the end. */
function interrupted(
  args: string[],
  db: string,
  signal: NodeJS.Signals,
  ready: (pid: number, output: number) => boolean,
  options: { stdin?: string; tmp?: string } = {},
): Promise<Stopped> {
  return new Promise((resolve, reject) => {
    const env = clerkEnv(db, options.tmp ? { TMPDIR: options.tmp } : {});
    const child = spawn(process.execPath, [BINARY, ...args], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let output = 0;
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.length));
    if (options.stdin !== undefined) child.stdin.end(options.stdin);
    else child.stdin.end();
    let sent = false;
    const poll = setInterval(() => {
      if (!sent && child.pid !== undefined && ready(child.pid, output)) {
        sent = true;
        child.kill(signal);
      }
    }, 10);
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      clearTimeout(guard);
      if (!sent) reject(new Error(`the command ended before it could be interrupted:\n${stderr}`));
      else resolve({ code, stderr });
    });
  });
}

/**
 * The import is half-way through the file: its write transaction is open and rows are in it. Read off the
 * process's read counter once it has the file open (Linux /proc): a large load keeps its pages in memory
 * until the commit, so the database file would show nothing, and a read stream keeps no file position.
 */
function halfWay(file: string): (pid: number) => boolean {
  let opened: number | undefined;
  const readSoFar = (pid: number): number => Number(/^rchar:\s+(\d+)/mu.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
  return (pid) => {
    try {
      if (opened === undefined) {
        if (readdirSync(`/proc/${pid}/fd`).some((fd) => readlinkSync(`/proc/${pid}/fd/${fd}`) === file)) opened = readSoFar(pid);
        return false;
      }
      return readSoFar(pid) - opened > statSync(file).size / 2;
    } catch {
      return false; // the process is starting or ending
    }
  };
}

describe('an import stopped half-way', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: exit %i, not one row written, the message says so', async (signal, code) => {
    const office = await newDatabaseIn(dir, `${signal}.db`);
    const { db } = office;
    expect((await runCli(['init'], { db })).code).toBe(0);
    const stopped = await interrupted(['import', 'transactions', invoices], db, signal, halfWay(invoices));
    expect(stopped.code).toBe(code);
    expect(stopped.stderr).toContain(`interrupted (${signal})`);
    expect(stopped.stderr).toMatch(/nothing was written/u);
    expect(await office.count('transactions')).toBe(0);
    expect(await office.count("history WHERE action = 'import'")).toBe(0);
    // And the next import works.
    expect(
      (await runCli(['import', 'transactions', '-'], { db, input: '客户名称,日期,金额,单号\n深圳市腾达有限公司,2026-01-01,1.00,X-1\n' }))
        .code,
    ).toBe(0);
  });

  it('an import from stdin leaves no spooled copy behind', async () => {
    const office = await newDatabaseIn(dir, 'stdin.db');
    const { db } = office;
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    expect((await runCli(['init'], { db })).code).toBe(0);
    // From stdin the file is spooled first: half-way through reading the spooled copy.
    let reading: ((pid: number) => boolean) | undefined;
    const spooled = (pid: number): boolean => {
      const [copy] = readdirSync(tmp).flatMap((d) => readdirSync(join(tmp, d)).map((f) => join(tmp, d, f)));
      if (copy === undefined || statSync(copy).size < statSync(invoices).size) return false;
      reading ??= halfWay(copy);
      return reading(pid);
    };
    const stopped = await interrupted(['import', 'transactions', '-'], db, 'SIGTERM', spooled, {
      stdin: readFileSync(invoices, 'utf8'),
      tmp,
    });
    expect(stopped.code).toBe(143);
    expect(readdirSync(tmp)).toEqual([]);
    expect(await office.count('transactions')).toBe(0);
  });
});

describe('an export stopped half-way', () => {
  let office: TestDatabase;
  let db: string;
  beforeAll(async () => {
    office = await newDatabaseIn(dir, 'export.db');
    db = office.db;
    expect((await runCli(['import', 'transactions', invoices], { db, timeoutMs: 120_000 })).code).toBe(0);
  }, 120_000);

  it('SIGINT: exit 130 and the message', async () => {
    // Once the first megabyte of a streaming export of 300k rows is out.
    const stopped = await interrupted(['export', 'transactions', '--format', 'csv'], db, 'SIGINT', (_, output) => output > 1024 * 1024);
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('interrupted (SIGINT)');
    expect(await office.count('transactions')).toBe(300_000);
  });

  it('SIGTERM on an export to --output: exit 143, the message, and neither the file nor its temporary copy is left', async () => {
    const out = mkdtempSync(join(dir, 'out-'));
    const target = join(out, 'transactions.csv');
    // Once the temporary copy holds a megabyte.
    const writing = (): boolean => readdirSync(out).some((f) => statSync(join(out, f)).size > 1024 * 1024);
    const stopped = await interrupted(['export', 'transactions', '--format', 'csv', '--output', target], db, 'SIGTERM', writing);
    expect(stopped.code).toBe(143);
    expect(stopped.stderr).toContain('interrupted (SIGTERM)');
    expect(readdirSync(out)).toEqual([]);
  });
});
