// Once product bugs found by the reliability runs; each stays fixed. On both engines, but for what a SQLite
// file alone has (its WAL).
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fileDigest, useScratchOffices } from '../helpers/scratch.js';
import { useStoreOffice } from '../helpers/db.js';
import { describeSqliteOnly, ON_POSTGRES, useEngineOffices } from '../helpers/engine.js';
import { holdWriteLock } from '../helpers/rawdb.js';

const scratch = useScratchOffices();
const newEngineOffice = useEngineOffices();

/** A WAL database whose last changes still sit in its -wal file (copied while its writer was open). */
function walWithPendingChanges(dir: string, applicationId: number, userVersion: number): string {
  const live = `${dir}/live.db`;
  const writer = new Database(live);
  writer.pragma('journal_mode = WAL');
  writer.pragma('wal_autocheckpoint = 0');
  writer.pragma(`application_id = ${applicationId}`);
  writer.pragma(`user_version = ${userVersion}`);
  writer.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1), (2), (3);');
  const copy = `${dir}/pending.db`;
  copyFileSync(live, copy);
  copyFileSync(`${live}-wal`, `${copy}-wal`);
  writer.close();
  return copy;
}

describeSqliteOnly('a refused file stays byte for byte as it was', () => {
  it.each([
    ['another application', 0x12345678, 0],
    ['a newer custrack', 0x4373546b, 99],
  ])('%s, with changes still in its WAL', async (_label, appId, version) => {
    const office = scratch();
    const db = walWithPendingChanges(office.dir, appId, version);
    const before = fileDigest(db);
    const result = await runCli(['customer', 'list'], { db });
    expect(result.code).toBe(5);
    expect(fileDigest(db)).toBe(before);
    expect(existsSync(`${db}-wal`)).toBe(true);
  });
});

describe('the history cannot be rewritten', () => {
  const office = useStoreOffice();

  it('INSERT OR REPLACE of an existing entry is refused', async () => {
    const { repos, query } = office.current;
    await repos.write(() => repos.history.record({ action: 'test', entity: 'customer', entityId: 1 }));
    // The server's way of replacing a row: an insert that updates the one it conflicts with.
    const replace = ON_POSTGRES
      ? "INSERT INTO history (id, at, actor, action, entity) VALUES (1, now(), 'x', 'x', 'x') ON CONFLICT (id) DO UPDATE SET action = 'x'"
      : "INSERT OR REPLACE INTO history (id, at, actor, action, entity) VALUES (1, 'x', 'x', 'x', 'x')";
    await expect(query(replace)).rejects.toThrow(/append-only/u);
    expect(await query('SELECT action FROM history WHERE id = 1')).toEqual([{ action: 'test' }]);
  });
});

describe('a file mixing UTF-8 and GBK lines', () => {
  it('names the UTF-8 lines instead of importing garbled names', async () => {
    const office = await newEngineOffice();
    const gbk = execFileSync('iconv', ['-f', 'utf-8', '-t', 'gbk'], {
      input: '客户名称,日期,金额,单号\n广州市华信有限公司,2026-01-01,1,A\n',
    });
    const file = office.path('mixed.csv');
    writeFileSync(file, Buffer.concat([gbk, Buffer.from('深圳腾达,2026-01-02,2,B\n')]));
    const result = await runCli(['import', 'transactions', file], { db: office.db });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line 3: .*UTF-8/u);
  });
});

describe('the busy message', () => {
  it('gives the configured timeout', async () => {
    const { db } = await newEngineOffice();
    expect((await runCli(['init'], { db })).code).toBe(0);
    const holder = await holdWriteLock(db);
    try {
      const result = await runCli(['config', 'set', 'cadence.A', '10'], { db, env: { CUSTRACK_BUSY_TIMEOUT_MS: '300' } });
      expect(result.code).toBe(5);
      expect(result.stderr).toContain('within 0.3 seconds');
    } finally {
      await holder.release();
    }
  });
});
