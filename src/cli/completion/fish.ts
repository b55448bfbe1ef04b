// `custrack completion fish`: fish completions, generated from the program. fish completes options and their
// values itself; the conditions below say at which subcommand (and which argument) each line applies.
import { commandPaths, type CommandSpec, type OptionSpec, type ValueKind } from './tree.js';
import { subcommandNames } from './tables.js';

/** A word in fish's single quotes. */
const fishQuote = (text: string): string => `'${text.replace(/[\\']/gu, (ch) => `\\${ch}`)}'`;

function caseArms(arms: Array<[patterns: string[], body: string]>): string[] {
  return arms.flatMap(([patterns, body]) => [`        case ${patterns.join(' ')}`, `            ${body}`]);
}

function helperFunctions(tree: CommandSpec): string {
  const paths = commandPaths(tree);
  const key = (path: string[], word: string): string => fishQuote(`${path.join(' ')}|${word}`);
  const subArms: Array<[string[], string]> = [];
  const valueArms: string[] = [];
  for (const { path, command } of paths) {
    for (const sub of command.commands) subArms.push([[sub.name, ...sub.aliases].map((w) => key(path, w)), `echo ${fishQuote(sub.name)}`]);
    if (path.length === 0) continue;
    for (const option of command.options) if (option.value) valueArms.push(...option.names.map((n) => key(path, n)));
  }
  for (const option of tree.options) if (option.value) valueArms.push(...option.names.map((n) => fishQuote(`*|${n}`)));
  return [
    '# The subcommand a word names at a path, aliases resolved.',
    'function __custrack_sub --argument-names at word',
    '    switch "$at|$word"',
    ...caseArms(subArms),
    '    end',
    'end',
    '',
    '# Whether an option takes a value at a path.',
    'function __custrack_takes_value --argument-names at opt',
    '    switch "$at|$opt"',
    ...caseArms([[valueArms, 'return 0']]),
    '    end',
    '    return 1',
    'end',
    `
# The count of positional arguments and the subcommand path before the cursor, one a line.
function __custrack_state
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l at ''
    set -l nargs 0
    set -l skip 0
    for t in $tokens
        if test $skip = 1
            set skip 0
            continue
        end
        if string match -q -- '-?*' $t
            if not string match -q -- '*=*' $t; and __custrack_takes_value "$at" $t
                set skip 1
            end
            continue
        end
        set -l sub (__custrack_sub "$at" $t)
        if test -n "$sub"; and test $nargs = 0
            set at (string trim -- "$at $sub")
        else
            set nargs (math $nargs + 1)
        end
    end
    printf '%s\\n' $nargs "$at"
end

# True at this subcommand path, and at argument number $argv[2] when given (+N: N or later).
function __custrack_at --argument-names want index
    set -l state (__custrack_state)
    test "$state[2]" = "$want"; or return 1
    test -z "$index"; and return 0
    if string match -q -- '+*' $index
        test $state[1] -ge (string sub -s 2 -- $index)
    else
        test $state[1] = $index
    end
end

# Customer names and ids whose name key (or id) starts with the token, from the database.
function __custrack_customers
    set -l tokens (commandline -opc)
    set -l db
    set -l i (contains -i -- --db $tokens)
    and set db --db $tokens[(math $i + 1)]
    command $tokens[1] __complete customers (commandline -ct) $db 2>/dev/null
end
`,
  ].join('\n');
}

/** The arguments of `complete` for a value. */
function valueFlags(value: ValueKind): string {
  if ('choices' in value) return `-x -a ${fishQuote(value.choices.join(' '))}`;
  switch (value.kind) {
    case 'customer':
      return "-x -a '(__custrack_customers)'";
    case 'file':
      return '-r -F';
    case 'dir':
      return "-x -a '(__fish_complete_directories)'";
    case 'date':
      return "-x -a 'today'";
    case 'any':
      return '-x';
  }
}

function optionLine(option: OptionSpec, condition: string): string {
  const names = option.names.map((n) => (n.startsWith('--') ? `-l ${n.slice(2)}` : `-s ${n.slice(1)}`)).join(' ');
  const value = option.value ? ` ${valueFlags(option.value)}` : '';
  const description = option.description ? ` -d ${fishQuote(option.description)}` : '';
  return `complete -c custrack${condition}${` ${names}`}${value}${description}`;
}

export function fishScript(tree: CommandSpec): string {
  const lines: string[] = ['complete -c custrack -f', ''];
  for (const option of tree.options) lines.push(optionLine(option, ''));
  for (const { path, command } of commandPaths(tree)) {
    const at = (index?: string): string => ` -n ${fishQuote(`__custrack_at '${path.join(' ')}'${index === undefined ? '' : ` ${index}`}`)}`;
    lines.push('');
    for (const name of subcommandNames(command)) {
      const description = command.commands.find((c) => c.name === name)?.description ?? '';
      lines.push(`complete -c custrack${at()} -a ${fishQuote(name)}${description ? ` -d ${fishQuote(description)}` : ''}`);
    }
    if (path.length > 0) for (const option of command.options) if (!option.names.includes('--help')) lines.push(optionLine(option, at()));
    command.args.forEach((arg, i) => {
      if ('kind' in arg.value && arg.value.kind === 'any') return;
      const flags = valueFlags(arg.value).replace(/^-[xr] ?/u, '');
      lines.push(`complete -c custrack${at(arg.variadic ? `+${i}` : String(i))} ${flags}`);
    });
  }
  return [
    '# fish completion for custrack, generated by `custrack completion fish` (README, "Shell completion").',
    '# Install: custrack completion fish > ~/.config/fish/completions/custrack.fish',
    '',
    helperFunctions(tree),
    ...lines,
    '',
  ].join('\n');
}
