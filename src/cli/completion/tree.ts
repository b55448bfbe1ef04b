// What shell completion knows about the command line, read from the program itself (src/cli/program.ts): every
// command and subcommand with its aliases, options and arguments, and what each value can be. Nothing here is
// a hand-kept list: the values come from where the options are declared, by two conventions:
// - a parser that carries `choices` (parsers.ts: choiceOption, gradeOption, formatOption, suggest …) or
//   commander's own `choices()`: those words;
// - the placeholder of the value names its kind: `<customer>` and `<customer-or-name>` complete customer
//   names and ids from the database (`custrack __complete customers <prefix>`), `<file>` files, `<dir>`
//   directories, `<date>` offers `today`.
import type { Argument, Command, Option } from 'commander';

export type ValueKind = { choices: readonly string[] } | { kind: 'customer' | 'file' | 'dir' | 'date' } | { kind: 'any' };

export interface OptionSpec {
  /** `-o`, `--output`. */
  names: string[];
  /** What its value can be; undefined for a flag. */
  value: ValueKind | undefined;
  description: string;
}

export interface CommandSpec {
  name: string;
  aliases: string[];
  description: string;
  /** The command's own options (the root's are the global ones, accepted anywhere). */
  options: OptionSpec[];
  /** Positional arguments in order; a variadic last one repeats. */
  args: Array<{ value: ValueKind; variadic: boolean }>;
  commands: CommandSpec[];
}

const PLACEHOLDER_KINDS: Record<string, 'customer' | 'file' | 'dir' | 'date'> = {
  customer: 'customer',
  'customer-or-name': 'customer',
  file: 'file',
  dir: 'dir',
  date: 'date',
};

function valueKind(placeholder: string, parser: unknown, argChoices: readonly string[] | undefined): ValueKind {
  const choices = argChoices ?? (parser as { choices?: readonly string[] } | undefined)?.choices;
  if (choices) return { choices };
  const kind = PLACEHOLDER_KINDS[placeholder.replace(/\.\.\.$/u, '')];
  return kind ? { kind } : { kind: 'any' };
}

/** The first line of a description, short enough for a completion menu. */
function brief(text: string): string {
  const line = (text.split('\n')[0] ?? '').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

function optionSpec(option: Option): OptionSpec {
  const names = [option.short, option.long].filter((n): n is string => n !== undefined);
  const takesValue = option.required || option.optional;
  const placeholder = /[<[]([^>\]]+)[>\]]/u.exec(option.flags)?.[1] ?? '';
  return {
    names,
    value: takesValue ? valueKind(placeholder, option.parseArg, option.argChoices) : undefined,
    description: brief(option.description),
  };
}

function argumentSpec(argument: Argument): { value: ValueKind; variadic: boolean } {
  return { value: valueKind(argument.name(), argument.parseArg, argument.argChoices), variadic: argument.variadic };
}

const HELP: OptionSpec = { names: ['-h', '--help'], value: undefined, description: '' };

/** The tree of `program`, hidden commands and options left out. */
export function commandTree(program: Command, helpText = ''): CommandSpec {
  const walk = (cmd: Command, root: boolean): CommandSpec => ({
    name: cmd.name(),
    aliases: cmd.aliases(),
    description: brief(cmd.description()),
    options: [
      ...cmd.options.filter((o) => !o.hidden).map(optionSpec),
      ...(root ? [{ names: ['-V', '--version'], value: undefined, description: '' }] : []),
      { ...HELP, description: helpText },
    ],
    args: cmd.registeredArguments.map(argumentSpec),
    commands: cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden).map((c) => walk(c, false)),
  });
  return walk(program, true);
}

/** Every command with its path of subcommand names from the root (`['customer', 'add']`), the root first. */
export function commandPaths(tree: CommandSpec): Array<{ path: string[]; command: CommandSpec }> {
  const all: Array<{ path: string[]; command: CommandSpec }> = [];
  const visit = (command: CommandSpec, path: string[]): void => {
    all.push({ path, command });
    for (const sub of command.commands) visit(sub, [...path, sub.name]);
  };
  visit(tree, []);
  return all;
}
