// Staging and committing imports. Rows are staged in TEMP tables (private to this connection, no lock on
// the database), so the write lock is held only for the final copy into the real tables.
import type { Db } from '../open.js';
import type { HistoryRepo } from './history.js';
import type { CustomerRepo, CustomerFields } from './customers.js';
import type { ImportCounts, ImportSink, LineProblem } from '../../io/import.js';
import { checkCustomer, checkTransaction, checkVisit, type RawRow, type RowProblem } from '../../io/rows.js';
import { inWriteTransaction } from '../tx.js';
import { nameKey } from '../../core/names.js';
import { parseUscc } from '../../core/uscc.js';
import type { ISODate } from '../../core/dates.js';

const nowIso = (now: () => Date): string => now().toISOString().replace(/\.\d{3}Z$/u, 'Z');

/** Re-match by USCC, then name key, then former name: the same rule as CustomerRepo's relink. */
const MATCH = (alias: string) => `coalesce(
  (SELECT c.id FROM customers c WHERE c.uscc = ${alias}.uscc),
  (SELECT c.id FROM customers c WHERE c.name_key = ${alias}.name_key),
  (SELECT a.customer_id FROM customer_aliases a WHERE a.name_key = ${alias}.name_key))`;

export class TransactionImport implements ImportSink {
  private readonly insert;

  constructor(
    private readonly db: Db,
    private readonly history: HistoryRepo,
    private readonly now: () => Date,
  ) {
    db.exec(`DROP TABLE IF EXISTS temp.staged_transactions;
      CREATE TEMP TABLE staged_transactions (line INTEGER NOT NULL, ref TEXT, content TEXT NOT NULL, customer_name TEXT NOT NULL,
        name_key TEXT NOT NULL, uscc TEXT, date TEXT NOT NULL, amount INTEGER NOT NULL, kind TEXT NOT NULL)`);
    this.insert = db.prepare(
      'INSERT INTO temp.staged_transactions (line, ref, content, customer_name, name_key, uscc, date, amount, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  stage(row: RawRow, line: number): RowProblem[] {
    const checked = checkTransaction(row);
    if (!checked.ok) return checked.problems;
    const t = checked.value;
    // Without an invoice number, the row's content (and its occurrence in the file) identifies it.
    const content = `${t.date}|${t.amount}|${t.kind}|${t.uscc ?? ''}|${t.name_key}`;
    this.insert.run(line, t.ref, content, t.customer_name, t.name_key, t.uscc, t.date, t.amount, t.kind);
    return [];
  }

  afterStaging(): LineProblem[] {
    const rows = this.db
      .prepare(
        `SELECT s.line, s.ref, f.first FROM temp.staged_transactions s
         JOIN (SELECT ref, min(line) AS first FROM temp.staged_transactions WHERE ref IS NOT NULL GROUP BY ref HAVING count(*) > 1) f
           ON f.ref = s.ref AND s.line > f.first ORDER BY s.line`,
      )
      .all() as Array<{ line: number; ref: string; first: number }>;
    return rows.map((r) => ({ line: r.line, key: 'row.duplicate_ref', params: { ref: r.ref, first: r.first } }));
  }

  private readonly identified = `SELECT coalesce(ref, 'auto:' || content || '#' || row_number() OVER (PARTITION BY content ORDER BY line)) AS ref,
      line, customer_name, name_key, uscc, date, amount, kind FROM temp.staged_transactions`;

  preview(): ImportCounts {
    const row = this.db
      .prepare(
        `SELECT count(*) AS total, sum(EXISTS (SELECT 1 FROM transactions t WHERE t.ref = s.ref)) AS skipped,
           sum(EXISTS (SELECT 1 FROM transactions t WHERE t.ref = s.ref AND (t.date <> s.date OR t.amount <> s.amount OR t.kind <> s.kind OR t.name_key <> s.name_key))) AS conflicting
         FROM (${this.identified}) s`,
      )
      .get() as { total: number; skipped: number | null; conflicting: number | null };
    return { added: row.total - (row.skipped ?? 0), skipped: row.skipped ?? 0, conflicting: row.conflicting ?? 0 };
  }

  commit(file: string): ImportCounts {
    return inWriteTransaction(this.db, () => {
      const counts = this.preview();
      this.db
        .prepare(
          `INSERT INTO transactions (ref, customer_name, name_key, uscc, customer_id, date, amount, kind, imported_at)
           SELECT s.ref, s.customer_name, s.name_key, s.uscc, ${MATCH('s')}, s.date, s.amount, s.kind, :now
           FROM (${this.identified}) s
           WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.ref = s.ref)
           ORDER BY s.line`,
        )
        .run({ now: nowIso(this.now) });
      this.history.record({ action: 'import', entity: 'transactions', new: { file, ...counts } });
      return counts;
    });
  }

  close(): void {
    this.db.exec('DROP TABLE IF EXISTS temp.staged_transactions');
  }
}

export class CustomerImport implements ImportSink {
  private readonly staged: Array<{ line: number; fields: CustomerFields }> = [];
  private readonly keysInFile = new Map<string, number>();
  private readonly usccsInFile = new Map<string, number>();
  private skipped = 0;

  constructor(
    private readonly db: Db,
    private readonly customers: CustomerRepo,
    private readonly history: HistoryRepo,
    private readonly today: ISODate,
    private readonly skipExisting: boolean,
    private readonly now: () => Date,
  ) {}

  stage(row: RawRow, line: number): RowProblem[] {
    const checked = checkCustomer(row);
    if (!checked.ok) return checked.problems;
    const v = checked.value;
    const key = nameKey(v.name);
    const existing = this.customers.byNameKey(key) ?? (v.uscc ? this.customers.byUscc(v.uscc) : undefined);
    if (existing) {
      if (this.skipExisting) {
        this.skipped++;
        return [];
      }
      return [{ key: 'row.customer_exists', params: { id: existing.id, name: existing.name, owner: existing.owner ?? '-' } }];
    }
    const earlier = this.keysInFile.get(key) ?? (v.uscc ? this.usccsInFile.get(v.uscc) : undefined);
    if (earlier !== undefined) return [{ key: 'row.duplicate_in_file', params: { first: earlier } }];
    this.keysInFile.set(key, line);
    if (v.uscc) this.usccsInFile.set(v.uscc, line);
    this.staged.push({
      line,
      fields: {
        name: v.name,
        uscc: v.uscc ?? null,
        grade: v.grade ?? 'C',
        owner: v.owner ?? null,
        source: v.source ?? null,
        region: v.region ?? null,
        industry: v.industry ?? null,
        contact: v.contact ?? null,
        phone: v.phone ?? null,
        email: v.email ?? null,
        address: v.address ?? null,
        monthly_volume: v.monthly_volume ?? null,
        note: v.note ?? null,
        registered_on: v.registered_on ?? this.today,
      },
    });
    return [];
  }

  afterStaging(): LineProblem[] {
    return [];
  }

  preview(): ImportCounts {
    return { added: this.staged.length, skipped: this.skipped };
  }

  commit(file: string): ImportCounts {
    return inWriteTransaction(this.db, () => {
      const created = nowIso(this.now);
      // Checked again under the write lock: another clerk may have registered one meanwhile.
      for (const { fields } of this.staged) this.customers.register(fields, created);
      const counts = this.preview();
      this.history.record({ action: 'import', entity: 'customers', new: { file, ...counts } });
      return counts;
    });
  }

  close(): void {}
}

export class VisitImport implements ImportSink {
  private readonly insert;
  private readonly byKey = new Map<string, number>();
  private readonly byUscc = new Map<string, number>();
  private readonly ids = new Set<number>();

  constructor(
    private readonly db: Db,
    private readonly history: HistoryRepo,
    private readonly now: () => Date,
  ) {
    // One set-based load of every customer name instead of a query per row.
    for (const c of db.prepare('SELECT id, name_key, uscc FROM customers').iterate() as IterableIterator<{ id: number; name_key: string; uscc: string | null }>) {
      this.ids.add(c.id);
      this.byKey.set(c.name_key, c.id);
      if (c.uscc) this.byUscc.set(c.uscc, c.id);
    }
    for (const a of db.prepare('SELECT customer_id, name_key FROM customer_aliases').iterate() as IterableIterator<{ customer_id: number; name_key: string }>) {
      if (!this.byKey.has(a.name_key)) this.byKey.set(a.name_key, a.customer_id);
    }
    db.exec(`DROP TABLE IF EXISTS temp.staged_visits;
      CREATE TEMP TABLE staged_visits (line INTEGER NOT NULL, customer_id INTEGER NOT NULL, date TEXT NOT NULL, method TEXT NOT NULL,
        salesperson TEXT, purpose TEXT, topic TEXT, location TEXT, summary TEXT, intent TEXT, next TEXT)`);
    this.insert = db.prepare(
      `INSERT INTO temp.staged_visits (line, customer_id, date, method, salesperson, purpose, topic, location, summary, intent, next)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  private resolve(text: string): number | undefined {
    if (/^\d+$/u.test(text) && this.ids.has(Number(text))) return Number(text);
    const uscc = parseUscc(text);
    if (uscc && this.byUscc.has(uscc)) return this.byUscc.get(uscc);
    return this.byKey.get(nameKey(text));
  }

  stage(row: RawRow, line: number): RowProblem[] {
    const checked = checkVisit(row);
    if (!checked.ok) return checked.problems;
    const v = checked.value;
    const customerId = this.resolve(v.customer);
    if (customerId === undefined) return [{ key: 'row.unknown_customer', params: { customer: v.customer } }];
    this.insert.run(line, customerId, v.date, v.method, v.by, v.purpose, v.topic, v.location, v.summary, v.intent, v.next);
    return [];
  }

  afterStaging(): LineProblem[] {
    return [];
  }

  /** A visit already recorded (same customer, day, method, salesperson, topic and summary) is not added twice. */
  private readonly fresh = `FROM temp.staged_visits s WHERE NOT EXISTS (
      SELECT 1 FROM visits v WHERE v.customer_id = s.customer_id AND v.done = 1 AND v.date = s.date AND v.method = s.method
        AND v.salesperson IS coalesce(s.salesperson, (SELECT owner FROM customers c WHERE c.id = s.customer_id))
        AND v.topic IS s.topic AND v.summary IS s.summary)`;

  preview(): ImportCounts {
    const total = (this.db.prepare('SELECT count(*) AS n FROM temp.staged_visits').get() as { n: number }).n;
    const added = (this.db.prepare(`SELECT count(*) AS n ${this.fresh}`).get() as { n: number }).n;
    return { added, skipped: total - added };
  }

  commit(file: string): ImportCounts {
    return inWriteTransaction(this.db, () => {
      const counts = this.preview();
      this.db
        .prepare(
          `INSERT INTO visits (customer_id, date, method, salesperson, purpose, topic, location, summary, intent, next, planned, done, created_at)
           SELECT s.customer_id, s.date, s.method, coalesce(s.salesperson, (SELECT owner FROM customers c WHERE c.id = s.customer_id)),
             s.purpose, s.topic, s.location, s.summary, s.intent, s.next, 0, 1, :now
           ${this.fresh} ORDER BY s.line`,
        )
        .run({ now: nowIso(this.now) });
      this.history.record({ action: 'import', entity: 'visits', new: { file, ...counts } });
      return counts;
    });
  }

  close(): void {
    this.db.exec('DROP TABLE IF EXISTS temp.staged_visits');
  }
}
