// docs/rules.md, "Data safety" "a failure or a kill leaves the database as it was before", fast version for `npm test`:
// a 30k-row import killed at 3 points, init/customer add/customer edit killed at 4 points, and a
// migration (test build with one more migration) killed at 3 points. test/reliability/crash.test.ts
// runs the same scenarios with 200k rows and many more kill points.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing } from '../helpers/cli.js';
import { customerWriteCrashScenario, importCrashScenario, initCrashScenario, migrationCrashScenario, summarize } from '../helpers/crash.js';
import { scratchOffice } from '../helpers/scratch.js';

beforeAll(buildBundleIfMissing, 60_000);

describe.concurrent('a write killed with SIGKILL leaves all of it or none of it', () => {
  it('import transactions (30k rows): killed at 2 seeded moments and inside the commit', async ({ onTestFinished }) => {
    const office = scratchOffice(onTestFinished);
    const result = await importCrashScenario(office, { customers: 300, rows: 30_000, randomPoints: 2, latePoints: 'few', seed: 8001 });
    console.log(summarize(`import of ${result.rows} rows (${result.calibrationMs} ms undisturbed)`, result.points));
    expect(result.points.filter((p) => p.killed).length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('init on a fresh file, customer add and customer edit on an existing one', async ({ onTestFinished }) => {
    const init = await initCrashScenario(scratchOffice(onTestFinished), { pointsPerCommand: 2, seed: 8002 });
    const customer = await customerWriteCrashScenario(scratchOffice(onTestFinished), { pointsPerCommand: 1, seed: 8003 });
    console.log(summarize('init', init.points));
    console.log(summarize('customer add / edit', customer.points));
    expect(init.killedPoints).toBe(2);
    expect(customer.killedPoints).toBe(2);
  }, 60_000);

  it('a migration (test build with one more migration) killed while backing up and while migrating', async ({ onTestFinished }) => {
    const office = scratchOffice(onTestFinished);
    const result = await migrationCrashScenario(office, {
      customers: 100,
      rows: 5_000,
      extraRows: 100_000,
      randomPoints: 0,
      latePoints: 'few',
      seed: 8004,
    });
    console.log(summarize(`migration (${result.calibrationMs} ms undisturbed)`, result.points));
    if (result.leftovers.length) console.log(`left behind by killed migrations:\n  ${result.leftovers.join('\n  ')}`);
    expect(result.points.filter((p) => p.killed).length).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
