// The facts behind `custrack overdue` and the monthly report, read with set-based SQL (repos.facts,
// src/db/<engine>/facts.ts): what each query picks on a real database, the stored relationship starts against
// the pure rule 4, and (on the SQLite file) that the queries go through indices. On both engines.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/open.js';
import type { Store, VisitFields } from '../../src/app/store.js';
import type { OverdueScope } from '../../src/app/store-service.js';
import type { FormKind } from '../../src/core/forms.js';
import { loadOverdueFacts } from '../../src/db/sqlite/facts.js';
import { relationshipStart, type DatedTransaction } from '../../src/core/eligibility.js';
import { findOverdue, type CustomerFacts } from '../../src/core/overdue.js';
import { EMPTY_CALENDAR } from '../../src/core/calendar.js';
import { defaultSettings } from '../../src/core/settings.js';
import { plusDays } from '../../src/core/dates.js';
import { registerCustomer, useStoreOffice, type Invoice, type Repos } from '../helpers/db.js';
import { describeSqliteOnly } from '../helpers/engine.js';
import { importInvoices, refreshTransactionFactsOf, storedStarts } from '../helpers/store-facts.js';

const AS_OF = '2026-11-23';

const office = useStoreOffice();
let repos: Store;

beforeEach(() => {
  repos = office.current.repos;
});

const overdueFacts = (asOf: string, scope?: OverdueScope) => repos.facts.overdue(asOf, scope);

function visit(customerId: number, date: string, more: Partial<VisitFields> & { planned?: boolean } = {}): Promise<number> {
  const { planned = false, ...fields } = more;
  return repos.write(() =>
    repos.visits.insert(
      {
        customer_id: customerId,
        date,
        method: 'phone',
        salesperson: null,
        purpose: null,
        topic: null,
        location: null,
        summary: null,
        intent: null,
        next: null,
        ...fields,
      },
      planned,
    ),
  );
}

function sendForm(customerId: number, kind: FormKind, sentOn: string, due = plusDays(sentOn, 15)): Promise<number> {
  return repos.write(() => repos.forms.send({ customer_id: customerId, kind, sent_on: sentOn, via: null, due }));
}

function returnForm(id: number, on: string, ratings: Record<string, number> = {}): Promise<void> {
  return repos.write(() => repos.forms.markReturned(id, on, ratings, null));
}

function fileApplication(customerId: number, firstTxn: string, filedOn: string): Promise<number> {
  return repos.write(() =>
    repos.applications.insert({
      customer_id: customerId,
      salesperson: null,
      first_txn: firstTxn,
      filed_on: filedOn,
      deadline: firstTxn,
      on_time: true,
      status: 'filed',
      reason: null,
      process: null,
      evaluation: null,
      support: null,
    }),
  );
}

async function factsOf(customerId: number, asOf = AS_OF): Promise<CustomerFacts | undefined> {
  return [...(await overdueFacts(asOf)).customers].find((c) => c.id === customerId);
}

describe('facts.overdue: the last visit', () => {
  let id: number;
  let ids: Record<string, number>;

  beforeEach(async () => {
    id = await registerCustomer(repos, '深圳市腾达(集团)有限公司', { owner: '张伟', registered_on: '2026-09-01' });
    ids = {
      // inserted out of date order on purpose: the latest date has not the highest id
      late: await visit(id, '2026-11-25', { next: '2026-12-05' }), // after the as-of date
      nov10a: await visit(id, '2026-11-10', { next: '2026-11-20' }),
      nov01: await visit(id, '2026-11-01'),
      nov10b: await visit(id, '2026-11-10', { next: '2026-11-30' }), // same day, higher id: wins the tie
      plan: await visit(id, '2026-11-20', { planned: true }), // not done: not a visit yet
    };
  });

  it('is the latest completed visit on or before the as-of date; ties go to the higher id', async () => {
    expect((await factsOf(id))!.lastVisit).toEqual({ id: ids.nov10b, date: '2026-11-10', next: '2026-11-30' });
  });

  it('ignores visits after the as-of date, and includes one on it', async () => {
    expect((await factsOf(id, '2026-11-24'))!.lastVisit).toMatchObject({ id: ids.nov10b });
    expect((await factsOf(id, '2026-11-25'))!.lastVisit).toEqual({ id: ids.late, date: '2026-11-25', next: '2026-12-05' });
  });

  it('moves back in time with the as-of date', async () => {
    expect((await factsOf(id, '2026-11-09'))!.lastVisit).toEqual({ id: ids.nov01, date: '2026-11-01', next: null });
    expect((await factsOf(id, '2026-11-01'))!.lastVisit).toMatchObject({ id: ids.nov01 });
    expect((await factsOf(id, '2026-10-31'))!.lastVisit).toBeNull();
  });

  it('a plan counts once it is done, on the date it was done', async () => {
    await repos.write(() => repos.visits.complete(ids.plan!, { date: '2026-11-21' }));
    expect((await factsOf(id))!.lastVisit).toEqual({ id: ids.plan, date: '2026-11-21', next: null });
  });

  it('open plans are listed with their planned date; done ones are not', async () => {
    const other = await visit(id, '2026-11-05', { planned: true });
    expect((await overdueFacts(AS_OF)).plans).toEqual(
      expect.arrayContaining([
        { id: ids.plan, customerId: id, date: '2026-11-20' },
        { id: other, customerId: id, date: '2026-11-05' },
      ]),
    );
    await repos.write(() => repos.visits.complete(other, { date: '2026-11-06' }));
    expect([...(await overdueFacts(AS_OF)).plans].map((p) => p.id)).toEqual([ids.plan]);
  });

  it('each customer gets its own last visit', async () => {
    const other = await registerCustomer(repos, '苏州新源电子有限公司', { registered_on: '2026-09-01' });
    const v = await visit(other, '2026-11-02');
    expect((await factsOf(other))!.lastVisit).toMatchObject({ id: v, date: '2026-11-02' });
    expect((await factsOf(id))!.lastVisit).toMatchObject({ id: ids.nov10b });
  });
});

describe('facts.overdue: the other facts', () => {
  it('customers registered after the as-of date are not loaded; --owner narrows the customers', async () => {
    const a = await registerCustomer(repos, '甲公司', { owner: '张伟', registered_on: '2026-11-01' });
    const b = await registerCustomer(repos, '乙公司', { owner: '李娜', registered_on: '2026-11-23' });
    const c = await registerCustomer(repos, '丙公司', { owner: '张伟', registered_on: '2026-11-24' });
    expect([...(await overdueFacts(AS_OF)).customers].map((x) => x.id).sort()).toEqual([a, b]);
    expect([...(await overdueFacts('2026-11-24')).customers].map((x) => x.id).sort()).toEqual([a, b, c]);
    expect([...(await overdueFacts(AS_OF, { owner: '张伟' })).customers].map((x) => x.id)).toEqual([a]);
  });

  it('carries the customer fields, assignment and closing dates', async () => {
    const id = await registerCustomer(repos, '甲公司', { owner: '张伟', grade: 'A', registered_on: '2026-06-01' });
    await repos.write(() => repos.customers.update(id, { owner: '李娜', assigned_on: '2026-11-10' }, 'assign'));
    await repos.write(() => repos.customers.update(id, { closed_on: '2026-11-20' }, 'close'));
    expect(await factsOf(id)).toMatchObject({
      id,
      name: '甲公司',
      owner: '李娜',
      grade: 'A',
      registeredOn: '2026-06-01',
      assignedOn: '2026-11-10',
      closedOn: '2026-11-20',
      lastVisit: null,
    });
  });

  it('last business: the latest sale or return before the as-of date; samples and later dates do not count', async () => {
    await importInvoices(repos, [
      { ref: 'T1', customer: '甲公司', date: '2026-10-01' },
      { ref: 'T2', customer: '甲公司', date: '2026-11-05', kind: 'return' },
      { ref: 'T3', customer: '甲公司', date: '2026-11-20', kind: 'sample' },
      { ref: 'T4', customer: '甲公司', date: AS_OF },
      { ref: 'T5', customer: '乙公司', date: '2026-11-22' }, // another name, never registered
    ]);
    const id = await registerCustomer(repos, '甲公司', { registered_on: '2026-01-01' });
    expect((await factsOf(id))!.lastBusiness).toBe('2026-11-05');
    expect((await factsOf(id, '2026-11-24'))!.lastBusiness).toBe(AS_OF);
    expect((await factsOf(id, '2026-10-01'))!.lastBusiness).toBeNull();
  });

  it('the latest application filed on or before the as-of date', async () => {
    const id = await registerCustomer(repos, '甲公司', { registered_on: '2019-01-01' });
    await fileApplication(id, '2019-03-01', '2019-03-10');
    await fileApplication(id, '2026-10-15', '2026-11-30');
    expect((await factsOf(id))!.lastApplication).toEqual({ firstTxn: '2019-03-01', filedOn: '2019-03-10' });
    expect((await factsOf(id, '2026-11-30'))!.lastApplication).toEqual({ firstTxn: '2026-10-15', filedOn: '2026-11-30' });
    expect((await factsOf(id, '2019-03-09'))!.lastApplication).toBeNull();
  });

  it('the forms sent on or before the as-of date: the last of any kind, the last initial, the last revisit', async () => {
    const id = await registerCustomer(repos, '甲公司', { registered_on: '2026-01-01' });
    await sendForm(id, 'initial', '2026-02-01');
    await sendForm(id, 'revisit', '2026-03-01');
    await sendForm(id, 'periodic', '2026-11-01');
    await sendForm(id, 'initial', '2026-11-30');
    await sendForm(id, 'revisit', '2026-12-01');
    expect(await factsOf(id)).toMatchObject({ lastFormSent: '2026-11-01', lastInitialSent: '2026-02-01', lastRevisitSent: '2026-03-01' });
    expect(await factsOf(id, '2026-12-01')).toMatchObject({
      lastFormSent: '2026-12-01',
      lastInitialSent: '2026-11-30',
      lastRevisitSent: '2026-12-01',
    });
    expect(await factsOf(id, '2026-01-31')).toMatchObject({ lastFormSent: null, lastInitialSent: null, lastRevisitSent: null });
  });

  it('open forms: sent by the as-of date and not returned by it', async () => {
    const id = await registerCustomer(repos, '甲公司', { registered_on: '2026-01-01' });
    const open = await sendForm(id, 'periodic', '2026-11-01', '2026-11-16');
    const backToday = await sendForm(id, 'periodic', '2026-11-02');
    const backTomorrow = await sendForm(id, 'initial', '2026-11-03');
    const later = await sendForm(id, 'initial', '2026-11-24');
    await returnForm(backToday, AS_OF);
    await returnForm(backTomorrow, '2026-11-24');
    const forms = [...(await overdueFacts(AS_OF)).forms];
    expect(forms.map((f) => f.id).sort()).toEqual([open, backTomorrow].sort());
    expect(forms.find((f) => f.id === open)).toEqual({
      id: open,
      customerId: id,
      kind: 'periodic',
      sentOn: '2026-11-01',
      due: '2026-11-16',
    });
    expect([...(await overdueFacts('2026-11-24')).forms].map((f) => f.id).sort()).toEqual([open, later].sort());
  });

  it('pending minutes: completed in-person visits on or before the as-of date without minutes by then', async () => {
    const id = await registerCustomer(repos, '甲公司', { registered_on: '2026-01-01' });
    const pending = await visit(id, '2026-11-18', { method: 'in-person' });
    const writtenLater = await visit(id, '2026-11-19', { method: 'in-person' });
    const written = await visit(id, '2026-11-20', { method: 'in-person' });
    await visit(id, '2026-11-20', { method: 'phone' });
    await visit(id, '2026-11-21', { method: 'in-person', planned: true });
    await visit(id, '2026-11-24', { method: 'in-person' });
    await repos.write(() => repos.visits.recordMinutes(writtenLater, '纪要', '2026-11-25'));
    await repos.write(() => repos.visits.recordMinutes(written, '纪要', '2026-11-23'));
    expect([...(await overdueFacts(AS_OF)).minutes]).toEqual(
      expect.arrayContaining([
        { id: pending, customerId: id, date: '2026-11-18' },
        { id: writtenLater, customerId: id, date: '2026-11-19' },
      ]),
    );
    expect([...(await overdueFacts(AS_OF)).minutes]).toHaveLength(2);
  });

  it('feeds findOverdue: one office, the expected list', async () => {
    const a = await registerCustomer(repos, '甲公司', { owner: '张伟', grade: 'A', registered_on: '2026-11-01' });
    const b = await registerCustomer(repos, '乙公司', { owner: '李娜', registered_on: '2026-11-10' });
    const v = await visit(a, '2026-11-10', { method: 'in-person' }); // follow-up 11-17, minutes 11-12
    await repos.write(() => repos.visits.recordMinutes(v, '纪要', '2026-11-11'));
    const plan = await visit(a, '2026-11-20', { planned: true });
    const form = await sendForm(b, 'initial', '2026-11-12', '2026-11-19');
    const items = findOverdue(await overdueFacts(AS_OF), AS_OF, defaultSettings(), EMPTY_CALENDAR);
    expect(items.map((i) => [i.kind, i.customerId, i.refId, i.due, i.daysOverdue])).toEqual([
      ['first-contact', b, b, '2026-11-17', 6],
      ['follow-up', a, v, '2026-11-17', 6],
      ['form-return', b, form, '2026-11-19', 4],
      ['plan-missed', a, plan, '2026-11-20', 3],
    ]);
  });
});

/** The stored starts (relationship_starts): the latest on or before the as-of date, per customer. */
async function relationshipStarts(asOf: string, years: number): Promise<Map<number, string>> {
  if ((await repos.settings.all())['eligibility.years'] !== years) await repos.write(() => repos.settings.set('eligibility.years', years));
  return storedStarts(office.current, asOf);
}

describe('stored relationship starts agree with relationshipStart (rule 4)', () => {
  /** Histories that trip date arithmetic; each becomes one registered customer. */
  const HISTORIES: Record<string, string[]> = {
    'gap exactly 3 years (same relationship)': ['2020-06-01 sale', '2023-06-01 sale'],
    'gap 3 years and a day (new relationship)': ['2020-05-31 sale', '2023-06-01 sale'],
    'leap day + 3 years → 2027-02-28 (same)': ['2024-02-29 sale', '2027-02-28 sale'],
    'leap day + 3 years → 2027-03-01 (new)': ['2024-02-29 sale', '2027-03-01 sale'],
    'into a leap day: 2025-02-28 → 2028-02-29 (same)': ['2025-02-28 sale', '2028-02-29 sale'],
    'into a leap day: 2025-02-27 → 2028-02-29 (new)': ['2025-02-27 sale', '2028-02-29 sale'],
    'into a leap day: 2025-03-01 → 2028-02-29': ['2025-03-01 sale', '2028-02-29 sale'],
    'return before the first sale': ['2020-01-01 return', '2021-01-01 sale', '2021-02-01 sale'],
    'a return keeps the relationship going': ['2019-01-01 sale', '2021-01-01 return', '2023-06-01 sale'],
    'a return after a long gap, then a sale': ['2015-01-01 sale', '2022-01-01 return', '2022-02-01 sale'],
    'samples do not bridge a gap': ['2019-01-01 sale', '2020-06-01 sample', '2021-06-01 sample', '2023-06-01 sale'],
    'same-day sales after a gap': ['2018-01-10 sale', '2026-03-01 sale', '2026-03-01 sale', '2026-03-02 sale'],
    'same-day sales, first ever': ['2026-05-05 sale', '2026-05-05 sale'],
    'three relationships': [
      '2010-01-01 sale',
      '2014-01-01 sale',
      '2016-12-31 sale',
      '2020-01-01 sale',
      '2025-07-01 return',
      '2026-01-01 sale',
    ],
    'only returns and samples': ['2025-01-01 return', '2025-02-01 sample'],
    'month ends': ['2023-01-31 sale', '2026-01-31 sale', '2026-02-01 sale'],
  };

  const txns = (specs: string[]): DatedTransaction[] =>
    specs.map((s) => {
      const [date, kind] = s.split(' ');
      return { date: date!, kind: kind as DatedTransaction['kind'] };
    });

  async function buildOffice(): Promise<Map<number, DatedTransaction[]>> {
    const customers = new Map<number, DatedTransaction[]>();
    const invoices: Invoice[] = [];
    let ref = 0;
    const names = Object.entries(HISTORIES).map(([label, specs], n) => ({ name: `客户${n} ${label}`, specs }));
    for (const { name, specs } of names)
      for (const t of txns(specs)) invoices.push({ ref: `R${++ref}`, customer: name, date: t.date, kind: t.kind });
    // invoices of a name nobody registered are nobody's relationship
    invoices.push({ ref: 'NOBODY', customer: '未登记公司', date: '2026-01-01' });
    // One import before the registrations: each registration matches its name's invoices.
    await importInvoices(repos, invoices);
    for (const { name, specs } of names) customers.set(await registerCustomer(repos, name, { registered_on: '2000-01-01' }), txns(specs));
    return customers;
  }

  /** Every transaction date, the days around it, and a sweep across the years. */
  function asOfDates(customers: Map<number, DatedTransaction[]>): string[] {
    const dates = new Set<string>();
    for (const list of customers.values()) for (const t of list) for (const d of [-1, 0, 1]) dates.add(plusDays(t.date, d));
    for (let d = '2009-06-01'; d < '2029-01-01'; d = plusDays(d, 61)) dates.add(d);
    return [...dates].sort();
  }

  it('every history matched its customer by name', async () => {
    const customers = await buildOffice();
    const [matched] = await office.current.query<{ n: number }>('SELECT count(*) AS n FROM transactions WHERE customer_id IS NOT NULL');
    expect(matched!.n).toBe([...customers.values()].reduce((n, list) => n + list.length, 0));
  });

  it('for every history and many as-of dates (3 years)', async () => {
    const customers = await buildOffice();
    const dates = asOfDates(customers);
    expect(dates.length).toBeGreaterThan(150);
    for (const asOf of dates) {
      const starts = await relationshipStarts(asOf, 3);
      for (const [id, list] of customers) {
        expect(starts.get(id) ?? null, `customer ${id} on ${asOf}`).toBe(relationshipStart(list, asOf, 3));
      }
      expect([...starts.keys()].every((id) => customers.has(id))).toBe(true);
    }
  });

  it('with another number of years (2 and 5)', async () => {
    const customers = await buildOffice();
    for (const years of [2, 5]) {
      for (const asOf of asOfDates(customers).filter((_, i) => i % 3 === 0)) {
        const starts = await relationshipStarts(asOf, years);
        for (const [id, list] of customers) {
          expect(starts.get(id) ?? null, `customer ${id} on ${asOf}, ${years} years`).toBe(relationshipStart(list, asOf, years));
        }
      }
    }
  });

  it('the bulk refresh (large imports, a new number of years) stores exactly what the per-customer refresh stores', async () => {
    await buildOffice();
    const { query } = office.current;
    const stored = async (): Promise<unknown> => ({
      starts: await query('SELECT customer_id, start_on FROM relationship_starts ORDER BY 1, 2'),
      facts: await query('SELECT customer_id, last_business, last_start FROM customer_facts ORDER BY 1'),
    });
    for (const years of [3, 2]) {
      const customers = (await query<{ id: number }>('SELECT id FROM customers')).map((c) => c.id);
      await refreshTransactionFactsOf(repos, customers, years);
      const one = await stored();
      await refreshTransactionFactsOf(repos, 'all', years);
      expect(await stored()).toEqual(one);
      expect((one as { starts: unknown[] }).starts.length).toBeGreaterThan(10);
    }
  });

  it('spot checks of rule 4 itself', async () => {
    const customers = await buildOffice();
    const byLabel = new Map([...customers.keys()].map((id, n) => [Object.keys(HISTORIES)[n]!, id]));
    const startOf = async (label: string, asOf = '2029-01-01') => (await relationshipStarts(asOf, 3)).get(byLabel.get(label)!) ?? null;
    expect(await startOf('gap exactly 3 years (same relationship)')).toBe('2020-06-01');
    expect(await startOf('gap 3 years and a day (new relationship)')).toBe('2023-06-01');
    expect(await startOf('leap day + 3 years → 2027-02-28 (same)')).toBe('2024-02-29');
    expect(await startOf('leap day + 3 years → 2027-03-01 (new)')).toBe('2027-03-01');
    expect(await startOf('into a leap day: 2025-02-28 → 2028-02-29 (same)')).toBe('2025-02-28');
    expect(await startOf('into a leap day: 2025-02-27 → 2028-02-29 (new)')).toBe('2028-02-29');
    expect(await startOf('return before the first sale')).toBe('2021-01-01');
    expect(await startOf('a return after a long gap, then a sale')).toBe('2015-01-01');
    expect(await startOf('samples do not bridge a gap')).toBe('2023-06-01');
    expect(await startOf('same-day sales after a gap')).toBe('2026-03-01');
    expect(await startOf('three relationships')).toBe('2020-01-01');
    expect(await startOf('three relationships', '2019-12-31')).toBe('2014-01-01');
    expect(await startOf('only returns and samples')).toBeNull();
    expect(await startOf('month ends')).toBe('2023-01-31');
  });

  it('facts.overdue carries the same start for each customer', async () => {
    const customers = await buildOffice();
    for (const asOf of ['2021-01-01', '2024-03-01', '2026-11-23', '2028-03-01']) {
      for (const c of (await overdueFacts(asOf)).customers) {
        expect(c.relationshipStart, `customer ${c.id} on ${asOf}`).toBe(relationshipStart(customers.get(c.id)!, asOf, 3));
      }
    }
  });
});

describe('facts.monthly', () => {
  it('reads the month’s visits and forms, the customers registered by its end, the applications touching it', async () => {
    const a = await registerCustomer(repos, '甲公司', { owner: '张伟', grade: 'A', registered_on: '2026-09-15' });
    const b = await registerCustomer(repos, '乙公司', { owner: '李娜', grade: 'B', registered_on: '2026-10-31' });
    await registerCustomer(repos, '丙公司', { owner: '李娜', registered_on: '2026-11-01' });
    await visit(a, '2026-09-30', { salesperson: '张伟' });
    await visit(a, '2026-10-01', { salesperson: '张伟' });
    await visit(b, '2026-10-31', { salesperson: '王芳' });
    await visit(b, '2026-10-20', { salesperson: '李娜', planned: true });
    await visit(b, '2026-11-01', { salesperson: '李娜' });
    const sentBefore = await sendForm(a, 'initial', '2026-09-20');
    await returnForm(sentBefore, '2026-10-05', { 质量: 4, 交期: 3 });
    await sendForm(b, 'initial', '2026-10-31');
    const sentAfter = await sendForm(a, 'periodic', '2026-11-01');
    await returnForm(sentAfter, '2026-11-02', { 质量: 1 });
    const facts = await repos.facts.monthly('2026-10-01', '2026-10-31');
    // Grouped: a customer registered before the month only counts for the grades.
    expect(facts.customers.map((c) => [c.owner, c.grade, c.registeredOn, c.count])).toEqual(
      expect.arrayContaining([
        ['张伟', 'A', '0001-01-01', 1],
        ['李娜', 'B', '2026-10-31', 1],
      ]),
    );
    expect(facts.customers).toHaveLength(2);
    expect(facts.visits).toEqual(
      expect.arrayContaining([
        { by: '张伟', customerId: a },
        { by: '王芳', customerId: b },
      ]),
    );
    expect(facts.visits).toHaveLength(2);
    expect(facts.forms).toEqual(
      expect.arrayContaining([
        { owner: '张伟', sentOn: '2026-09-20', returnedOn: '2026-10-05', ratings: { 质量: 4, 交期: 3 } },
        { owner: '李娜', sentOn: '2026-10-31', returnedOn: null, ratings: {} },
      ]),
    );
    expect(facts.forms).toHaveLength(2);
  });
});

describeSqliteOnly('query plans: the overdue queries go through indices', () => {
  let db: Db;

  /** The SQL texts that loadOverdueFacts prepares, captured on their way to SQLite. */
  function capturedQueries(): string[] {
    const seen: string[] = [];
    const prepare = db.prepare.bind(db);
    const spy = ((sql: string) => {
      seen.push(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    Object.defineProperty(db, 'prepare', { value: spy, configurable: true, writable: true });
    try {
      [...loadOverdueFacts(db, AS_OF, undefined).customers];
    } finally {
      delete (db as unknown as Record<string, unknown>).prepare;
    }
    return seen;
  }

  function planOf(sql: string): string[] {
    const params: Record<string, unknown> = {};
    for (const [, name] of sql.matchAll(/:(\w+)/gu)) params[name!] = name === 'years' ? 3 : name === 'owner' ? null : AS_OF;
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((r) => r.detail);
  }

  beforeEach(async () => {
    db = (repos as Repos).db;
    // a little of everything, so that no table is empty
    await importInvoices(
      repos,
      Array.from({ length: 30 }, (_, n) => ({ ref: `P${n}`, customer: `公司${n % 10}`, date: plusDays('2025-01-01', n * 20) })),
    );
    for (let n = 0; n < 10; n++) {
      const id = await registerCustomer(repos, `公司${n}`, { owner: n % 2 ? '张伟' : '李娜', registered_on: '2025-01-01' });
      await visit(id, plusDays('2026-10-01', n), { method: 'in-person' });
      await visit(id, plusDays('2026-11-25', n), { planned: true });
      await sendForm(id, 'initial', plusDays('2026-10-01', n));
      await fileApplication(id, '2025-01-01', '2025-01-10');
    }
  });

  it('the customer-facts query reads the stored facts, never the visits or transactions', () => {
    const queries = capturedQueries();
    const customerFacts = queries.find((q) => /FROM customers c/u.test(q) && /customer_facts/u.test(q));
    expect(customerFacts, 'the customer-facts query').toBeDefined();
    const plan = planOf(customerFacts!);
    expect(
      plan.some((l) => /^SEARCH f USING INTEGER PRIMARY KEY/u.test(l)),
      plan.join('\n'),
    ).toBe(true);
    expect(
      plan.filter((l) => /^SCAN (visits|transactions|v|t)\b/u.test(l)),
      plan.join('\n'),
    ).toEqual([]);
  });

  it('the look-ups for a past as-of date read indices only', () => {
    const queries = capturedQueries();
    const customerFacts = queries.find((q) => /FROM customers c/u.test(q) && /customer_facts/u.test(q))!;
    const plan = planOf(customerFacts);
    expect(
      plan
        .filter((l) => /\b(visits|transactions|relationship_starts)\b|\b[vts]\b USING/u.test(l) && /^SEARCH/u.test(l))
        .every((l) => /COVERING INDEX|PRIMARY KEY/u.test(l)),
      plan.join('\n'),
    ).toBe(true);
  });

  it('the plans, minutes and open-forms queries search an index', () => {
    const queries = capturedQueries();
    const others = queries.filter((q) => /^\s*SELECT id, customer_id AS customerId/u.test(q));
    expect(others).toHaveLength(3);
    for (const sql of others) {
      const plan = planOf(sql).filter((l) => /^(SEARCH|SCAN) /u.test(l));
      expect(plan.length).toBeGreaterThan(0);
      expect(
        plan.every((l) => /USING (COVERING )?INDEX/u.test(l)),
        `${sql}\n${plan.join('\n')}`,
      ).toBe(true);
      expect(
        plan.some((l) => /^SCAN (visits|forms)\b/u.test(l)),
        plan.join('\n'),
      ).toBe(false);
    }
  });

  it('the relationship start is read from the stored starts by primary key', () => {
    const queries = capturedQueries();
    const customerFacts = queries.find((q) => /FROM customers c/u.test(q) && /relationship_starts/u.test(q));
    expect(customerFacts).toBeDefined();
    const plan = planOf(customerFacts!);
    expect(
      plan.some((l) => /^SEARCH s USING (COVERING )?(PRIMARY KEY|INDEX)/u.test(l)),
      plan.join('\n'),
    ).toBe(true);
    expect(
      queries.some((q) => /OVER w/u.test(q)),
      'no window over all transactions per query',
    ).toBe(false);
  });
});
