// Imports on PostgreSQL: every row checked in JavaScript as it is read, then streamed with COPY into a
// temporary staging table, and moved into the real tables with a few set-based statements (transactions:
// a batch at a time, while the next batch is read), all inside one write transaction that commits only
// when every row was good. A million rows are a few COPYs and statements, not a million round trips.
import type { ImportSettings } from '../../app/store.js';
import type { SimilarImportSettings } from '../../app/store-similar.js';
import type { ImportCounts, ImportSink, LineProblem, UnmatchedName } from '../../io/import.js';
import { checkTransaction, checkVisit, type RawRow, type RowProblem } from '../../io/rows.js';
import { refreshAllTransactionFacts, refreshLastVisits, refreshTransactionFacts } from './derived.js';
import type { Actor } from '../clock.js';
import type { PostgresSession } from './session.js';
import { PostgresImport } from './import-base.js';
import { CustomerImport } from './customer-import.js';

/** Rows per batch of an import of transactions: moved by the server while the client reads the next. */
const TRANSACTION_BATCH = 25_000;
/** Past the last line of any file (staging's line is an integer). */
const LAST_LINE = 2_147_483_647;

/**
 * The staged rows of lines ($2, $3] in file order, numbered on from $4 as SQLite numbers rows (the largest
 * id plus one): an invoice number skipped, or an import rolled back, uses up no id, so both engines give a
 * row the same id. `known` leaves out the invoice numbers already there.
 */
const insertTransactions = (known: boolean): string =>
  `INSERT INTO transactions (id, ref, customer_name, name_key, uscc, customer_id, date, amount, kind, imported_at)
   SELECT $4 + row_number() OVER (ORDER BY line), ref, customer_name, name_key, uscc, customer_id, date, amount, kind, $1
   FROM staging s WHERE line > $2 AND line <= $3 ${known ? 'AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.ref = s.ref)' : ''}
   ORDER BY line`;

class TransactionImport extends PostgresImport {
  /** Rows without an invoice number are identified by their content and its occurrence in the file. */
  private readonly occurrences = new Map<string, number>();
  private unmatchedNames: UnmatchedName[] = [];
  readonly unmatched = (): UnmatchedName[] => this.unmatchedNames;
  /** The largest id before the import: the rows at or below it were there before (0: the table was empty). */
  private before = 0;
  private added = 0;
  /** A batch met an invoice number twice in the file: nothing more is moved, the check at the end lists the lines. */
  private repeated: unknown;
  /** The customers whose business the file touches (at most every customer: the resolver holds them all too). */
  private readonly touched = new Set<number>();

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
    this.batchRows = TRANSACTION_BATCH;
  }

  protected override async prepare(): Promise<void> {
    this.before = (await this.sql.value<number | null>('SELECT max(id) FROM transactions')) ?? 0;
  }

  add(row: RawRow, line: number, validateOnly: boolean): RowProblem[] | Promise<RowProblem[]> {
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
    if (customerId !== null && t.kind !== 'sample') this.touched.add(customerId);
    return this.stage(line, [ref, t.customer_name, t.name_key, t.uscc, customerId, t.date, t.amount, t.kind], !validateOnly);
  }

  /**
   * The staged rows of lines (after, upTo] into the table. Into a table that was empty nothing can be there
   * already, and the server is spared looking (a plain INSERT). An invoice number twice in the file stops
   * the batch (in a savepoint, so that the transaction lives on to list the lines).
   */
  protected override async moveBatch(after: number, upTo: number): Promise<void> {
    if (this.repeated) return;
    const { sql } = this;
    await sql.run('SAVEPOINT batch');
    try {
      this.added += await sql.run(insertTransactions(this.before > 0), [this.createdAt, after, upTo, this.before + this.added]);
      await sql.run('RELEASE SAVEPOINT batch');
    } catch (err) {
      const { code, constraint } = err as { code?: string; constraint?: string };
      if (code !== '23505' || constraint !== 'transactions_ref_key') throw err;
      await sql.run('ROLLBACK TO SAVEPOINT batch');
      this.repeated = err;
    }
  }

  protected async move(badRows: boolean, movedUpTo: number): Promise<ImportCounts> {
    const { sql } = this;
    if (!badRows) await this.moveBatch(movedUpTo, LAST_LINE);
    // An invoice number twice in the file: every later line is a bad row naming the first. (Every row went
    // into a table that was empty, and none twice: none was.)
    if (badRows || this.before > 0 || this.repeated) {
      const repeated = await sql.rows<{ ref: string; lines: number[] }>(
        'SELECT ref, array_agg(line ORDER BY line) AS lines FROM staging GROUP BY ref HAVING count(*) > 1',
      );
      if (repeated.length > 0) {
        const problems: LineProblem[] = repeated.flatMap(({ ref, lines }) =>
          lines.slice(1).map((line) => ({ line, key: 'row.duplicate_ref' as const, params: { ref, first: lines[0]! } })),
        );
        return { added: 0, skipped: 0, problems };
      }
      // Not twice in the file: the invoice number came from elsewhere meanwhile.
      if (this.repeated) throw this.repeated;
    }
    // Nothing will be kept: the bad rows are all that is wanted.
    if (badRows) return { added: 0, skipped: 0 };
    // Imported before: skipped, and counted as conflicting when the details differ.
    const known =
      this.before === 0
        ? { skipped: 0, conflicting: 0 }
        : await sql.row<{ skipped: number; conflicting: number }>(
            `SELECT count(*) AS skipped,
               count(*) FILTER (WHERE t.name_key <> s.name_key OR t.date <> s.date OR t.amount <> s.amount OR t.kind <> s.kind) AS conflicting
             FROM staging s JOIN transactions t ON t.ref = s.ref WHERE t.id <= $1`,
            [this.before],
          );
    // docs/rules.md, rule 17: the names of new rows that match no customer, compared with the customers afterwards.
    const wasNew = this.before === 0 ? '' : 'AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.ref = s.ref AND t.id <= $1)';
    this.unmatchedNames = await sql.rows<UnmatchedName>(
      `SELECT (array_agg(customer_name ORDER BY line DESC))[1] AS name, count(*)::integer AS rows
       FROM staging s WHERE customer_id IS NULL ${wasNew}
       GROUP BY name_key ORDER BY min(line)`,
      this.before === 0 ? [] : [this.before],
    );
    // One pass over every customer beats a statement per batch once many are touched.
    if (this.touched.size > 2000) await refreshAllTransactionFacts(sql, this.years);
    else await refreshTransactionFacts(sql, this.touched, this.years);
    // The sequence goes on after the ids given here, for anything that takes the next one.
    if (this.added > 0) await sql.value("SELECT setval(pg_get_serial_sequence('transactions', 'id'), $1)", [this.before + this.added]);
    return { added: this.added, skipped: known?.skipped ?? 0, conflicting: known?.conflicting ?? 0 };
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
    // Numbered from the largest id in file order, as SQLite numbers them: ids a rolled-back insert took from the
    // sequence are not skipped (writers are serialized by the write lock, so the largest id cannot move meanwhile).
    const before = (await sql.value<number | null>('SELECT max(id) FROM visits')) ?? 0;
    const added = await sql.run(
      `INSERT INTO visits (id, customer_id, date, method, salesperson, purpose, topic, location, summary, intent, next, minutes, minutes_on, planned, done, created_at)
       SELECT $2::bigint + row_number() OVER (ORDER BY line), customer_id, date, method, salesperson, purpose, topic, location, summary, intent, next, minutes, minutes_on, 0, 1, $1
       FROM (${rows}) r ORDER BY line`,
      [this.createdAt, before],
    );
    // The sequence goes on after the ids given here, for anything that takes the next one.
    if (added > 0) await sql.value("SELECT setval(pg_get_serial_sequence('visits', 'id'), $1)", [before + added]);
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
      return new CustomerImport(
        store,
        actor,
        settings.today,
        settings.skipExisting,
        settings.allowSimilar === true,
        settings.update === true,
      );
  }
}
