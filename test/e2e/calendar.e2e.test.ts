// The official holiday calendar built in (docs/rules.md, rule 13), as the clerk meets it: `config holiday|workday`
// with the official days and their names, the warning when a working day falls in a year the built-in calendar
// does not know (once per command, on stderr), and the fast bundles that never load the calendar.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing, runCli, runCustrack } from '../helpers/cli.js';
import { useEngineOffices } from '../helpers/engine.js';

const newScratch = useEngineOffices();
const TENGDA = '深圳市腾达(集团)有限公司';
const UNKNOWN_2027 = 'the built-in holiday calendar does not know 2027 yet';

async function office(env: Record<string, string> = {}) {
  const scratch = await newScratch();
  const run = (...args: string[]) => runCustrack(args, { db: scratch.db, env });
  return { scratch, run };
}

const count = (text: string, part: string): number => text.split(part).length - 1;

describe('config holiday|workday over the official calendar', () => {
  it('adding an official holiday stores nothing and says so, with its name in --lang', async () => {
    const { run } = await office();
    const en = await run('config', 'holiday', 'add', '2026-10-01');
    expect(en.code).toBe(0);
    expect(en.stderr).toContain('2026-10-01 is an official holiday already (National Day); nothing was stored.');
    const zh = await run('--lang', 'zh', 'config', 'holiday', 'add', '2026-10-02');
    expect(zh.stderr).toContain('2026-10-02 本来就是官方节假日（国庆节），无需保存。');
    const listed = await run('config', 'holiday', 'list', '--format', 'json');
    expect((JSON.parse(listed.stdout) as Array<{ source: string }>).filter((d) => d.source === 'configured')).toEqual([]);
  });

  it('removing an official holiday works, is listed as removed, and moves the minutes due date', async () => {
    const { run } = await office();
    expect((await run('customer', 'add', '--name', TENGDA)).code).toBe(0);
    const visit = JSON.parse(
      (await run('--as-of', '2026-10-12', 'visit', 'add', TENGDA, '--date', '2026-09-30', '--method', 'in-person', '--format', 'json'))
        .stdout,
    );
    // Wednesday 2026-09-30, then 国庆节 (10-01 to 10-07): two working days later is Friday 10-09.
    expect(visit.minutes_due).toBe('2026-10-09');
    const removed = await run('config', 'holiday', 'remove', '2026-10-07');
    expect(removed.code).toBe(0);
    expect(removed.stderr).toContain('2026-10-07 (National Day) is no longer a holiday here');
    const list = await run('--as-of', '2026-10-12', 'visit', 'list', '--format', 'json');
    expect(JSON.parse(list.stdout)[0].minutes_due).toBe('2026-10-08');
    const holidays = JSON.parse((await run('config', 'holiday', 'list', '--year', '2026', '--format', 'json')).stdout);
    expect(holidays).toContainEqual({
      date: '2026-10-07',
      kind: 'ordinary',
      source: 'configured',
      official: 'holiday',
      name: '国庆节',
      name_en: 'National Day',
      note: null,
    });
  });

  it('warnings follow the merged calendar: a Saturday worked officially is not "a weekend anyway"', async () => {
    const { run } = await office();
    const worked = await run('config', 'holiday', 'add', '2026-10-10');
    expect(worked.stderr).not.toContain('weekend day anyway');
    const saturday = await run('config', 'holiday', 'add', '2026-11-28');
    expect(saturday.stderr).toContain('2026-11-28 is a weekend day anyway');
    const holidayMonday = await run('config', 'workday', 'add', '2026-10-05');
    expect(holidayMonday.stderr).not.toContain('weekday anyway');
    const tuesday = await run('config', 'workday', 'add', '2026-11-24');
    expect(tuesday.stderr).toContain('2026-11-24 is a weekday anyway');
  });

  it('removing a day that is no holiday → exit 3, nothing changed', async () => {
    const { run } = await office();
    expect((await run('config', 'holiday', 'add', '2026-12-31')).code).toBe(0);
    const result = await run('config', 'holiday', 'remove', '2026-12-31', '2026-11-24');
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('2026-11-24 is not a holiday, officially or configured');
    const listed = JSON.parse((await run('config', 'holiday', 'list', '--format', 'json')).stdout);
    expect(listed.at(-1)).toMatchObject({ date: '2026-12-31', source: 'configured' });
  });

  it('list: the as-of year by default, --year for another, names in --lang, sources in every format', async () => {
    const { run } = await office({ CUSTRACK_TODAY: '2025-06-01' });
    expect((await run('init')).code).toBe(0);
    const table = await run('--lang', 'zh', 'config', 'holiday', 'list');
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]!.split('\t')).toEqual(['日期', '星期', '类型', '来源', '官方安排', '节日', '备注']);
    expect(table.stdout).toContain('2025-10-01\twed\tholiday\tbuiltin\tholiday\t国庆节\t\n');
    expect(table.stdout).not.toContain('2026-');
    const year = await run('config', 'workday', 'list', '--year', '2026', '--format', 'csv');
    expect(year.stdout.split('\n').filter((l) => l.startsWith('2026-10-10'))).toEqual([
      '2026-10-10,sat,workday,builtin,workday,National Day,',
    ]);
    const unknown = await run('config', 'holiday', 'list', '--year', '2031');
    expect(unknown.code).toBe(0);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('The built-in calendar does not know 2031 yet');
    const bad = await run('config', 'holiday', 'list', '--year', '26');
    expect(bad.code).toBe(2);
  });
});

describe('a working day in a year the built-in calendar does not know: one warning per command', () => {
  it('visit add, visit list, overdue, customer show and export visits warn once; a known year never', async () => {
    const { run } = await office({ CUSTRACK_TODAY: '2027-01-08' });
    expect((await run('customer', 'add', '--name', TENGDA, '--owner', '张伟')).code).toBe(0);
    // Thursday 2026-12-31: the minutes are due on the second working day after it, in 2027.
    const added = await run('visit', 'add', TENGDA, '--date', '2026-12-31', '--method', 'in-person', '--format', 'json');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout).minutes_due).toBe('2027-01-04');
    expect(count(added.stderr, UNKNOWN_2027)).toBe(1);
    expect((await run('visit', 'add', TENGDA, '--date', '2027-01-05', '--method', 'in-person')).code).toBe(0);
    for (const args of [['visit', 'list'], ['overdue'], ['customer', 'show', '1'], ['export', 'visits', '--format', 'csv']]) {
      const result = await run(...args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(count(result.stderr, UNKNOWN_2027), args.join(' ')).toBe(1);
      expect(result.stdout, args.join(' ')).not.toContain(UNKNOWN_2027);
    }
    // Nothing that needs a working day: no warning.
    expect((await run('customer', 'list')).stderr).not.toContain(UNKNOWN_2027);
    expect(
      (await run('--as-of', '2026-12-01', 'visit', 'add', TENGDA, '--date', '2026-11-30', '--method', 'in-person')).stderr,
    ).not.toContain('does not know');
  });

  it('report monthly warns when it computes the month, and again when it serves the month it kept', async () => {
    const { run } = await office({ CUSTRACK_TODAY: '2027-01-08' });
    // Overdue at the month's end counts the customers registered by then.
    expect((await run('customer', 'add', '--name', TENGDA, '--owner', '张伟', '--registered', '2026-12-01')).code).toBe(0);
    expect((await run('visit', 'add', TENGDA, '--date', '2026-12-31', '--method', 'in-person')).code).toBe(0);
    const first = await run('report', 'monthly', '--month', '2026-12', '--format', 'json');
    const second = await run('report', 'monthly', '--month', '2026-12', '--format', 'json');
    expect(second.stdout).toBe(first.stdout);
    expect(count(first.stderr, UNKNOWN_2027)).toBe(1);
    expect(count(second.stderr, UNKNOWN_2027)).toBe(1);
    expect(JSON.parse(first.stdout)).not.toHaveProperty('unknownYears');
  });

  it('in Chinese too, and a command that fails says only why', async () => {
    const { run } = await office({ CUSTRACK_TODAY: '2027-01-08' });
    expect((await run('customer', 'add', '--name', TENGDA)).code).toBe(0);
    const zh = await run('--lang', 'zh', 'visit', 'add', TENGDA, '--date', '2026-12-31', '--method', '面谈');
    expect(zh.stderr).toContain('内置节假日日历尚未收录 2027 年');
    const failed = await run('visit', 'minutes', '1', '--text', '纪要', '--on', '2026-12-30');
    expect(failed.code).toBe(2);
    expect(failed.stderr).not.toContain('does not know');
  });
});

describe('check, __complete and --version never load the official calendar', () => {
  beforeAll(buildBundleIfMissing);

  it('their bundles do not even name chinese-days; the main bundle reads it at run time, not bundled', () => {
    const dist = (name: string) => readFileSync(fileURLToPath(new URL(`../../dist/${name}`, import.meta.url)), 'utf8');
    expect(dist('check.cjs')).not.toContain('chinese-days');
    expect(dist('complete.cjs')).not.toContain('chinese-days');
    expect(dist('main.cjs')).toContain('chinese-days/dist/chinese-days.json');
    expect(dist('main.cjs')).not.toContain('National Day,国庆节');
  });

  it('check still answers through its bundle', async () => {
    const scratch = await newScratch();
    expect((await runCli(['customer', 'add', '--name', TENGDA], { db: scratch.db })).code).toBe(0);
    const result = await runCli(['check', TENGDA, '--format', 'json'], { db: scratch.db });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ name: TENGDA, new_customer: true });
  });
});
