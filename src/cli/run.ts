// Builds the program and runs it; src/cli/report.ts turns whatever it throws into an exit code.
import type { Command } from 'commander';
import { detectLang, loadTranslator } from '../i18n/index.js';
import type { Runtime } from './context.js';
import { buildProgram } from './program.js';
import { EXIT } from './exit.js';
import { defaultRuntime, reportError } from './report.js';

export { defaultRuntime };

export async function run(argv: string[], runtime: Runtime = defaultRuntime()): Promise<number> {
  const lang = detectLang(argv, runtime.env);
  const t = await loadTranslator(lang);
  const state = { exitCode: EXIT.ok as number };
  let program: Command | undefined;
  try {
    program = buildProgram(runtime, lang, t, state, run);
    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (err) {
    return reportError(err, { runtime, t, command: () => commandPath(program, argv) });
  }
}

/** The subcommand the arguments reach, for "see `custrack customer add --help`". */
function commandPath(program: Command | undefined, argv: string[]): string {
  const names = ['custrack'];
  let cmd = program;
  for (const arg of argv) {
    if (!cmd || arg.startsWith('-')) continue;
    const sub: Command | undefined = cmd.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!sub) break;
    names.push(sub.name());
    cmd = sub;
  }
  return names.join(' ');
}
