// The only module that imports the prompt library, loaded only when a prompt is shown.
import type { Streams } from './io.js';

export interface Choice {
  value: string;
  name: string;
}

export interface Prompter {
  input(message: string, options?: { default?: string; required?: boolean; validate?: (value: string) => string | true }): Promise<string>;
  select(message: string, choices: Choice[], defaultValue?: string): Promise<string>;
}

export async function createPrompter(streams: Streams): Promise<Prompter> {
  const { input, select } = await import('@inquirer/prompts');
  const context = { input: streams.stdin, output: streams.stdout } as Parameters<typeof input>[1];
  return {
    input: (message, options = {}) =>
      input(
        {
          message,
          ...(options.default !== undefined ? { default: options.default } : {}),
          ...(options.required ? { required: true } : {}),
          ...(options.validate ? { validate: options.validate } : {}),
        },
        context,
      ),
    select: (message, choices, defaultValue) =>
      select({ message, choices, ...(defaultValue !== undefined ? { default: defaultValue } : {}) }, context),
  };
}
