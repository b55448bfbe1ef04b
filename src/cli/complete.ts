// `custrack __complete customers <prefix> [--db <file>]`: the hidden command the completion scripts call for
// customer names and ids (src/cli/completion/). A shell runs it on every Tab, so it has a bundle of its own
// (dist/complete.cjs) without the command-line parser, the message catalogs or the official calendar, and it
// answers in about the time Node takes to start. It never creates, migrates or changes a database, and never
// says anything on stderr: a missing or unreadable database, or anything else it does not recognize, means no
// candidates and exit 0. Each candidate is a line `value<TAB>description`.
import type { Runtime } from './context.js';
import { defaultDbPath } from './paths.js';
import { isPostgresUrl } from '../db/connect.js';
import { defaultRuntime } from './report.js';
import { directStreams } from './standard-streams.js';

/**
 * `passesOnPostgres`: the completion bundle has no PostgreSQL engine (build.mjs): for a postgres:// database it
 * answers undefined, and bin/custrack.js asks the whole program, which answers here with the engine.
 */
export async function complete(argv: readonly string[], given?: Runtime, passesOnPostgres = false): Promise<number | undefined> {
  const runtime = given ?? defaultRuntime(directStreams());
  const words: string[] = [];
  let db: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--db') db = argv[++i];
    else if (arg.startsWith('--db=')) db = arg.slice(5);
    else words.push(arg);
  }
  if (words[0] !== '__complete' || words[1] !== 'customers') return 0;
  const location = db || runtime.env.CUSTRACK_DB || defaultDbPath(runtime.env);
  if (passesOnPostgres && isPostgresUrl(location)) return undefined;
  try {
    const [{ openStore }, { customerCandidates }] = await Promise.all([import('../db/connect.js'), import('../app/completion.js')]);
    const store = await openStore(location, {
      env: runtime.env,
      create: false,
      readOnly: true,
      actor: { user: '', now: runtime.now },
      userGiven: true,
      busyTimeoutMs: 1000,
      fsType: runtime.fsType,
    });
    try {
      const candidates = await customerCandidates(store, words[2] ?? '');
      const clean = (text: string): string => text.replace(/[\t\r\n]/gu, ' ');
      runtime.streams.stdout.write(candidates.map((c) => `${clean(c.value)}\t${clean(c.description)}\n`).join(''));
    } finally {
      await store.close();
    }
  } catch {
    // No candidates: a completion never complains.
  }
  return 0;
}
