// The real binary, as the clerk's shell and the cron jobs run it: pipes, exit codes, stdout vs stderr,
// and (under `script`) a pseudo-terminal for tables and prompts.
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BINARY,
  CLERK,
  openTerminal,
  runCli,
  runInTerminal,
  runShell,
  shellWord,
  stripAnsi,
  TODAY,
  buildBundleIfMissing,
} from '../helpers/cli.js';
import { engineOffice } from '../helpers/engine.js';

beforeAll(buildBundleIfMissing, 60_000);

type OnFinished = (cleanup: () => Promise<void> | void) => void;

const TENGDA = '深圳市腾达（集团）有限公司';
const CUSTOMER_KEYS = [
  'id',
  'name',
  'uscc',
  'grade',
  'owner',
  'status',
  'source',
  'region',
  'industry',
  'contact',
  'phone',
  'email',
  'address',
  'monthly_volume',
  'registered_on',
  'assigned_on',
  'closed_on',
  'aliases',
];
const HISTORY_KEYS = ['at', 'user', 'action', 'entity', 'entity_id', 'field', 'old', 'new'];

/** A scratch office with its database created by `custrack init`. */
async function initializedOffice(onTestFinished: OnFinished) {
  const office = await engineOffice(onTestFinished);
  const init = await runCli(['init'], { db: office.db });
  expect(init.code).toBe(0);
  return office;
}

async function addTengda(db: string, ...more: string[]) {
  const result = await runCli(['customer', 'add', '--name', TENGDA, '--owner', '张伟', ...more], { db });
  expect(result.stderr).toContain('Registered customer #');
  expect(result.code).toBe(0);
  return result;
}

describe.concurrent('custrack init', () => {
  it('a second init keeps the data', async ({ onTestFinished }) => {
    const office = await initializedOffice(onTestFinished);
    await addTengda(office.db);
    const again = await runCli(['init'], { db: office.db });
    expect(again.code).toBe(0);
    expect(await office.count('customers')).toBe(1);
  });
});

describe.concurrent('custrack customer add, piped', () => {
  it('prints a tsv header and the new row on stdout, the note on stderr, exit 0', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const result = await runCli(['customer', 'add', '--name', TENGDA, '--owner', '张伟', '--grade', 'A', '--phone', '138 0013 8000'], {
      db: office.db,
    });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    const header = lines[0]!.split('\t');
    const row = lines[1]!.split('\t');
    expect(header.slice(0, 5)).toEqual(['ID', 'Name', 'Grade', 'Owner', 'Status']);
    expect(row).toHaveLength(header.length);
    const record = Object.fromEntries(header.map((h, i) => [h, row[i]]));
    expect(record).toMatchObject({
      ID: '1',
      Name: TENGDA,
      Grade: 'A',
      Owner: '张伟',
      Status: 'prospect',
      Phone: '13800138000',
      Registered: TODAY,
    });
    expect(result.stderr).toContain('Registered customer #1');
    expect(result.stdout).not.toContain('Registered customer');
  });

  it('register is an alias of customer add, and --registered sets the date', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const result = await runCli(['register', '--name', '苏州新源电子有限公司', '--registered', '2026-11-02', '--format', 'json'], {
      db: office.db,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      id: 1,
      name: '苏州新源电子有限公司',
      registered_on: '2026-11-02',
      assigned_on: '2026-11-02',
      grade: 'C',
      owner: null,
    });
  });

  it('--registered takes every date form the other date options take: today, 2026/11/2, 2026年11月2日', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const add = async (name: string, registered: string) => {
      const result = await runCli(['customer', 'add', '--name', name, '--registered', registered, '--format', 'json'], { db: office.db });
      expect(result.code, result.stderr).toBe(0);
      return (JSON.parse(result.stdout) as { registered_on: string }).registered_on;
    };
    expect(await add('苏州新源电子有限公司', 'today')).toBe(TODAY);
    expect(await add('深圳市腾达有限公司', '2026/11/2')).toBe('2026-11-02');
    expect(await add('杭州华东贸易有限公司', '2026年11月2日')).toBe('2026-11-02');
    const edited = await runCli(['customer', 'edit', '2', '--registered', 'today', '--format', 'json'], { db: office.db });
    expect(edited.code, edited.stderr).toBe(0);
    expect(JSON.parse(edited.stdout)).toMatchObject({ id: 2, registered_on: TODAY });
    const bad = await runCli(['customer', 'add', '--name', '广州市星辰有限公司', '--registered', '2026-02-30'], { db: office.db });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("custrack: --registered: '2026-02-30' is not a real date; use YYYY-MM-DD (or today).\n");
  });

  it('a duplicate name key → exit 4 naming the existing customer and its owner; nothing is added', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    await addTengda(office.db);
    const before = await office.digest();
    const result = await runCli(['customer', 'add', '--name', '深圳市 腾达(集团)有限公司', '--owner', '李娜'], { db: office.db });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('#1');
    expect(result.stderr).toContain('张伟');
    expect(await office.count('customers')).toBe(1);
    expect(await office.digest()).toBe(before);
  });

  it('a duplicate USCC → exit 4', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    await addTengda(office.db, '--uscc', '91110000600037341L');
    const result = await runCli(['customer', 'add', '--name', '另一家公司', '--uscc', '9111 0000-6000 3734 1l'], { db: office.db });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('#1');
    expect(await office.count('customers')).toBe(1);
  });

  it('without --name and without a terminal → exit 2 naming --name, and no prompt hangs', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const result = await runCli(['customer', 'add', '--grade', 'A'], { db: office.db, timeoutMs: 5_000 });
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--name');
    expect(result.stdout).toBe('');
    expect(await office.exists()).toBe(false);
  });

  it('stdin from /dev/null does not hang either', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const result = await runShell(`node ${shellWord(BINARY)} customer add < /dev/null`, { db: office.db, timeoutMs: 5_000 });
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--name');
  });

  it.for([
    ['an impossible date', ['--registered', '2026-02-30'], '--registered'],
    ['a bad grade', ['--grade', 'D'], '--grade'],
    ['a bad USCC', ['--uscc', '91110000600037341X'], '--uscc'],
    ['a bad phone', ['--phone', '12345'], '--phone'],
    ['a bad amount', ['--monthly-volume', '12.345'], '--monthly-volume'],
  ] as Array<[string, string[], string]>)(
    '%s → exit 2 naming the option; nothing written',
    async ([, args, option], { onTestFinished }) => {
      const office = await engineOffice(onTestFinished);
      const result = await runCli(['customer', 'add', '--name', TENGDA, ...args], { db: office.db });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(option);
      expect(result.stdout).toBe('');
      expect(await office.exists()).toBe(false); // not even the (first) write that creates the file
    },
  );

  it('an unknown flag → exit 2 naming it', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const result = await runCli(['customer', 'add', '--name', TENGDA, '--bogus'], { db: office.db });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--bogus');
    expect(result.stdout).toBe('');
  });

  it('monthly volume is yuan with two decimals in json', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const result = await runCli(['customer', 'add', '--name', TENGDA, '--monthly-volume', '1,234.5', '--format', 'json'], {
      db: office.db,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/"monthly_volume": 1234\.50,/u);
  });
});

describe.concurrent('finding customers', () => {
  it('an unknown customer in customer show → exit 3', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    await addTengda(office.db);
    const [byId, byName] = await Promise.all([
      runCli(['customer', 'show', '999'], { db: office.db }),
      runCli(['customer', 'show', '不存在的公司'], { db: office.db }),
    ]);
    for (const result of [byId, byName]) {
      expect(result.code).toBe(3);
      expect(result.stdout).toBe('');
    }
  });

  it('customer show finds the customer by id, by name key and by USCC', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    await addTengda(office.db, '--uscc', '91110000600037341L');
    const results = await Promise.all(
      ['1', '深圳市腾达(集团)有限公司', '91110000600037341l'].map((query) =>
        runCli(['customer', 'show', query, '--format', 'json'], { db: office.db }),
      ),
    );
    for (const result of results) {
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as { id: number }).id).toBe(1);
    }
  });
});

describe.concurrent('json shapes (docs/rules.md, "Output")', () => {
  it('customer add, show and list carry every customer key', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const added = await runCli(
      [
        'customer',
        'add',
        '--name',
        TENGDA,
        '--owner',
        '张伟',
        '--uscc',
        '91110000600037341L',
        '--phone',
        '13800138000',
        '--monthly-volume',
        '5000',
        '--format',
        'json',
      ],
      { db: office.db },
    );
    expect(added.code).toBe(0);
    const [shown, listed] = await Promise.all([
      runCli(['customer', 'show', '1', '--format', 'json'], { db: office.db }),
      runCli(['customer', 'list', '--format', 'json'], { db: office.db }),
    ]);
    const list = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
    expect(Array.isArray(list)).toBe(true);
    expect(list).toHaveLength(1);
    for (const customer of [JSON.parse(added.stdout), JSON.parse(shown.stdout), list[0]] as Array<Record<string, unknown>>) {
      expect(Object.keys(customer)).toEqual(expect.arrayContaining(CUSTOMER_KEYS));
      expect(customer).toMatchObject({
        id: 1,
        name: TENGDA,
        uscc: '91110000600037341L',
        grade: 'C',
        owner: '张伟',
        status: 'prospect',
        source: null,
        phone: '13800138000',
        monthly_volume: 5000,
        registered_on: TODAY,
        assigned_on: TODAY,
        closed_on: null,
        aliases: [],
      });
    }
  });

  it('json keys do not follow --lang', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    await addTengda(office.db);
    const [english, chinese] = await Promise.all([
      runCli(['customer', 'list', '--format', 'json'], { db: office.db }),
      runCli(['customer', 'list', '--format', 'json', '--lang', 'zh'], { db: office.db }),
    ]);
    expect(chinese.stdout).toBe(english.stdout);
  });
});

describe.concurrent('custrack customer list', () => {
  it('prints nothing at all as csv or tsv on an empty database, exit 0', async ({ onTestFinished }) => {
    const office = await initializedOffice(onTestFinished);
    const results = await Promise.all([
      runCli(['customer', 'list', '--format', 'csv'], { db: office.db }),
      runCli(['customer', 'list'], { db: office.db }),
      runCli(['customer', 'list', '--excel'], { db: office.db }),
    ]);
    for (const result of results) {
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('');
    }
  });

  it('filters by owner, grade and search text', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    await addTengda(office.db, '--grade', 'A');
    await runCli(['customer', 'add', '--name', '苏州新源电子有限公司', '--owner', '李娜', '--region', '苏州'], { db: office.db });
    const ids = async (...args: string[]) => {
      const result = await runCli(['customer', 'list', '--format', 'json', ...args], { db: office.db });
      expect(result.code).toBe(0);
      return (JSON.parse(result.stdout) as Array<{ id: number }>).map((c) => c.id);
    };
    expect(await ids('--owner', '李娜')).toEqual([2]);
    expect(await ids('--grade', 'A', '--search', '腾达(集团)')).toEqual([1]);
    expect(await ids('--search', '苏州', '--status', 'prospect')).toEqual([2]);
  });

  it('a read on a missing database is a database error and creates nothing', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const result = await runCli(['customer', 'list'], { db: office.db });
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('custrack init');
    expect(await office.exists()).toBe(false);
    expect(readdirSync(office.dir)).toEqual([]);
  });
});

describe.concurrent('--lang zh', () => {
  it('gives Chinese headers and Chinese errors', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const added = await runCli(['customer', 'add', '--name', TENGDA, '--lang', 'zh'], { db: office.db });
    expect(added.code).toBe(0);
    expect(added.stdout.split('\n')[0]!.split('\t').slice(0, 2)).toEqual(['编号', '名称']);
    const missing = await runCli(['customer', 'add', '--lang', 'zh'], { db: office.db });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('缺少 --name');
  });

  it('follows LANG=zh_CN.UTF-8 when --lang is not given', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const result = await runCli(['customer', 'add'], { db: office.db, env: { LANG: 'zh_CN.UTF-8' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('缺少 --name');
  });
});

describe.concurrent('custrack config', () => {
  it('refuses cadence.A 0 (exit 2), saves 10 and reads it back', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const zero = await runCli(['config', 'set', 'cadence.A', '0'], { db: office.db });
    expect(zero.code).toBe(2);
    expect(await office.exists()).toBe(false);
    expect(zero.stderr).toContain('cadence.A');
    const set = await runCli(['config', 'set', 'cadence.A', '10'], { db: office.db });
    expect(set.code).toBe(0);
    const get = await runCli(['config', 'get', 'cadence.A'], { db: office.db });
    expect(get.code).toBe(0);
    expect(get.stdout).toBe('10\n');
    const json = await runCli(['config', 'get', 'cadence.A', '--format', 'json'], { db: office.db });
    expect(JSON.parse(json.stdout)).toEqual({ key: 'cadence.A', value: 10 });
  });

  it('an unknown key → exit 3', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const result = await runCli(['config', 'get', 'bogus'], { db: office.db });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('bogus');
    expect(result.stdout).toBe('');
  });

  // The official holidays are built in (rule 13): the list shows them beside the configured day, each with its source.
  it('adds a holiday and lists it as json, beside the official ones', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const added = await runCli(['config', 'holiday', 'add', '2026-12-31', '--note', '公司年会'], { db: office.db });
    expect(added.code).toBe(0);
    const listed = await runCli(['config', 'holiday', 'list', '--format', 'json'], { db: office.db });
    expect(listed.code).toBe(0);
    const holidays = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
    expect(holidays.filter((d) => d.source === 'configured')).toEqual([
      { date: '2026-12-31', kind: 'holiday', source: 'configured', official: null, name: null, name_en: null, note: '公司年会' },
    ]);
    expect(holidays).toContainEqual({
      date: '2026-10-01',
      kind: 'holiday',
      source: 'builtin',
      official: 'holiday',
      name: '国庆节',
      name_en: 'National Day',
      note: null,
    });
    const workdays = await runCli(['config', 'workday', 'list', '--format', 'json'], { db: office.db });
    const listedWorkdays = JSON.parse(workdays.stdout) as Array<Record<string, unknown>>;
    expect(listedWorkdays.filter((d) => d.source === 'configured')).toEqual([]);
    expect(listedWorkdays.map((d) => [d.kind, d.source])).toEqual(listedWorkdays.map(() => ['workday', 'builtin']));
  });

  it('an impossible holiday date → exit 2, nothing written', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const result = await runCli(['config', 'holiday', 'add', '2026-10-01', '2026-02-30'], { db: office.db });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('2026-02-30');
    expect(await office.exists()).toBe(false);
  });
});

describe.concurrent('custrack history', () => {
  it('shows who changed what, as json entries with the documented keys', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    await addTengda(office.db);
    const edited = await runCli(['customer', 'edit', '1', '--grade', 'A'], { db: office.db });
    expect(edited.code).toBe(0);
    const result = await runCli(['history', '1', '--format', 'json'], { db: office.db });
    expect(result.code).toBe(0);
    const entries = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(entries.length).toBeGreaterThanOrEqual(2);
    for (const entry of entries) {
      expect(Object.keys(entry)).toEqual(expect.arrayContaining(HISTORY_KEYS));
      expect(entry.user).toBe(CLERK);
      expect(entry.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/u);
      expect(entry.entity).toBe('customer');
      expect(entry.entity_id).toBe('1');
    }
    expect(entries).toContainEqual(expect.objectContaining({ action: 'update', field: 'grade', old: 'C', new: 'A' }));
    expect(entries).toContainEqual(expect.objectContaining({ action: 'create' }));
  });

  it('--user names the clerk in the history', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    await runCli(['customer', 'add', '--name', TENGDA, '--user', '王芳'], { db: office.db });
    const result = await runCli(['history', '--format', 'json'], { db: office.db });
    expect((JSON.parse(result.stdout) as Array<{ user: string }>).map((e) => e.user)).toEqual(['王芳']);
  });
});

describe('on a terminal (pseudo-terminal from util-linux script)', { concurrent: true }, () => {
  it('customer list prints a table, not tsv', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    await addTengda(office.db);
    const result = await runInTerminal(`node ${shellWord(BINARY)} customer list`, { db: office.db });
    expect(result.code).toBe(0);
    const screen = stripAnsi(result.stdout).replaceAll('\r', '');
    expect(screen).not.toContain('\t');
    const lines = screen.split('\n');
    expect(lines[0]).toMatch(/^ID\s+Name\s+Grade\s+Owner/u);
    expect(lines[1]).toContain(TENGDA);
    expect(screen).toContain('1 customer(s)');
  });

  it('customer add without --name asks for the name, grade and owner', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const terminal = openTerminal(`node ${shellWord(BINARY)} customer add`, { db: office.db });
    await terminal.waitFor('Customer name (invoicing name):');
    terminal.type('测试公司\r');
    await terminal.waitFor('Grade:');
    terminal.type('\r'); // the default, C
    await terminal.waitFor('Responsible salesperson:');
    terminal.type('\r'); // the default, the clerk
    const result = await terminal.finished;
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(0);
    expect(stripAnsi(result.stdout)).toContain('Registered customer #1');
    const listed = await runCli(['customer', 'list', '--format', 'json'], { db: office.db });
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: 1, name: '测试公司', grade: 'C', owner: CLERK })]);
  });

  it('Ctrl-C at the prompt → exit 130, nothing written', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const terminal = openTerminal(`node ${shellWord(BINARY)} customer add`, { db: office.db });
    await terminal.waitFor('Customer name (invoicing name):');
    terminal.type('半截\u0003');
    const result = await terminal.finished;
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(130);
    expect(await office.exists()).toBe(false);
  });

  it('NO_COLOR keeps the table plain on a terminal; without it the header is bold', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    await addTengda(office.db);
    const command = `node ${shellWord(BINARY)} customer list`;
    const [plain, coloured] = await Promise.all([
      runInTerminal(command, { db: office.db, env: { NO_COLOR: '1' } }),
      runInTerminal(command, { db: office.db }),
    ]);
    expect(plain.stdout).not.toContain('\u001b[');
    expect(plain.stdout.split('\n')[0]).toMatch(/^ID\s+Name/u);
    expect(coloured.stdout).toContain('\u001b[1mName');
  });

  it('--no-input on a terminal does not prompt: exit 2 naming --name', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const result = await runInTerminal(`node ${shellWord(BINARY)} customer add --no-input`, { db: office.db, timeoutMs: 5_000 });
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(2);
    expect(stripAnsi(result.stdout)).toContain('--name');
  });
});
