// Exports stream the table a page at a time (src/db/statements.ts; on the server one COPY,
// src/db/postgres/packed-export.ts): every row exactly once, in the order entered, whatever the count's relation
// to the page size, with the same rows in csv and json; and what one export shows is one snapshot. On both engines.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { CapturedStream, clerkEnv, fakeStdin, runCustrack, WALL_CLOCK } from '../helpers/cli.js';
import { writeImportFile } from '../helpers/imports.js';
import { useEngineOffices } from '../helpers/engine.js';
import { queryDatabase } from '../helpers/rawdb.js';

const newOffice = useEngineOffices();

describe('export transactions, a page at a time', () => {
  it.each([0, 1, 255, 256, 257, 512, 700])('%i rows: each once, in order, csv and json alike', async (rows) => {
    const office = await newOffice();
    const run = (...args: string[]) => runCustrack(args, { db: office.db });
    if (rows > 0) {
      const lines = Array.from(
        { length: rows },
        (_, i) => `客户${i % 37},2026-01-${String((i % 28) + 1).padStart(2, '0')},${i}.5,sale,R${i}`,
      );
      const file = writeImportFile(office.path('txns.csv'), `customer,date,amount,kind,ref\n${lines.join('\n')}\n`);
      expect((await run('import', 'transactions', file)).code).toBe(0);
    } else {
      expect((await run('init')).code).toBe(0);
    }
    const csv = await run('export', 'transactions', '--format', 'csv');
    expect(csv.code).toBe(0);
    const records = rows === 0 ? [] : (parse(csv.stdout, { columns: true }) as Array<Record<string, string>>);
    expect(records.map((r) => r['Invoice no.'])).toEqual(Array.from({ length: rows }, (_, i) => `R${i}`));
    expect(records.map((r) => r.Amount)).toEqual(Array.from({ length: rows }, (_, i) => `${i}.50`));
    const json = await run('export', 'transactions', '--format', 'json');
    expect((JSON.parse(json.stdout) as Array<{ ref: string }>).map((t) => t.ref)).toEqual(records.map((r) => r['Invoice no.']));
  });
});

describe('an export is one snapshot', () => {
  it('a write committed while it streams shows in none of its pages', async () => {
    const office = await newOffice();
    const rows = 3_000;
    const lines = Array.from({ length: rows }, (_, i) => `客户${i % 37},2026-01-15,${i + 1}.25,sale,R${i}`);
    const file = writeImportFile(office.path('txns.csv'), `customer,date,amount,kind,ref\n${lines.join('\n')}\n`);
    expect((await runCustrack(['import', 'transactions', file], { db: office.db })).code).toBe(0);

    // Another connection's write lands as soon as the first bytes of the export are out.
    let meddled = false;
    const chunks: Buffer[] = [];
    const stdout = new (class extends Writable {
      override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error) => void): void {
        chunks.push(chunk);
        if (meddled) {
          done();
          return;
        }
        meddled = true;
        void (async () => {
          await queryDatabase(office.db, 'UPDATE transactions SET amount = 0 RETURNING id');
          await queryDatabase(
            office.db,
            "INSERT INTO transactions (ref, customer_name, name_key, date, amount, kind, imported_at) VALUES ('LATE', 'x', 'x', '2026-01-15', 1, 'sale', '2026-11-23T00:00:00Z') RETURNING id",
          );
        })().then(() => done(), done);
      }
    })();
    const { run } = await import('../../src/cli/run.js');
    const code = await run(['export', 'transactions', '--format', 'csv'], {
      streams: { stdin: fakeStdin(), stdout, stderr: new CapturedStream() },
      env: clerkEnv(office.db),
      now: () => WALL_CLOCK,
    });
    expect(code).toBe(0);
    expect(meddled).toBe(true);
    expect(chunks.length).toBeGreaterThan(1);
    const records = parse(Buffer.concat(chunks).toString('utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(records.map((r) => r.Amount)).toEqual(Array.from({ length: rows }, (_, i) => `${i + 1}.25`));

    // The next export sees the write.
    const after = parse((await runCustrack(['export', 'transactions', '--format', 'csv'], { db: office.db })).stdout, {
      columns: true,
    }) as Array<Record<string, string>>;
    expect(after).toHaveLength(rows + 1);
    expect(new Set(after.slice(0, rows).map((r) => r.Amount))).toEqual(new Set(['0.00']));
  });
});
