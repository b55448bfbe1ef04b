// csv and tsv exports on PostgreSQL read transactions as packed lines through one COPY
// (src/db/postgres/packed-export.ts) and write them without cutting them into cells. Whatever the stored
// values, that must print exactly the bytes the typed rows (read through a cursor) print, and read a line's
// typed values from the line itself only where COPY escaped a value or a time is not a plain whole second.
import { Bytes } from '../helpers/bytes.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Output, type Format } from '../../src/cli/output.js';
import { loadTranslator } from '../../src/i18n/index.js';
import { transactionSpec } from '../../src/views/transaction.js';
import { nameKey } from '../../src/core/names.js';
import { openStore } from '../../src/db/connect.js';
import type { Store, TransactionRow } from '../../src/app/store.js';
import { packedTransactionRow } from '../../src/db/postgres/packed-export.js';
import { asSuperuser, freshDatabase, type FreshDatabase } from '../helpers/postgres.js';

interface Stored {
  ref: string;
  customer_name: string;
  uscc?: string | null;
  customer_id?: number | null;
  date?: string;
  amount?: string | number;
  kind?: string;
  imported_at?: string;
}

// PostgreSQL text holds no NUL and no lone surrogate; everything else SQLite's packed test stores is here,
// and what COPY escapes: backslashes, the delimiter U+001F, and the control characters it writes as \b \f \v.
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
  '😀 emoji',
  'unit\u001fsep',
  '\u001f',
  'rec\u001esep',
  'back\\slash',
  '\\N',
  '\\',
  'bell\u0007 bs\b ff\f vt\v',
  '13800138000',
  '0123',
  ' padded ',
  '',
];

/** Times as stored: whole seconds (the only form custrack writes) and what another program might store. */
const TIMES = [
  '2026-11-23T08:00:00Z',
  '2026-11-23T08:00:00.5Z',
  '2026-11-23T08:00:00.123456Z',
  '2026-11-23T08:00:00.000001Z',
  '0999-01-01T00:00:00Z',
  '0044-03-15T12:00:00Z BC',
  '10000-01-01T00:00:00Z',
];

let postgres: FreshDatabase;
let store: Store;

async function insert(rows: Stored[]): Promise<void> {
  const values: unknown[] = [];
  const tuples = rows.map((r, i) => {
    values.push(
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
    return `(${Array.from({ length: 9 }, (_, k) => `$${i * 9 + k + 1}`).join(', ')})`;
  });
  await asSuperuser(
    `INSERT INTO transactions (ref, customer_name, name_key, uscc, customer_id, date, amount, kind, imported_at) VALUES ${tuples.join(', ')}`,
    values,
    postgres.name,
  );
}

beforeAll(async () => {
  postgres = await freshDatabase('packed_export');
  const now = () => new Date('2026-11-23T02:03:04Z');
  store = await openStore(postgres.url, {
    env: process.env,
    create: true,
    actor: { user: 'test', now },
    userGiven: true,
    busyTimeoutMs: 5000,
  });
  await asSuperuser(
    "INSERT INTO customers (id, name, name_key, grade, registered_on, assigned_on, created_at) VALUES (7, '深圳市腾达(集团)有限公司', 'k', 'A', '2026-01-01', '2026-01-01', now())",
    [],
    postgres.name,
  );
  const rows: Stored[] = [];
  HOSTILE_TEXT.forEach((text, i) => {
    rows.push({
      ref: `R${i}-${text}`,
      customer_name: text || 'x',
      uscc: i % 3 === 0 ? null : text,
      customer_id: i % 2 ? 7 : null,
      kind: i % 5 ? 'sale' : 'return',
      imported_at: TIMES[i % TIMES.length]!,
      date: i % 4 ? '2024-02-29' : i % 8 ? '0044-03-15 BC' : '2026-11-20',
    });
  });
  // Amounts as stored: negatives, zero, cents under ten, 15 and 16 digits, the largest a number holds exactly.
  for (const amount of [
    '0',
    '-1',
    '5',
    '-5',
    '99',
    '100',
    '-12345',
    '999999999999999',
    '1000000000000000',
    '-999999999999999',
    '9007199254740991',
  ]) {
    rows.push({ ref: `A${amount}`, customer_name: '金额', amount });
  }
  // Enough plain rows for several chunks of the COPY stream.
  for (let i = 0; i < 3000; i++)
    rows.push({
      ref: `P${i}`,
      customer_name: `客户${i}有限公司`,
      uscc: i % 2 ? '91440300MA5F0XXXXX' : null,
      customer_id: i % 3 ? 7 : null,
      amount: i * 101 - 3000,
    });
  for (let from = 0; from < rows.length; from += 500) await insert(rows.slice(from, from + 500));
  // A gap in the ids, as a deleted row would leave.
  await asSuperuser("DELETE FROM transactions WHERE ref = 'P300'", [], postgres.name);
}, 60_000);

afterAll(async () => {
  await store?.close();
  await postgres?.drop();
});

async function exported(
  format: Format,
  options: { excel?: boolean; bom?: boolean; header?: boolean; lang?: 'en' | 'zh' },
  packed: boolean,
  columns?: (spec: string[]) => string[],
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
  await store.snapshot(() =>
    out
      .list(
        transactionSpec,
        store.exports.transactions(),
        packed
          ? (asked) => {
              const source = store.exports.packedTransactions!(columns ? columns(asked) : asked);
              return { lines: source.lines, row: (line) => (fallbacks++, source.row(line)) };
            }
          : undefined,
      )
      .then(() => undefined),
  );
  return { bytes: Buffer.concat(stdout.chunks), fallbacks };
}

describe('packed reading of transactions on PostgreSQL', () => {
  const cases: Array<[Format, { excel?: boolean; bom?: boolean; header?: boolean; lang?: 'en' | 'zh' }]> = [
    ['csv', {}],
    ['csv', { excel: true }],
    ['csv', { bom: true, header: false }],
    ['tsv', {}],
    ['tsv', { lang: 'zh', bom: true }],
  ];

  it.each(cases)('prints the same bytes as the typed rows (%s %j)', async (format, options) => {
    const typed = await exported(format, options, false);
    const packed = await exported(format, options, true);
    expect(packed.bytes.toString('utf8')).toBe(typed.bytes.toString('utf8'));
    expect(packed.bytes.equals(typed.bytes)).toBe(true);
  });

  it('reads the typed values from the line only for an escaped value, a time that is not a plain whole second, or an amount past 15 digits', async () => {
    const { fallbacks } = await exported('csv', {}, true);
    const escapes = HOSTILE_TEXT.map((text, i) => /[\\\n\r\t\b\f\v\u001f]/u.test(text) || TIMES[i % TIMES.length]!.length !== 20);
    // 1e15 and 2^53 - 1 (16 digits); every other row is written from its packed line.
    expect(fallbacks).toBe(escapes.filter(Boolean).length + 2);
  });

  it.each([
    ['in the order of the output', transactionSpec.columns.map((c) => c.stored!)],
    ['imported_at first', ['imported_at', 'amount', 'ref', 'uscc', 'customer_id', 'date', 'kind', 'customer_name']],
    ['imported_at in the middle', ['ref', 'imported_at', 'amount']],
  ])("every line holds the typed row's values, and is packed only when the output may write it as it is (%s)", async (_, columns) => {
    const typed: TransactionRow[] = [];
    const lines: string[] = [];
    await store.snapshot(async () => {
      for await (const row of store.exports.transactions()) typed.push(row);
      for await (const line of store.exports.packedTransactions!(columns).lines) lines.push(line);
    });
    expect(lines.length).toBe(typed.length);
    const column = (row: TransactionRow, name: string): unknown => {
      const value = (row as unknown as Record<string, unknown>)[name];
      return name === 'uscc' && value === '' ? null : value;
    };
    lines.forEach((line, i) => {
      const expected = typed[i]!;
      const row = packedTransactionRow(line, columns);
      expect(row.id).toBe(expected.id);
      for (const name of columns) expect(column(row, name), `${name} of #${expected.id}`).toEqual(column(expected, name));
      // A packed line is written as it is: its imported_at must be the typed text.
      const fields = line.split('\u001f');
      const packed = !line.includes('\\') && fields.length === columns.length + 1;
      expect(packed, line).toBe(line.includes('\u001f'));
      if (packed) expect(fields[columns.indexOf('imported_at') + 1]).toBe(expected.imported_at);
    });
    // Every odd time (not a whole second, year 10000, BC) was read from the line.
    expect(lines.filter((line) => !line.includes('\u001f')).length).toBeGreaterThanOrEqual(
      HOSTILE_TEXT.filter((_, i) => TIMES[i % TIMES.length]!.length !== 20).length,
    );
  });

  it('prints nothing at all for an empty table, header or not', async () => {
    const empty = await freshDatabase('packed_export_empty');
    const now = () => new Date('2026-11-23T02:03:04Z');
    const other = await openStore(empty.url, {
      env: process.env,
      create: true,
      actor: { user: 'test', now },
      userGiven: true,
      busyTimeoutMs: 5000,
    });
    try {
      const stdout = new Bytes();
      const out = new Output({
        format: 'csv',
        excel: false,
        bom: true,
        header: true,
        color: false,
        stderrColor: false,
        streams: { stdout, stderr: stdout, stdin: process.stdin } as never,
        t: await loadTranslator('en'),
      });
      await other.snapshot(() => out.list(transactionSpec, other.exports.transactions(), (c) => other.exports.packedTransactions!(c)));
      expect(Buffer.concat(stdout.chunks).length).toBe(0);
    } finally {
      await other.close();
      await empty.drop();
    }
  });

  it('refuses a column the table does not store', () => {
    expect(() => store.exports.packedTransactions!(['id', 'name_key; DROP TABLE transactions'])).toThrow(
      /not a stored transaction column/u,
    );
  });
});
