// The fast path for `custrack check <name>`, the command scripts call in loops: it reads the arguments
// itself instead of loading the command-line parser and every command (about a third of start-up).
// Anything it does not recognize (help, an unknown flag, another command) returns undefined, and the
// full program handles the line exactly as before, errors included.
import type { Runtime, GlobalOptions } from './context.js';
import { Context } from './context.js';
import { detectLang, loadTranslator } from '../i18n/index.js';
import { asOfOption, dateOption, formatOption, langOption, TODAY } from './parsers.js';
import { defaultRuntime, reportError } from './report.js';
import { isPostgresUrl } from '../db/connect.js';
import { directStreams } from './standard-streams.js';
import type { ISODate } from '../core/dates.js';

const VALUE_OPTIONS = new Set(['--db', '--as-of', '--format', '--lang', '--user', '--on']);
const FLAGS = new Set(['--excel', '--bom', '--no-header', '--no-color', '--no-input']);

interface CheckLine {
  values: Map<string, string>;
  flags: Set<string>;
  name: string;
}

/** `check <name>` with known options only; null for anything else. */
export function readCheckLine(argv: readonly string[]): CheckLine | null {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      if (FLAGS.has(name) && eq < 0) flags.add(name);
      else if (VALUE_OPTIONS.has(name) && !values.has(name)) {
        const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
        if (value === undefined) return null;
        values.set(name, value);
      } else return null;
    } else if (arg.startsWith('-') && arg !== '-') return null;
    else positional.push(arg);
  }
  if (positional.length !== 2 || positional[0] !== 'check') return null;
  return { values, flags, name: positional[1]! };
}

export async function fastCheck(argv: readonly string[], given?: Runtime): Promise<number | undefined> {
  const line = readCheckLine(argv);
  if (!line) return undefined;
  const runtime = given ?? defaultRuntime(directStreams());
  const lang = detectLang(argv, runtime.env);
  const t = await loadTranslator(lang);
  try {
    const { values, flags } = line;
    const value = <T>(name: string, parse: (v: string) => T): T | undefined => (values.has(name) ? parse(values.get(name)!) : undefined);
    const globals: GlobalOptions = {
      header: !flags.has('--no-header'),
      color: !flags.has('--no-color'),
      input: !flags.has('--no-input'),
      ...(flags.has('--excel') ? { excel: true } : {}),
      ...(flags.has('--bom') ? { bom: true } : {}),
    };
    const db = values.get('--db');
    // The shared engine is in the whole program only (build.mjs): start-up matters for local files.
    if (isPostgresUrl(db ?? runtime.env.CUSTRACK_DB ?? '')) return undefined;
    if (db !== undefined) globals.db = db;
    const asOf = value('--as-of', asOfOption(runtime.now));
    if (asOf !== undefined) globals.asOf = asOf;
    const format = value('--format', formatOption);
    if (format !== undefined) globals.format = format;
    const chosen = value('--lang', langOption);
    if (chosen !== undefined) globals.lang = chosen;
    const user = values.get('--user');
    if (user !== undefined) globals.user = user;
    const ctx = new Context(runtime, globals, lang, t);
    const on = value('--on', dateOption('--on'));
    try {
      ctx.checkOutput();
      const { checkRun } = await import('../commands/check/run.js');
      const code = await checkRun(ctx, line.name, on === undefined ? {} : { on: on === TODAY ? ctx.today : (on as ISODate) });
      await ctx.finish();
      return code;
    } catch (err) {
      await ctx.abort();
      throw err;
    } finally {
      await ctx.close();
    }
  } catch (err) {
    return reportError(err, { runtime, t, command: () => 'custrack check' });
  }
}
