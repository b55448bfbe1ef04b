// docs/rules.md, "Data safety", the full run: `backup` again and again while a 200k-row import and a clerk's 50 visits go on;
// every copy passes quick_check, opens as a custrack database, holds one consistent moment (all of the
// import or none, history in step with the data), and is done in under 20 s.
import { rmSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing } from '../helpers/cli.js';
import { backupUnderLoad, officeWithInvoices } from '../helpers/load.js';
import { scratchOffice } from '../helpers/scratch.js';

beforeAll(buildBundleIfMissing, 120_000);

describe('backup under load (full run)', () => {
  it('during a 200k-row import and 50 visits, every copy is whole, consistent and done in < 20 s', async ({ onTestFinished }) => {
    const office = scratchOffice(onTestFinished);
    const invoices = await officeWithInvoices(office, 2_000, 1, 200_000);
    const result = await backupUnderLoad(invoices, { visits: 50, backups: 5, untilDone: true, limitMs: 20_000 }, (i) =>
      office.path(`copy-${i}.db`),
    );
    console.log(`backup under load: ${result.backups} copies (${result.underLoad} while writing), slowest ${result.slowestMs} ms`);
    console.log(`  snapshots (transactions, visits): ${result.snapshots.map((s) => `${s.transactions}/${s.visits}`).join(' ')}`);
    expect(result.underLoad).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < result.backups; i++) rmSync(office.path(`copy-${i}.db`), { force: true });
  });
});
