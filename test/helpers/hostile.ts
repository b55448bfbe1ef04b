// Hostile input (issue 8 §5): each case gets a clear error (exit 2, no stack trace, never exit 70) and
// writes nothing, or makes a faithful round trip. Shared by test/safety/hostile.test.ts (in-process, the
// 10k-row file through the real binary) and test/reliability/hostile.test.ts (the real binary throughout).
// On a SQLite file (a ScratchOffice) or a database of either engine (an EngineOffice).
import { writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import type { EngineOffice } from './engine.js';
import { seededRandom, stackLines } from './processes.js';
import type { Ran, Runner } from './runners.js';
import { contentDigest, databaseCounts, databaseDigest, isServerUrl, queryDatabase, rawState } from './rawdb.js';
import type { ScratchOffice } from './scratch.js';

/** A scratch office on a SQLite file, or on the suite's engine. */
export type HostileOffice = ScratchOffice | EngineOffice;

/** Where the office's database is, for --db: a path or a postgres:// URL. */
const databaseOf = (office: HostileOffice): string => ('dbPath' in office ? office.dbPath : office.db);

export { binary, inProcess, type Ran, type Runner } from './runners.js';

/** A refusal as the user sees it: exit 2, nothing on stdout, a message naming the problem, no stack. */
export function expectUsageError(result: Ran, what: string, message: RegExp, lines = 1): void {
  expect(result.code, `${what}\n${result.stderr}`).toBe(2);
  expect(result.stdout, what).toBe('');
  expect(result.stderr, what).toMatch(message);
  expect(result.stderr.trimEnd().split('\n'), `${what}: ${result.stderr}`).toHaveLength(lines);
  expect(stackLines(result.stderr), what).toEqual([]);
  expect(result.stderr, what).not.toContain('unexpected error');
}

/** Runs `work` and checks that the database (a file or a server database) means exactly what it meant before. */
export async function nothingWritten<T>(db: string, work: () => Promise<T>): Promise<T> {
  const before = await databaseDigest(db);
  const counts = await databaseCounts(db);
  const result = await work();
  expect(await databaseCounts(db)).toEqual(counts);
  expect(await databaseDigest(db)).toBe(before);
  return result;
}

// -------------------------------------------------------------------------------------------------
// SQL-looking text and formula payloads: customer add → export csv (guarded) and json (faithful).

export const SQL_TEXT = [
  "'); DROP TABLE customers; --",
  "Robert'); DELETE FROM history; --",
  "1; UPDATE customers SET grade = 'A'",
  '" OR 1=1 --',
];
export const FORMULAS = [
  '=1+2',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1:A9)',
  '＝HYPERLINK("http://example.invalid")',
  '＋86 755',
  '－1',
  '＠home',
  '=天津市某某公司',
];

export async function roundTripCase(run: Runner, office: HostileOffice): Promise<{ tried: number }> {
  const db = databaseOf(office);
  const names = [...SQL_TEXT, ...FORMULAS];
  // The same payloads in other text fields, one of them with a leading tab (trimmed as white space) and
  // inner tabs and line breaks (kept).
  for (const [i, name] of names.entries()) {
    const result = await run(
      [
        'customer',
        'add',
        '--name',
        name,
        '--contact',
        FORMULAS[i % FORMULAS.length]!,
        '--note',
        `\t${SQL_TEXT[i % SQL_TEXT.length]}\tsecond\nline`,
        '--no-input',
      ],
      db,
    );
    expect(result.code, `customer add --name ${name}\n${result.stderr}`).toBe(0);
    expect(stackLines(result.stderr)).toEqual([]);
  }
  // Nothing was run as SQL: the tables are whole (a file passes its integrity check) and hold exactly the rows written.
  if (!isServerUrl(db)) expect(rawState(db).integrity).toBe('ok');
  expect(await databaseCounts(db)).toMatchObject({ customers: names.length, history: names.length });

  const json = await run(['export', 'customers', '--format', 'json'], db);
  expect(json.code).toBe(0);
  const records = JSON.parse(json.stdout) as Array<{ name: string; contact: string; note: string }>;
  expect(records.map((r) => r.name)).toEqual(names);
  expect(records.map((r) => r.contact)).toEqual(names.map((_, i) => FORMULAS[i % FORMULAS.length]));
  expect(records.map((r) => r.note)).toEqual(names.map((_, i) => `${SQL_TEXT[i % SQL_TEXT.length]}\tsecond\nline`));

  const csv = await run(['export', 'customers', '--format', 'csv'], db);
  expect(csv.code).toBe(0);
  const [header, ...rows] = parse(csv.stdout, { relax_column_count: false }) as string[][];
  const col = (title: string): number => header!.indexOf(title);
  const guarded = (text: string): string => (/^[=+\-@\t\r]/u.test(text.normalize('NFKC')) ? `'${text}` : text);
  expect(rows.map((r) => r[col('Name')])).toEqual(names.map(guarded));
  expect(rows.map((r) => r[col('Contact')])).toEqual(names.map((_, i) => guarded(FORMULAS[i % FORMULAS.length]!)));
  // Every formula payload is guarded, and only those.
  for (const f of FORMULAS) expect(guarded(f).startsWith("'"), f).toBe(true);
  for (const s of SQL_TEXT) expect(guarded(s), s).toBe(s);

  // --excel too (BOM, CRLF): still guarded.
  const excel = await run(['export', 'customers', '--excel'], db);
  expect(excel.code).toBe(0);
  const [, ...excelRows] = parse(excel.stdout.replace(/^\ufeff/u, ''), {}) as string[][];
  expect(excelRows.map((r) => r[col('Name')])).toEqual(names.map(guarded));

  // tsv cannot quote: the inner tab and line break of the note become spaces, the row stays one line.
  const tsv = await run(['export', 'customers', '--format', 'tsv'], db);
  expect(tsv.stdout.trimEnd().split('\n')).toHaveLength(names.length + 1);
  return { tried: names.length * 3 };
}

// -------------------------------------------------------------------------------------------------
// Refused on the command line: exit 2, one line, nothing written.

export function commandLineCases(tenKb: string): Array<{ what: string; args: string[]; message: RegExp; env?: Record<string, string> }> {
  return [
    { what: 'a 10 kB name', args: ['customer', 'add', '--name', tenKb], message: /--name: the text is too long/u },
    { what: 'a 10 kB name in an edit', args: ['customer', 'edit', '1', '--name', tenKb], message: /--name: the text is too long/u },
    { what: 'a 10 kB note', args: ['customer', 'add', '--name', '长备注公司', '--note', tenKb], message: /--note: the text is too long/u },
    {
      what: 'a 10 kB visit summary',
      args: ['visit', 'add', '1', '--method', 'phone', '--summary', tenKb, '--no-input'],
      message: /--summary/u,
    },
    {
      what: 'a name starting with a tab',
      args: ['customer', 'add', '--name', '\t=1+2'],
      message: /--name: the text contains control characters/u,
    },
    {
      what: 'a name starting with CR',
      args: ['customer', 'add', '--name', '\r@SUM(A1)'],
      message: /--name: the text contains control characters/u,
    },
    {
      // A CR alone is a line end pasted from Windows, kept as LF (test/safety/pasted.test.ts); an ESC is refused.
      what: 'an ESC sequence inside a note',
      args: ['customer', 'add', '--name', '回车公司', '--note', 'a\u001b[2Jb'],
      message: /--note: the text contains control characters/u,
    },
    {
      what: 'registered 2026-02-30',
      args: ['customer', 'add', '--name', '日期公司', '--registered', '2026-02-30'],
      message: /--registered: '2026-02-30' is not a real date/u,
    },
    {
      what: 'registered 0000-00-00',
      args: ['customer', 'add', '--name', '日期公司', '--registered', '0000-00-00'],
      message: /--registered: '0000-00-00' is not a real date/u,
    },
    {
      what: 'visit dated 2026-02-30',
      args: ['visit', 'add', '1', '--method', 'phone', '--date', '2026-02-30'],
      message: /--date: '2026-02-30' is not a real date/u,
    },
    {
      what: 'visit dated 0000-00-00',
      args: ['visit', 'add', '1', '--method', 'phone', '--date', '0000-00-00'],
      message: /--date: '0000-00-00' is not a real date/u,
    },
    { what: 'next follow-up 2026-02-30', args: ['visit', 'add', '1', '--method', 'phone', '--next', '2026-02-30'], message: /--next/u },
    { what: 'plan for 0000-00-00', args: ['visit', 'plan', '1', '--method', 'phone', '--date', '0000-00-00'], message: /--date/u },
    {
      what: 'check on 2026-02-30',
      args: ['check', '深圳市腾达有限公司', '--on', '2026-02-30'],
      message: /--on: '2026-02-30' is not a real date/u,
    },
    { what: 'overdue as of 0000-00-00', args: ['overdue', '--as-of', '0000-00-00'], message: /--as-of/u },
    {
      what: 'CUSTRACK_TODAY=2026-02-30',
      args: ['customer', 'add', '--name', '环境公司'],
      message: /CUSTRACK_TODAY/u,
      env: { CUSTRACK_TODAY: '2026-02-30' },
    },
    { what: 'form sent 2026-02-30', args: ['form', 'send', '1', '--kind', 'initial', '--sent', '2026-02-30'], message: /--sent/u },
    { what: 'report for month 0000-00', args: ['report', 'monthly', '--month', '0000-00'], message: /--month/u },
    {
      what: 'monthly volume 99999999999999999',
      args: ['customer', 'add', '--name', '大额公司', '--monthly-volume', '99999999999999999'],
      message: /--monthly-volume: '99999999999999999' is not an amount/u,
    },
    {
      what: 'monthly volume -5.00',
      args: ['customer', 'add', '--name', '负数公司', '--monthly-volume', '-5.00'],
      message: /--monthly-volume: '-5.00' is not an amount/u,
    },
    {
      what: 'monthly volume 1e9',
      args: ['customer', 'add', '--name', '科学计数公司', '--monthly-volume', '1e9'],
      message: /--monthly-volume/u,
    },
    { what: 'grade Z', args: ['customer', 'edit', '1', '--grade', 'Z'], message: /--grade/u },
  ];
}

export async function commandLineRefusals(run: Runner, office: HostileOffice): Promise<{ tried: number }> {
  const db = databaseOf(office);
  const setup = await run(['customer', 'add', '--name', '深圳市腾达有限公司', '--owner', '张伟'], db);
  expect(setup.code).toBe(0);
  const cases = commandLineCases('名'.repeat(10 * 1024));
  await nothingWritten(db, async () => {
    for (const c of cases) expectUsageError(await run(c.args, db, c.env), c.what, c.message);
  });
  return { tried: cases.length };
}

// -------------------------------------------------------------------------------------------------
// Import files: every bad row listed with its line number, nothing written; good hostile rows faithful.

const HEADER = 'customer,date,amount,kind,ref\n';

export interface ImportCase {
  what: string;
  kind?: 'transactions' | 'customers';
  bytes: Buffer;
  args?: string[];
  /** Expected error lines after the summary line (`line N: …`), or a single malformed-CSV line. */
  lines: RegExp[];
}

export function importCases(): ImportCase[] {
  const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
  const gbk = (text: string): Buffer => iconv.encode(text, 'gbk');
  const tenKb = '名'.repeat(10 * 1024);
  return [
    {
      what: 'NUL bytes in a name and in a date',
      bytes: utf8(`${HEADER}甲公司,2026-01-02,1.00,sale,N1\n乙\u0000公司,2026-01-02,1.00,sale,N2\n丙公司,2026-01-0\u00002,1.00,sale,N3\n`),
      lines: [/^line 3: contains a NUL byte$/u, /^line 4: contains a NUL byte$/u],
    },
    {
      what: 'invalid UTF-8 with --encoding utf-8',
      bytes: Buffer.concat([
        utf8(`${HEADER}甲公司,2026-01-02,1.00,sale,U1\n`),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
        utf8(',2026-01-02,1.00,sale,U2\n丁公司,2026-01-02,1.00,sale,U3\n'),
      ]),
      args: ['--encoding', 'utf-8'],
      lines: [/^line 3: text that does not decode as utf-8/u],
    },
    {
      what: 'mixed UTF-8 and GBK lines with --encoding utf-8',
      bytes: Buffer.concat([
        utf8(`${HEADER}深圳市腾达有限公司,2026-01-02,1.00,sale,M1\n`),
        gbk('广州市华信有限公司,2026-01-03,2.00,sale,M2\n'),
        utf8('东莞市新源有限公司,2026-01-04,3.00,sale,M3\n'),
        gbk('佛山市金鼎有限公司,2026-01-05,4.00,sale,M4\n'),
      ]),
      args: ['--encoding', 'utf-8'],
      lines: [/^line 3: text that does not decode as utf-8/u, /^line 5: text that does not decode as utf-8/u],
    },
    {
      what: 'a 10 kB customer name',
      bytes: utf8(`${HEADER}甲公司,2026-01-02,1.00,sale,L1\n${tenKb},2026-01-02,1.00,sale,L2\n`),
      lines: [/^line 3: customer: the name is too long/u],
    },
    {
      what: 'a 10 kB name in a customers file',
      kind: 'customers',
      bytes: utf8(`name,grade\n甲公司,A\n${tenKb},B\n`),
      lines: [/^line 3: name is too long/u],
    },
    {
      what: 'impossible dates',
      bytes: utf8(
        `${HEADER}甲公司,2026-02-30,1.00,sale,D1\n乙公司,0000-00-00,1.00,sale,D2\n丙公司,2026-13-01,1.00,sale,D3\n丁公司,2026-02-28,1.00,sale,D4\n`,
      ),
      lines: [
        /^line 2: date: '2026-02-30' is not a real date/u,
        /^line 3: date: '0000-00-00' is not a real date/u,
        /^line 4: date: '2026-13-01'/u,
      ],
    },
    {
      what: 'amounts that are too big or not amounts',
      bytes: utf8(
        `${HEADER}甲公司,2026-01-02,99999999999999999,sale,A1\n乙公司,2026-01-02,1.234,sale,A2\n丙公司,2026-01-02,1e5,sale,A3\n丁公司,2026-01-02,NaN,sale,A4\n戊公司,2026-01-02,10000000000001,sale,A5\n己公司,2026-01-02,-5.00,return,A6\n`,
      ),
      lines: [
        /^line 2: amount: '99999999999999999' is not an amount/u,
        /^line 3: amount: '1.234'/u,
        /^line 4: amount: '1e5'/u,
        /^line 5: amount: 'NaN'/u,
        /^line 6: amount: '10000000000001'/u,
      ],
    },
    {
      what: 'a field full of control characters and a bad kind',
      bytes: utf8(`${HEADER}甲\u0007公司,2026-01-02,1.00,sale,C1\n乙公司,2026-01-02,1.00,gift,C2\n`),
      lines: [/^line 2: customer: the name is too long or contains control characters/u, /^line 3: kind: 'gift'/u],
    },
  ];
}

/** Unbalanced quotes: a malformed-CSV error naming the line where the quote opens. */
export function malformedCases(): Array<{ what: string; bytes: Buffer; line: number }> {
  const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
  return [
    {
      what: 'a quote that never closes (last line)',
      bytes: utf8(`${HEADER}甲公司,2026-01-02,1.00,sale,Q1\n乙公司,2026-01-02,1.00,sale,"Q2\n`),
      line: 3,
    },
    {
      what: 'a quote that swallows the next lines',
      bytes: utf8(
        `${HEADER}甲公司,2026-01-02,1.00,sale,Q1\n"乙公司,2026-01-02,1.00,sale,Q2\n丙公司,2026-01-02,1.00,sale,Q3\n"丁",2026-01-02,1.00,sale,Q4\n`,
      ),
      line: 3,
    },
    { what: 'text after a closing quote', bytes: utf8(`${HEADER}"甲公司"x,2026-01-02,1.00,sale,Q1\n`), line: 2 },
  ];
}

export async function importRefusals(run: Runner, office: HostileOffice): Promise<{ tried: number }> {
  const db = databaseOf(office);
  const init = await run(['init'], db);
  expect(init.code).toBe(0);
  let tried = 0;
  await nothingWritten(db, async () => {
    for (const [i, c] of importCases().entries()) {
      const file = office.path(`hostile-${i}.csv`);
      writeFileSync(file, c.bytes);
      const result = await run(['import', c.kind ?? 'transactions', file, ...(c.args ?? [])], db);
      expectUsageError(result, c.what, /rows are bad; nothing was imported/u, 1 + c.lines.length);
      const details = result.stderr
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((l) => l.trim());
      for (const [j, pattern] of c.lines.entries()) expect(details[j], c.what).toMatch(pattern);
      tried++;
    }
    for (const [i, c] of malformedCases().entries()) {
      const file = office.path(`quotes-${i}.csv`);
      writeFileSync(file, c.bytes);
      const result = await run(['import', 'transactions', file], db);
      expectUsageError(result, c.what, new RegExp(`quotes-${i}\\.csv, line ${c.line}: the CSV is malformed .*nothing was imported`, 'u'));
      tried++;
    }
  });
  return { tried };
}

/** Returns of −5.00 and the largest amounts are kept exactly (integer fen) and exported as written. */
export async function amountRoundTrip(run: Runner, office: HostileOffice): Promise<void> {
  const db = databaseOf(office);
  const file = office.path('amounts.csv');
  writeFileSync(
    file,
    `${HEADER}甲公司,2026-01-02,-5.00,return,R1\n乙公司,2026-01-02,10000000000000.99,sale,R2\n丙公司,2026-01-02,"1,234.50",sale,R3\n丁公司,2026-01-02,0.01,sale,R4\n`,
  );
  const result = await run(['import', 'transactions', file], db);
  expect(result.code, result.stderr).toBe(0);
  expect(await queryDatabase(db, 'SELECT ref, amount, kind FROM transactions ORDER BY ref')).toEqual([
    { ref: 'R1', amount: -500, kind: 'return' },
    { ref: 'R2', amount: 1_000_000_000_000_099, kind: 'sale' },
    { ref: 'R3', amount: 123_450, kind: 'sale' },
    { ref: 'R4', amount: 1, kind: 'sale' },
  ]);
  const json = await run(['export', 'transactions', '--format', 'json'], db);
  expect(json.stdout).toContain('"amount":-5.00');
  expect(json.stdout).toContain('"amount":10000000000000.99');
  const csv = await run(['export', 'transactions', '--format', 'csv'], db);
  expect(csv.stdout).toContain(',-5.00,');
  expect(csv.stdout).toContain(',10000000000000.99,');
}

// -------------------------------------------------------------------------------------------------
// Exactly N bad rows in a large file: exactly N line-numbered errors, in order, nothing written.

export async function manyBadRows(
  run: Runner,
  office: HostileOffice,
  rows: number,
  bad: number,
  seed: number,
): Promise<{ lines: number[] }> {
  const db = databaseOf(office);
  expect((await run(['init'], db)).code).toBe(0);
  const random = seededRandom(seed);
  // Data lines are 2 … rows + 1; line 2 stays good: the repeated invoice number below repeats its one.
  const badLines = new Set<number>();
  while (badLines.size < bad) badLines.add(3 + Math.floor(random() * (rows - 1)));
  const kinds = [
    (i: number) => `坏日期公司${i},2026-02-30,1.00,sale,X${i}`,
    (i: number) => `零日期公司${i},0000-00-00,1.00,sale,X${i}`,
    (i: number) => `大额公司${i},2026-01-02,99999999999999999,sale,X${i}`,
    (i: number) => `类型公司${i},2026-01-02,1.00,gift,X${i}`,
    (i: number) => `,2026-01-02,1.00,sale,X${i}`,
    (i: number) => `多一列公司${i},2026-01-02,1.00,sale,X${i},extra`,
    (i: number) => `NUL\u0000公司${i},2026-01-02,1.00,sale,X${i}`,
    (i: number) => `重复单号公司${i},2026-01-02,1.00,sale,X2`,
  ];
  const lines: string[] = [];
  for (let line = 2; line < rows + 2; line++) {
    if (badLines.has(line)) lines.push(kinds[line % kinds.length]!(line));
    else
      lines.push(
        `好客户${line % 97}有限公司,2026-${String((line % 12) + 1).padStart(2, '0')}-15,${line}.50,${line % 20 === 0 ? 'return' : 'sale'},X${line}`,
      );
  }
  const file = office.path('bad-rows.csv');
  writeFileSync(file, `${HEADER + lines.join('\n')}\n`);
  const result = await nothingWritten(db, () => run(['import', 'transactions', file], db));
  expect(result.code, result.stderr.slice(0, 500)).toBe(2);
  expect(result.stdout).toBe('');
  expect(stackLines(result.stderr)).toEqual([]);
  const [summary, ...details] = result.stderr.trimEnd().split('\n');
  expect(summary).toContain(`${bad} of ${rows} rows are bad; nothing was imported`);
  const reported = details.map((d) => Number(/^ {2}line (\d+): \S/u.exec(d)?.[1]));
  expect(reported).toEqual([...badLines].sort((a, b) => a - b));
  return { lines: reported };
}

// -------------------------------------------------------------------------------------------------
// Seeded garbage: CSV-like files built from hostile pieces. Every one is imported whole (exit 0, exactly
// the rows it reports added) or refused (exit 2, nothing written); never a crash, never a stack trace.

function garbageFile(random: () => number, n: number): Buffer {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  // Values that are good (hostile text, odd but valid spellings) and values that make a row bad.
  const names = [
    '深圳市腾达有限公司',
    'Tengda Ltd',
    "'); DROP TABLE transactions; --",
    '=HYPERLINK("x")',
    '＋86',
    '"引号""公司"',
    ' 空格 公司 ',
    '全角（集团）公司',
    '@SUM(A1)',
  ];
  const dates = ['2026-01-02', '2026/1/2', '2024-02-29', '２０２６-０１-０２', '2026-1-2'];
  const badDates = ['2026-02-30', '0000-00-00', '', '2026-13-01', 'yesterday'];
  const amounts = ['100.00', '-5.00', '"1,234.50"', '¥8', '０.５', '-0', '10000000000000.99', '0.01'];
  const badAmounts = ['99999999999999999', '1e5', '', 'NaN', '1,234.50', '1.234'];
  const kinds = ['sale', 'sample', 'return', '销售', '样品', '退货', '', 'SALE'];
  const badKinds = ['gift', '赠品'];
  // How hostile this file is: a third are clean, a third have a few bad values, a third are noisy.
  const level = random();
  const bad = level < 0.33 ? 0 : level < 0.66 ? 0.02 : 0.25;
  const value = (good: readonly string[], wrong: readonly string[]): string => (random() < bad ? pick(wrong) : pick(good));
  const noise = (): Buffer => {
    switch (Math.floor(random() * 10)) {
      case 0:
        return Buffer.from([Math.floor(random() * 256), Math.floor(random() * 256), Math.floor(random() * 256)]);
      case 1:
        return Buffer.from('\u0000');
      case 2:
        return Buffer.from('"');
      case 3:
        return Buffer.from('\r');
      case 4:
        return Buffer.from('\t');
      case 5:
        return Buffer.from('x'.repeat(1 + Math.floor(random() * 20_000)));
      case 6:
        return iconv.encode('广州市华信', 'gbk');
      case 7:
        return Buffer.from('\ufeff');
      case 8:
        return Buffer.from(',');
      default:
        return Buffer.from('\n');
    }
  };
  const parts: Buffer[] = [];
  if (random() < 0.1) parts.push(Buffer.from('\ufeff'));
  parts.push(
    Buffer.from(
      random() < 0.95 - bad
        ? 'customer,date,amount,kind,ref'
        : pick(['客户名称,日期,金额,类型,单号', 'customer,date', 'customer,date,amount,kind,ref,bogus', '', '"customer,date']),
    ),
  );
  parts.push(Buffer.from(random() < 0.8 ? '\n' : '\r\n'));
  const lines = Math.floor(random() * 30);
  for (let j = 0; j < lines; j++) {
    const fields = [pick(names), value(dates, badDates), value(amounts, badAmounts), value(kinds, badKinds), `G${n}-${j}`];
    const line = Buffer.from(fields.join(','));
    if (random() < bad) {
      const at = Math.floor(random() * (line.length + 1));
      parts.push(line.subarray(0, at), noise(), line.subarray(at));
    } else parts.push(line);
    parts.push(Buffer.from(random() < 0.9 ? '\n' : '\r\n'));
  }
  return Buffer.concat(parts);
}

export interface FuzzResult {
  files: number;
  imported: number;
  refused: number;
  rowsAdded: number;
}

export async function fuzzImports(run: Runner, office: ScratchOffice, files: number, seed: number): Promise<FuzzResult> {
  const db = office.dbPath;
  expect((await run(['init'], db)).code).toBe(0);
  const random = seededRandom(seed);
  const result: FuzzResult = { files, imported: 0, refused: 0, rowsAdded: 0 };
  for (let n = 0; n < files; n++) {
    const file = office.path(`garbage-${n}.csv`);
    const bytes = garbageFile(random, n);
    writeFileSync(file, bytes);
    const before = { digest: contentDigest(db), counts: rawState(db, ['transactions', 'history'], 'quick_check').counts };
    const ran = await run(
      ['import', 'transactions', file, '--format', 'json', ...(random() < 0.3 ? ['--encoding', pick3(random)] : [])],
      db,
    );
    const what = `garbage file #${n} (seed ${seed}; ${bytes.length} bytes)`;
    expect([0, 2], `${what}: exit ${ran.code}\n${ran.stderr.slice(0, 400)}`).toContain(ran.code);
    expect(stackLines(ran.stderr), what).toEqual([]);
    expect(ran.stderr, what).not.toContain('unexpected error');
    const after = rawState(db, ['transactions', 'history'], 'quick_check');
    expect(after.integrity, what).toBe('ok');
    if (ran.code === 2) {
      result.refused++;
      expect(ran.stdout, what).toBe('');
      expect(ran.stderr.split('\n')[0], what).toMatch(/^custrack: /u);
      expect(contentDigest(db), `${what}: refused, but something was written`).toBe(before.digest);
    } else {
      result.imported++;
      const summary = JSON.parse(ran.stdout) as { rows: number; added: number; skipped: number };
      expect(after.counts.transactions, what).toBe(before.counts.transactions! + summary.added);
      expect(after.counts.history, what).toBe(before.counts.history! + 1);
      result.rowsAdded += summary.added;
    }
  }
  return result;
}

function pick3(random: () => number): string {
  return ['utf-8', 'gbk', 'gb18030', 'auto'][Math.floor(random() * 4)]!;
}
