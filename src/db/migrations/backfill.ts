/**
 * What SQL cannot compute alone (a name's core needs JavaScript), run after a migration's `sql` in the same
 * transaction: the rows `select` reads (all of them, before anything is written), each turned into the
 * statements that fill it. Plain SQL with `?` parameters, so that each engine runs it its own way.
 */
export interface Backfill {
  select: string;
  statements(row: Record<string, unknown>): Array<[sql: string, params: unknown[]]>;
}
