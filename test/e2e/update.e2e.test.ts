// Export, edit in Excel, import back (issue 20, item 3; README, "Importing data"): `import customers --update`
// over the demo's sample office. Every value custrack exports, in csv, `--excel` csv and xlsx, in English and
// Chinese headers, imports back unchanged (hostile values too); an edited file changes exactly what was
// edited, one history entry per field as `customer edit` writes them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCustrack, type InProcessResult } from '../helpers/cli.js';
import { useDatabases } from '../helpers/engine.js';

const newDatabaseIn = useDatabases();

const AS_OF = '2026-11-20';
const fixture = (name: string): string => join(REPO_ROOT, 'fixtures', name);
const TOUR = JSON.parse(readFileSync(fixture('tour.json'), 'utf8')) as Array<{ args: string[] }>;

let dir: string;
let db: string;

function custrack(args: string[], input?: string): Promise<InProcessResult> {
  return runCustrack([...args, '--db', db, '--as-of', AS_OF], input === undefined ? {} : { input });
}

async function ok(args: string[], input?: string): Promise<InProcessResult> {
  const result = await custrack(args, input);
  expect(result.code, `custrack ${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result;
}

async function json<T>(args: string[]): Promise<T> {
  return JSON.parse((await ok([...args, '--format', 'json'])).stdout) as T;
}

interface Summary {
  rows: number;
  added: number;
  changed: number;
  unchanged: number;
  skipped: number;
}

type Customer = Record<string, unknown> & { id: number; name: string; aliases: string[] };

/** Every customer as JSON, the history's length: what an import that changes nothing must leave alone. */
async function state(): Promise<{ customers: Customer[]; history: number }> {
  return {
    customers: await json<Customer[]>(['export', 'customers']),
    history: (await json<unknown[]>(['history', '--limit', '100000'])).length,
  };
}

/** Hostile values (issue 8): formula starts, apostrophes, long digits, CJK, commas, quotes and line breaks. */
const HOSTILE: string[][] = [
  [
    '--name',
    '=1+2 星河贸易有限公司',
    '--contact',
    '@x',
    '--note',
    "'已核实",
    '--region',
    '-',
    '--industry',
    '+86 138 0013 8000',
    '--source',
    "''=x",
    '--address',
    '北京市海淀区, "中关村"\n二号楼\r\n三层',
    '--phone',
    '+86 138 0013 8000',
  ],
  ['--name', '@深圳艾特电子有限公司', '--note', '123456789012345678901234', '--contact', "'", '--industry', '＝SUM(A1)', '--region', '+'],
  [
    '--name',
    '-零号实验室',
    '--note',
    '=HYPERLINK("http://x","点")',
    '--contact',
    "'@'",
    '--phone',
    '021-62345678-806',
    '--address',
    '\t缩进',
  ],
  ['--name', '"引号", 逗号 科技有限公司', '--note', '0012345', '--contact', '-1', '--source', '１２３４５６７８９０１２３４５６７８'],
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'custrack-update-'));
  db = (await newDatabaseIn(dir, 'office.db')).db;
  const load: string[][] = [
    ['import', 'customers', fixture('customers.csv')],
    ['import', 'transactions', fixture('transactions.csv')],
    ['import', 'visits', fixture('visits.csv')],
    ...TOUR.map((step) => step.args),
  ];
  for (const args of load) await ok(args);
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Exports the customers as `how` into a file and imports it back with --update. */
async function roundTrip(how: string[], file: string, lang: string): Promise<Summary> {
  const path = join(dir, file);
  await ok(['export', 'customers', ...how, '--lang', lang, '-o', path]);
  return json<Summary>(['import', 'customers', path, '--update']);
}

const FORMATS: Array<[string, string[], string]> = [
  ['csv', ['--format', 'csv'], 'customers.csv'],
  ['--excel csv', ['--excel'], 'customers-excel.csv'],
  ['xlsx', [], 'customers.xlsx'],
  ['tsv', ['--format', 'tsv'], 'customers.tsv'],
];

describe('every value exported imports back unchanged', () => {
  for (const lang of ['en', 'zh']) {
    it.each(FORMATS)(`the demo office, %s (--lang ${lang}): 0 changed`, async (_, how, file) => {
      const before = await state();
      const summary = await roundTrip(how, file, lang);
      expect(summary).toMatchObject({ rows: before.customers.length, added: 0, changed: 0, unchanged: before.customers.length });
      const after = await state();
      expect(after.customers).toEqual(before.customers);
      expect(after.history).toBe(before.history + 1); // the import itself, nothing else
    });
  }

  // tsv is not a round-trip format: it turns tabs and line breaks into spaces and does not quote (docs/rules.md, "Output").
  it.each(FORMATS.filter(([name]) => name !== 'tsv'))(
    'hostile values written by custrack read back unchanged, %s',
    async (_, how, file) => {
      for (const args of HOSTILE) {
        const added = await custrack(['customer', 'add', ...args, '--distinct']);
        expect([0, 4], added.stderr).toContain(added.code); // 4: added by an earlier format's case
      }
      const before = await state();
      for (const name of ['=1+2 星河贸易有限公司', '"引号", 逗号 科技有限公司'])
        expect(before.customers.map((c) => c.name)).toContain(name);
      const hostile = before.customers.find((c) => c.name === '=1+2 星河贸易有限公司')!;
      expect(hostile).toMatchObject({
        contact: '@x',
        note: "'已核实",
        region: '-',
        source: "''=x",
        address: '北京市海淀区, "中关村"\n二号楼\n三层',
      });
      for (const lang of ['en', 'zh']) {
        const summary = await roundTrip(how, `hostile-${lang}-${file}`, lang);
        expect(summary).toMatchObject({ added: 0, changed: 0, unchanged: before.customers.length });
      }
      expect((await state()).customers).toEqual(before.customers);
    },
  );
});

describe('an edited file changes what was edited', () => {
  it('grade and phone edited in the csv: 1 changed, one history entry per field, as customer edit writes them', async () => {
    const path = join(dir, 'edited.csv');
    await ok(['export', 'customers', '--format', 'csv', '-o', path]);
    const lines = readFileSync(path, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('2,北京华信科技有限公司,B,'));
    lines[at] = lines[at]!.replace(',B,', ',A,').replace('010-82567788', '010 8256 7799');
    writeFileSync(path, lines.join('\n'));
    const summary = await json<Summary>(['import', 'customers', path, '--update']);
    expect(summary).toMatchObject({ added: 0, changed: 1 });
    const history = await json<Array<Record<string, unknown>>>(['history', '2', '--limit', '2']);
    expect(
      history.map(({ action, entity, entity_id, field, old, new: value }) => ({ action, entity, entity_id, field, old, new: value })),
    ).toEqual([
      { action: 'update', entity: 'customer', entity_id: '2', field: 'phone', old: '010-82567788', new: '010-82567799' },
      { action: 'update', entity: 'customer', entity_id: '2', field: 'grade', old: 'B', new: 'A' },
    ]);
    // customer edit writes the same shape
    await ok(['customer', 'edit', '2', '--grade', 'B']);
    const [edit] = await json<Array<Record<string, unknown>>>(['history', '2', '--limit', '1']);
    expect(edit).toMatchObject({ action: 'update', entity: 'customer', entity_id: '2', field: 'grade', old: 'A', new: 'B' });
  });

  it('matches by USCC, else by name or former name, when there is no id column; a new name is registered', async () => {
    const input = [
      'name,uscc,grade,note',
      '随便写的名字,91440300192185379H,A,按信用代码匹配', // #1 by USCC: a rename
      '北京华信科技有限公司,,B,按名称匹配',
      '全新的客户有限公司,,C,',
    ].join('\n');
    const summary = JSON.parse((await ok(['import', 'customers', '-', '--update', '--format', 'json'], input)).stdout) as Summary;
    expect(summary).toMatchObject({ added: 1, changed: 2, unchanged: 0 });
    const one = await json<Customer>(['customer', 'show', '1']);
    expect(one).toMatchObject({ name: '随便写的名字', note: '按信用代码匹配' });
    expect(one.aliases).toContain('深圳市腾达（集团）有限公司'); // the old name is kept, as customer edit --name keeps it
    // by the former name now: matched, not renamed back
    const back = JSON.parse(
      (await ok(['import', 'customers', '-', '--update', '--format', 'json'], 'name,grade\n深圳市腾达(集团)有限公司,B\n')).stdout,
    ) as Summary;
    expect(back).toMatchObject({ added: 0, changed: 1 });
    expect(await json<Customer>(['customer', 'show', '1'])).toMatchObject({ name: '随便写的名字', grade: 'B' });
  });

  it('a rename similar to another customer is refused (rule 17) unless --allow-similar', async () => {
    const input = 'id,name\n3,东莞鸿运包装材料有限公司\n';
    const refused = await custrack(['import', 'customers', '-', '--update'], input);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/line 2: .*#11 东莞市鸿运包装材料有限公司/u);
    const allowed = await custrack(['import', 'customers', '-', '--update', '--allow-similar', '--format', 'json'], input);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(JSON.parse(allowed.stdout)).toMatchObject({ changed: 1, added: 0 });
    const shown = await json<Record<string, unknown> & { distinct_from: Array<{ customer_id: number }> }>(['customer', 'show', '3']);
    expect(shown).toMatchObject({ name: '东莞鸿运包装材料有限公司' });
    expect(shown.distinct_from.map((d) => d.customer_id)).toContain(11);
  });

  it('bad rows: an id that is no customer, a customer twice, a name another customer holds; nothing written', async () => {
    const before = await state();
    const input = [
      'id,name,grade',
      '9999,不存在有限公司,A',
      '2,北京华信科技有限公司,A',
      '2,北京华信科技有限公司二,A',
      '5,北京华信科技有限公司,C',
    ].join('\n');
    const result = await custrack(['import', 'customers', '-', '--update'], input);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line 2: no customer has id 9999/u);
    expect(result.stderr).toMatch(/line 4: the same customer as line 3/u);
    expect(result.stderr).toMatch(/line 5: .*(the same customer as line 3|already registered as customer #2)/u);
    expect(await state()).toEqual(before);
  });

  it('--update is for customers only', async () => {
    const result = await custrack(['import', 'transactions', '-', '--update'], 'customer,date,amount\n甲,2026-01-01,1\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--update is for `import customers` only/u);
  });
});
