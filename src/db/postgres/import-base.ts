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

/**
 * How many characters of COPY lines go to the stream at a time: pg-copy-streams sends every write as a
 * message of its own (two socket writes), and a million one-line writes cost the client 13 s of system time.
 */
const CHUNK_CHARS = 32 * 1024;
/** Bytes of a batch handed to the COPY stream at a time. */
const COPY_WRITE = 256 * 1024;
/** Rows read between two turns of the event loop while the server moves a batch (about 10 ms of reading). */
const ROWS_PER_TURN = 1000;

/**
 * The transaction, staging table and COPY stream that every kind of import shares.
 *
 * Rows are staged in one of two ways. By default one COPY stream stays open while the file is read, and
 * the kind of import moves every staged row when the file is done. An import that sets `batchRows`
 * instead stages batches (one COPY each) and has the server move each batch (`moveBatch`) while the next
 * one is read and checked: the client's reading and the server's inserting overlap, on two cores, instead
 * of taking turns. Memory then holds one batch of COPY lines besides what the reader holds.
 */
export abstract class PostgresImport implements ImportSink {
  private copy: Writable | undefined;
  private copyFailed: unknown;
  /** COPY lines not yet handed to the stream (or to the batch). */
  private pending = '';
  private open = false;
  /**
   * Batches: the COPY text of the batch being read, as bytes in a buffer of its own, its length, its rows,
   * the last line staged and the last line moved. Kept as strings until sent, a batch outlived the young
   * generation and added 100 MB to the peak memory; one buffer used again for every batch left V8 without
   * the outside memory that made it collect, and the heap grew to 450 MB. A buffer per batch: 380 MB, as before.
   */
  private batch = Buffer.allocUnsafe(0);
  private batchBytes = 0;
  private batchCount = 0;
  private lastLine = 0;
  private movedUpTo = 0;
  /** Batches: the server moving the batch before this one, whether it still is, and rows read since the last turn. */
  private moving: Promise<void> | undefined;
  private inFlight = false;
  private sinceTurn = 0;
  protected resolver!: CustomerResolver;
  protected createdAt = '';
  /** Rows per batch moved while the next is read; 0: one COPY for the whole file, moved by `move` at the end. */
  protected batchRows = 0;

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
    // Batches are found by their lines: a key on it spares each batch a scan of everything staged before.
    const line = this.batchRows > 0 ? 'line integer PRIMARY KEY' : 'line integer NOT NULL';
    await sql.run(`CREATE TEMP TABLE staging (${line}, ${this.stagingColumns}) ON COMMIT DROP`);
    if (this.batchRows === 0) this.copy = this.startCopy();
  }

  private startCopy(): Writable {
    const stream = this.sql.client.query(copyFrom('COPY staging FROM STDIN'));
    this.copyFailed = undefined;
    stream.on('error', (err: unknown) => {
      this.copyFailed = err;
    });
    return stream;
  }

  /**
   * Stages one row; a promise only when the stream asks to wait (back-pressure) or a batch is full. `move`
   * false (a bad row was seen: nothing will be kept) stages the row for the checks at the end without moving it.
   */
  protected stage(line: number, cells: readonly Cell[], move = true): Promise<RowProblem[]> | RowProblem[] {
    if (this.copyFailed) throw postgresError(this.copyFailed, this.sql.target);
    this.pending += copyLine([line, ...cells]);
    this.lastLine = line;
    if (this.batchRows === 0) return this.pending.length < CHUNK_CHARS ? [] : this.send();
    if (this.pending.length >= CHUNK_CHARS) this.keepPending();
    if (++this.batchCount >= this.batchRows) return this.nextBatch(move);
    // While the server moves a batch in several statements, each answer is only read when the reader
    // yields: without a turn now and then, the server waited ~250 ms for the next statement, twice a batch.
    if (this.inFlight && ++this.sinceTurn >= ROWS_PER_TURN) {
      this.sinceTurn = 0;
      return new Promise((resolve) => setImmediate(resolve, []));
    }
    return [];
  }

  /** Writes the gathered lines; a promise only when the stream asks to wait. */
  private send(): Promise<RowProblem[]> | RowProblem[] {
    const chunk = this.pending;
    this.pending = '';
    if (this.copy!.write(chunk)) return [];
    return once(this.copy!, 'drain').then(
      () => [],
      (err: unknown) => {
        throw postgresError(err, this.sql.target);
      },
    );
  }

  /** A full batch: staged once the server moved the one before, then moved while the reader goes on. */
  private async nextBatch(move: boolean): Promise<RowProblem[]> {
    await this.moved();
    await this.copyBatch();
    if (move) {
      const after = this.movedUpTo;
      this.movedUpTo = this.lastLine;
      this.inFlight = true;
      const moving = this.moveBatch(after, this.lastLine).finally(() => {
        this.inFlight = false;
      });
      // Its failure is thrown where it is awaited (the next batch, or finish).
      moving.catch(() => {});
      this.moving = moving;
    }
    return [];
  }

  /** Waits for the batch the server is moving; its failure is thrown here. */
  private async moved(): Promise<void> {
    const moving = this.moving;
    this.moving = undefined;
    if (!moving) return;
    try {
      await moving;
    } catch (err) {
      throw postgresError(err, this.sql.target);
    }
  }

  /** Moves the pending lines into the batch's buffer, which grows when it must. */
  private keepPending(): void {
    const room = this.batchBytes + this.pending.length * 3;
    if (room > this.batch.length) {
      const larger = Buffer.allocUnsafe(Math.max(room, this.batch.length * 2, 1 << 20));
      this.batch.copy(larger, 0, 0, this.batchBytes);
      this.batch = larger;
    }
    this.batchBytes += this.batch.write(this.pending, this.batchBytes);
    this.pending = '';
  }

  /** The batch read so far into staging, with one COPY; its buffer is let go once the COPY is done. */
  private async copyBatch(): Promise<void> {
    if (this.pending) this.keepPending();
    const bytes = this.batchBytes;
    this.batchCount = 0;
    if (bytes === 0) return;
    const stream = this.startCopy();
    this.copy = stream;
    try {
      for (let from = 0; from < bytes; from += COPY_WRITE) {
        if (!stream.write(this.batch.subarray(from, Math.min(from + COPY_WRITE, bytes)))) await once(stream, 'drain');
      }
      stream.end();
      await once(stream, 'finish');
    } catch (err) {
      throw postgresError(err, this.sql.target);
    } finally {
      this.copy = undefined;
      this.batchBytes = 0;
      this.batch = Buffer.allocUnsafe(0);
    }
    if (this.copyFailed) throw postgresError(this.copyFailed, this.sql.target);
  }

  /** What a kind of import reads inside the transaction before the COPY takes the connection. */
  protected async prepare(): Promise<void> {}

  abstract add(row: RawRow, line: number, validateOnly: boolean): RowProblem[] | Promise<RowProblem[]>;

  /** Batches: moves the staged rows of the lines in (after, upTo] into the real tables. */
  protected async moveBatch(_after: number, _upTo: number): Promise<void> {}

  /**
   * Moves the staged rows into the real tables (batches: those after `movedUpTo`, unless `badRows`), and
   * returns what was done.
   */
  protected abstract move(badRows: boolean, movedUpTo: number): Promise<ImportCounts>;

  async finish(badRows = false): Promise<ImportCounts> {
    if (this.batchRows > 0) {
      await this.moved();
      await this.copyBatch();
      return this.move(badRows, this.movedUpTo);
    }
    if (this.pending) await this.send();
    const stream = this.copy!;
    this.copy = undefined;
    stream.end();
    try {
      await once(stream, 'finish');
    } catch (err) {
      throw postgresError(err, this.sql.target);
    }
    if (this.copyFailed) throw postgresError(this.copyFailed, this.sql.target);
    return this.move(badRows, 0);
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
    this.pending = '';
    this.batchBytes = 0;
    // A COPY still running is ended by the rollback: the server aborts it with the transaction. A batch
    // being moved finishes first (the connection runs one statement at a time), then is rolled back.
    if (this.copy) {
      this.copy.destroy();
      this.copy = undefined;
    }
    await this.sql.run('ROLLBACK').catch(() => {});
  }
}
