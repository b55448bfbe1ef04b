// The lookup tables every completion script is built around, as `case` statements that bash and zsh read the
// same way (fish gets its own form in fish.ts): which word is a subcommand at which place, which options take
// a value and what it can be, what each positional argument is. Each sets REPLY rather than printing, so a
// completion costs no subshell.
import { commandPaths, type CommandSpec, type ValueKind } from './tree.js';

/** A word in single quotes for sh, bash and zsh. */
export const shellQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** How a value is completed, as the scripts read it: `choices:a b c`, `customer`, `file`, `dir`, `date`, `any`. */
export function valueWord(value: ValueKind): string {
  return 'choices' in value ? `choices:${value.choices.join(' ')}` : value.kind;
}

/** The subcommands that complete at a path: each command's own, and `help` where there are any. */
export function subcommandNames(command: CommandSpec): string[] {
  return command.commands.length === 0 ? [] : [...command.commands.map((c) => c.name), 'help'];
}

function caseFunction(name: string, comment: string, arms: Array<[patterns: string[], body: string]>, otherwise: string): string {
  const lines = arms.map(([patterns, body]) => `    ${patterns.join('|')}) ${body} ;;`);
  return [`# ${comment}`, `${name}() {`, '  case "$1|$2" in', ...lines, `    *) ${otherwise} ;;`, '  esac', '}'].join('\n');
}

/** The shared functions: _custrack_sub, _custrack_subs, _custrack_opts, _custrack_value, _custrack_arg. */
export function caseTables(tree: CommandSpec): string {
  const paths = commandPaths(tree);
  const key = (path: string[], word: string): string => shellQuote(`${path.join(' ')}|${word}`);
  const globals = tree.options;

  const subArms: Array<[string[], string]> = [];
  for (const { path, command } of paths) {
    for (const sub of command.commands)
      subArms.push([[sub.name, ...sub.aliases].map((w) => key(path, w)), `REPLY=${shellQuote(sub.name)}`]);
  }
  const subsArms: Array<[string[], string]> = paths
    .filter(({ command }) => command.commands.length > 0)
    .map(({ path, command }) => [[key(path, '')], `REPLY=${shellQuote(subcommandNames(command).join(' '))}`]);
  const optsArms: Array<[string[], string]> = paths.map(({ path, command }) => {
    const own = path.length === 0 ? command.options : [...command.options, ...globals.filter((g) => !g.names.includes('--version'))];
    return [[key(path, '')], `REPLY=${shellQuote([...new Set(own.flatMap((o) => o.names))].join(' '))}`];
  });
  const valueArms: Array<[string[], string]> = [];
  for (const { path, command } of paths) {
    if (path.length === 0) continue;
    for (const option of command.options) {
      if (option.value) valueArms.push([option.names.map((n) => key(path, n)), `REPLY=${shellQuote(valueWord(option.value))}`]);
    }
  }
  // The global options last: they take a value under every command.
  for (const option of globals) {
    if (option.value) valueArms.push([option.names.map((n) => `*${shellQuote(`|${n}`)}`), `REPLY=${shellQuote(valueWord(option.value))}`]);
  }
  const argArms: Array<[string[], string]> = [];
  for (const { path, command } of paths) {
    command.args.forEach((arg, i) => {
      const word = shellQuote(valueWord(arg.value));
      argArms.push([[key(path, String(i))], `REPLY=${word}`]);
      if (arg.variadic) argArms.push([[`${shellQuote(`${path.join(' ')}|`)}*`], `REPLY=${word}`]);
    });
  }
  return [
    caseFunction('_custrack_sub', 'The subcommand a word names at a path ($1 path, $2 word), aliases resolved.', subArms, 'REPLY='),
    caseFunction('_custrack_subs', 'The subcommands at a path.', subsArms, 'REPLY='),
    caseFunction('_custrack_opts', 'The options at a path, the global ones included.', optsArms, 'REPLY='),
    caseFunction('_custrack_value', "What an option's value can be ($1 path, $2 option); fails for a flag.", valueArms, 'return 1'),
    caseFunction('_custrack_arg', 'What the positional argument number $2 at a path can be.', argArms, 'REPLY='),
  ].join('\n\n');
}
