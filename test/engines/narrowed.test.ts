// The overdue list narrowed before it is read (--owner, --kind, --customer) gives exactly the items of the
// whole list filtered afterwards: on generated data and the sample office, on both engines, on several days.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCustrack } from '../helpers/cli.js';
import { freshDatabase, type FreshDatabase } from '../helpers/postgres.js';
import { OVERDUE_KINDS } from '../../src/core/overdue.js';

interface Item {
  kind: string;
  customer_id: number;
  owner: string | null;
}

let dir: string;
let postgres: FreshDatabase;
const engines: Array<[string, () => string]> = [
  ['SQLite', () => join(dir, 'office.db')],
  ['PostgreSQL', () => postgres.url],
];
const DAYS = ['2026-06-30', '2026-10-31', '2026-11-20'];

async function overdue(db: string, asOf: string, more: string[] = []): Promise<Item[]> {
  const result = await runCustrack(['overdue', '--within', '10', '--format', 'json', '--db', db, '--as-of', asOf, ...more]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Item[];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'custrack-narrowed-'));
  postgres = await freshDatabase('narrowed');
  const generated = join(dir, 'generated');
  execFileSync(process.execPath, [join(REPO_ROOT, 'bench/generate.mjs'), generated, '300', '3000', '3000'], { stdio: 'ignore' });
  const fixture = (name: string): string => join(REPO_ROOT, 'fixtures', name);
  const tour = JSON.parse(readFileSync(fixture('tour.json'), 'utf8')) as Array<{ args: string[] }>;
  const steps = [
    // The tour names visits by their numbers in the sample office, so the sample goes first.
    ['import', 'customers', fixture('customers.csv')],
    ['import', 'transactions', fixture('transactions.csv')],
    ['import', 'visits', fixture('visits.csv')],
    ...tour.map((s) => s.args),
    ['import', 'customers', join(generated, 'customers.csv'), '--skip-existing', '--allow-similar'],
    ['import', 'transactions', join(generated, 'transactions.csv')],
    ['import', 'visits', join(generated, 'visits.csv')],
  ];
  for (const [, db] of engines) {
    for (const args of steps) {
      const result = await runCustrack([...args, '--db', db(), '--as-of', '2026-11-20']);
      // --allow-similar is the option of a later step of the work; a build without it imports the file without it.
      if (result.code === 2 && args.includes('--allow-similar')) {
        const again = await runCustrack([...args.filter((a) => a !== '--allow-similar'), '--db', db(), '--as-of', '2026-11-20']);
        if (again.code !== 0) throw new Error(`custrack ${args.join(' ')}\n${again.stderr}`);
      } else if (result.code !== 0) throw new Error(`custrack ${args.join(' ')}\n${result.stderr}`);
    }
  }
}, 300_000);

afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await postgres?.drop();
});

describe.each(engines)('%s', (_, db) => {
  it.each(DAYS)('on %s: --owner, --kind and --customer give the whole list filtered', async (day) => {
    const all = await overdue(db(), day);
    expect(all.length).toBeGreaterThan(50);
    const owners = [...new Set(all.map((i) => i.owner).filter((o): o is string => o !== null))].slice(0, 6);
    for (const owner of owners) expect(await overdue(db(), day, ['--owner', owner]), owner).toEqual(all.filter((i) => i.owner === owner));
    for (const kind of OVERDUE_KINDS) expect(await overdue(db(), day, ['--kind', kind]), kind).toEqual(all.filter((i) => i.kind === kind));
    expect(await overdue(db(), day, ['--kind', 'minutes', '--kind', 'form-return'])).toEqual(
      all.filter((i) => i.kind === 'minutes' || i.kind === 'form-return'),
    );
    const someone = owners[0]!;
    expect(await overdue(db(), day, ['--owner', someone, '--kind', 'follow-up'])).toEqual(
      all.filter((i) => i.owner === someone && i.kind === 'follow-up'),
    );
    const customers = [...new Set(all.map((i) => i.customer_id))].slice(0, 8);
    for (const id of customers)
      expect(await overdue(db(), day, ['--customer', String(id)]), `#${id}`).toEqual(all.filter((i) => i.customer_id === id));
  });
});
