// `import customers|transactions|visits`: every row checked, all written in one transaction or none.
import type { ISODate } from '../core/dates.js';
import type { ImportKind } from '../io/headers.js';
import type { ImportOptions, ImportResult, LineProblem } from '../io/import.js';
import type { Store } from './store.js';

export interface ImportRequest extends ImportOptions {
  kind: ImportKind;
  skipExisting: boolean;
  today: ISODate;
}

/** `describe` words each bad row for the error that lists them. */
export async function importFile(store: Store, request: ImportRequest, describe: (problem: LineProblem) => string): Promise<ImportResult> {
  const { importRows } = await import('../io/import.js');
  const sink = await store.importer({ kind: request.kind, skipExisting: request.skipExisting, today: request.today });
  return importRows(request, sink, describe);
}
