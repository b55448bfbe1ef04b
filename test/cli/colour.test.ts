// src/cli/colour.ts: without colour, a stand-in for chalk that returns every text as chalk at level 0 would.
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { chalkFor } from '../../src/cli/colour.js';

describe('chalkFor', () => {
  it('without colour: the same text as chalk at level 0, for every style and chain used', async () => {
    const plain = await chalkFor(false);
    const level0 = new Chalk({ level: 0 });
    for (const [style, args] of [
      ['bold', ['名称']],
      ['yellow', ['warning']],
      ['dim', ['—']],
      ['red', [3]],
      ['green', ['a', 'b']],
      ['cyan', []],
    ] as const) {
      expect((plain[style] as (...a: unknown[]) => string)(...args)).toBe((level0[style] as (...a: unknown[]) => string)(...args));
    }
    expect(plain.bold.yellow('x')).toBe('x');
    expect(plain.level).toBe(0);
  });

  it('with colour: chalk itself, level 1', async () => {
    const c = await chalkFor(true);
    expect(c.bold('x')).toBe('\u001b[1mx\u001b[22m');
    expect(c.level).toBe(1);
  });
});
