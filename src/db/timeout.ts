// Kept apart from open.ts so that error reporting can read it without loading the database layer.
/**
 * How long a write waits for another writer: 30 s by default, so a clerk's command waits out a large
 * import instead of failing. CUSTRACK_BUSY_TIMEOUT_MS changes it (tests use a short one).
 */
export const BUSY_TIMEOUT_MS = 30_000;

export function busyTimeout(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.CUSTRACK_BUSY_TIMEOUT_MS?.trim();
  const value = Number(text);
  return text && Number.isInteger(value) && value >= 0 ? value : BUSY_TIMEOUT_MS;
}
