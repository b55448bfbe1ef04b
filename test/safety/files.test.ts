// docs/rules.md, "Data safety": the database, its -wal and -shm, backups, the stdin spool and the files of `overdue --out-dir`
// are created 0600 (directories 0700) even under umask 000 — the binary run as
// `sh -c 'umask 000; exec node bin/custrack.js …'`. test/reliability/files.test.ts tries more umasks and a
// larger import. (UNC and NFS/SMB/CIFS refusal: test/db/open.test.ts.)
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing } from '../helpers/cli.js';
import { fileModesScenario } from '../helpers/files.js';
import { scratchOffice } from '../helpers/scratch.js';

beforeAll(buildBundleIfMissing, 60_000);

describe('every file custrack creates is private', () => {
  it('under umask 000: database, -wal/-shm during an import, spool, backups, overdue --out-dir files', async ({ onTestFinished }) => {
    const result = await fileModesScenario(scratchOffice(onTestFinished), '000', 15_000, ['csv', 'json']);
    console.log(`umask 000: ${result.created.size} paths created, all 0600/0700 (stdin spool seen: ${result.spoolSeen})`);
    expect(result.created.size).toBeGreaterThan(10);
  }, 60_000);
});
