// Shell completion (README, "Shell completion"): the scripts are generated from the program's own commands and
// options, and bash runs them for real here (COMP_WORDS/COMP_CWORD, as bash sets them on Tab). Customer names
// and ids come from the database through the hidden `custrack __complete customers <prefix>`.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINARY, buildBundleIfMissing, clerkEnv, runCli, runCustrack, shellWord } from '../helpers/cli.js';
import { fileDigest, useScratchOffices, type ScratchOffice } from '../helpers/scratch.js';
import { initial } from '../../src/db/migrations/001_initial.js';
import { reportCache } from '../../src/db/migrations/002_report_cache.js';
import { APPLICATION_ID } from '../../src/db/open.js';
import { CUSTOMER_STATUSES } from '../../src/core/status.js';
import { FORM_KINDS } from '../../src/core/forms.js';
import { APPLICATION_STATUSES } from '../../src/core/applications.js';
import { INTENTS, VISIT_METHODS } from '../../src/core/visit.js';
import { OVERDUE_KINDS } from '../../src/core/overdue.js';
import { SETTING_KEYS } from '../../src/core/settings.js';
import { FORMATS } from '../../src/cli/output.js';

const newScratch = useScratchOffices();

const TENGDA = '深圳市腾达(集团)有限公司';
const XINYUAN = '苏州新源电子有限公司';
const ACME = 'Acme Trading Co';

async function script(shell: 'bash' | 'zsh' | 'fish', lang = 'en'): Promise<string> {
  const result = await runCustrack(['--lang', lang, 'completion', shell]);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toBe('');
  return result.stdout;
}

/** A directory with a `custrack` on PATH that runs this build, as an installed custrack would. */
function installed(office: ScratchOffice): string {
  const bin = office.path('bin');
  execFileSync('mkdir', ['-p', bin]);
  const wrapper = join(bin, 'custrack');
  writeFileSync(wrapper, `#!/bin/sh\nexec ${shellWord(process.execPath)} ${shellWord(BINARY)} "$@"\n`);
  chmodSync(wrapper, 0o755);
  return bin;
}

/** An office of three customers, one with a former name. */
async function office(): Promise<ScratchOffice> {
  const scratch = newScratch();
  const run = (...args: string[]) => runCustrack(args, { db: scratch.dbPath });
  for (const name of [TENGDA, XINYUAN, ACME]) expect((await run('customer', 'add', '--name', name, '--owner', '张伟')).code).toBe(0);
  expect((await run('customer', 'edit', '2', '--alias', '苏州市新源电子厂')).code).toBe(0);
  return scratch;
}

interface BashRun {
  /** COMPREPLY, one candidate each. */
  candidates: string[];
}

/**
 * Completes `words` (the last is the word being typed) in a real bash that sourced the script, the way bash
 * calls the function on Tab.
 */
function bashComplete(scriptFile: string, words: string[], env: NodeJS.ProcessEnv = {}): BashRun {
  const program = `
source ${shellWord(scriptFile)}
COMP_WORDS=(${words.map(shellWord).join(' ')})
COMP_CWORD=${words.length - 1}
COMP_LINE=${shellWord(words.join(' '))}
_custrack
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', program], { encoding: 'utf8', env: { ...clerkEnv(undefined), ...env } });
  expect(result.status, result.stderr).toBe(0);
  return { candidates: result.stdout.split('\n').filter((line) => line !== '') };
}

describe('custrack completion bash, run by bash', () => {
  let file: string;
  let scratch: ScratchOffice;
  let kept: string;
  beforeAll(async () => {
    buildBundleIfMissing();
    // One office for the whole block (scratch offices go after each test): moved aside, removed after all.
    const made = await office();
    kept = mkdtempSync(join(tmpdir(), 'custrack-completion-'));
    for (const name of readdirSync(made.dir)) renameSync(join(made.dir, name), join(kept, name));
    scratch = { dir: kept, dbPath: join(kept, 'custrack.db'), path: (name: string) => join(kept, name) };
    file = scratch.path('custrack.bash');
    writeFileSync(file, await script('bash'));
  });
  afterAll(() => rmSync(kept, { recursive: true, force: true }));
  const complete = (...words: string[]) => bashComplete(file, ['custrack', ...words]).candidates;

  it('registers itself for custrack', () => {
    const result = spawnSync('bash', ['--norc', '-c', `source ${shellWord(file)} && complete -p custrack`], { encoding: 'utf8' });
    expect(result.stdout.trim()).toBe('complete -F _custrack custrack');
  });

  it('commands and subcommands', () => {
    expect(complete('')).toEqual(
      expect.arrayContaining(['customer', 'register', 'check', 'visit', 'overdue', 'report', 'config', 'completion']),
    );
    expect(complete('cu')).toEqual(['customer']);
    expect(complete('customer', '')).toEqual(['add', 'list', 'show', 'edit', 'assign', 'close', 'reopen', 'help']);
    expect(complete('config', 'ho')).toEqual(['holiday']);
    expect(complete('config', 'holiday', '')).toEqual(['add', 'remove', 'list', 'help']);
    // Global options between the words do not get in the way.
    expect(complete('--format', 'json', 'visit', '')).toContain('minutes');
  });

  it('options of the command, the global ones too', () => {
    expect(complete('customer', 'list', '--')).toEqual(
      expect.arrayContaining(['--owner', '--grade', '--status', '--search', '--db', '--output']),
    );
    expect(complete('customer', 'list', '--s')).toEqual(['--status', '--search']);
    expect(complete('-')).toEqual(expect.arrayContaining(['-o', '--output', '--format', '--lang', '--version']));
  });

  it.each([
    ['grades', ['customer', 'list', '--grade'], ['A', 'B', 'C']],
    ['grades of add', ['customer', 'add', '--name', 'x', '--grade'], ['A', 'B', 'C']],
    ['statuses', ['customer', 'list', '--status'], CUSTOMER_STATUSES],
    ['methods', ['visit', 'add', TENGDA, '--method'], VISIT_METHODS],
    ['intents', ['visit', 'plan', TENGDA, '--intent'], INTENTS],
    ['form kinds', ['form', 'send', TENGDA, '--kind'], FORM_KINDS],
    ['application statuses', ['application', 'list', '--status'], APPLICATION_STATUSES],
    ['overdue kinds', ['overdue', '--kind'], OVERDUE_KINDS],
    ['formats', ['overdue', '--format'], FORMATS],
    ['languages', ['--lang'], ['en', 'zh']],
    ['import kinds', ['import'], ['customers', 'transactions', 'visits']],
    ['encodings', ['import', 'customers', 'x.csv', '--encoding'], ['auto', 'utf-8', 'gbk', 'gb18030']],
    ['export kinds', ['export'], ['customers', 'transactions', 'visits', 'forms', 'applications']],
    ['setting keys', ['config', 'set'], SETTING_KEYS],
    ['shells', ['completion'], ['bash', 'zsh', 'fish']],
    ['a date', ['config', 'holiday', 'add', '2026-12-31'], ['today']],
  ])('option values: %s', (_, words, expected) => {
    expect(complete(...words, '')).toEqual([...expected]);
  });

  it('files for --db, --output and the import file', () => {
    writeFileSync(scratch.path('客户.csv'), 'name\n');
    expect(bashComplete(file, ['custrack', '--db', scratch.path('custrack.d')]).candidates).toEqual([scratch.dbPath]);
    expect(bashComplete(file, ['custrack', 'import', 'customers', scratch.path('客')]).candidates).toEqual([scratch.path('客户.csv')]);
    expect(bashComplete(file, ['custrack', 'report', 'monthly', '-o', scratch.path('客')]).candidates).toEqual([scratch.path('客户.csv')]);
  });

  it('customers from the database: names by name key (any brackets and spaces), ids by their digits, former names', () => {
    const env = { PATH: `${installed(scratch)}:${process.env.PATH}`, CUSTRACK_DB: scratch.dbPath };
    const customers = (...words: string[]) => bashComplete(file, ['custrack', ...words], env).candidates;
    expect(customers('customer', 'show', '')).toEqual([ACME, XINYUAN, TENGDA].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
    expect(customers('customer', 'show', '深圳市 腾达（集')).toEqual([TENGDA]);
    expect(customers('visit', 'add', 'acme')).toEqual([ACME]);
    expect(customers('check', '3')).toEqual(['3']);
    expect(customers('visit', 'list', '--customer', '苏州市新源')).toEqual([XINYUAN]);
    expect(customers('history', '苏')).toEqual([XINYUAN]);
    // --db on the line wins over CUSTRACK_DB.
    const other = newScratch();
    expect(customers('--db', other.dbPath, 'customer', 'show', '')).toEqual([]);
    expect(existsSync(other.dbPath)).toBe(false);
  });
});

describe('the hidden `custrack __complete customers <prefix>`', () => {
  beforeAll(buildBundleIfMissing);

  it('prints value<TAB>description lines, ids first for digits, exit 0, nothing on stderr', async () => {
    const scratch = await office();
    const names = await runCli(['__complete', 'customers', '深圳'], { db: scratch.dbPath });
    expect(names).toMatchObject({ code: 0, stderr: '', stdout: `${TENGDA}\t#1 张伟\n` });
    const ids = await runCli(['__complete', 'customers', '2'], { db: scratch.dbPath });
    expect(ids).toMatchObject({ code: 0, stderr: '', stdout: `2\t${XINYUAN}\n` });
    const quoted = await runCli(['__complete', 'customers', "'Acme T"], { db: scratch.dbPath });
    expect(quoted.stdout).toBe(`${ACME}\t#3 张伟\n`);
  });

  it('leaves the files as it found them: no -wal or -shm stays behind to slow the next open', async () => {
    const scratch = await office();
    const before = readdirSync(scratch.dir).sort();
    expect(before.filter((f) => f.startsWith('custrack.db'))).toEqual(['custrack.db']);
    const digest = fileDigest(scratch.dbPath);
    expect((await runCli(['__complete', 'customers', '深'], { db: scratch.dbPath })).stdout).toContain(TENGDA);
    expect(readdirSync(scratch.dir).sort()).toEqual(before);
    expect(fileDigest(scratch.dbPath)).toBe(digest);
  });

  it('no database: no candidates, exit 0, nothing on stderr, and no database created', async () => {
    const scratch = newScratch();
    const result = await runCli(['__complete', 'customers', '深'], { db: scratch.dbPath });
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(readdirSync(scratch.dir)).toEqual([]);
    const viaFlag = await runCli(['__complete', 'customers', '深', '--db', scratch.path('nowhere/x.db')]);
    expect(viaFlag).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('a file that is not custrack’s, or a bogus request: nothing, exit 0', async () => {
    const scratch = newScratch();
    writeFileSync(scratch.dbPath, 'not a database');
    const before = fileDigest(scratch.dbPath);
    for (const args of [['__complete', 'customers', 'a'], ['__complete', 'visits', 'a'], ['__complete']]) {
      expect(await runCli(args, { db: scratch.dbPath })).toMatchObject({ code: 0, stdout: '', stderr: '' });
    }
    expect(fileDigest(scratch.dbPath)).toBe(before);
  });

  it('an older database is read as it is: never migrated, no backup made', async () => {
    const scratch = newScratch();
    const old = new Database(scratch.dbPath);
    old.pragma('journal_mode = WAL');
    old.exec(initial);
    old.exec(reportCache);
    old.pragma(`application_id = ${APPLICATION_ID}`);
    old.pragma('user_version = 2');
    old
      .prepare(
        "INSERT INTO customers (name, name_key, registered_on, assigned_on, created_at) VALUES (?, ?, '2026-01-02', '2026-01-02', '2026-01-02T00:00:00Z')",
      )
      .run(TENGDA, '深圳市腾达(集团)有限公司');
    old.close();
    const result = await runCli(['__complete', 'customers', '深'], { db: scratch.dbPath });
    expect(result.stdout).toBe(`${TENGDA}\t#1\n`);
    const after = new Database(scratch.dbPath, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(2);
    after.close();
    expect(readdirSync(scratch.dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('finds names through the name key index, without a scan', async () => {
    const scratch = await office();
    const db = new Database(scratch.dbPath, { readonly: true });
    try {
      const plan = db
        .prepare('EXPLAIN QUERY PLAN SELECT id FROM customers WHERE name_key >= ? AND name_key < ? ORDER BY name_key LIMIT 50')
        .all('深', '深\u{10FFFF}') as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join('; ')).toMatch(/SEARCH customers USING (COVERING )?INDEX/u);
    } finally {
      db.close();
    }
  });
});

describe('custrack completion zsh and fish', () => {
  const has = (shell: string): boolean => spawnSync(shell, ['-c', 'exit 0']).status === 0;

  it('zsh: a #compdef function with the same tables; run by zsh where it is installed', async () => {
    const text = await script('zsh');
    expect(text.startsWith('#compdef custrack\n')).toBe(true);
    expect(text).toContain("'customer list|--grade') REPLY='choices:A B C' ;;");
    expect(text).toContain('compdef _custrack custrack');
    if (!has('zsh')) return; // the text above is all a machine without zsh can check
    const scratch = await office();
    const file = scratch.path('_custrack');
    writeFileSync(file, text);
    expect(spawnSync('zsh', ['-n', file]).status).toBe(0);
    const program = `
compdef() { : }
compadd() { print -r -- "compadd $*"; local name; for name in "$@"; do [[ $name == vals ]] && print -rl -- "\${vals[@]}"; done }
_describe() { local name=\${@[-1]}; print -rl -- "\${(@P)name}" }
source ${shellWord(file)}
words=(custrack customer list --grade '') CURRENT=5 _custrack
words=(custrack customer '') CURRENT=3 _custrack
words=(custrack customer show '深圳市 腾达（') CURRENT=4 _custrack`;
    const env = { ...clerkEnv(scratch.dbPath), PATH: `${installed(scratch)}:${process.env.PATH}` };
    const result = spawnSync('zsh', ['-f', '-c', program], { encoding: 'utf8', env });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('compadd -- A B C');
    expect(result.stdout).toContain('add:register a new customer');
    expect(result.stdout).toContain(`compadd -U -l -d descs -a vals\n${TENGDA}`);
  });

  it('fish: complete lines per subcommand with descriptions; asked with `complete -C` where fish is installed', async () => {
    const text = await script('fish', 'zh');
    expect(text).toContain(
      "complete -c custrack -n '__custrack_at \\'customer list\\'' -l grade -x -a 'A B C' -d '只列出该等级：A、B 或 C'",
    );
    expect(text).toContain('function __custrack_customers');
    if (!has('fish')) return; // the text above is all a machine without fish can check
    const scratch = await office();
    const file = scratch.path('custrack.fish');
    writeFileSync(file, text);
    const env = { ...clerkEnv(scratch.dbPath), PATH: `${installed(scratch)}:${process.env.PATH}` };
    const ask = (line: string): string[] =>
      spawnSync('fish', ['--no-config', '-c', `source ${shellWord(file)}; complete -C ${shellWord(line)}`], { encoding: 'utf8', env })
        .stdout.split('\n')
        .filter((l) => l !== '')
        .map((l) => l.split('\t')[0]!);
    expect(ask('custrack cu')).toEqual(['customer']);
    expect(ask('custrack customer list --grade ')).toEqual(['A', 'B', 'C']);
    expect(ask('custrack form send x --kind ')).toEqual([...FORM_KINDS].sort());
    expect(ask('custrack customer show 深')).toEqual([TENGDA]);
    expect(ask('custrack check 2')).toEqual(['2']);
  });
});
