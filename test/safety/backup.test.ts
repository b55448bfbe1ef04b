// docs/rules.md, "Data safety": `backup` while others write gives a copy that passes quick_check, opens as a custrack database
// and holds one consistent moment, in bounded time. Fast version; test/reliability/backup.test.ts backs up
// during a 200k-row import. On both engines: on PostgreSQL `backup --to file.db` writes a SQLite snapshot of the server's data.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing } from '../helpers/cli.js';
import { backupUnderLoad, officeWithInvoices } from '../helpers/load.js';
import { engineOffice } from '../helpers/engine.js';

beforeAll(buildBundleIfMissing, 60_000);

describe('backup under load', () => {
  it('while a clerk logs visits and the cron job imports, every copy is whole and consistent', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const invoices = await officeWithInvoices(office, 30, 2, 5_000);
    const result = await backupUnderLoad(invoices, { visits: 6, backups: 3, untilDone: false, limitMs: 20_000 }, (i) =>
      office.path(`copy-${i}.db`),
    );
    console.log(
      `backup under load: ${result.backups} copies (${result.underLoad} while writing), slowest ${result.slowestMs} ms: ${JSON.stringify(result.snapshots)}`,
    );
    expect(result.underLoad).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
