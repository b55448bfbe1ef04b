// Ctrl-C or SIGTERM in the middle of a command (a long import or export): every open write transaction is
// rolled back and every temporary file removed, synchronously, before anything else can run; then one line
// says that nothing was written, and the exit code is 130 (SIGINT) or 143 (SIGTERM).
import { removeTemporaries } from '../io/files.js';
import { detectLang, loadTranslator } from '../i18n/index.js';
import { EXIT } from './exit.js';

const abandons = new Set<() => void>();

/** Registers what to undo at once when the process is interrupted; returns the unregistration. */
export function onInterrupt(abandon: () => void): () => void {
  abandons.add(abandon);
  return () => abandons.delete(abandon);
}

/**
 * Called by bin/custrack.js on SIGINT/SIGTERM. The undoing is synchronous (nothing of the command runs
 * between the signal and the rollback); the message follows in microtasks, before any further I/O callback.
 */
export async function interrupt(
  signal: 'SIGINT' | 'SIGTERM',
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  stderr: NodeJS.WritableStream,
): Promise<number> {
  for (const abandon of [...abandons]) {
    try {
      abandon();
    } catch {
      // Going down anyway: an uncommitted transaction is rolled back by the database itself.
    }
  }
  abandons.clear();
  removeTemporaries();
  const t = await loadTranslator(detectLang(argv, env));
  stderr.write(`\ncustrack: ${t('err.interrupted', { signal })}\n`);
  return signal === 'SIGINT' ? EXIT.cancelled : EXIT.terminated;
}
