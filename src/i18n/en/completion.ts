// Shell completion.
export const completion = {
  'cmd.completion': 'print a shell completion script (commands, options, their values, customer names from the database)',
  'arg.shell': 'the shell: bash, zsh or fish',
} as const;
