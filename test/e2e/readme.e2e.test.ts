// The README's examples, run: every `custrack` line of its fenced code blocks, in the order a newcomer meets
// them, against one database loaded as `custrack demo` loads it (fixtures/: the three imports, then every step
// of tour.json) on the demo's day, 2026-11-20. What the README says a command prints is what it prints.
//
// How the README's blocks are read:
// - A block whose lines start with `$ ` is a terminal transcript. Each `$ custrack …` line runs as on a
//   terminal (no colour, 120 columns); the lines after it, up to the next `$ `, are what the terminal shows
//   (stderr and stdout, interleaved as written), compared line by line with trailing spaces ignored. A line
//   that is only `…` stands for any number of lines. `$ echo $?` followed by a number checks the exit code of
//   the command before it; a command without one must exit 0.
// - In ```sh and ```cron blocks every line that calls `custrack` runs (piped: no terminal, no prompt); its
//   output is not compared. It must exit 0, unless its comment says `exit N` (then it must exit N). A cron
//   line loses its five schedule fields and cron's `\%` escapes. Lines without `custrack` (npm, echo) do not run.
// - A line without shell syntax runs in this process (fast); one with pipes, redirections, `$(…)`, `~` or
//   variables runs in `sh`, with `custrack` on PATH (bin/custrack.js) and a `mail` that only records its call.
// - The working folder is a scratch folder holding a link to fixtures/, so `fixtures/customers.csv` works as it
//   does in a clone, and files the examples write (`> 客户.csv`, `-o 客户.xlsx`) land there. HOME is a scratch
//   folder too. The server paths of the cron and Excel examples are mapped to scratch folders (SERVER_PATHS).
// - Lines that cannot run here are listed in SKIPPED with the reason; every entry must still match a README
//   line, so the list cannot outlive what it excuses.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/cli/context.js';
import { BINARY, buildBundleIfMissing, CapturedStream, clerkEnv, fakeStdin, REPO_ROOT, WALL_CLOCK } from '../helpers/cli.js';

const DEMO_DAY = '2026-11-20';

/**
 * README lines that do not run here, and why: each a command as the README writes it, comment left out. With
 * `rest`, the lines after it in the same block are skipped with it.
 */
const SKIPPED: Array<{ line: string; reason: string; rest?: true }> = [
  { line: 'npm ci', reason: 'installing the clone: the tests run in it' },
  { line: 'npm install -g .', reason: 'installing: test/e2e/install.e2e.test.ts installs the clone into a scratch prefix' },
  { line: 'npm pack', reason: 'installing: test/e2e/install.e2e.test.ts packs the clone' },
  {
    line: 'npm install -g --allow-scripts=better-sqlite3 ./custrack-*.tgz',
    reason: 'installing: test/e2e/install.e2e.test.ts installs the packed tarball into a scratch prefix',
  },
  {
    line: "export CUSTRACK_DB='postgresql://custrack@db.office.lan:5432/custrack?sslmode=require'",
    reason: 'a PostgreSQL server at db.office.lan (init, customer list); the same commands run on PostgreSQL in test/engines/',
    rest: true,
  },
  {
    line: 'custrack db copy --from ~/.local/share/custrack/custrack.db --to "$CUSTRACK_DB"',
    reason: 'into the PostgreSQL URL exported above (test/engines/ copies a file into a server)',
  },
];

/** Server folders of the examples, and the scratch folders that stand for them here. */
const SERVER_PATHS: Array<[string, (work: string) => string]> = [
  ['/srv/custrack/custrack.db', () => db],
  ['/srv/backup/', (work) => `${join(work, 'backup')}/`],
  ['/var/spool/custrack', (work) => join(work, 'spool')],
];

interface Step {
  /** README line number (1-based), for messages. */
  at: number;
  command: string;
  /** The exit code the README states; 0 when it states none. */
  code: number;
  /** For transcripts: the lines the README shows after the command. */
  shown?: string[];
  cron?: boolean;
}

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

/** The steps of every fenced block, in document order. */
function readmeSteps(): { steps: Step[]; skipped: string[] } {
  const lines = README.split('\n');
  const steps: Step[] = [];
  const skipped: string[] = [];
  let fence: { lang: string; start: number; body: string[] } | undefined;
  lines.forEach((line, index) => {
    if (line.startsWith('```')) {
      if (fence) {
        collect(fence.lang, fence.start, fence.body, steps, skipped);
        fence = undefined;
      } else fence = { lang: line.slice(3).trim(), start: index + 2, body: [] };
    } else fence?.body.push(line);
  });
  return { steps, skipped };
}

function collect(lang: string, start: number, body: string[], steps: Step[], skipped: string[]): void {
  if (lang === '' && body.find((l) => l.trim() !== '')?.startsWith('$ ')) {
    let current: Step | undefined;
    body.forEach((line, i) => {
      if (line.startsWith('$ echo $?')) {
        const code = Number(body[i + 1]);
        if (!current || !Number.isInteger(code))
          throw new Error(`README line ${start + i}: $ echo $? needs a command before and a number after`);
        current.code = code;
        current = undefined;
        body[i + 1] = '';
      } else if (line.startsWith('$ ')) {
        current = { at: start + i, command: line.slice(2), code: 0, shown: [] };
        steps.push(current);
      } else if (current) current.shown!.push(line);
    });
    for (const step of steps) if (step.shown) while (step.shown.at(-1) === '') step.shown.pop();
    return;
  }
  if (lang !== 'sh' && lang !== 'cron') return;
  let skipRest = false;
  body.forEach((line, i) => {
    const { command, comment } = splitComment(line);
    const text = lang === 'cron' ? command.replace(/^(\S+\s+){5}/u, '').replaceAll('\\%', '%') : command;
    const skip = SKIPPED.find((s) => s.line === command);
    if (skip || skipRest) {
      skipped.push(command);
      skipRest ||= skip?.rest === true;
      return;
    }
    if (!/(^|[\s;&|(])custrack(\s|$)/u.test(text)) return;
    const exit = /\bexit (\d+)\b/u.exec(comment);
    steps.push({ at: start + i, command: text, code: exit ? Number(exit[1]) : 0, cron: lang === 'cron' });
  });
}

/** A line's command and its trailing `# comment` (a `#` outside quotes after a space). */
function splitComment(line: string): { command: string; comment: string } {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/u.test(line[i - 1]!))) return { command: line.slice(0, i).trim(), comment: line.slice(i) };
  }
  return { command: line.trim(), comment: '' };
}

/** The words of a command line without shell syntax, or undefined when it needs a shell. */
function words(command: string): string[] | undefined {
  const out: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (const c of command) {
    if (quote) {
      if (c === quote) quote = undefined;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (/\s/u.test(c)) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else if ('|&;<>()$`~*\\'.includes(c)) return undefined;
    else word = (word ?? '') + c;
  }
  if (word !== undefined) out.push(word);
  return out;
}

let work: string;
let db: string;
let home: string;
let shims: string;
let cwd: string;

function env(): Record<string, string> {
  return { CUSTRACK_TODAY: DEMO_DAY, HOME: home, NO_COLOR: '1' };
}

/** One command in this process; what it writes to stdout and stderr, in the order written. */
async function inProcess(args: string[], terminal: boolean): Promise<{ code: number; shown: string }> {
  const { run } = await import('../../src/cli/run.js');
  const log: string[] = [];
  class Screen extends CapturedStream {
    override _write(chunk: Buffer | string, encoding: BufferEncoding, done: (error?: Error | null) => void): void {
      super._write(chunk, encoding, done);
      log.push(this.chunks.at(-1)!);
    }
  }
  const runtime: Runtime = {
    streams: { stdin: fakeStdin('', terminal), stdout: new Screen(terminal), stderr: new Screen(terminal) },
    env: clerkEnv(db, env()),
    now: () => WALL_CLOCK,
  };
  const code = await run(args, runtime);
  return { code, shown: log.join('') };
}

function inShell(command: string): { code: number; shown: string } {
  let line = command;
  for (const [path, local] of SERVER_PATHS) line = line.replaceAll(path, local(work));
  const result = spawnSync('sh', ['-c', line], {
    cwd,
    env: clerkEnv(db, { ...env(), PATH: `${shims}:${process.env.PATH}` }),
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status ?? -1, shown: `${result.stderr}${result.stdout}` };
}

async function runStep(step: Step): Promise<{ code: number; shown: string }> {
  let command = step.command;
  for (const [path, local] of SERVER_PATHS) command = command.replaceAll(path, local(work));
  const argv = step.cron ? undefined : words(command);
  if (argv && argv[0] === 'custrack') return inProcess(argv.slice(1), step.shown !== undefined);
  return inShell(step.command);
}

/** The shown lines match the README's, `…` standing for any number of lines. */
function matches(actual: string[], expected: string[]): boolean {
  if (expected.length === 0) return actual.length === 0;
  const [first, ...rest] = expected;
  if (first === '…') return actual.some((_, i) => matches(actual.slice(i), rest)) || matches([], rest);
  return actual.length > 0 && actual[0] === first && matches(actual.slice(1), rest);
}

const { steps, skipped } = readmeSteps();
const results: Array<{ step: Step; code: number; shown: string }> = [];
const previousCwd = process.cwd();

beforeAll(async () => {
  buildBundleIfMissing();
  work = mkdtempSync(join(tmpdir(), 'custrack-readme-'));
  db = join(work, 'demo.db');
  home = join(work, 'home');
  shims = join(work, 'bin');
  cwd = join(work, 'office');
  for (const dir of [home, shims, cwd, join(work, 'backup')]) mkdirSync(dir, { recursive: true });
  symlinkSync(join(REPO_ROOT, 'fixtures'), join(cwd, 'fixtures'));
  writeFileSync(join(shims, 'custrack'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BINARY)} "$@"\n`);
  writeFileSync(join(shims, 'mail'), `#!/bin/sh\ncat > /dev/null\necho "$@" >> ${JSON.stringify(join(work, 'mail.log'))}\n`);
  for (const shim of ['custrack', 'mail']) chmodSync(join(shims, shim), 0o755);

  // The demo's load, as src/commands/demo.ts runs it.
  const fixtures = join(REPO_ROOT, 'fixtures');
  const tour = JSON.parse(readFileSync(join(fixtures, 'tour.json'), 'utf8')) as Array<{ args: string[] }>;
  const load = [
    ['import', 'customers', join(fixtures, 'customers.csv')],
    ['import', 'transactions', join(fixtures, 'transactions.csv')],
    ['import', 'visits', join(fixtures, 'visits.csv')],
    ...tour.map((s) => s.args),
  ];
  for (const args of load) {
    const { code, shown } = await inProcess([...args, '--user', 'demo'], false);
    if (code !== 0) throw new Error(`demo step failed (exit ${code}): custrack ${args.join(' ')}\n${shown}`);
  }

  process.chdir(cwd);
  try {
    for (const step of steps) results.push({ step, ...(await runStep(step)) });
  } finally {
    process.chdir(previousCwd);
  }
}, 120_000);

afterAll(() => {
  process.chdir(previousCwd);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the README, run on the demo database', () => {
  it('finds the examples: transcripts, sh and cron lines', () => {
    expect(steps.filter((s) => s.shown).length).toBeGreaterThanOrEqual(7);
    expect(steps.filter((s) => s.cron)).toHaveLength(3);
    expect(steps.length).toBeGreaterThanOrEqual(40);
  });

  it('no block of custrack lines escapes the test (a ```bash or ```console block would not run)', () => {
    const stray: string[] = [];
    let lang: string | undefined;
    let transcript = false;
    README.split('\n').forEach((line, i) => {
      if (line.startsWith('```')) {
        lang = lang === undefined ? line.slice(3).trim() : undefined;
        transcript = false;
      } else if (lang !== undefined) {
        if (lang === '' && line.startsWith('$ ')) transcript = true;
        const runs = lang === 'sh' || lang === 'cron' || transcript;
        if (!runs && /^(\$ )?custrack\s/u.test(line)) stray.push(`README line ${i + 1}: ${line}`);
      }
    });
    expect(stray).toEqual([]);
  });

  it('every skipped line is still in the README', () => {
    for (const entry of SKIPPED) expect(skipped, entry.line).toContain(entry.line);
  });

  it('every command exits with the code the README states', () => {
    const wrong = results
      .filter((r) => r.code !== r.step.code)
      .map((r) => `README line ${r.step.at}: exit ${r.code}, expected ${r.step.code}: ${r.step.command}\n${r.shown}`);
    expect(wrong).toEqual([]);
  });

  it('every transcript shows what the command prints', () => {
    const differ = results
      .filter((r) => r.step.shown)
      .filter(
        (r) =>
          !matches(
            r.shown
              .replace(/\n$/u, '')
              .split('\n')
              .map((l) => l.trimEnd()),
            r.step.shown!.map((l) => l.trimEnd()),
          ),
      )
      .map((r) => `README line ${r.step.at}: $ ${r.step.command}\n--- README\n${r.step.shown!.join('\n')}\n--- printed\n${r.shown}`);
    expect(differ).toEqual([]);
  });

  it('the cron job mails each salesperson their own list', () => {
    expect(existsSync(join(work, 'mail.log'))).toBe(true);
    const mails = readFileSync(join(work, 'mail.log'), 'utf8').trim().split('\n');
    expect(mails.length).toBeGreaterThanOrEqual(4);
    for (const mail of mails) expect(mail).toMatch(/^-s 今日待办 (\S+) -a \S+\/\1\.csv \1@example\.com$/u);
  });
});
