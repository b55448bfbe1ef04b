// `custrack completion bash|zsh|fish`: a shell completion script generated from this program's own commands
// and options (src/cli/completion/). Customer names and ids complete from the database through the hidden,
// fast `custrack __complete customers <prefix>` (src/cli/complete.ts).
import { Command } from 'commander';
import { examples, type App } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { choiceOption } from '../cli/parsers.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export function completionCommand(app: App, run = completionRun): Command {
  const { t } = app;
  const cmd: Command = new Command('completion')
    .description(t('cmd.completion'))
    .argument('<shell>', t('arg.shell'), choiceOption('<shell>', SHELLS))
    .action(app.action((ctx: Context, shell: Shell) => run(ctx, shell, rootOf(cmd))));
  return examples(cmd, t, [
    'custrack completion bash > ~/.local/share/bash-completion/completions/custrack',
    'custrack completion zsh > ~/.zfunc/_custrack',
    'custrack completion fish > ~/.config/fish/completions/custrack.fish',
  ]);
}

function rootOf(cmd: Command): Command {
  let root = cmd;
  while (root.parent) root = root.parent;
  return root;
}

/** The script for `shell`, from the commands, options and values of `program` (in the --lang language). */
export async function completionRun(ctx: Context, shell: Shell, program: Command): Promise<void> {
  // Loaded here, not at start-up: every other command would pay for them.
  const { commandTree } = await import('../cli/completion/tree.js');
  const tree = commandTree(program, ctx.t('opt.help'));
  const generate = {
    bash: async () => (await import('../cli/completion/bash.js')).bashScript(tree),
    zsh: async () => (await import('../cli/completion/zsh.js')).zshScript(tree),
    fish: async () => (await import('../cli/completion/fish.js')).fishScript(tree),
  };
  await ctx.output.text(await generate[shell]());
}
