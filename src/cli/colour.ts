// Colour on terminals comes from chalk, which is loaded only when colour is on: chalk is an ES module, and the
// first import() of one starts Node's ES module loader (~10 ms, most of what a `check` that prints a warning
// spent over its answer). Without colour, a plain stand-in does what chalk does at level 0: every style, however
// chained, returns its text.
import type { ChalkInstance as Chalk } from 'chalk';

const text = (...parts: unknown[]): string => parts.join(' ');

// Not `then` (an awaited stand-in must not look like a promise) and no symbol: those stay undefined.
const plain: Chalk = new Proxy(text, {
  get: (_target, key) => (typeof key !== 'string' || key === 'then' ? undefined : key === 'level' ? 0 : plain),
}) as unknown as Chalk;

/** A chalk that colours exactly when `colour` says so. */
export async function chalkFor(colour: boolean): Promise<Chalk> {
  if (!colour) return plain;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 });
}
