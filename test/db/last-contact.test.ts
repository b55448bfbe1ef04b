// The last contact before custrack (README, "Importing data"): migration 6 adds customers.last_contact_on to a
// schema-5 file and keeps every row; `import customers` reads it from `last_contact` or 最近联系日期, and the
// overdue facts carry it to the rules (docs/rules.md, rule 6). The imports on both engines.
import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { SCHEMA_VERSION } from '../../src/db/migrations/index.js';
import { WALL_CLOCK } from '../helpers/cli.js';
import { openOffice, registerCustomer, useStoreOffice } from '../helpers/db.js';
import { describeSqliteOnly } from '../helpers/engine.js';
import { badRows, importFile } from '../helpers/imports.js';
import { useScratchOffices } from '../helpers/scratch.js';

const scratch = useScratchOffices();
const office = useStoreOffice();

describeSqliteOnly('migration 6', () => {
  it('a schema-5 file gets the column, every customer kept without a last contact, a backup beside it', async () => {
    const office = scratch();
    const { db, repos } = openOffice(office.dbPath);
    await registerCustomer(repos, '深圳市腾达(集团)有限公司');
    db.exec('ALTER TABLE customers DROP COLUMN last_contact_on');
    db.pragma('user_version = 5');
    db.close();
    const upgraded = openDatabase(office.dbPath, { create: false, now: () => WALL_CLOCK });
    try {
      expect(SCHEMA_VERSION).toBe(6);
      expect(upgraded.pragma('user_version', { simple: true })).toBe(6);
      expect(upgraded.prepare('SELECT id, name, last_contact_on FROM customers').all()).toEqual([
        { id: 1, name: '深圳市腾达(集团)有限公司', last_contact_on: null },
      ]);
    } finally {
      upgraded.close();
    }
    expect(readdirSync(office.dir).filter((f) => f.includes('.v5-') && f.endsWith('.bak'))).toHaveLength(1);
    const backup = readdirSync(office.dir).find((f) => f.endsWith('.bak'))!;
    const old = new Database(`${office.dir}/${backup}`, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(5);
    old.close();
  });
});

describe('import customers with a last contact', () => {
  it.each([
    ['English header', 'name,last_contact\n甲有限公司,2026-11-10\n乙有限公司,\n'],
    ['Chinese header, a date as Excel writes it', '客户名称,最近联系日期\n甲有限公司,2026/11/10\n乙有限公司,\n'],
  ])('%s: stored, and empty means none', async (_, text) => {
    const { repos, query } = office.current;
    await importFile(repos, 'customers', '-', { stdin: text });
    expect(await query('SELECT name, last_contact_on FROM customers ORDER BY id')).toEqual([
      { name: '甲有限公司', last_contact_on: '2026-11-10' },
      { name: '乙有限公司', last_contact_on: null },
    ]);
    const facts = await repos.facts.overdue('2026-11-23');
    // In no promised order (the server's may differ): the rules sort what they find.
    expect([...facts.customers].sort((a, b) => a.id - b.id).map((c) => [c.name, c.lastContactOn])).toEqual([
      ['甲有限公司', '2026-11-10'],
      ['乙有限公司', null],
    ]);
  });

  it('a date that is not one is a bad row; nothing written', async () => {
    const { repos, query } = office.current;
    const problems = await badRows(importFile(repos, 'customers', '-', { stdin: 'name,last_contact\n甲有限公司,2026-02-30\n' }));
    expect(problems.map((p) => [p.line, p.key, p.params.value])).toEqual([[2, 'problem.last_contact', '2026-02-30']]);
    expect(await query('SELECT count(*) AS n FROM customers')).toEqual([{ n: 0 }]);
  });
});
