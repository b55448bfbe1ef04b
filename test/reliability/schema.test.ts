// docs/rules.md, "Exit codes" and "Data safety", the full run: every kind of file custrack must refuse × every command, all through the real
// binary: exit 5, one line, nothing on stdout, the file byte-identical and nothing created beside it.
import { readdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing } from '../helpers/cli.js';
import { runToEnd, stackLines } from '../helpers/processes.js';
import { INVOICES_CSV, REFUSABLE, everyCommand } from '../helpers/refusals.js';
import { fileDigest, scratchOffice } from '../helpers/scratch.js';

beforeAll(buildBundleIfMissing, 120_000);

describe('refused with exit 5 and left byte-for-byte unchanged (full run, real binary)', () => {
  it.for(REFUSABLE)('$name: every command', async (file, { onTestFinished }) => {
    const office = scratchOffice(onTestFinished);
    const elsewhere = scratchOffice(onTestFinished);
    const input = elsewhere.path('invoices.csv');
    writeFileSync(input, INVOICES_CSV);
    await file.make(office.dbPath);
    const digest = fileDigest(office.dbPath);
    const listing = readdirSync(office.dir);
    const commands = everyCommand(input, office.path('copy.db'));
    const results = await Promise.all(commands.map(async (args) => ({ args, result: await runToEnd(args, { db: office.dbPath }) })));
    for (const { args, result } of results) {
      const what = `${file.name}: custrack ${args.join(' ')}`;
      expect(result.code, `${what}\n${result.stderr}`).toBe(5);
      expect(result.stdout, what).toBe('');
      expect(result.stderr, what).toMatch(file.message);
      expect(result.stderr, what).toContain('left untouched');
      expect(result.stderr.trimEnd().split('\n'), what).toHaveLength(1);
      expect(stackLines(result.stderr), what).toEqual([]);
    }
    expect(fileDigest(office.dbPath)).toBe(digest);
    expect(readdirSync(office.dir)).toEqual(listing);
    console.log(`${file.name}: ${commands.length} commands refused, file unchanged`);
  });
});
