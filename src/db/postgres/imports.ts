// Imports on PostgreSQL: every row checked in JavaScript as it is read, then streamed with COPY into a
// temporary staging table, and moved into the real tables with a few set-based statements when the file
// is done, all inside one write transaction that commits only when every row was good. A million rows are
// one COPY and a handful of statements, not a million round trips.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { ImportSettings } from '../../app/store.js';
import type { SimilarImportSettings } from '../../app/store-similar.js';
import type { ImportCounts, ImportSink, LineProblem, UnmatchedName } from '../../io/import.js';
import { checkCustomer, checkTransaction, checkVisit, type RawRow, type RowProblem } from '../../io/rows.js';
import { nameKey } from '../../core/names.js';
import type { ISODate } from '../../core/dates.js';
import { timestamp, type Actor } from '../clock.js';
import { CustomerResolver, type ResolverAlias, type ResolverCustomer } from '../customer-resolver.js';
import { historyValue } from '../history-values.js';
import { ImportedNames } from '../import-similar.js';
import { postgresError } from './connection.js';
import { copyLine, type Cell } from './copy-line.js';
import { refreshAllTransactionFacts, refreshLastVisits, refreshTransactionFacts } from './derived.js';
import { WRITE_LOCK } from './locks.js';
import type { PostgresSession } from './session.js';

/** The transaction, staging table and COPY stream that every kind of import shares. */
abstract class PostgresImport implements ImportSink {
  private copy: Writable | undefined;
  private copyFailed: unknown;
  private open = false;
  protected resolver!: CustomerResolver;
  protected createdAt = '';

  constructor(
    protected readonly store: PostgresSession,
    protected readonly actor: Actor,
    private readonly entity: 'customers' | 'transactions' | 'visits',
    /** `CREATE TEMP TABLE staging (…)` columns, in the order rows are written. */
    private readonly stagingColumns: string,
  ) {}

  protected get sql() {
    return this.store.sql;
  }

  async begin(): Promise<void> {
    const { sql } = this;
    await sql.run('BEGIN');
    this.open = true;
    sql.inTransaction = true;
    await sql.run(`SET LOCAL lock_timeout = ${Math.max(1, this.store.busyTimeoutMs)}`);
    await sql.value('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [WRITE_LOCK]);
    this.createdAt = timestamp(this.actor.now);
    this.resolver = new CustomerResolver(
      await sql.rows<ResolverCustomer>('SELECT id, name_key, uscc, owner FROM customers'),
      await sql.rows<ResolverAlias>('SELECT customer_id, name_key FROM customer_aliases'),
    );
    await this.prepare();
    await sql.run(`CREATE TEMP TABLE staging (line integer NOT NULL, ${this.stagingColumns}) ON COMMIT DROP`);
    const stream = sql.client.query(copyFrom('COPY staging FROM STDIN'));
    stream.on('error', (err: unknown) => {
      this.copyFailed = err;
    });
    this.copy = stream;
  }

  /** Hands one staged row to COPY; a promise only when the stream asks to wait (back-pressure). */
  protected stage(line: number, cells: readonly Cell[]): Promise<RowProblem[]> | RowProblem[] {
    if (this.copyFailed) throw postgresError(this.copyFailed, this.sql.target);
    if (this.copy!.write(copyLine([line, ...cells]))) return [];
    return once(this.copy!, 'drain').then(
      () => [],
      (err: unknown) => {
        throw postgresError(err, this.sql.target);
      },
    );
  }

  /** What a kind of import reads inside the transaction before the COPY takes the connection. */
  protected async prepare(): Promise<void> {}

  abstract add(row: RawRow, line: number, validateOnly: boolean): RowProblem[] | Promise<RowProblem[]>;

  /** Moves the staged rows into the real tables. */
  protected abstract move(badRows: boolean): Promise<ImportCounts>;

  async finish(badRows = false): Promise<ImportCounts> {
    const stream = this.copy!;
    this.copy = undefined;
    stream.end();
    try {
      await once(stream, 'finish');
    } catch (err) {
      throw postgresError(err, this.sql.target);
    }
    if (this.copyFailed) throw postgresError(this.copyFailed, this.sql.target);
    return this.move(badRows);
  }

  async commit(file: string, counts: ImportCounts): Promise<void> {
    const { problems: _problems, ...figures } = counts;
    await this.store.history.record({ action: 'import', entity: this.entity, new: { file, ...figures } });
    await this.sql.run('UPDATE data_generation SET value = value + 1 WHERE id = 1');
    await this.sql.run('COMMIT');
    this.open = false;
    this.sql.inTransaction = false;
  }

  async rollback(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    this.sql.inTransaction = false;
    // A COPY still running is ended by the rollback: the server aborts it with the transaction.
    if (this.copy) {
      this.copy.destroy();
      this.copy = undefined;
    }
    await this.sql.run('ROLLBACK').catch(() => {});
  }
}

class TransactionImport extends PostgresImport {
  /** Rows without an invoice number are identified by their content and its occurrence in the file. */
  private readonly occurrences = new Map<string, number>();
  private unmatchedNames: UnmatchedName[] = [];
  readonly unmatched = (): UnmatchedName[] => this.unmatchedNames;

  constructor(
    store: PostgresSession,
    actor: Actor,
    private readonly years: number,
  ) {
    super(
      store,
      actor,
      'transactions',
      'ref text, customer_name text, name_key text, uscc text, customer_id bigint, date date, amount bigint, kind text',
    );
  }

  add(row: RawRow, line: number): RowProblem[] | Promise<RowProblem[]> {
    const checked = checkTransaction(row);
    if (!checked.ok) return checked.problems;
    const t = checked.value;
    let ref = t.ref;
    if (ref === null) {
      const content = `${t.date}|${t.amount}|${t.kind}|${t.uscc ?? ''}|${t.name_key}`;
      const n = (this.occurrences.get(content) ?? 0) + 1;
      this.occurrences.set(content, n);
      ref = `auto:${content}#${n}`;
    }
    const customerId = this.resolver.match(t.name_key, t.uscc);
    return this.stage(line, [ref, t.customer_name, t.name_key, t.uscc, customerId, t.date, t.amount, t.kind]);
  }

  protected async move(): Promise<ImportCounts> {
    const { sql } = this;
    // An invoice number twice in the file: every later line is a bad row naming the first.
    const repeated = await sql.rows<{ ref: string; lines: number[] }>(
      'SELECT ref, array_agg(line ORDER BY line) AS lines FROM staging GROUP BY ref HAVING count(*) > 1',
    );
    if (repeated.length > 0) {
      const problems: LineProblem[] = repeated.flatMap(({ ref, lines }) =>
        lines.slice(1).map((line) => ({ line, key: 'row.duplicate_ref' as const, params: { ref, first: lines[0]! } })),
      );
      return { added: 0, skipped: 0, problems };
    }
    // Imported before: skipped, and counted as conflicting when the details differ.
    const known = await sql.row<{ skipped: number; conflicting: number }>(
      `SELECT count(*) AS skipped,
         count(*) FILTER (WHERE t.name_key <> s.name_key OR t.date <> s.date OR t.amount <> s.amount OR t.kind <> s.kind) AS conflicting
       FROM staging s JOIN transactions t ON t.ref = s.ref`,
    );
    // docs/rules.md, rule 17: the names of new rows that match no customer, compared with the customers afterwards.
    this.unmatchedNames = await sql.rows<UnmatchedName>(
      `SELECT (array_agg(customer_name ORDER BY line DESC))[1] AS name, count(*)::integer AS rows
       FROM staging s WHERE customer_id IS NULL AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.ref = s.ref)
       GROUP BY name_key ORDER BY min(line)`,
    );
    const added = await sql.run(
      `INSERT INTO transactions (ref, customer_name, name_key, uscc, customer_id, date, amount, kind, imported_at)
       SELECT ref, customer_name, name_key, uscc, customer_id, date, amount, kind, $1 FROM staging ORDER BY line
       ON CONFLICT (ref) DO NOTHING`,
      [this.createdAt],
    );
    const touched = await sql.rows<{ customer_id: number }>(
      "SELECT DISTINCT customer_id FROM staging WHERE customer_id IS NOT NULL AND kind <> 'sample'",
    );
    // One pass over every customer beats a statement per batch once many are touched.
    if (touched.length > 2000) await refreshAllTransactionFacts(sql, this.years);
    else
      await refreshTransactionFacts(
        sql,
        touched.map((r) => r.customer_id),
        this.years,
      );
    return { added, skipped: known?.skipped ?? 0, conflicting: known?.conflicting ?? 0 };
  }
}

const CUSTOMER_FIELDS = [
  'name',
  'uscc',
  'grade',
  'owner',
  'source',
  'region',
  'industry',
  'contact',
  'phone',
  'email',
  'address',
  'monthly_volume',
  'note',
  'registered_on',
  'last_contact_on',
] as const;

class CustomerImport extends PostgresImport {
  private readonly keysInFile = new Map<string, number>();
  private readonly usccsInFile = new Map<string, number>();
  private skipped = 0;
  /** docs/rules.md, rule 17: names similar to a registered customer or to an earlier row. */
  private names!: ImportedNames;
  private readonly registered = new Map<number, { name: string; owner: string | null }>();

  constructor(
    store: PostgresSession,
    actor: Actor,
    private readonly today: ISODate,
    private readonly skipExisting: boolean,
    private readonly allowSimilar: boolean,
  ) {
    super(
      store,
      actor,
      'customers',
      'name text, name_key text, uscc text, grade text, owner text, source text, region text, industry text, contact text, phone text, email text, address text, monthly_volume bigint, note text, registered_on date, last_contact_on date, history text, name_core text',
    );
  }

  /** The registered customers' names and cores: no query can run once the COPY has the connection. */
  protected override async prepare(): Promise<void> {
    const customers = await this.sql.rows<{ id: number; name: string; owner: string | null; core: string }>(
      'SELECT id, name, owner, name_core AS core FROM customers ORDER BY id',
    );
    const aliases = await this.sql.rows<{ customer_id: number; core: string }>(
      'SELECT customer_id, name_core AS core FROM customer_aliases ORDER BY id',
    );
    for (const c of customers) this.registered.set(c.id, c);
    const cores = [...customers.map((c) => ({ customer_id: c.id, core: c.core })), ...aliases];
    this.names = new ImportedNames(
      () => cores,
      (id) => this.customer(id),
      { allowSimilar: this.allowSimilar, threshold: (await this.store.settings.all())['similar.threshold'] },
    );
  }

  add(row: RawRow, line: number): RowProblem[] | Promise<RowProblem[]> {
    const checked = checkCustomer(row);
    if (!checked.ok) return checked.problems;
    const v = checked.value;
    const key = nameKey(v.name);
    const uscc = v.uscc ?? null;
    const earlier = this.keysInFile.get(key) ?? (uscc ? this.usccsInFile.get(uscc) : undefined);
    if (earlier !== undefined) return [{ key: 'row.duplicate_in_file', params: { first: earlier } }];
    this.keysInFile.set(key, line);
    if (uscc) this.usccsInFile.set(uscc, line);
    if (this.resolver.has(key, uscc)) {
      if (this.skipExisting) {
        this.skipped++;
        return [];
      }
      const c = this.customer(this.resolver.registered(key, uscc)!);
      return [{ key: 'row.customer_exists', params: { id: c.id, name: c.name, owner: c.owner ?? '-' } }];
    }
    const { core, others, problems } = this.names.check(v.name);
    if (problems instanceof Promise || problems.length > 0) {
      this.names.added(core, line, null, others, false);
      return problems;
    }
    this.names.added(core, line, null, others, true);
    const fields = {
      name: v.name,
      uscc,
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
      last_contact_on: v.last_contact_on ?? null,
    };
    // The history entry is the same text a registration writes on either engine (a last contact only when given).
    const { last_contact_on, ...registered } = fields;
    const history = JSON.stringify({
      ...registered,
      monthly_volume: historyValue('monthly_volume', fields.monthly_volume),
      ...(last_contact_on ? { last_contact_on } : {}),
    });
    return this.stage(line, [fields.name, key, ...CUSTOMER_FIELDS.slice(1).map((f) => fields[f]), history, core]);
  }

  /** A registered customer by id, for a bad row's message (read before the COPY took the connection). */
  private customer(id: number): { id: number; name: string; owner: string | null } {
    const c = this.registered.get(id)!;
    return { id, name: c.name, owner: c.owner };
  }

  /** Rows already bad: nothing is inserted (an identity value taken would be lost to the rollback). */
  protected async move(badRows: boolean): Promise<ImportCounts> {
    if (badRows) return { added: 0, skipped: this.skipped };
    const { sql } = this;
    const inserted = await sql.rows<{ id: number; line: number; history: string }>(
      `WITH added AS (
         INSERT INTO customers (name, name_key, ${CUSTOMER_FIELDS.slice(1).join(', ')}, assigned_on, created_at, name_core)
         SELECT name, name_key, ${CUSTOMER_FIELDS.slice(1).join(', ')}, registered_on, $1, name_core FROM staging ORDER BY line
         RETURNING id, name_key)
       SELECT a.id, s.line, s.history FROM added a JOIN staging s ON s.name_key = a.name_key ORDER BY a.id`,
      [this.createdAt],
    );
    await this.store.similarNames.index(this.names.coresToIndex());
    const idOfLine = new Map(inserted.map((r) => [r.line, r.id]));
    const confirmations = this.names.confirmations((line) => idOfLine.get(line));
    if (confirmations.length > 0)
      await sql.run(
        `INSERT INTO customer_distinctions (customer_id, other_ids, via, confirmed_by, confirmed_on, created_at)
         SELECT c.id, c.others, 'import', $3, $4, $5 FROM unnest($1::bigint[], $2::text[]) WITH ORDINALITY AS c(id, others, n) ORDER BY c.n`,
        [
          confirmations.map((c) => c.customerId),
          confirmations.map((c) => JSON.stringify(c.otherIds)),
          this.actor.user,
          this.today,
          this.createdAt,
        ],
      );
    await sql.run(
      `INSERT INTO history (at, actor, action, entity, entity_id, customer_id, new)
       SELECT $1, $2, 'create', 'customer', id::text, id, history FROM unnest($3::bigint[], $4::text[]) AS h(id, history) ORDER BY h.id`,
      [this.createdAt, this.actor.user, inserted.map((r) => r.id), inserted.map((r) => r.history)],
    );
    if (inserted.length > 0) await this.store.customers.relinkAfterImport(Math.min(...inserted.map((r) => r.id)));
    return { added: inserted.length, skipped: this.skipped, ...(confirmations.length > 0 ? { similar: confirmations.length } : {}) };
  }
}

class VisitImport extends PostgresImport {
  constructor(store: PostgresSession, actor: Actor) {
    super(
      store,
      actor,
      'visits',
      'customer_id bigint, date date, method text, salesperson text, purpose text, topic text, location text, summary text, intent text, next date, minutes text, minutes_on date',
    );
  }

  add(row: RawRow, line: number): RowProblem[] | Promise<RowProblem[]> {
    const checked = checkVisit(row);
    if (!checked.ok) return checked.problems;
    const v = checked.value;
    const customerId = this.resolver.resolve(v.customer);
    if (customerId === undefined) return [{ key: 'row.unknown_customer', params: { customer: v.customer } }];
    const by = v.by ?? this.resolver.owner(customerId);
    return this.stage(line, [
      customerId,
      v.date,
      v.method,
      by,
      v.purpose,
      v.topic,
      v.location,
      v.summary,
      v.intent,
      v.next,
      v.minutes,
      v.minutes_on,
    ]);
  }

  protected async move(badRows: boolean): Promise<ImportCounts> {
    if (badRows) return { added: 0, skipped: 0 };
    const { sql } = this;
    const staged = (await sql.value<number>('SELECT count(*) FROM staging')) ?? 0;
    // A visit already recorded (same customer, day, method, salesperson, topic and summary) is not added
    // twice, and neither is a row repeating an earlier row of the file when the table had visits before.
    const hadVisits = (await sql.value<boolean>('SELECT EXISTS (SELECT 1 FROM visits)')) ?? false;
    const rows = hadVisits
      ? `SELECT DISTINCT ON (customer_id, date, method, salesperson, topic, summary) * FROM staging s
         WHERE NOT EXISTS (SELECT 1 FROM visits v WHERE v.customer_id = s.customer_id AND v.done = 1 AND v.date = s.date AND v.method = s.method
           AND v.salesperson IS NOT DISTINCT FROM s.salesperson AND v.topic IS NOT DISTINCT FROM s.topic AND v.summary IS NOT DISTINCT FROM s.summary)
         ORDER BY customer_id, date, method, salesperson, topic, summary, line`
      : 'SELECT * FROM staging';
    const added = await sql.run(
      `INSERT INTO visits (customer_id, date, method, salesperson, purpose, topic, location, summary, intent, next, minutes, minutes_on, planned, done, created_at)
       SELECT customer_id, date, method, salesperson, purpose, topic, location, summary, intent, next, minutes, minutes_on, 0, 1, $1
       FROM (${rows}) r ORDER BY line`,
      [this.createdAt],
    );
    const touched = await sql.rows<{ customer_id: number }>('SELECT DISTINCT customer_id FROM staging');
    if (touched.length > 2000) await refreshLastVisits(sql);
    else if (touched.length > 0)
      await refreshLastVisits(
        sql,
        touched.map((r) => r.customer_id),
      );
    return { added, skipped: staged - added };
  }
}

export async function postgresImport(
  store: PostgresSession,
  settings: ImportSettings & SimilarImportSettings,
  actor: Actor,
): Promise<ImportSink> {
  switch (settings.kind) {
    case 'transactions':
      return new TransactionImport(store, actor, (await store.settings.all())['eligibility.years']);
    case 'visits':
      return new VisitImport(store, actor);
    case 'customers':
      return new CustomerImport(store, actor, settings.today, settings.skipExisting, settings.allowSimilar === true);
  }
}
