// The fast path of `check` takes only what it fully understands; everything else goes to the full program.
import { describe, expect, it } from 'vitest';
import { readCheckLine } from '../../src/cli/fast.js';

describe('readCheckLine', () => {
  it.each([
    [['check', '腾达'], '腾达'],
    [['--db', 'x.db', 'check', '腾达', '--on', '2026-01-01'], '腾达'],
    [['check', '--format=json', '腾达', '--as-of', '2026-11-23', '--no-color'], '腾达'],
    [['--lang', 'zh', 'check', '-', '--excel'], '-'],
  ])('takes %j', (argv, name) => {
    expect(readCheckLine(argv)?.name).toBe(name);
  });

  it.each([
    [['check']],
    [['check', 'a', 'b']],
    [['check', 'a', '--help']],
    [['check', 'a', '-h']],
    [['check', 'a', '--bogus']],
    [['check', 'a', '--on']],
    [['check', 'a', '--on', '2026-01-01', '--on', '2026-01-02']],
    [['customer', 'show', 'check']],
    [['check', 'a', '--', 'b']],
    [['check', 'a', '--no-color=1']],
  ])('leaves %j to the full program', (argv) => {
    expect(readCheckLine(argv)).toBeNull();
  });
});
