// Issue 8 §5, hostile input: SQL-looking text, formula payloads, NUL bytes, 10 kB names, invalid UTF-8
// and mixed encodings, unbalanced quotes, 100 bad rows in a 10k-row file, impossible dates, negative and
// huge amounts. Each gets a clear error (exit 2, no stack trace, never exit 70) and writes nothing, or
// makes a faithful round trip. Fast: in-process, and the 10k-row file through the real binary.
// test/reliability/hostile.test.ts runs everything through the binary and adds seeded garbage files. On both engines.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing } from '../helpers/cli.js';
import { amountRoundTrip, binary, commandLineRefusals, importRefusals, inProcess, manyBadRows, roundTripCase } from '../helpers/hostile.js';
import { engineOffice } from '../helpers/engine.js';

beforeAll(buildBundleIfMissing, 60_000);

describe.concurrent('hostile input', () => {
  it('SQL-looking text and formula payloads: stored as typed, guarded in csv, faithful in json', async ({ onTestFinished }) => {
    const { tried } = await roundTripCase(inProcess, await engineOffice(onTestFinished));
    console.log(`round trip: ${tried} hostile values`);
  }, 30_000);

  it('refused on the command line: 10 kB names, control characters, impossible dates, bad amounts', async ({ onTestFinished }) => {
    const { tried } = await commandLineRefusals(inProcess, await engineOffice(onTestFinished));
    console.log(`command line: ${tried} bad inputs refused`);
  });

  it('import files: NUL bytes, invalid UTF-8, mixed encodings, 10 kB names, dates, amounts, unbalanced quotes', async ({
    onTestFinished,
  }) => {
    const { tried } = await importRefusals(inProcess, await engineOffice(onTestFinished));
    console.log(`import: ${tried} bad files refused`);
  });

  it('a return of −5.00 and the largest amount are kept to the fen', async ({ onTestFinished }) => {
    await amountRoundTrip(inProcess, await engineOffice(onTestFinished));
  });

  it('exactly 100 bad rows in a 10k-row file → exactly 100 line-numbered errors, nothing written (real binary)', async ({
    onTestFinished,
  }) => {
    const { lines } = await manyBadRows(binary, await engineOffice(onTestFinished), 10_000, 100, 8005);
    expect(lines).toHaveLength(100);
  }, 30_000);
});
