// Every error becomes an exit code here (docs/rules.md, "Exit codes"), and only here; commands throw typed errors.
import { CustrackError } from '../errors.js';
import type { Translator } from '../i18n/index.js';
import type { Runtime } from './context.js';
import { EXIT } from './exit.js';
import { busyTimeout } from '../db/timeout.js';
import type { Streams } from './io.js';
import { nodeStreams } from './standard-streams.js';

/** SQLite result codes that mean the database itself is the problem (exit 5), not custrack. */
const DATABASE_CODES = /^SQLITE_(BUSY|LOCKED|CORRUPT|NOTADB|READONLY|FULL|IOERR|CANTOPEN|PERM|PROTOCOL|AUTH)/u;

/** The process's environment, clock and standard streams (src/cli/standard-streams.ts). */
export function defaultRuntime(streams: Streams = nodeStreams()): Runtime {
  return { streams, env: process.env, now: () => new Date() };
}

/** Commander's errors, recognized by shape so that this module does not load commander. */
interface ParserError extends Error {
  code: string;
  exitCode: number;
}
const isParserError = (err: unknown): err is ParserError =>
  err instanceof Error && typeof (err as ParserError).code === 'string' && (err as ParserError).code.startsWith('commander.');

export function reportError(err: unknown, { runtime, t, command }: { runtime: Runtime; t: Translator; command: () => string }): number {
  const say = (line: string): void => void runtime.streams.stderr.write(`custrack: ${line}\n`);
  // The reader went away (`custrack export … | head`): nothing is wrong and nothing is left to say.
  if ((err as { code?: unknown } | null)?.code === 'EPIPE') return EXIT.ok;
  if (err instanceof CustrackError) {
    // The server's lock held past the busy timeout says how long it waited, as SQLite's busy file does.
    say(t(err.key, err.key === 'pg.locked' ? { seconds: busySeconds(runtime.env), ...err.params } : err.params));
    for (const detail of err.details) runtime.streams.stderr.write(`  ${detail}\n`);
    return { usage: EXIT.usage, 'not-found': EXIT.notFound, conflict: EXIT.conflict, database: EXIT.database }[err.kind];
  }
  if (isParserError(err)) {
    if (err.exitCode === 0) return EXIT.ok; // --help, --version
    if (err.code === 'commander.help' || err.code === 'commander.helpDisplayed') return EXIT.usage;
    say(commanderMessage(err, t, command()));
    return EXIT.usage;
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && DATABASE_CODES.test(code)) {
    const seconds = busySeconds(runtime.env);
    const key = /^SQLITE_(BUSY|LOCKED)/u.test(code) ? 'db.locked' : /^SQLITE_(CORRUPT|NOTADB)/u.test(code) ? 'db.corrupt' : 'db.failed';
    say(t(key, { reason: (err as Error).message, seconds }));
    return EXIT.database;
  }
  if ((err as Error | null)?.name === 'ExitPromptError') {
    say(t('err.cancelled'));
    return EXIT.cancelled;
  }
  say(t('err.bug', { message: err instanceof Error ? err.message : String(err) }));
  if (runtime.env.CUSTRACK_DEBUG && err instanceof Error && err.stack) runtime.streams.stderr.write(`${err.stack}\n`);
  return EXIT.bug;
}

/** The busy timeout in seconds, to a tenth, as the messages give it. */
function busySeconds(env: NodeJS.ProcessEnv): string {
  return String(Math.round(busyTimeout(env) / 100) / 10);
}

function commanderMessage(err: ParserError, t: Translator, command: string): string {
  const quoted = [...err.message.matchAll(/'([^']*)'/gu)].map((m) => m[1] ?? '');
  const suggestion = /\(Did you mean (.+)\?\)/u.exec(err.message)?.[1];
  const hint = suggestion ? t('err.did_you_mean', { suggestion }) : '';
  switch (err.code) {
    case 'commander.unknownOption':
      return t('err.unknown_option', { option: quoted[0] ?? '', command }) + hint;
    case 'commander.unknownCommand':
      return t('err.unknown_command', { name: quoted[0] ?? '', command }) + hint;
    case 'commander.missingArgument':
      return t('err.missing_argument', { name: quoted[0] ?? '', command });
    case 'commander.optionMissingArgument':
      return t('err.option_missing_value', { option: quoted[0] ?? '', command });
    case 'commander.missingMandatoryOptionValue':
      return t('err.missing_option', { option: quoted[0] ?? '', command });
    case 'commander.excessArguments':
      return t('err.excess_arguments', { command });
    default:
      return `${err.message.replace(/^error: /u, '')} (${t('err.see_help', { command })})`;
  }
}
