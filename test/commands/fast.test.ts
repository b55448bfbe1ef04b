// The fast path of `check` takes only what it fully understands; everything else goes to the full program.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing, REPO_ROOT } from '../helpers/cli.js';
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

describe('the bundles (build.mjs)', () => {
  beforeAll(buildBundleIfMissing, 60_000);
  const dist = (name: string) => join(REPO_ROOT, 'dist', name);

  it.each(['main.cjs', 'check.cjs', 'complete.cjs'])('%s is ASCII: V8 scans it as one-byte text', (bundle) => {
    expect(readFileSync(dist(bundle), 'utf8')).toMatch(/^[\x00-\x7f]*$/u);
  });

  it.each(['main.cjs', 'check.cjs', 'complete.cjs'])(
    '%s imports no built-in dynamically (import() starts the ES module loader)',
    (bundle) => {
      expect(readFileSync(dist(bundle), 'utf8')).not.toMatch(/\bimport\("node:/u);
    },
  );

  it('the catalogs and the division names are files beside the bundles, read when first used', () => {
    const check = readFileSync(dist('check.cjs'), 'utf8');
    expect(check).toContain('"catalog-zh.json"');
    expect(check).toContain('"divisions.txt"');
    expect(statSync(dist('check.cjs')).size).toBeLessThan(300_000);
    expect(JSON.parse(readFileSync(dist('catalog-zh.json'), 'utf8'))).toMatchObject({ 'err.missing_flag': expect.any(String) });
    expect(readFileSync(dist('divisions.txt'), 'utf8')).toContain('\n深圳|市 4403\n');
  });
});
