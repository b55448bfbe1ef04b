// What every import on PostgreSQL shares (src/db/postgres/imports.ts): the write transaction, its advisory
// lock, the staging table and the COPY stream into it.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { ImportCounts, ImportSink } from '../../io/import.js';
import type { RawRow, RowProblem } from '../../io/rows.js';
import { timestamp, type Actor } from '../clock.js';
import { CustomerResolver, type ResolverAlias, type ResolverCustomer } from '../customer-resolver.js';
import { postgresError } from './connection.js';
import { copyLine, type Cell } from './copy-line.js';
import { WRITE_LOCK } from './locks.js';
import type { PostgresSession } from './session.js';

/** The transaction, staging table and COPY stream that every kind of import shares. */
export abstract class PostgresImport implements ImportSink {
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
