// The fast check writes to its file descriptors directly (src/cli/standard-streams.ts): every byte must arrive,
// through a full non-blocking pipe too, and a reader that went away must not crash it.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isatty } from 'node:tty';
import { DirectOutput, directStreams, needsNodeStream } from '../../src/cli/standard-streams.js';
import { buildBundleIfMissing, runCustrack, runInTerminal, runShell } from '../helpers/cli.js';

/** The fd of the parent's end of a child's stdin pipe, which libuv keeps non-blocking. */
function pipeFd(child: ReturnType<typeof spawn>): number {
  return (child.stdin as unknown as { _handle: { fd: number } })._handle.fd;
}

describe('DirectOutput', () => {
  it('writes text and bytes whole, in order, to a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custrack-direct-'));
    try {
      const file = join(dir, 'out.txt');
      const fd = openSync(file, 'w');
      const out = new DirectOutput(fd);
      expect(out.write('客户\t')).toBe(true);
      expect(out.write(Buffer.from('腾达\n'))).toBe(true);
      closeSync(fd);
      expect(readFileSync(file, 'utf8')).toBe('客户\t腾达\n');
      expect(out.isTTY).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a full non-blocking pipe (EAGAIN): waits for the reader and delivers every byte', async () => {
    // The reader starts reading only after 300 ms: 1 MiB cannot fit in the pipe before that.
    const reader = spawn('sh', ['-c', 'sleep 0.3; wc -c'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let counted = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (counted += chunk));
    const done = new Promise<number | null>((resolve) => reader.on('close', resolve));
    const bytes = Buffer.alloc(1024 * 1024, 'x');
    new DirectOutput(pipeFd(reader)).write(bytes);
    reader.stdin.end();
    expect(await done).toBe(0);
    expect(Number(counted.trim())).toBe(bytes.length);
  });

  it('a reader that went away (EPIPE): the rest is dropped, no error', async () => {
    // A reader that says when it has closed its end (the only one): from then on the pipe has no reader, for certain.
    const reader = spawn('sh', ['-c', 'exec <&-; echo closed; sleep 1'], { stdio: ['pipe', 'pipe', 'ignore'] });
    reader.stdin.on('error', () => {});
    await new Promise((resolve) => reader.stdout.once('data', resolve));
    const out = new DirectOutput(pipeFd(reader));
    expect(() => out.write('lost\n')).not.toThrow();
    expect(() => out.write('lost too\n')).not.toThrow();
    reader.kill();
  });

  it('other write errors are not swallowed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custrack-direct-'));
    try {
      const fd = openSync(join(dir, 'read-only.txt'), 'w+');
      closeSync(fd);
      const readOnly = openSync(join(dir, 'read-only.txt'), 'r');
      try {
        expect(() => new DirectOutput(readOnly).write('x')).toThrow(/EBADF/u);
      } finally {
        closeSync(readOnly);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('directStreams', () => {
  it('a file, /dev/null and a pipe need no Node stream', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custrack-direct-'));
    const file = openSync(join(dir, 'out.txt'), 'w');
    const devNull = openSync('/dev/null', 'w');
    const reader = spawn('cat', [], { stdio: ['pipe', 'ignore', 'ignore'] });
    try {
      expect(needsNodeStream(file)).toBe(false);
      expect(needsNodeStream(devNull)).toBe(false);
      expect(needsNodeStream(pipeFd(reader))).toBe(false);
      // A descriptor that is not open: Node's stream decides.
      expect(needsNodeStream(987)).toBe(true);
    } finally {
      reader.stdin.end();
      closeSync(file);
      closeSync(devNull);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives this process's stdout and stderr a direct writer unless they are a terminal, decided once", () => {
    const streams = directStreams();
    expect(streams.stdout instanceof DirectOutput).toBe(!isatty(1));
    expect(streams.stdout).toBe(streams.stdout);
    expect(streams.stderr instanceof DirectOutput).toBe(!isatty(2));
  });
});

describe('custrack check writing straight to its descriptors', () => {
  let dir: string;
  let db: string;
  const NAME = '深圳市腾达有限公司';
  /** A reader that closes its end of the pipe at once and stays a while. */
  const CLOSED_READER = "sh -c 'exec <&-; sleep 0.3'";

  beforeAll(async () => {
    buildBundleIfMissing();
    dir = mkdtempSync(join(tmpdir(), 'custrack-check-fd-'));
    db = join(dir, 'office.db');
    const given = async (args: string[], input?: string) => {
      const run = await runCustrack(args, { db, ...(input === undefined ? {} : { input }) });
      expect(run.code, run.stderr).toBe(0);
    };
    await given(['customer', 'add', '--name', NAME, '--owner', '王芳']);
    await given(['import', 'transactions', '-'], `客户名称,日期,金额,类型,单号\n${NAME},2026-10-01,800,销售,T1\n`);
    return () => rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('to a file: the same bytes as through a pipe, and the verdict as exit code', async () => {
    const piped = await runShell(`node bin/custrack.js check ${NAME}`, { db });
    const toFile = await runShell(`node bin/custrack.js check ${NAME} > ${dir}/out.tsv; echo "exit $?"`, { db });
    expect(piped.code).toBe(1);
    expect(piped.stdout).toMatch(/^Query\tCustomer ID\t/u);
    expect(toFile.stdout).toBe('exit 1\n');
    expect(readFileSync(join(dir, 'out.tsv'), 'utf8')).toBe(piped.stdout);
  });

  it('to /dev/null: the verdict as exit code, nothing on stderr', async () => {
    const result = await runShell(`node bin/custrack.js check ${NAME} > /dev/null; echo "exit $?"`, { db });
    expect(result.stdout).toBe('exit 1\n');
    expect(result.stderr).toBe('');
  });

  it('a reader that closes the pipe at once: no crash, nothing on stderr, the verdict as exit code', async () => {
    // `exec 3>&1` keeps the shell's own stdout for the exit code; the check's stdout goes to a reader that has
    // closed its end long before the check writes.
    const result = await runShell(`exec 3>&1; (node bin/custrack.js check ${NAME} --format json; echo "exit $?" >&3) | ${CLOSED_READER}`, {
      db,
    });
    expect(result.stdout).toBe('exit 1\n');
    expect(result.stderr).toBe('');
  });

  it('the whole program, through Node streams, stops quietly too when the reader goes away', async () => {
    const result = await runShell(`exec 3>&1; (node bin/custrack.js customer list --format json; echo "exit $?" >&3) | ${CLOSED_READER}`, {
      db,
    });
    expect(result.stdout).toBe('exit 0\n');
    expect(result.stderr).toBe('');
  });

  it('on a terminal: Node stream, so the layout for people (labels, not tab-separated)', async () => {
    const result = await runInTerminal(`node bin/custrack.js check ${NAME}`, { db, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('\t');
    expect(result.stdout).toMatch(/Result\s+NOT new: business on 2026-10-01/u);
  });
});
