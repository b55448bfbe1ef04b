// One connection's queries, each failure turned into a message that says what to do (connection.ts).
import type pg from 'pg';
import { postgresError, type PostgresTarget } from './connection.js';

export class Sql {
  /** Set by the store while a transaction is open (cursors need one). */
  inTransaction = false;

  constructor(
    readonly client: pg.Client,
    readonly target: PostgresTarget,
  ) {}

  async query<T extends pg.QueryResultRow>(text: string, values: readonly unknown[] = []): Promise<pg.QueryResult<T>> {
    try {
      return await this.client.query<T>(text, values as unknown[]);
    } catch (err) {
      throw postgresError(err, this.target);
    }
  }

  async rows<T extends pg.QueryResultRow>(text: string, values: readonly unknown[] = []): Promise<T[]> {
    return (await this.query<T>(text, values)).rows;
  }

  async row<T extends pg.QueryResultRow>(text: string, values: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.query<T>(text, values)).rows[0];
  }

  /** Rows as arrays: for long reads, half the cost of the driver's objects. */
  async tuples<T extends unknown[]>(text: string, values: readonly unknown[] = []): Promise<T[]> {
    try {
      return (await this.client.query<T>({ text, values: values as unknown[], rowMode: 'array' })).rows;
    } catch (err) {
      throw postgresError(err, this.target);
    }
  }

  /** The first column of the first row. */
  async value<T>(text: string, values: readonly unknown[] = []): Promise<T | undefined> {
    const result = await this.query<Record<string, T>>(text, values);
    const first = result.rows[0];
    return first === undefined ? undefined : (Object.values(first)[0] as T);
  }

  /** Runs a statement; the number of rows it touched. */
  async run(text: string, values: readonly unknown[] = []): Promise<number> {
    return (await this.query(text, values)).rowCount ?? 0;
  }
}
