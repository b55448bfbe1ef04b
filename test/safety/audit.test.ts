// docs/rules.md, "Data safety", the history: one edit → exactly one entry with user and before/after; a command that fails →
// none; UPDATE and DELETE on the history fail with the trigger's message. test/reliability/audit.test.ts
// adds many random edits. Fast: the edit through the real binary, the rest in-process. On both engines.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing, HAS_SQLITE3 } from '../helpers/cli.js';
import { auditedOffice, failuresWriteNothing, historyCannotChange, oneEditOneEntry } from '../helpers/audit.js';
import { engineOffice, ON_POSTGRES } from '../helpers/engine.js';
import { binary, inProcess } from '../helpers/runners.js';

beforeAll(buildBundleIfMissing, 60_000);

/** Who tries to change the history behind custrack's back. */
const RAW_WRITERS = ON_POSTGRES ? "a superuser's session" : `better-sqlite3${HAS_SQLITE3 ? ' and the sqlite3 shell' : ''}`;

describe.concurrent('the audit trail', () => {
  it('one edit → exactly one history entry with the user and before/after', async ({ onTestFinished }) => {
    const db = await auditedOffice(inProcess, await engineOffice(onTestFinished));
    await oneEditOneEntry(binary, db);
  });

  it('a command that fails (duplicate, not found, bad value, bad import row, busy) → no history entry', async ({ onTestFinished }) => {
    const office = await engineOffice(onTestFinished);
    const db = await auditedOffice(inProcess, office);
    const tried = await failuresWriteNothing(inProcess, office, db);
    console.log(`audit: ${tried} failing commands, 0 history entries`);
  }, 30_000);

  it(`UPDATE and DELETE on the history fail with the trigger message (${RAW_WRITERS})`, async ({ onTestFinished }) => {
    const db = await auditedOffice(inProcess, await engineOffice(onTestFinished));
    expect(await historyCannotChange(db, HAS_SQLITE3)).toBeGreaterThanOrEqual(6);
  });
});
