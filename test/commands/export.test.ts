// Exports stream the table a page at a time (src/db/statements.ts): every row exactly once, in the
// order entered, whatever the count's relation to the page size, with the same rows in csv and json.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCustrack } from '../helpers/cli.js';
import { writeImportFile } from '../helpers/imports.js';
import { useScratchOffices } from '../helpers/scratch.js';

const newScratch = useScratchOffices();

describe('export transactions, a page at a time', () => {
  it.each([0, 1, 255, 256, 257, 512, 700])('%i rows: each once, in order, csv and json alike', async (rows) => {
    const office = newScratch();
    const run = (...args: string[]) => runCustrack(args, { db: office.dbPath });
    if (rows > 0) {
      const lines = Array.from({ length: rows }, (_, i) => `客户${i % 37},2026-01-${String((i % 28) + 1).padStart(2, '0')},${i}.5,sale,R${i}`);
      const file = writeImportFile(office.path('txns.csv'), `customer,date,amount,kind,ref\n${lines.join('\n')}\n`);
      expect((await run('import', 'transactions', file)).code).toBe(0);
    } else {
      expect((await run('init')).code).toBe(0);
    }
    const csv = await run('export', 'transactions', '--format', 'csv');
    expect(csv.code).toBe(0);
    const records = rows === 0 ? [] : (parse(csv.stdout, { columns: true }) as Array<Record<string, string>>);
    expect(records.map((r) => r['Invoice no.'])).toEqual(Array.from({ length: rows }, (_, i) => `R${i}`));
    expect(records.map((r) => r['Amount'])).toEqual(Array.from({ length: rows }, (_, i) => `${i}.50`));
    const json = await run('export', 'transactions', '--format', 'json');
    expect((JSON.parse(json.stdout) as Array<{ ref: string }>).map((t) => t.ref)).toEqual(records.map((r) => r['Invoice no.']));
  });
});
