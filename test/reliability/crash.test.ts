// docs/rules.md, "Data safety" "a failure or a kill leaves the database as it was before", the full run (`npm run
// test:reliability`): a 200k-row import killed at 10 seeded moments and 7 points in and around its commit,
// init/customer add/customer edit killed at 14 points, and a migration of a 200k-row office (test build
// with one more migration) killed at 13 points. After every kill: integrity_check ok, all or none of the
// write, and the same command run again succeeds.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing } from '../helpers/cli.js';
import { customerWriteCrashScenario, importCrashScenario, initCrashScenario, migrationCrashScenario, summarize } from '../helpers/crash.js';
import { scratchOffice } from '../helpers/scratch.js';

beforeAll(buildBundleIfMissing, 120_000);

describe('a write killed with SIGKILL leaves all of it or none of it (full run)', () => {
  it('import transactions, 200k rows: 10 seeded moments + 7 in and around the commit', async ({ onTestFinished }) => {
    const office = scratchOffice(onTestFinished);
    const result = await importCrashScenario(office, {
      customers: 2_000,
      rows: 200_000,
      randomPoints: 10,
      latePoints: 'many',
      seed: 20261123,
    });
    console.log(summarize(`import of ${result.rows} rows (${result.calibrationMs} ms undisturbed)`, result.points));
    expect(result.points.filter((p) => p.killed).length).toBeGreaterThanOrEqual(10);
  });

  it('init on a fresh file: 6 points', async ({ onTestFinished }) => {
    const result = await initCrashScenario(scratchOffice(onTestFinished), { pointsPerCommand: 6, seed: 20261124 });
    console.log(summarize('init', result.points));
    expect(result.killedPoints).toBe(6);
  });

  it('customer add and customer edit on an existing database: 8 points', async ({ onTestFinished }) => {
    const result = await customerWriteCrashScenario(scratchOffice(onTestFinished), { pointsPerCommand: 4, seed: 20261125 });
    console.log(summarize('customer add / edit', result.points));
    expect(result.killedPoints).toBe(8);
  });

  it('a migration of a 200k-row office killed at 13 points (backup, migration transaction, commit)', async ({ onTestFinished }) => {
    const office = scratchOffice(onTestFinished);
    const result = await migrationCrashScenario(office, {
      customers: 2_000,
      rows: 200_000,
      extraRows: 1_000_000,
      randomPoints: 6,
      latePoints: 'many',
      seed: 20261126,
    });
    console.log(summarize(`migration (${result.calibrationMs} ms undisturbed)`, result.points));
    if (result.leftovers.length) console.log(`left behind by killed migrations:\n  ${result.leftovers.join('\n  ')}`);
    // The 6 seeded moments (retried sooner when they came too late), and the two points around the backup.
    expect(result.points.filter((p) => p.killed).length).toBeGreaterThanOrEqual(8);
  });
});
