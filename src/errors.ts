// Typed errors: every layer throws these; src/main.ts alone turns them into exit codes.
import type { MessageKey } from './i18n/en/index.js';

export type Params = Record<string, string | number>;

export abstract class CustrackError extends Error {
  abstract readonly kind: 'usage' | 'not-found' | 'conflict' | 'database';
  constructor(
    readonly key: MessageKey,
    readonly params: Params = {},
    /** Extra lines printed after the message (for example every bad import row). */
    readonly details: string[] = [],
  ) {
    super(key);
    this.name = new.target.name;
  }
}

/** Bad flag, missing value, impossible date, bad row: exit 2, nothing written. */
export class UsageError extends CustrackError {
  readonly kind = 'usage' as const;
}

/** A customer, form, visit or application that does not exist: exit 3. */
export class NotFoundError extends CustrackError {
  readonly kind = 'not-found' as const;
}

/** Duplicate customer, form already returned, wrong application status: exit 4. */
export class ConflictError extends CustrackError {
  readonly kind = 'conflict' as const;
}

/** Locked, newer schema, not a custrack file, corrupt, unsafe location: exit 5. */
export class DatabaseError extends CustrackError {
  readonly kind = 'database' as const;
}
