// `import customers` and similar names on SQLite (src/db/import-similar.ts): rows get their ids as they are
// written, so the confirmations are known at the end of the file and written with the index's new cores.
import type { SqliteCustomers } from './customers.js';
import type { SqliteSimilarNames } from './similar.js';
import type { ISODate } from '../../core/dates.js';
import { ImportedNames } from '../import-similar.js';

export function sqliteImportedNames(
  customers: SqliteCustomers,
  names: SqliteSimilarNames,
  options: { allowSimilar: boolean; threshold: number },
): ImportedNames {
  return new ImportedNames(
    () => names.allCores(),
    (id) => customers.row(id)!,
    options,
  );
}

/** After the last row: the new cores indexed, the confirmations written; how many rows were confirmed. */
export function finishImportedNames(names: SqliteSimilarNames, imported: ImportedNames, today: ISODate, createdAt: string): number {
  names.indexNew(imported.coresToIndex());
  const confirmations = imported.confirmations();
  for (const { customerId, otherIds } of confirmations) names.confirm({ customerId, otherIds, via: 'import', on: today }, createdAt, false);
  return confirmations.length;
}
