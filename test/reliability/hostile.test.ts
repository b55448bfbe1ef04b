// Issue 8 §5, the full run, all through the real binary: every hostile case of the fast run, 200 bad rows
// in a 100k-row file, and 300 seeded garbage files (random bytes, NULs, quotes, CR, tabs, GBK, BOMs, huge
// fields, broken headers): each imported whole or refused with nothing written, never a stack trace.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing } from '../helpers/cli.js';
import {
  amountRoundTrip,
  binary,
  commandLineRefusals,
  fuzzImports,
  importRefusals,
  manyBadRows,
  roundTripCase,
} from '../helpers/hostile.js';
import { scratchOffice } from '../helpers/scratch.js';

beforeAll(buildBundleIfMissing, 120_000);

describe('hostile input (full run, real binary)', () => {
  it('SQL-looking text and formula payloads round trip', async ({ onTestFinished }) => {
    const { tried } = await roundTripCase(binary, scratchOffice(onTestFinished));
    console.log(`round trip: ${tried} hostile values`);
  });

  it('refused on the command line', async ({ onTestFinished }) => {
    const { tried } = await commandLineRefusals(binary, scratchOffice(onTestFinished));
    console.log(`command line: ${tried} bad inputs refused`);
  });

  it('import files refused with line numbers', async ({ onTestFinished }) => {
    const { tried } = await importRefusals(binary, scratchOffice(onTestFinished));
    console.log(`import: ${tried} bad files refused`);
  });

  it('amounts kept to the fen', async ({ onTestFinished }) => {
    await amountRoundTrip(binary, scratchOffice(onTestFinished));
  });

  it('100 bad rows in 10k rows, and 200 bad rows in 100k rows', async ({ onTestFinished }) => {
    expect((await manyBadRows(binary, scratchOffice(onTestFinished), 10_000, 100, 20261127)).lines).toHaveLength(100);
    expect((await manyBadRows(binary, scratchOffice(onTestFinished), 100_000, 200, 20261128)).lines).toHaveLength(200);
  });

  it('300 seeded garbage files', async ({ onTestFinished }) => {
    const result = await fuzzImports(binary, scratchOffice(onTestFinished), 300, 20261129);
    console.log(
      `garbage: ${result.files} files, ${result.imported} imported whole (${result.rowsAdded} rows), ${result.refused} refused with nothing written`,
    );
    expect(result.imported + result.refused).toBe(300);
  });
});
