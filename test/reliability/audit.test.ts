// docs/rules.md, "Data safety", the history, full run through the real binary: one edit → one entry; 100 random edits →
// exactly one entry per changed field with user and before/after; failing commands → none; UPDATE and
// DELETE on the history refused by the triggers (better-sqlite3 and the sqlite3 shell).
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing, HAS_SQLITE3 } from '../helpers/cli.js';
import { auditedOffice, failuresWriteNothing, historyCannotChange, manyEdits, oneEditOneEntry } from '../helpers/audit.js';
import { binary } from '../helpers/runners.js';
import { scratchOffice } from '../helpers/scratch.js';

beforeAll(buildBundleIfMissing, 120_000);

describe('the audit trail (full run)', () => {
  it('one edit → one entry; 100 random edits → one entry per changed field', async ({ onTestFinished }) => {
    const db = await auditedOffice(binary, scratchOffice(onTestFinished));
    await oneEditOneEntry(binary, db);
    const entries = await manyEdits(binary, db, 100, 20261130);
    console.log(`audit: 100 edits → ${entries} entries, each with user and before/after`);
    expect(entries).toBeGreaterThan(100);
  });

  it('failing commands write no history', async ({ onTestFinished }) => {
    const office = scratchOffice(onTestFinished);
    const db = await auditedOffice(binary, office);
    const tried = await failuresWriteNothing(binary, office, db);
    console.log(`audit: ${tried} failing commands, 0 history entries`);
  });

  it('the history cannot be changed or deleted', async ({ onTestFinished }) => {
    const db = await auditedOffice(binary, scratchOffice(onTestFinished));
    expect(await historyCannotChange(db, HAS_SQLITE3)).toBeGreaterThanOrEqual(6);
  });
});
