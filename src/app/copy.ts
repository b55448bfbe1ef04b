// `db copy`: a whole custrack database from one engine to another (SQLite → PostgreSQL to go shared,
// PostgreSQL → SQLite as a portable snapshot), from one consistent snapshot, into an empty target, every
// table's row count checked afterwards.
import { ConflictError, DatabaseError } from '../errors.js';
import type { Store } from './store.js';

export interface CopiedTable {
  table: string;
  rows: number;
}

export async function copyDatabase(source: Store, target: Store, progress?: (table: string, rows: number) => void): Promise<CopiedTable[]> {
  if (source.location === target.location) throw new ConflictError('copy.same', { location: source.location });
  const present = Object.entries(await target.tableCounts()).find(([, rows]) => rows > 0);
  if (present) throw new ConflictError('copy.target_not_empty', { location: target.location, table: present[0], rows: present[1] });
  const expected = await source.snapshot(async () => {
    const counts = await source.tableCounts();
    await target.loadTables(source.readTables(), progress);
    return counts;
  });
  const copied = await target.tableCounts();
  for (const [table, rows] of Object.entries(expected)) {
    if (copied[table] !== rows)
      throw new DatabaseError('copy.count_mismatch', { table, expected: rows, copied: copied[table] ?? 0, location: target.location });
  }
  return Object.entries(expected).map(([table, rows]) => ({ table, rows }));
}
