// What every command file needs from the program, in a module of its own so that commands never import
// the program that imports them (no import cycle): the translator, the runtime, and the action wrapper.
import type { Command } from 'commander';
import type { Lang, Translator } from '../i18n/index.js';
import type { Context, Runtime } from './context.js';

// biome-ignore lint/suspicious/noConfusingVoidType: a run function returns nothing, or the exit code when it decides one
export type Run<A extends unknown[]> = (ctx: Context, ...args: A) => Promise<number | void> | number | void;

export interface App {
  t: Translator;
  lang: Lang;
  runtime: Runtime;
  /** Wraps a command's run function: builds its context from the global options, closes the database after. */
  action<A extends unknown[]>(run: Run<A>): (...args: unknown[]) => Promise<void>;
  /** Runs a whole command line in this process (the demo replays its tour with it). */
  run(argv: string[], runtime: Runtime): Promise<number>;
}

/** `Example:` lines under a command's help. */
export function examples(command: Command, t: Translator, lines: string[]): Command {
  return command.addHelpText('after', `\n${lines.map((l) => `${t('help.example')} ${l}`).join('\n')}`);
}
