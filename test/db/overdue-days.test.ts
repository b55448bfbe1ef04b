// The annual report computes the overdue lists of twelve month ends from one read of the office
// (src/app/overdue-days.ts, src/db/sqlite/facts.ts loadOverdueTimeline). Each of those lists must be the
// list `overdue --as-of <day>` gives (src/app/overdue.ts), item for item: a month computed that way is kept
// in the monthly report cache and served to `report monthly`. A generated office with every kind of fact
// (visits and plans, minutes written late, forms returned late, applications, relationship starts,
// closed customers, complaints in every state, plans approved and rejected after their date) is compared
// day by day, with plan approval on and off. On both engines.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/store.js';
import { registerCustomer, useStoreOffice, type Invoice } from '../helpers/db.js';
import { importInvoices, tamperStoredReports } from '../helpers/store-facts.js';
import { complaintsOn, overdueItems } from '../../src/app/overdue.js';
import { overdueFactsOnDays, overdueOnDays } from '../../src/app/overdue-days.js';
import { complaintRules } from '../../src/core/complaints.js';
import { monthlyReport, monthlyReports } from '../../src/app/monthly-report.js';
import { addComplaint, followUp, handle, verify } from '../../src/app/complaints.js';
import { monthRange, plusDays } from '../../src/core/dates.js';
import type { Grade } from '../../src/core/customer.js';
import type { FormKind } from '../../src/core/forms.js';
import type { OverdueItem } from '../../src/core/overdue.js';

const office = useStoreOffice();
let repos: Store;

beforeEach(() => {
  repos = office.current.repos;
});

/** mulberry32: the same office on every machine. */
function generator(seed: number): { next: () => number; pick: <T>(list: readonly T[]) => T; day: (from: string, span: number) => string } {
  let s = seed;
  const next = (): number => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: (list) => list[Math.floor(next() * list.length)]!,
    day: (from, span) => plusDays(from, Math.floor(next() * span)),
  };
}

const OWNERS = ['张伟', '李娜', '王芳', null] as const;

/** Every month end from January 2025 to October 2026, and a few days in between. */
const DAYS = [
  ...Array.from({ length: 22 }, (_, i) => monthRange(`${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`)!.to),
  '2025-03-15',
  '2026-02-01',
  '2026-11-20',
].sort();
const START = '2025-01-01';

/** An office of 40 customers with three years of everything. */
async function generateOffice(seed: number): Promise<void> {
  const r = generator(seed);
  const names = Array.from({ length: 40 }, (_, i) => `测试客户${String(i + 1).padStart(2, '0')}贸易有限公司`);
  // Invoices first (one import): registering a customer matches them and derives its relationship starts.
  const invoices: Invoice[] = [];
  let ref = 0;
  for (const name of names) {
    for (let n = Math.floor(r.next() * 6); n > 0; n--) {
      invoices.push({
        ref: `R${++ref}`,
        customer: name,
        date: r.day('2023-06-01', 1250),
        kind: r.pick(['sale', 'sale', 'return', 'sample'] as const),
      });
    }
    // Business on a day the reports look at: the last business is the latest *before* the day.
    if (r.next() < 0.5) invoices.push({ ref: `R${++ref}`, customer: name, date: r.pick(DAYS) });
  }
  await importInvoices(repos, invoices);
  const ids: number[] = [];
  for (const name of names) {
    const grade: Grade = r.pick(['A', 'B', 'C'] as const);
    ids.push(await registerCustomer(repos, name, { owner: r.pick(OWNERS), grade, registered_on: r.day(START, 500) }));
  }
  const registered = new Map<number, string>();
  for (const id of ids) registered.set(id, (await repos.customers.byId(id))!.registered_on);
  for (const id of ids) {
    const from = registered.get(id)!;
    // The customer's visits, plans, forms and application in one write transaction: the same rows as one
    // transaction each, in far fewer round trips to the server.
    await repos.write(async () => {
      const inOneWrite = <T>(work: () => Promise<T>): Promise<T> => work();
      // visits, some in person without minutes or with minutes written late
      for (let n = Math.floor(r.next() * 8); n > 0; n--) {
        const date = r.day(from, 600);
        const method = r.pick(['in-person', 'phone', 'in-person'] as const);
        const next = r.next() < 0.3 ? plusDays(date, Math.floor(r.next() * 40)) : null;
        const visit = await inOneWrite(() =>
          repos.visits.insert(
            {
              customer_id: id,
              date,
              method,
              salesperson: r.pick(OWNERS),
              purpose: null,
              topic: null,
              location: null,
              summary: null,
              intent: null,
              next,
            },
            false,
          ),
        );
        if (method === 'in-person' && r.next() < 0.6)
          await inOneWrite(() => repos.visits.recordMinutes(visit, '纪要', plusDays(date, Math.floor(r.next() * 20))));
      }
      // plans: some done, some pending, approved or rejected (some decided after their date)
      for (let n = Math.floor(r.next() * 3); n > 0; n--) {
        const date = r.day(from, 650);
        const plan = await inOneWrite(() =>
          repos.visits.insert(
            {
              customer_id: id,
              date,
              method: 'phone',
              salesperson: null,
              purpose: null,
              topic: null,
              location: null,
              summary: null,
              intent: null,
              next: null,
            },
            true,
          ),
        );
        const fate = r.next();
        if (fate < 0.2) await inOneWrite(() => repos.visits.complete(plan, { date }));
        else if (fate < 0.4)
          await inOneWrite(() => repos.visits.setApproval(plan, { approval: 'pending', by: null, on: null, note: null }, 'plan'));
        else if (fate < 0.8) {
          const approval = fate < 0.6 ? 'approved' : 'rejected';
          const on = plusDays(date, Math.floor(r.next() * 30) - 10);
          await inOneWrite(() => repos.visits.setApproval(plan, { approval, by: '经理', on, note: null }, approval));
        }
      }
      // forms, some returned late, some never
      for (let n = Math.floor(r.next() * 4); n > 0; n--) {
        const sent = r.day(from, 600);
        const kind: FormKind = r.pick(['initial', 'periodic', 'revisit'] as const);
        const form = await inOneWrite(() => repos.forms.send({ customer_id: id, kind, sent_on: sent, via: null, due: plusDays(sent, 15) }));
        if (r.next() < 0.6)
          await inOneWrite(() => repos.forms.markReturned(form, plusDays(sent, Math.floor(r.next() * 40)), { 质量: 3 }, null));
      }
      // applications
      if (r.next() < 0.3) {
        const filed = r.day(from, 500);
        await inOneWrite(() =>
          repos.applications.insert({
            customer_id: id,
            salesperson: null,
            first_txn: plusDays(filed, -Math.floor(r.next() * 40)),
            filed_on: filed,
            deadline: filed,
            on_time: true,
            status: 'filed',
            reason: null,
            process: null,
            evaluation: null,
            support: null,
          }),
        );
      }
    });
    // complaints, taken as far as chance allows: received, verified, handled, sent back, handled again, closed
    for (let n = Math.floor(r.next() * 3); n > 0; n--) {
      let on = r.day(from, 600);
      const complaint = await addComplaint(repos, String(id), { receivedOn: on, content: '投诉', channel: null, by: null });
      const steps = ['verify', 'handle', r.next() < 0.5 ? 'unsatisfied' : 'satisfied', 'handle', 'satisfied'];
      for (const step of steps.slice(0, Math.floor(r.next() * 6))) {
        on = plusDays(on, Math.floor(r.next() * 12));
        if (step === 'verify') await verify(repos, complaint.id, { by: '客服', finding: '属实', on });
        else if (step === 'handle') await handle(repos, complaint.id, { by: '客服', result: '处理', on });
        else {
          await followUp(repos, complaint.id, { outcome: step as 'satisfied' | 'unsatisfied', on, note: null });
          if (step === 'satisfied') break;
        }
      }
    }
    if (r.next() < 0.15) await repos.write(async () => void (await repos.customers.update(id, { closed_on: r.day(from, 600) }, 'close')));
  }
}

const key = (i: OverdueItem): string => JSON.stringify([i.kind, i.customerId, i.refId, i.due, i.daysOverdue, i.owner, i.detail]);

describe.each([
  ['off', 11],
  ['on', 11],
  ['on', 29],
  ['off', 47],
])('overdueOnDays with plan approval %s (office %i)', (approval, seed) => {
  it('gives each day the list overdueItems gives it', async () => {
    await generateOffice(seed);
    await repos.write(() => repos.settings.set('plan.approval', approval as 'on' | 'off'));
    const kinds = new Set<string>();
    for await (const { day, items } of overdueOnDays(repos, DAYS, 0)) {
      const single = await overdueItems(repos, { asOf: day, within: 0 });
      expect(items.map(key), day).toEqual(single.map(key));
      for (const item of items) kinds.add(item.kind);
    }
    // The office is rich enough to compare every kind.
    const expected = ['first-contact', 'follow-up', 'plan-missed', 'minutes', 'application', 'form-return', 'form-send', 'complaint'];
    expect([...kinds].sort()).toEqual(expect.arrayContaining(approval === 'on' ? [...expected, 'plan-approval'] : expected));
  }, 60_000);
});

describe('overdueFactsOnDays', () => {
  it.each([3, 11, 29])(
    'gives each day the facts the single-day read gives it (office %i)',
    async (seed) => {
      await generateOffice(seed);
      await repos.write(() => repos.settings.set('plan.approval', 'on'));
      const rules = complaintRules(await repos.settings.all(), await repos.calendar.workCalendar());
      const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
      for await (const { day, facts } of overdueFactsOnDays(repos, DAYS, rules)) {
        const single = await repos.facts.overdue(day);
        const registered = [...facts.customers].filter((c) => c.registeredOn <= day);
        expect(plain(registered), day).toEqual(plain([...single.customers]));
        expect(plain(facts.plans.map((p) => ({ ...p, approval: p.approval ?? null }))), day).toEqual(
          plain(single.plans.map((p) => ({ ...p, approval: p.approval ?? null }))),
        );
        const byId = <T extends { id: number }>(list: readonly T[]): T[] => [...list].sort((a, b) => a.id - b.id);
        // The single-day read lists minutes in two parts (not written yet, written later); the order is not read.
        expect(plain(byId(facts.minutes.map(({ id, customerId, date }) => ({ id, customerId, date })))), day).toEqual(
          plain(byId(single.minutes)),
        );
        expect(plain(facts.forms.map(({ id, customerId, kind, sentOn, due }) => ({ id, customerId, kind, sentOn, due }))), day).toEqual(
          plain(single.forms),
        );
        expect(plain(facts.complaints), day).toEqual(plain(complaintsOn(single.complaints, day, rules)));
      }
    },
    60_000,
  );
});

describe('monthlyReports', () => {
  it('computes the months as monthlyReport does, keeps them, and serves them again', async () => {
    await generateOffice(5);
    const months = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];
    const options = { program: 'test' };
    const one = [];
    for (const month of months) one.push(await monthlyReport(repos, { month, today: '2026-11-23', ...options }));
    await office.current.query('DELETE FROM report_cache');
    // Two months kept beforehand, four computed together.
    await monthlyReport(repos, { month: '2026-01', today: '2026-11-23', ...options });
    await monthlyReport(repos, { month: '2026-03', today: '2026-11-23', ...options });
    expect(await monthlyReports(repos, months, options)).toEqual(one);
    expect(await office.current.query('SELECT count(*) AS n FROM report_cache')).toEqual([{ n: 6 }]);
    // Served from the cache: a tampered stored month comes back as it is.
    await tamperStoredReports(office.current, ['totals', 'visits'], 999, '2025-12');
    expect((await monthlyReports(repos, months, options))[1]!.totals.visits).toBe(999);
  }, 60_000);
});
