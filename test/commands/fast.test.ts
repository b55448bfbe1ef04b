// The fast path of `check` takes only what it fully understands; everything else goes to the full program.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
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

/** Loads bundles in a Node of their own through bin/load-bundle.js (as bin/custrack.js does); what V8 said of each cache. */
function cacheVerdicts(bin: string, bundles: string[], env: NodeJS.ProcessEnv = {}): Record<string, boolean | null> {
  const script = `const l = require(${JSON.stringify(join(bin, 'load-bundle.js'))});
    const verdicts = {};
    for (const name of ${JSON.stringify(bundles)}) { l.loadBundle(name); verdicts[name] = l.cacheRejected(name) ?? null; }
    process.stdout.write(JSON.stringify(verdicts));`;
  const { CUSTRACK_WRITE_CODE_CACHE: _, ...quiet } = process.env;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { env: { ...quiet, ...env }, encoding: 'utf8' })) as Record<
    string,
    boolean | null
  >;
}

describe('code caches (bin/load-bundle.js)', () => {
  beforeAll(buildBundleIfMissing, 60_000);

  it('the build leaves one beside each bundle, and V8 takes it (false: not rejected)', () => {
    expect(cacheVerdicts(join(REPO_ROOT, 'bin'), ['main', 'check', 'complete'])).toEqual({ main: false, check: false, complete: false });
  });

  it('a bundle changed after its cache loads without it (V8 compares only the length of the source)', () => {
    const copy = mkdtempSync(join(tmpdir(), 'custrack-cache-'));
    try {
      mkdirSync(join(copy, 'bin'));
      mkdirSync(join(copy, 'dist'));
      copyFileSync(join(REPO_ROOT, 'bin/load-bundle.js'), join(copy, 'bin/load-bundle.js'));
      for (const file of readdirSync(join(REPO_ROOT, 'dist'))) copyFileSync(join(REPO_ROOT, 'dist', file), join(copy, 'dist', file));
      const main = join(copy, 'dist/main.cjs');
      // copyFileSync gives the copy a new modification time: the copied cache no longer matches its bundle.
      expect(cacheVerdicts(join(copy, 'bin'), ['main'])).toEqual({ main: null });
      // Written again by the loader (as the build does), it matches.
      execFileSync(process.execPath, ['-e', `require(${JSON.stringify(join(copy, 'bin/load-bundle.js'))}).loadBundle('main')`], {
        env: { ...process.env, CUSTRACK_WRITE_CODE_CACHE: '1' },
      });
      expect(cacheVerdicts(join(copy, 'bin'), ['main'])).toEqual({ main: false });
      // The same length, other text, a later time: not used.
      writeFileSync(main, readFileSync(main, 'utf8').replace('__custrackModuleUrl', '__custrackModuleURL'));
      utimesSync(main, new Date(), new Date(Date.now() + 60_000));
      expect(cacheVerdicts(join(copy, 'bin'), ['main'])).toEqual({ main: null });
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('the bundles (build.mjs)', () => {
  beforeAll(buildBundleIfMissing, 60_000);
  const dist = (name: string) => join(REPO_ROOT, 'dist', name);

  it.each(['main.cjs', 'check.cjs', 'complete.cjs'])(
    '%s has its CommonJS wrapper written in: the loader compiles the text as read, without copying it into a new string',
    (bundle) => {
      const text = readFileSync(dist(bundle), 'utf8');
      expect(text.startsWith('(function (exports, require, module, __filename, __dirname, __custrackImport) {')).toBe(true);
      expect(text.endsWith('\n})')).toBe(true);
    },
  );

  it.each(['main.cjs', 'check.cjs', 'complete.cjs'])('%s is ASCII: V8 scans it as one-byte text', (bundle) => {
    expect(readFileSync(dist(bundle), 'utf8')).toMatch(/^[\x00-\x7f]*$/u);
  });

  it.each(['main.cjs', 'check.cjs', 'complete.cjs'])(
    '%s imports no built-in dynamically (import() starts the ES module loader)',
    (bundle) => {
      // Every import() goes through __custrackDynamicImport (build.mjs, viaLoaderImport), a built-in neither.
      expect(readFileSync(dist(bundle), 'utf8')).not.toMatch(/(?:\bimport|__custrackDynamicImport)\("node:/u);
    },
  );

  it.each(['main.cjs', 'check.cjs', 'complete.cjs'])(
    '%s: its import() calls reach Node through the loader; the only import() left is the fallback for require()',
    (bundle) => {
      expect(readFileSync(dist(bundle), 'utf8').match(/(?<![\w$.])import\(/gu)).toEqual(['import(']);
    },
  );

  it('the catalogs and the division names are files beside the bundles, read when first used', () => {
    const check = readFileSync(dist('check.cjs'), 'utf8');
    expect(readFileSync(dist('main.cjs'), 'utf8')).toContain('"catalog-zh.json"');
    expect(check).toContain('".check.json"');
    expect(check).toContain('"divisions.txt"');
    expect(statSync(dist('check.cjs')).size).toBeLessThan(300_000);
    expect(JSON.parse(readFileSync(dist('catalog-zh.json'), 'utf8'))).toMatchObject({ 'err.missing_flag': expect.any(String) });
    expect(readFileSync(dist('divisions.txt'), 'utf8')).toContain('\n深圳|市 4403\n');
  });
});

describe('the messages the check bundle names come first (build.mjs, namedMessagesFirst)', () => {
  beforeAll(buildBundleIfMissing, 60_000);
  const dist = (name: string) => join(REPO_ROOT, 'dist', name);
  const read = (name: string) => JSON.parse(readFileSync(dist(name), 'utf8')) as Record<string, string>;

  it.each(['en', 'zh'])("%s: the named messages are the whole catalog's, a small part of it", (lang) => {
    const whole = read(`catalog-${lang}.json`);
    const named = read(`catalog-${lang}.check.json`);
    expect(Object.keys(named).length).toBeGreaterThan(20);
    expect(Object.keys(named).length).toBeLessThan(Object.keys(whole).length / 4);
    for (const [key, message] of Object.entries(named)) expect(message).toBe(whole[key]);
    expect(named).toHaveProperty('check.unknown_name');
  });

  it('a message the bundle does not name is read from the whole catalog: without any named message, the same output', () => {
    const copy = mkdtempSync(join(tmpdir(), 'custrack-named-'));
    try {
      mkdirSync(join(copy, 'dist'));
      cpSync(join(REPO_ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
      copyFileSync(join(REPO_ROOT, 'package.json'), join(copy, 'package.json'));
      symlinkSync(join(REPO_ROOT, 'node_modules'), join(copy, 'node_modules'));
      for (const file of readdirSync(join(REPO_ROOT, 'dist'))) copyFileSync(dist(file), join(copy, 'dist', file));
      for (const lang of ['en', 'zh']) writeFileSync(join(copy, 'dist', `catalog-${lang}.check.json`), '{}');
      const check = (root: string, ...args: string[]) =>
        spawnSync(process.execPath, [join(root, 'bin/custrack.js'), 'check', ...args, '--db', join(copy, 'office.db')], {
          encoding: 'utf8',
          env: { ...process.env, LANG: 'C', NO_COLOR: '1', CUSTRACK_USER: 'tester' },
        });
      const added = spawnSync(
        process.execPath,
        [
          join(REPO_ROOT, 'bin/custrack.js'),
          'customer',
          'add',
          '--name',
          '深圳市腾达有限公司',
          '--owner',
          '王芳',
          '--db',
          join(copy, 'office.db'),
        ],
        { encoding: 'utf8', env: { ...process.env, CUSTRACK_USER: 'tester' } },
      );
      expect(added.status, added.stderr).toBe(0);
      const cases = [
        ['深圳市腾达有限公司'],
        ['深圳市腾达有限公司', '--lang', 'zh'],
        ['腾达', '--format', 'json'],
        ['华南贸易', '--lang', 'zh'],
        ['腾达', '--on', '2026-02-30'],
      ];
      for (const args of cases) {
        const named = check(REPO_ROOT, ...args);
        const whole = check(copy, ...args);
        expect(whole.stderr, args.join(' ')).toBe(named.stderr);
        expect(whole.stdout, args.join(' ')).toBe(named.stdout);
        expect(whole.status).toBe(named.status);
      }
      expect(check(copy, '华南贸易').stderr).toMatch(/^warning: no customer and no transactions are known under "华南贸易"/u);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
