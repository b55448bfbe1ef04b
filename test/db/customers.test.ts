// The customer repository on either engine, with registration as src/app does it: first to register owns the name (by name key) and the USCC; every change is in the
// history; imported invoices follow the customer by USCC, name and former names (docs/rules.md, rule 1, §9).
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/errors.js';
import { CLERK } from '../helpers/cli.js';
import { customerFields, registerCustomer, useStoreOffice } from '../helpers/db.js';
import { useScratchOffices } from '../helpers/scratch.js';
import { customerHistory, durableOffice, formerNames, historyCount, importInvoice, invoiceOwner, reopened } from '../helpers/store-rows.js';

const TENGDA = '深圳市 腾达（集团）有限公司';
const TENGDA_PLAIN = '深圳市腾达(集团)有限公司';
const USCC = '91110000600037341L';
const OTHER_USCC = '91440300192185379H';

const office = useStoreOffice();

async function conflictOf(work: () => Promise<unknown>): Promise<ConflictError> {
  try {
    await work();
  } catch (err) {
    expect(err).toBeInstanceOf(ConflictError);
    return err as ConflictError;
  }
  throw new Error('expected a conflict, but the write went through');
}

const historyOf = (customerId: number) => customerHistory(office.current.query, customerId);

describe('registering', () => {
  it('stores the customer with its name key and writes one create entry to the history', async () => {
    const { repos } = office.current;
    const id = await registerCustomer(repos, TENGDA, { owner: '张伟', grade: 'A' });
    const row = (await repos.customers.byId(id))!;
    expect(row).toMatchObject({
      name: TENGDA,
      name_key: '深圳市腾达(集团)有限公司',
      owner: '张伟',
      grade: 'A',
      registered_on: '2026-11-23',
      assigned_on: '2026-11-23',
    });
    const history = await historyOf(id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actor: CLERK, action: 'create', entity: 'customer', entity_id: String(id) });
    expect(JSON.parse(history[0]!.new!)).toMatchObject({ name: TENGDA, owner: '张伟' });
  });

  it.each([
    ['half-width brackets, no space', TENGDA_PLAIN],
    ['extra spaces', ' 深圳市  腾达 （集团） 有限公司 '],
    ['full-width spaces', '深圳市\u3000腾达（集团）有限公司'],
  ])('refuses the same name key (%s) as customer.duplicate_name, naming the owner', async (_label, variant) => {
    const { repos } = office.current;
    const id = await registerCustomer(repos, TENGDA, { owner: '张伟' });
    const err = await conflictOf(() => registerCustomer(repos, variant, { owner: '李娜' }));
    expect(err.key).toBe('customer.duplicate_name');
    expect(err.params).toMatchObject({ id, existing: TENGDA, owner: '张伟' });
    expect(await repos.customers.count()).toBe(1);
  });

  it('matches Latin letters regardless of case', async () => {
    const { repos } = office.current;
    await registerCustomer(repos, 'ACME Trading Co');
    expect((await conflictOf(() => registerCustomer(repos, 'acme trading co'))).key).toBe('customer.duplicate_name');
  });

  it('refuses a USCC that is already registered as customer.duplicate_uscc', async () => {
    const { repos } = office.current;
    const id = await registerCustomer(repos, TENGDA, { uscc: USCC, owner: '张伟' });
    const err = await conflictOf(() => registerCustomer(repos, '另一家公司', { uscc: USCC }));
    expect(err.key).toBe('customer.duplicate_uscc');
    expect(err.params).toMatchObject({ uscc: USCC, id, owner: '张伟' });
    expect(await repos.customers.count()).toBe(1);
  });

  it('counts a former name (alias) as taken', async () => {
    const { repos } = office.current;
    const id = await registerCustomer(repos, TENGDA, { owner: '张伟' });
    await repos.write(() => repos.customers.addAlias(id, '深圳腾达实业有限公司', '2026-11-23'));
    const err = await conflictOf(() => registerCustomer(repos, '深圳腾达实业 有限公司'));
    expect(err.key).toBe('customer.duplicate_name');
    expect(err.params).toMatchObject({ id, owner: '张伟' });
  });

  it('an unassigned owner is named as "-" in the conflict', async () => {
    const { repos } = office.current;
    await registerCustomer(repos, TENGDA);
    expect((await conflictOf(() => registerCustomer(repos, TENGDA_PLAIN))).params.owner).toBe('-');
  });
});

describe('updating', () => {
  it('writes exactly one history entry per changed field, with old and new', async () => {
    const { repos } = office.current;
    const id = await registerCustomer(repos, TENGDA, { grade: 'C', phone: '13800138000', region: '深圳' });
    const changed = await repos.write(() => repos.customers.update(id, { grade: 'A', phone: '13900139000', region: '深圳' }, 'update'));
    expect(changed.sort()).toEqual(['grade', 'phone']);
    const entries = (await historyOf(id)).filter((h) => h.action === 'update');
    expect(entries).toHaveLength(2);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: CLERK, entity: 'customer', entity_id: String(id), field: 'grade', old: 'C', new: 'A' }),
        expect.objectContaining({ actor: CLERK, field: 'phone', old: '13800138000', new: '13900139000' }),
      ]),
    );
    expect(await repos.customers.byId(id)).toMatchObject({ grade: 'A', phone: '13900139000', region: '深圳' });
  });

  it('writes nothing when nothing changes', async () => {
    const { repos, query } = office.current;
    const id = await registerCustomer(repos, TENGDA, { grade: 'B' });
    const before = await historyCount(query);
    expect(await repos.write(() => repos.customers.update(id, { grade: 'B' }, 'update'))).toEqual([]);
    expect(await historyCount(query)).toBe(before);
  });

  it('records clearing a field as new = null', async () => {
    const { repos } = office.current;
    const id = await registerCustomer(repos, TENGDA, { contact: '王经理' });
    await repos.write(() => repos.customers.update(id, { contact: null }, 'update'));
    expect((await historyOf(id)).at(-1)).toMatchObject({ field: 'contact', old: '王经理', new: null });
  });

  it('renaming keeps the old name as a former name, so it still finds the customer', async () => {
    const { repos, query } = office.current;
    const id = await registerCustomer(repos, TENGDA);
    await repos.write(() => repos.customers.update(id, { name: '深圳腾达科技股份有限公司' }, 'update'));
    expect((await repos.customers.byId(id))!.name).toBe('深圳腾达科技股份有限公司');
    expect(await formerNames(query, id)).toEqual([TENGDA]);
    expect((await repos.customers.byNameKey('深圳市腾达(集团)有限公司'))?.id).toBe(id);
    const nameEntries = (await historyOf(id)).filter((h) => h.field === 'name');
    expect(nameEntries).toEqual([expect.objectContaining({ old: TENGDA, new: '深圳腾达科技股份有限公司' })]);
    // the old name is now taken by this customer
    expect((await conflictOf(() => registerCustomer(repos, TENGDA_PLAIN))).params.id).toBe(id);
  });
});

describe('imported invoices follow the customer', () => {
  it('invoices imported before registration are matched when the same name key registers', async () => {
    const { repos, query } = office.current;
    await importInvoice(query, { ref: 'INV-1', customer: TENGDA_PLAIN, date: '2022-05-01' });
    await importInvoice(query, { ref: 'INV-2', customer: '别的公司', date: '2022-05-01' });
    expect(await invoiceOwner(query, 'INV-1')).toBeNull();
    const id = await registerCustomer(repos, TENGDA);
    expect(await invoiceOwner(query, 'INV-1')).toBe(id);
    expect(await invoiceOwner(query, 'INV-2')).toBeNull();
    expect(await repos.transactions.forCustomer(id)).toEqual([{ date: '2022-05-01', kind: 'sale' }]);
  });

  it('invoices under a former name are matched when the alias is added', async () => {
    const { repos, query } = office.current;
    const id = await registerCustomer(repos, TENGDA);
    await importInvoice(query, { ref: 'OLD-1', customer: '深圳腾达实业有限公司', date: '2021-03-04' });
    expect(await invoiceOwner(query, 'OLD-1')).toBeNull();
    await repos.write(() => repos.customers.addAlias(id, '深圳腾达实业 有限公司', '2026-11-23'));
    expect(await invoiceOwner(query, 'OLD-1')).toBe(id);
    expect((await historyOf(id)).at(-1)).toMatchObject({ action: 'alias', field: 'aliases', new: '深圳腾达实业 有限公司' });
  });

  it('invoices of the old name stay with the customer after a rename; invoices of the new name join it', async () => {
    const { repos, query } = office.current;
    const id = await registerCustomer(repos, TENGDA);
    await importInvoice(query, { ref: 'A-1', customer: TENGDA, date: '2024-01-01' });
    await importInvoice(query, { ref: 'B-1', customer: '腾达科技', date: '2025-01-01' });
    await repos.write(() => repos.customers.update(id, { name: '腾达科技' }, 'update'));
    expect(await invoiceOwner(query, 'A-1')).toBe(id);
    expect(await invoiceOwner(query, 'B-1')).toBe(id);
  });

  it('invoices carrying the USCC are matched whatever name they were issued to', async () => {
    const { repos, query } = office.current;
    await importInvoice(query, { ref: 'U-1', customer: '开票时的旧名称', uscc: USCC, date: '2023-06-01' });
    const id = await registerCustomer(repos, TENGDA, { uscc: USCC });
    expect(await invoiceOwner(query, 'U-1')).toBe(id);
  });

  it('the USCC wins over the name, whichever customer registers first', async () => {
    const { repos, query } = office.current;
    await importInvoice(query, { ref: 'X-1', customer: '腾达贸易', uscc: USCC, date: '2023-06-01' });
    const byName = await registerCustomer(repos, '腾达贸易');
    expect(await invoiceOwner(query, 'X-1')).toBe(byName);
    const byUscc = await registerCustomer(repos, '腾达集团', { uscc: USCC });
    expect(await invoiceOwner(query, 'X-1')).toBe(byUscc);

    await importInvoice(query, { ref: 'Y-1', customer: '华南电子', uscc: OTHER_USCC, date: '2023-06-01' });
    const usccFirst = await registerCustomer(repos, '华南集团', { uscc: OTHER_USCC });
    await registerCustomer(repos, '华南电子');
    expect(await invoiceOwner(query, 'Y-1')).toBe(usccFirst);
  });

  it('giving a customer a USCC later matches the invoices that carry it', async () => {
    const { repos, query } = office.current;
    await importInvoice(query, { ref: 'U-9', customer: '开票名称不同', uscc: USCC, date: '2023-06-01' });
    const id = await registerCustomer(repos, TENGDA);
    expect(await invoiceOwner(query, 'U-9')).toBeNull();
    await repos.write(() => repos.customers.update(id, { uscc: USCC }, 'update'));
    expect(await invoiceOwner(query, 'U-9')).toBe(id);
  });
});

describe('a write transaction that fails', () => {
  it('leaves no customer and no history entry behind', async () => {
    const { repos, query } = office.current;
    const before = await historyCount(query);
    await expect(
      repos.write(async () => {
        await repos.customers.insert(customerFields(TENGDA, { owner: '张伟' }));
        throw new Error('the clerk pressed Ctrl-C');
      }),
    ).rejects.toThrow('Ctrl-C');
    expect(await repos.customers.count()).toBe(0);
    expect(await historyCount(query)).toBe(before);
  });

  it('a rolled-back update leaves the old values and no entry', async () => {
    const { repos, query } = office.current;
    const id = await registerCustomer(repos, TENGDA, { grade: 'C' });
    const before = await historyCount(query);
    await expect(
      repos.write(async () => {
        await repos.customers.update(id, { grade: 'A' }, 'update');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await repos.customers.byId(id))!.grade).toBe('C');
    expect(await historyCount(query)).toBe(before);
  });
});

describe('on a database that outlives the connection (a file, or the server)', () => {
  const scratch = useScratchOffices();
  it('writes are visible to the next connection (committed, not left in a transaction)', async () => {
    const first = durableOffice(office.current, scratch().dbPath);
    await registerCustomer(first.repos, TENGDA);
    const second = await reopened(first);
    try {
      expect(await second.repos.customers.count()).toBe(1);
      expect(await historyCount(second.query)).toBe(1);
    } finally {
      await second.close();
      if (first !== office.current) await first.close();
    }
  });
});

describe('renaming back and forth', () => {
  it('keeps one former name per name key and never lists the current name as a former one', async () => {
    const { repos, query } = office.current;
    const id = await registerCustomer(repos, 'A公司');
    await repos.write(() => repos.customers.update(id, { name: 'B公司' }, 'update', '2026-11-24'));
    await repos.write(() => repos.customers.update(id, { name: 'A公司' }, 'update', '2026-11-25'));
    await expect(repos.write(() => repos.customers.update(id, { name: 'B公司' }, 'update', '2026-11-26'))).resolves.toEqual(['name']);
    expect((await repos.customers.byId(id))!.name).toBe('B公司');
    expect(await formerNames(query, id)).toEqual(['A公司']);
  });

  it('records the rename date on the former name', async () => {
    const { repos, query } = office.current;
    const id = await registerCustomer(repos, 'A公司');
    await repos.write(() => repos.customers.update(id, { name: 'B公司' }, 'update', '2026-12-01'));
    expect(await query('SELECT added_on FROM customer_aliases WHERE customer_id = ?', [id])).toEqual([{ added_on: '2026-12-01' }]);
  });
});

describe('adding a former name twice', () => {
  it('is a no-op for the same name key or for the current name', async () => {
    const { repos, query } = office.current;
    const id = await registerCustomer(repos, 'A公司');
    expect(await repos.write(() => repos.customers.addAlias(id, '旧 名', '2026-11-23'))).toBe(true);
    expect(await repos.write(() => repos.customers.addAlias(id, '旧名', '2026-11-23'))).toBe(false);
    expect(await repos.write(() => repos.customers.addAlias(id, 'A 公司', '2026-11-23'))).toBe(false);
    expect(await formerNames(query, id)).toEqual(['旧 名']);
    expect(await query("SELECT count(*) AS n FROM history WHERE action = 'alias'")).toEqual([{ n: 1 }]);
  });

  it('writes money to the history in yuan', async () => {
    const { repos, query } = office.current;
    const id = await registerCustomer(repos, 'A公司', { monthly_volume: 123450 });
    await repos.write(() => repos.customers.update(id, { monthly_volume: 200000 }, 'update'));
    const entries = await query("SELECT old, new FROM history WHERE field = 'monthly_volume'");
    expect(entries).toEqual([{ old: '1234.50', new: '2000.00' }]);
  });
});
