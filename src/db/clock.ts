// Who changes the data and when, for both engines: every stored timestamp is made here, in one format.

export interface Actor {
  /** Recorded in the history: --user, CUSTRACK_USER, else the login. */
  user: string;
  /** Wall-clock time of a change (not the as-of date of the rules). */
  now: () => Date;
}

/** ISO 8601 in UTC to the second, `2026-11-23T02:03:04Z`: the form of created_at, imported_at and history.at. */
export function timestamp(now: () => Date): string {
  return now()
    .toISOString()
    .replace(/\.\d{3}Z$/u, 'Z');
}
