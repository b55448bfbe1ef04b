// Terminal awareness in one place: what is a terminal, whether to colour, whether we may prompt.
import type { Readable, Writable } from 'node:stream';

export interface Streams {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
}

/**
 * docs/rules.md, "Output": colour only on a terminal; NO_COLOR (any value) or CLICOLOR=0 turn it off; CLICOLOR_FORCE (not 0)
 * or FORCE_COLOR (not 0/false) turn it on when piped; --no-color wins over all. Off beats on when both are set.
 */
export function useColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined) return false;
  const forced =
    (env.CLICOLOR_FORCE !== undefined && env.CLICOLOR_FORCE !== '0') ||
    (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false');
  if (forced) return true;
  if (env.CLICOLOR === '0') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY === true;
}

/** Prompts only when both ends are a terminal and --no-input is absent. */
export function canPrompt(streams: Streams, noInput: boolean): boolean {
  // stdout first: a piped run then never builds the stdin stream.
  return !noInput && streams.stdout.isTTY === true && streams.stdin.isTTY === true;
}
