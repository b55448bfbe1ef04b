// docs/rules.md, "Data safety", the history: every change is written in the same transaction as the change (user, before,
// after); a command that fails writes none; the history cannot be changed or deleted. Shared by
// test/safety/audit.test.ts and test/reliability/audit.test.ts. On a SQLite file (a ScratchOffice) or a database of
// either engine (an EngineOffice); `db` is what --db is given, a path or a postgres:// URL.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { CLERK } from './cli.js';
import type { EngineOffice } from './engine.js';
import { runToEnd, seededRandom, stackLines } from './processes.js';
import { databaseDigest, holdWriteLock, isServerUrl, queryDatabase } from './rawdb.js';
import type { Runner } from './runners.js';
import type { ScratchOffice } from './scratch.js';

/** Where the office's database is, for --db. */
const databaseOf = (office: ScratchOffice | EngineOffice): string => ('dbPath' in office ? office.dbPath : office.db);

export interface HistoryRow {
  id: number;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  field: string | null;
  old: string | null;
  new: string | null;
}

export const historyRows = (db: string): Promise<HistoryRow[]> =>
  queryDatabase<HistoryRow>(db, 'SELECT id, actor, action, entity, entity_id, field, old, new FROM history ORDER BY id');

async function ok(run: Runner, args: string[], db: string, env: Record<string, string> = {}): Promise<void> {
  const result = await run(args, db, env);
  expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
}

/** A customer (#1), a form sent and returned, ready for edits and failing commands. */
export async function auditedOffice(run: Runner, office: ScratchOffice | EngineOffice): Promise<string> {
  const db = databaseOf(office);
  await ok(run, ['customer', 'add', '--name', '深圳市腾达有限公司', '--owner', '张伟', '--uscc', '91110000600037341L'], db);
  await ok(run, ['customer', 'add', '--name', '广州市华信有限公司', '--owner', '李娜'], db);
  await ok(run, ['form', 'send', '1', '--kind', 'initial', '--sent', '2026-11-01'], db);
  await ok(run, ['form', 'return', '1', '--returned', '2026-11-10'], db);
  return db;
}

/** `customer edit 1 --grade A` → exactly one entry: who, which field, before and after. */
export async function oneEditOneEntry(run: Runner, db: string): Promise<void> {
  const before = await historyRows(db);
  await ok(run, ['customer', 'edit', '1', '--grade', 'A'], db);
  const added = (await historyRows(db)).slice(before.length);
  expect(added).toEqual([
    expect.objectContaining({ actor: CLERK, action: 'update', entity: 'customer', entity_id: '1', field: 'grade', old: 'C', new: 'A' }),
  ]);
  // The same entry as the clerk sees it, with --user naming someone else for the next edit.
  await ok(run, ['customer', 'edit', '1', '--owner', '王芳'], db, { CUSTRACK_USER: '刘洋' });
  const shown = await run(['history', '1', '--format', 'json'], db);
  const entries = JSON.parse(shown.stdout) as Array<{ user: string; action: string; field: string | null; old: unknown; new: unknown }>;
  expect(entries.slice(0, 2)).toEqual([
    expect.objectContaining({ user: '刘洋', action: 'update', field: 'owner', old: '张伟', new: '王芳' }),
    expect.objectContaining({ user: CLERK, action: 'update', field: 'grade', old: 'C', new: 'A' }),
  ]);
}

/** Commands that fail: no history entry, nothing else changed either. Returns how many were tried. */
export async function failuresWriteNothing(run: Runner, office: ScratchOffice | EngineOffice, db: string): Promise<number> {
  const badImport = office.path('bad.csv');
  writeFileSync(
    badImport,
    'customer,date,amount,kind,ref\n深圳市腾达有限公司,2026-01-05,100.00,sale,F1\n广州市华信有限公司,2026-02-30,5.00,sale,F2\n',
  );
  const badCustomers = office.path('bad-customers.csv');
  writeFileSync(badCustomers, 'name,grade\n新公司甲,A\n深圳市腾达有限公司,B\n');
  const failing: Array<{ args: string[]; code: number; env?: Record<string, string> }> = [
    { args: ['customer', 'add', '--name', '深圳市 腾达有限公司'], code: 4 }, // the same name key
    { args: ['customer', 'add', '--name', '另一家公司', '--uscc', '91110000600037341L'], code: 4 },
    { args: ['customer', 'edit', '2', '--name', '深圳市腾达有限公司'], code: 4 },
    { args: ['customer', 'edit', '99', '--grade', 'A'], code: 3 },
    { args: ['customer', 'edit', '1', '--grade', 'Z'], code: 2 },
    { args: ['customer', 'edit', '1', '--grade', 'B', '--registered', '2026-02-30'], code: 2 },
    { args: ['visit', 'add', '99', '--method', 'phone', '--no-input'], code: 3 },
    { args: ['form', 'return', '1', '--returned', '2026-11-11'], code: 4 },
    { args: ['application', 'approve', '1', '--by', '经理'], code: 3 },
    { args: ['import', 'transactions', badImport], code: 2 },
    { args: ['import', 'customers', badCustomers], code: 2 },
  ];
  const history = await historyRows(db);
  const content = await databaseDigest(db);
  for (const { args, code, env } of failing) {
    const result = await run(args, db, env);
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(code);
    expect(stackLines(result.stderr)).toEqual([]);
    expect(await historyRows(db), `history after the failing ${args.join(' ')}`).toEqual(history);
  }
  // A write refused because another process holds the lock (exit 5) writes no history either.
  const lock = await holdWriteLock(db);
  try {
    const busy = await runToEnd(['customer', 'edit', '1', '--grade', 'C'], { db, env: { CUSTRACK_BUSY_TIMEOUT_MS: '200' } });
    expect(busy.code).toBe(5);
  } finally {
    await lock.release();
  }
  expect(await historyRows(db)).toEqual(history);
  expect(await databaseDigest(db)).toBe(content);
  return failing.length + 1;
}

export const APPEND_ONLY = /custrack history is append-only/u;

const CHANGES = [
  "UPDATE history SET actor = 'mallory'",
  "UPDATE history SET new = 'B' WHERE id = (SELECT max(id) FROM history)",
  'DELETE FROM history',
  'DELETE FROM history WHERE id = 1',
];

/**
 * UPDATE and DELETE on the history are refused: through better-sqlite3 and the sqlite3 shell on a file; on the
 * server through a superuser's session (no psql here), TRUNCATE included.
 */
export async function historyCannotChange(db: string, withShell: boolean): Promise<number> {
  const before = await historyRows(db);
  expect(before.length).toBeGreaterThan(0);
  if (isServerUrl(db)) {
    const attempts = [
      ...CHANGES,
      'TRUNCATE history',
      "INSERT INTO history (id, at, actor, action, entity) VALUES (1, now(), 'mallory', 'forged', 'customer') ON CONFLICT (id) DO UPDATE SET actor = 'mallory'",
    ];
    for (const sql of attempts) await expect(queryDatabase(db, sql), sql).rejects.toThrow(APPEND_ONLY);
    expect(await historyRows(db)).toEqual(before);
    return attempts.length;
  }
  const attempts = [
    ...CHANGES,
    'UPDATE OR IGNORE history SET old = NULL',
    "INSERT INTO history (id, at, actor, action, entity) VALUES (1, 'x', 'mallory', 'forged', 'customer') ON CONFLICT (id) DO UPDATE SET actor = 'mallory'",
  ];
  const raw = new Database(db, { fileMustExist: true });
  try {
    for (const sql of attempts) expect(() => raw.exec(sql), sql).toThrow(APPEND_ONLY);
  } finally {
    raw.close();
  }
  let tried = attempts.length;
  if (withShell) {
    for (const sql of CHANGES) {
      let stderr = '';
      try {
        execFileSync('sqlite3', [db, sql], { stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (err) {
        stderr = String((err as { stderr?: Buffer }).stderr ?? '');
      }
      expect(stderr, `sqlite3 ${sql}`).toMatch(APPEND_ONLY);
      tried++;
    }
  }
  expect(await historyRows(db)).toEqual(before);
  return tried;
}

/** Many edits of random fields: exactly one entry per changed field, each with the right before/after. */
export async function manyEdits(run: Runner, db: string, edits: number, seed: number): Promise<number> {
  const random = seededRandom(seed);
  const owners = ['张伟', '王芳', '李娜', '刘洋'];
  const grades = ['A', 'B', 'C'];
  let entries = 0;
  for (let i = 0; i < edits; i++) {
    const [current] = (await queryDatabase<{ grade: string; owner: string; region: string | null }>(
      db,
      'SELECT grade, owner, region FROM customers WHERE id = 1',
    )) as [{ grade: string; owner: string; region: string | null }];
    const before = (await historyRows(db)).length;
    const grade = grades[Math.floor(random() * 3)]!;
    const owner = owners[Math.floor(random() * 4)]!;
    const region = random() < 0.5 ? `区域${i}` : null;
    const args = ['customer', 'edit', '1', '--grade', grade, '--owner', owner, ...(region ? ['--region', region] : [])];
    await ok(run, args, db, { CUSTRACK_USER: `clerk${i % 3}` });
    const added = (await historyRows(db)).slice(before);
    const expected = [
      ...(owner !== current.owner ? [{ field: 'owner', old: current.owner, new: owner }] : []),
      ...(grade !== current.grade ? [{ field: 'grade', old: current.grade, new: grade }] : []),
      ...(region && region !== current.region ? [{ field: 'region', old: current.region, new: region }] : []),
    ];
    expect(added.map((e) => ({ field: e.field, old: e.old, new: e.new })).sort((a, b) => a.field!.localeCompare(b.field!))).toEqual(
      expected.sort((a, b) => a.field.localeCompare(b.field)),
    );
    for (const e of added) expect(e).toMatchObject({ actor: `clerk${i % 3}`, action: 'update', entity: 'customer', entity_id: '1' });
    entries += added.length;
  }
  return entries;
}
