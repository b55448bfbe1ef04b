// Complaints and plan approvals in the store, on either engine (migration 3, src/db/*/complaints.ts, visits.ts,
// facts.ts): what each write stores and writes to the history in the same transaction, what the facts
// queries pick, and (on SQLite) that they read through indices.
import { beforeEach, describe, expect, it } from 'vitest';
import { registerCustomer, useStoreOffice } from '../helpers/db.js';
import { addComplaint, handle, verify } from '../../src/app/complaints.js';
import { describeSqliteOnly } from '../helpers/engine.js';
import { entityHistory, expectCheckRefusal, historyCount, importInvoice, sqliteDb } from '../helpers/store-rows.js';

const office = useStoreOffice();
let tengda: number;

beforeEach(async () => {
  tengda = await registerCustomer(office.current.repos, '深圳市腾达(集团)有限公司', { owner: '张伟', registered_on: '2026-06-01' });
});

const historyOf = (entity: string, id: number) => entityHistory(office.current.query, entity, id);

describe('the complaint repository', () => {
  it('stores a complaint as received, with its due date and a history entry', async () => {
    const { repos } = office.current;
    const c = await addComplaint(repos, String(tengda), { receivedOn: '2026-11-16', content: '包装破损', channel: 'phone', by: '吴霞' });
    expect(c).toMatchObject({ id: 1, customer_id: tengda, owner: '张伟', status: 'received', due: '2026-11-23', on_time: null });
    expect(await historyOf('complaint', 1)).toEqual([
      {
        action: 'receive',
        field: null,
        old: null,
        new: JSON.stringify({
          customer_id: tengda,
          received_on: '2026-11-16',
          channel: 'phone',
          received_by: '吴霞',
          content: '包装破损',
          due: '2026-11-23',
          status: 'received',
        }),
      },
    ]);
  });

  it('a step writes only what changed, one history entry per field', async () => {
    const { repos } = office.current;
    await addComplaint(repos, String(tengda), { receivedOn: '2026-11-16', content: 'x', channel: null, by: null });
    await verify(repos, 1, { by: '周敏', finding: '属实', on: '2026-11-17' });
    expect((await historyOf('complaint', 1)).slice(1)).toEqual([
      { action: 'verify', field: 'status', old: 'received', new: 'verified' },
      { action: 'verify', field: 'verified_on', old: null, new: '2026-11-17' },
      { action: 'verify', field: 'verified_by', old: null, new: '周敏' },
      { action: 'verify', field: 'finding', old: null, new: '属实' },
    ]);
  });

  it('a refused step leaves neither a change nor a history entry', async () => {
    const { repos, query } = office.current;
    await addComplaint(repos, String(tengda), { receivedOn: '2026-11-16', content: 'x', channel: null, by: null });
    const before = await historyCount(query);
    await expect(handle(repos, 1, { by: 'a', result: 'b', on: '2026-11-18' })).rejects.toMatchObject({ kind: 'conflict' });
    expect(await historyCount(query)).toBe(before);
    expect((await repos.complaints.byId(1))!.status).toBe('received');
  });

  it('the schema refuses a status, channel or outcome that is not one of the rules', async () => {
    const { query } = office.current;
    const insert = (column: string, value: string) => () =>
      query(
        `INSERT INTO complaints (customer_id, received_on, content, status, due, created_at, ${column}) VALUES (?, '2026-11-16', 'x', 'received', '2026-11-23', ?, ?)`,
        [tengda, '2026-11-23T02:03:04.000Z', value],
      );
    await expectCheckRefusal(insert('channel', 'pigeon'));
    await expectCheckRefusal(insert('outcome', 'maybe'));
    await expect(query(`UPDATE visits SET approval = 'maybe'`)).resolves.toEqual([]); // no visits yet
  });
});

describe('plan approval columns', () => {
  it('setApproval writes the decision and one history entry per changed column', async () => {
    const { repos, query } = office.current;
    const plan = await repos.write(() =>
      repos.visits.insert(
        {
          customer_id: tengda,
          date: '2026-11-25',
          method: 'in-person',
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
    await repos.write(() => repos.visits.setApproval(plan, { approval: 'pending', by: null, on: null, note: null }, 'plan'));
    await repos.write(() =>
      repos.visits.setApproval(plan, { approval: 'rejected', by: '刘经理', on: '2026-11-24', note: '改期' }, 'reject'),
    );
    expect(await repos.visits.byId(plan)).toMatchObject({
      approval: 'rejected',
      approval_by: '刘经理',
      approval_on: '2026-11-24',
      approval_note: '改期',
    });
    expect((await historyOf('visit', plan)).slice(1)).toEqual([
      { action: 'plan', field: 'approval', old: null, new: 'pending' },
      { action: 'reject', field: 'approval', old: 'pending', new: 'rejected' },
      { action: 'reject', field: 'approval_by', old: null, new: '刘经理' },
      { action: 'reject', field: 'approval_on', old: null, new: '2026-11-24' },
      { action: 'reject', field: 'approval_note', old: null, new: '改期' },
    ]);
    await expectCheckRefusal(() => query(`UPDATE visits SET approval = 'maybe' WHERE id = ?`, [plan]));
    // As of the day before the decision, the plan was pending; a plan without a decision is listed without one.
    expect((await repos.facts.overdue('2026-11-23')).plans).toEqual([
      { id: plan, customerId: tengda, date: '2026-11-25', approval: 'pending' },
    ]);
    expect((await repos.facts.overdue('2026-11-24')).plans).toEqual([
      { id: plan, customerId: tengda, date: '2026-11-25', approval: 'rejected' },
    ]);
  });
});

describeSqliteOnly('the facts queries on a SQLite file', () => {
  it('the overdue list reads the open complaints through the status index', async () => {
    const db = sqliteDb(office.current);
    const planOf = (sql: string, params: Record<string, unknown>): string[] =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((r) => r.detail);
    const seen: string[] = [];
    const prepare = db.prepare.bind(db);
    Object.defineProperty(db, 'prepare', {
      value: (sql: string) => (seen.push(sql), prepare(sql)),
      configurable: true,
      writable: true,
    });
    try {
      await office.current.repos.facts.overdue('2026-11-23');
    } finally {
      delete (db as unknown as Record<string, unknown>).prepare;
    }
    const sql = seen.find((q) => /FROM complaints k/u.test(q))!;
    const plan = planOf(sql, { receivedBy: '2026-11-23', closedAfter: '2026-11-23' });
    expect(
      plan.filter((l) => /^(SEARCH|SCAN) /u.test(l)).every((l) => /USING INDEX complaints_status/u.test(l)),
      plan.join('\n'),
    ).toBe(true);
  });
});

describe('the facts queries', () => {
  it('the quarter: complaints received or handled in it, and the customers with business', async () => {
    // Invoices imported before the registration are matched by it; the sample of 腾达, matched by hand, is not business.
    const { repos, query } = office.current;
    await importInvoice(query, { ref: 'A', customer: '苏州新源电子有限公司', date: '2026-08-01' });
    await importInvoice(query, { ref: 'B', customer: '苏州新源电子有限公司', date: '2026-08-02' });
    await importInvoice(query, { ref: 'C', customer: '深圳市腾达(集团)有限公司', date: '2026-08-02', kind: 'sample' });
    await query(`UPDATE transactions SET customer_id = ? WHERE ref = 'C'`, [tengda]);
    const xinyuan = await registerCustomer(repos, '苏州新源电子有限公司', { owner: '李娜', registered_on: '2026-06-01' });
    await addComplaint(repos, String(tengda), { receivedOn: '2026-06-29', content: 'x', channel: null, by: null }); // #1 handled in Q3
    await verify(repos, 1, { by: 'a', finding: 'b', on: '2026-06-30' });
    await handle(repos, 1, { by: 'a', result: 'b', on: '2026-07-03' });
    await addComplaint(repos, String(xinyuan), { receivedOn: '2026-09-30', content: 'y', channel: null, by: null }); // #2 received in Q3
    await addComplaint(repos, String(xinyuan), { receivedOn: '2026-10-01', content: 'z', channel: null, by: null }); // #3 after
    const facts = await repos.facts.quarterly('2026-07-01', '2026-09-30');
    expect([...facts.complaints].sort((a, b) => a.receivedOn.localeCompare(b.receivedOn))).toEqual([
      { owner: '张伟', receivedOn: '2026-06-29', handledOn: '2026-07-03', onTime: true },
      { owner: '李娜', receivedOn: '2026-09-30', handledOn: null, onTime: null },
    ]);
    expect(facts.businessCustomers).toEqual([{ owner: '李娜', count: 1 }]);
  });
});
