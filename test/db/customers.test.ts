// CustomerRepo: first to register owns the name (by name key) and the USCC; every change is in the
// history; imported invoices follow the customer by USCC, name and former names (SPEC §3.1, §9).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/open.js';
import type { Repos } from '../../src/db/sqlite/store.js';
import { ConflictError } from '../../src/errors.js';
import { CLERK } from '../helpers/cli.js';
import { customerFields, historyCount, importInvoice, invoiceOwner, openOffice, registerCustomer } from '../helpers/db.js';
import { useScratchOffices } from '../helpers/scratch.js';

const TENGDA = '深圳市 腾达（集团）有限公司';
const TENGDA_PLAIN = '深圳市腾达(集团)有限公司';
const USCC = '91110000600037341L';
const OTHER_USCC = '91440300192185379H';

let db: Db;
let repos: Repos;

beforeEach(() => {
  ({ db, repos } = openOffice());
});
afterEach(() => db.close());

function conflictOf(work: () => unknown): ConflictError {
  try {
    work();
  } catch (err) {
    expect(err).toBeInstanceOf(ConflictError);
    return err as ConflictError;
  }
  throw new Error('expected a conflict, but the write went through');
}

function historyOf(customerId: number) {
  return db.prepare('SELECT actor, action, entity, entity_id, field, old, new FROM history WHERE customer_id = ? ORDER BY id').all(customerId) as Array<
    Record<string, string | null>
  >;
}

describe('registering', () => {
  it('stores the customer with its name key and writes one create entry to the history', () => {
    const id = registerCustomer(repos, TENGDA, { owner: '张伟', grade: 'A' });
    const row = repos.customers.byId(id)!;
    expect(row).toMatchObject({ name: TENGDA, name_key: '深圳市腾达(集团)有限公司', owner: '张伟', grade: 'A', registered_on: '2026-11-23', assigned_on: '2026-11-23' });
    const history = historyOf(id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actor: CLERK, action: 'create', entity: 'customer', entity_id: String(id) });
    expect(JSON.parse(history[0]!.new!)).toMatchObject({ name: TENGDA, owner: '张伟' });
  });

  it.each([
    ['half-width brackets, no space', TENGDA_PLAIN],
    ['extra spaces', ' 深圳市  腾达 （集团） 有限公司 '],
    ['full-width spaces', '深圳市\u3000腾达（集团）有限公司'],
  ])('refuses the same name key (%s) as customer.duplicate_name, naming the owner', (_label, variant) => {
    const id = registerCustomer(repos, TENGDA, { owner: '张伟' });
    const err = conflictOf(() => registerCustomer(repos, variant, { owner: '李娜' }));
    expect(err.key).toBe('customer.duplicate_name');
    expect(err.params).toMatchObject({ id, existing: TENGDA, owner: '张伟' });
    expect(repos.customers.count()).toBe(1);
  });

  it('matches Latin letters regardless of case', () => {
    registerCustomer(repos, 'ACME Trading Co');
    expect(conflictOf(() => registerCustomer(repos, 'acme trading co')).key).toBe('customer.duplicate_name');
  });

  it('refuses a USCC that is already registered as customer.duplicate_uscc', () => {
    const id = registerCustomer(repos, TENGDA, { uscc: USCC, owner: '张伟' });
    const err = conflictOf(() => registerCustomer(repos, '另一家公司', { uscc: USCC }));
    expect(err.key).toBe('customer.duplicate_uscc');
    expect(err.params).toMatchObject({ uscc: USCC, id, owner: '张伟' });
    expect(repos.customers.count()).toBe(1);
  });

  it('counts a former name (alias) as taken', () => {
    const id = registerCustomer(repos, TENGDA, { owner: '张伟' });
    repos.inTransaction(() => repos.customers.addAlias(id, '深圳腾达实业有限公司', '2026-11-23'));
    const err = conflictOf(() => registerCustomer(repos, '深圳腾达实业 有限公司'));
    expect(err.key).toBe('customer.duplicate_name');
    expect(err.params).toMatchObject({ id, owner: '张伟' });
  });

  it('an unassigned owner is named as "-" in the conflict', () => {
    registerCustomer(repos, TENGDA);
    expect(conflictOf(() => registerCustomer(repos, TENGDA_PLAIN)).params.owner).toBe('-');
  });
});

describe('updating', () => {
  it('writes exactly one history entry per changed field, with old and new', () => {
    const id = registerCustomer(repos, TENGDA, { grade: 'C', phone: '13800138000', region: '深圳' });
    const changed = repos.inTransaction(() => repos.customers.update(id, { grade: 'A', phone: '13900139000', region: '深圳' }));
    expect(changed.sort()).toEqual(['grade', 'phone']);
    const entries = historyOf(id).filter((h) => h.action === 'update');
    expect(entries).toHaveLength(2);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: CLERK, entity: 'customer', entity_id: String(id), field: 'grade', old: 'C', new: 'A' }),
        expect.objectContaining({ actor: CLERK, field: 'phone', old: '13800138000', new: '13900139000' }),
      ]),
    );
    expect(repos.customers.byId(id)).toMatchObject({ grade: 'A', phone: '13900139000', region: '深圳' });
  });

  it('writes nothing when nothing changes', () => {
    const id = registerCustomer(repos, TENGDA, { grade: 'B' });
    const before = historyCount(db);
    expect(repos.inTransaction(() => repos.customers.update(id, { grade: 'B' }))).toEqual([]);
    expect(historyCount(db)).toBe(before);
  });

  it('records clearing a field as new = null', () => {
    const id = registerCustomer(repos, TENGDA, { contact: '王经理' });
    repos.inTransaction(() => repos.customers.update(id, { contact: null }));
    expect(historyOf(id).at(-1)).toMatchObject({ field: 'contact', old: '王经理', new: null });
  });

  it('renaming keeps the old name as a former name, so it still finds the customer', () => {
    const id = registerCustomer(repos, TENGDA);
    repos.inTransaction(() => repos.customers.update(id, { name: '深圳腾达科技股份有限公司' }));
    expect(repos.customers.byId(id)!.name).toBe('深圳腾达科技股份有限公司');
    expect(repos.customers.aliases(id)).toEqual([TENGDA]);
    expect(repos.customers.byNameKey('深圳市腾达(集团)有限公司')?.id).toBe(id);
    const nameEntries = historyOf(id).filter((h) => h.field === 'name');
    expect(nameEntries).toEqual([expect.objectContaining({ old: TENGDA, new: '深圳腾达科技股份有限公司' })]);
    // the old name is now taken by this customer
    expect(conflictOf(() => registerCustomer(repos, TENGDA_PLAIN)).params.id).toBe(id);
  });
});

describe('imported invoices follow the customer', () => {
  it('invoices imported before registration are matched when the same name key registers', () => {
    importInvoice(db, { ref: 'INV-1', customer: TENGDA_PLAIN, date: '2022-05-01' });
    importInvoice(db, { ref: 'INV-2', customer: '别的公司', date: '2022-05-01' });
    expect(invoiceOwner(db, 'INV-1')).toBeNull();
    const id = registerCustomer(repos, TENGDA);
    expect(invoiceOwner(db, 'INV-1')).toBe(id);
    expect(invoiceOwner(db, 'INV-2')).toBeNull();
    expect(repos.transactions.forCustomer(id)).toEqual([{ date: '2022-05-01', kind: 'sale' }]);
  });

  it('invoices under a former name are matched when the alias is added', () => {
    const id = registerCustomer(repos, TENGDA);
    importInvoice(db, { ref: 'OLD-1', customer: '深圳腾达实业有限公司', date: '2021-03-04' });
    expect(invoiceOwner(db, 'OLD-1')).toBeNull();
    repos.inTransaction(() => repos.customers.addAlias(id, '深圳腾达实业 有限公司', '2026-11-23'));
    expect(invoiceOwner(db, 'OLD-1')).toBe(id);
    expect(historyOf(id).at(-1)).toMatchObject({ action: 'alias', field: 'aliases', new: '深圳腾达实业 有限公司' });
  });

  it('invoices of the old name stay with the customer after a rename; invoices of the new name join it', () => {
    const id = registerCustomer(repos, TENGDA);
    importInvoice(db, { ref: 'A-1', customer: TENGDA, date: '2024-01-01' });
    importInvoice(db, { ref: 'B-1', customer: '腾达科技', date: '2025-01-01' });
    repos.inTransaction(() => repos.customers.update(id, { name: '腾达科技' }));
    expect(invoiceOwner(db, 'A-1')).toBe(id);
    expect(invoiceOwner(db, 'B-1')).toBe(id);
  });

  it('invoices carrying the USCC are matched whatever name they were issued to', () => {
    importInvoice(db, { ref: 'U-1', customer: '开票时的旧名称', uscc: USCC, date: '2023-06-01' });
    const id = registerCustomer(repos, TENGDA, { uscc: USCC });
    expect(invoiceOwner(db, 'U-1')).toBe(id);
  });

  it('the USCC wins over the name, whichever customer registers first', () => {
    importInvoice(db, { ref: 'X-1', customer: '腾达贸易', uscc: USCC, date: '2023-06-01' });
    const byName = registerCustomer(repos, '腾达贸易');
    expect(invoiceOwner(db, 'X-1')).toBe(byName);
    const byUscc = registerCustomer(repos, '腾达集团', { uscc: USCC });
    expect(invoiceOwner(db, 'X-1')).toBe(byUscc);

    importInvoice(db, { ref: 'Y-1', customer: '华南电子', uscc: OTHER_USCC, date: '2023-06-01' });
    const usccFirst = registerCustomer(repos, '华南集团', { uscc: OTHER_USCC });
    registerCustomer(repos, '华南电子');
    expect(invoiceOwner(db, 'Y-1')).toBe(usccFirst);
  });

  it('giving a customer a USCC later matches the invoices that carry it', () => {
    importInvoice(db, { ref: 'U-9', customer: '开票名称不同', uscc: USCC, date: '2023-06-01' });
    const id = registerCustomer(repos, TENGDA);
    expect(invoiceOwner(db, 'U-9')).toBeNull();
    repos.inTransaction(() => repos.customers.update(id, { uscc: USCC }));
    expect(invoiceOwner(db, 'U-9')).toBe(id);
  });
});

describe('a write transaction that fails', () => {
  it('leaves no customer and no history entry behind', () => {
    const before = historyCount(db);
    expect(() =>
      repos.inTransaction(() => {
        repos.customers.register(customerFields(TENGDA, { owner: '张伟' }), '2026-11-23T02:03:04Z');
        throw new Error('the clerk pressed Ctrl-C');
      }),
    ).toThrow('Ctrl-C');
    expect(repos.customers.count()).toBe(0);
    expect(historyCount(db)).toBe(before);
  });

  it('a rolled-back update leaves the old values and no entry', () => {
    const id = registerCustomer(repos, TENGDA, { grade: 'C' });
    const before = historyCount(db);
    expect(() =>
      repos.inTransaction(() => {
        repos.customers.update(id, { grade: 'A' });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(repos.customers.byId(id)!.grade).toBe('C');
    expect(historyCount(db)).toBe(before);
  });
});

describe('on a database file', () => {
  const scratch = useScratchOffices();
  it('writes are visible to the next connection (committed, not left in a transaction)', () => {
    const office = scratch();
    const first = openOffice(office.dbPath);
    registerCustomer(first.repos, TENGDA);
    first.db.close();
    const second = openOffice(office.dbPath);
    try {
      expect(second.repos.customers.count()).toBe(1);
      expect(historyCount(second.db)).toBe(1);
    } finally {
      second.db.close();
    }
  });
});

describe('renaming back and forth', () => {
  it('keeps one former name per name key and never lists the current name as a former one', () => {
    const id = registerCustomer(repos, 'A公司');
    repos.inTransaction(() => repos.customers.update(id, { name: 'B公司' }, 'update', '2026-11-24'));
    repos.inTransaction(() => repos.customers.update(id, { name: 'A公司' }, 'update', '2026-11-25'));
    expect(() => repos.inTransaction(() => repos.customers.update(id, { name: 'B公司' }, 'update', '2026-11-26'))).not.toThrow();
    expect(repos.customers.byId(id)!.name).toBe('B公司');
    expect(repos.customers.aliases(id)).toEqual(['A公司']);
  });

  it('records the rename date on the former name', () => {
    const id = registerCustomer(repos, 'A公司');
    repos.inTransaction(() => repos.customers.update(id, { name: 'B公司' }, 'update', '2026-12-01'));
    expect(db.prepare('SELECT added_on FROM customer_aliases WHERE customer_id = ?').get(id)).toEqual({ added_on: '2026-12-01' });
  });
});

describe('adding a former name twice', () => {
  it('is a no-op for the same name key or for the current name', () => {
    const id = registerCustomer(repos, 'A公司');
    expect(repos.inTransaction(() => repos.customers.addAlias(id, '旧 名', '2026-11-23'))).toBe(true);
    expect(repos.inTransaction(() => repos.customers.addAlias(id, '旧名', '2026-11-23'))).toBe(false);
    expect(repos.inTransaction(() => repos.customers.addAlias(id, 'A 公司', '2026-11-23'))).toBe(false);
    expect(repos.customers.aliases(id)).toEqual(['旧 名']);
    expect(db.prepare("SELECT count(*) AS n FROM history WHERE action = 'alias'").get()).toEqual({ n: 1 });
  });

  it('writes money to the history in yuan', () => {
    const id = registerCustomer(repos, 'A公司', { monthly_volume: 123450 });
    repos.inTransaction(() => repos.customers.update(id, { monthly_volume: 200000 }));
    const entry = db.prepare("SELECT old, new FROM history WHERE field = 'monthly_volume'").get() as { old: string; new: string };
    expect(entry).toEqual({ old: '1234.50', new: '2000.00' });
  });
});
