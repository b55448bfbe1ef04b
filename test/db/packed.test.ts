// csv and tsv exports read rows packed (one string per row, src/db/sqlite/statements.ts) and write them without
// cutting them into cells (src/cli/delimited.ts). Whatever the stored values, that must print exactly the
// bytes the typed rows print, and fall back to the typed row only where the packed line cannot be trusted.
import { describe, expect, it } from 'vitest';
import { Bytes } from '../helpers/bytes.js';
import { Output, type Format } from '../../src/cli/output.js';
import { loadTranslator } from '../../src/i18n/index.js';
import { transactionSpec } from '../../src/views/transaction.js';
import { nameKey } from '../../src/core/names.js';
import { openOffice, registerCustomer, type Repos } from '../helpers/db.js';
import type { Db } from '../../src/db/open.js';

interface Stored {
  ref: string;
  customer_name: string;
  uscc?: string | null;
  customer_id?: number | null;
  date?: string;
  amount?: unknown;
  kind?: string;
  imported_at?: string;
}

/** Straight into the table with SQL, so values no import would accept reach the export too. */
function store(db: Db, rows: Stored[]): void {
  const insert = db.prepare(
    `INSERT INTO transactions (ref, customer_name, name_key, uscc, customer_id, date, amount, kind, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) {
    insert.run(
      r.ref,
      r.customer_name,
      nameKey(r.customer_name),
      r.uscc ?? null,
      r.customer_id ?? null,
      r.date ?? '2026-01-31',
      r.amount ?? 12345,
      r.kind ?? 'sale',
      r.imported_at ?? '2026-11-23T08:00:00Z',
    );
  }
}

const HOSTILE_TEXT = [
  'plain',
  '深圳市腾达(集团)有限公司',
  'a,b',
  'say "hi"',
  'line\nbreak',
  'cr\rhere',
  'tab\there',
  '=SUM(A1)',
  '+86',
  '-1',
  '@x',
  '＝1',
  '﹦1',
  '😀 emoji',
  'x😀',
  '\u0000nul',
  'in\u0000side',
  'unit\u001fsep',
  '\u001f',
  'rec\u001esep',
  '13800138000',
  '0123',
  ' padded ',
  'é',
  '',
  '\ud800lone',
];

async function exported(
  repos: Repos,
  format: Format,
  options: { excel?: boolean; bom?: boolean; header?: boolean; lang?: 'en' | 'zh' },
  packed: boolean,
): Promise<{ bytes: Buffer; fallbacks: number }> {
  const stdout = new Bytes();
  const t = await loadTranslator(options.lang ?? 'en');
  const out = new Output({
    format,
    excel: options.excel ?? false,
    bom: options.bom ?? false,
    header: options.header ?? true,
    color: false,
    stderrColor: false,
    streams: { stdout, stderr: stdout, stdin: process.stdin } as never,
    t,
  });
  let fallbacks = 0;
  await out.list(
    transactionSpec,
    repos.exports.transactions(),
    packed
      ? (columns) => {
          const source = repos.exports.packedTransactions(columns);
          return { lines: source.lines, row: (line) => (fallbacks++, source.row(line)) };
        }
      : undefined,
  );
  return { bytes: Buffer.concat(stdout.chunks), fallbacks };
}

async function hostileOffice(): Promise<{ db: Db; repos: Repos }> {
  const { db, repos } = openOffice();
  const id = await registerCustomer(repos, '深圳市腾达(集团)有限公司');
  const rows: Stored[] = [];
  HOSTILE_TEXT.forEach((text, i) => {
    rows.push({
      ref: `R${i}-${text}`,
      customer_name: text || 'x',
      uscc: i % 3 === 0 ? null : text,
      customer_id: i % 2 ? id : null,
      kind: i % 5 ? 'sale' : 'return',
      imported_at: text || 'y',
      date: i % 4 ? '2024-02-29' : text,
    });
  });
  // Amounts as stored: negatives, zero, cents under ten, 15 and 16 digits, and a REAL that affinity kept.
  for (const amount of [
    0,
    -1,
    5,
    -5,
    99,
    100,
    -12345,
    999_999_999_999_999,
    1_000_000_000_000_000,
    -999_999_999_999_999,
    9_007_199_254_740_993n,
    1.5,
    2.0,
  ]) {
    rows.push({ ref: `A${amount}`, customer_name: '金额', amount });
  }
  // Enough plain rows to cross several pages.
  for (let i = 0; i < 600; i++)
    rows.push({
      ref: `P${i}`,
      customer_name: `客户${i}`,
      uscc: i % 2 ? '91440300MA5F0XXXXX' : null,
      customer_id: i % 3 ? id : null,
      amount: i * 101 - 3000,
    });
  store(db, rows);
  // A gap in the ids, as a deleted row would leave.
  db.prepare("DELETE FROM transactions WHERE ref = 'P300'").run();
  return { db, repos };
}

describe('packed reading of transactions', () => {
  const cases: Array<[Format, { excel?: boolean; bom?: boolean; header?: boolean; lang?: 'en' | 'zh' }]> = [
    ['csv', {}],
    ['csv', { excel: true }],
    ['csv', { bom: true, header: false }],
    ['tsv', {}],
    ['tsv', { lang: 'zh', bom: true }],
  ];

  it.each(cases)('prints the same bytes as the typed rows (%s %j)', async (format, options) => {
    const { repos } = await hostileOffice();
    const typed = await exported(repos, format, options, false);
    const packed = await exported(repos, format, options, true);
    expect(packed.bytes.toString('utf8')).toBe(typed.bytes.toString('utf8'));
    expect(packed.bytes.equals(typed.bytes)).toBe(true);
  });

  it('falls back to the typed row only for a value holding U+001F or an amount that is not a whole number of at most 15 digits', async () => {
    const { repos } = await hostileOffice();
    const { fallbacks } = await exported(repos, 'csv', {}, true);
    const separators = HOSTILE_TEXT.filter((text) => text.includes('\u001f')).length;
    // 1e15 and 2^53 + 1 (16 digits) and 1.5 (a REAL; 2.0 is stored as the integer 2); every other row
    // is written from its packed line.
    expect(fallbacks).toBe(separators + 3);
  });

  it('prints nothing at all for an empty table, header or not', async () => {
    const { repos } = openOffice();
    expect((await exported(repos, 'csv', { bom: true }, true)).bytes.length).toBe(0);
  });

  it('refuses a column the table does not store', () => {
    const { repos } = openOffice();
    expect(() => repos.exports.packedTransactions(['id', 'name_key; DROP TABLE transactions'])).toThrow(/not a stored transaction column/u);
  });
});

describe('query plans of the bulk reads', () => {
  /** The SQL texts `read` prepares, captured on their way to SQLite, with their query plans. */
  function plans(db: Db, read: () => void): Array<{ sql: string; plan: string[] }> {
    const seen: string[] = [];
    const prepare = db.prepare.bind(db);
    Object.defineProperty(db, 'prepare', {
      value: ((sql: string) => (seen.push(sql), prepare(sql))) as typeof db.prepare,
      configurable: true,
      writable: true,
    });
    try {
      read();
    } finally {
      delete (db as unknown as Record<string, unknown>).prepare;
    }
    return seen.map((sql) => ({
      sql,
      plan: (
        db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array.from({ length: (sql.match(/\?/gu) ?? []).length }, () => 0)) as Array<{
          detail: string;
        }>
      ).map((r) => r.detail),
    }));
  }

  it('a packed page is a range of the primary key, in its order: no scan, no sort', async () => {
    const { db, repos } = await hostileOffice();
    // SQLite's packed lines are a plain iterable: read synchronously, while `plans` captures the SQL.
    const [page] = plans(db, () => void [...(repos.exports.packedTransactions(['ref', 'amount']).lines as Iterable<string>)]).filter((q) =>
      /concat_ws/u.test(q.sql),
    );
    expect(page, 'the packed page query').toBeDefined();
    expect(page!.plan).toEqual(['SEARCH transactions USING INTEGER PRIMARY KEY (rowid>?)']);
  });

  it('the bulk refresh of transaction facts reads the customer index alone, in its order', async () => {
    const { refreshAllTransactionFacts } = await import('../../src/db/sqlite/derived.js');
    const { db } = await hostileOffice();
    const [histories] = plans(db, () => refreshAllTransactionFacts(db, 3)).filter((q) => /group_concat/u.test(q.sql));
    expect(histories, 'the histories query').toBeDefined();
    expect(histories!.plan[0]).toMatch(/^SEARCH transactions USING COVERING INDEX transactions_customer \(customer_id>\?\)$/u);
    expect(histories!.plan.filter((line) => /^SCAN|GROUP BY/u.test(line))).toEqual([]);
  });
});
