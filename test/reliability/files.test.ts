// docs/rules.md, "Data safety", the full run: the database, its -wal/-shm (seen during a 50k-row import), the stdin spool,
// backups and every format of `overdue --out-dir` are 0600 (directories 0700) under umasks 000, 002 and
// 022. (The migration backup under umask 000: crash.test.ts, the undisturbed migration.)
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing } from '../helpers/cli.js';
import { fileModesScenario } from '../helpers/files.js';
import { scratchOffice } from '../helpers/scratch.js';

beforeAll(buildBundleIfMissing, 120_000);

describe('every file custrack creates is private (full run)', () => {
  it.for(['000', '002', '022'])('under umask %s', async (umask, { onTestFinished }) => {
    const result = await fileModesScenario(scratchOffice(onTestFinished), umask, 50_000);
    console.log(`umask ${umask}: ${result.created.size} paths created, all 0600/0700 (stdin spool seen: ${result.spoolSeen})`);
    expect(result.created.size).toBeGreaterThan(10);
  });
});
