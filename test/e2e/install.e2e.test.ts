// `custrack` on PATH, the two ways the README gives: `npm install -g .` from a clone (a link to it), and a
// tarball from `npm pack` installed globally, each into a scratch prefix. The tarball install takes its
// dependencies from npm's cache when it can (`--prefer-offline`: a clean clone after `npm ci` has them) and runs
// no scripts: better-sqlite3's install script builds its native part from source (minutes, g++ and make), so the
// test first checks that the installed command looks for the addon in its own node_modules and says what to do
// when it is missing, then puts there the addon `npm ci` built for the same pinned version (what the script
// would have produced) and runs the demo from the install. Scripts are not run anywhere: a build here would
// replace dist/ under the other test files' feet.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing, clerkEnv, REPO_ROOT } from '../helpers/cli.js';

let prefix: string;
beforeAll(() => {
  buildBundleIfMissing();
  prefix = mkdtempSync(join(tmpdir(), 'custrack-global-'));
});
afterAll(() => rmSync(prefix, { recursive: true, force: true }));

describe('custrack on PATH', () => {
  it('npm install -g . puts a working custrack on PATH, the native addon found from there', () => {
    execFileSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--ignore-scripts', REPO_ROOT], {
      stdio: 'ignore',
      timeout: 120_000,
    });
    const bin = join(prefix, 'bin');
    const env = { ...clerkEnv(join(prefix, 'office.db')), PATH: `${bin}:${process.env.PATH}` };
    const version = execFileSync('custrack', ['--version'], { env, cwd: tmpdir(), encoding: 'utf8' });
    expect(version.trim()).toMatch(/^\d+\.\d+\.\d+/u);
    const added = execFileSync('custrack', ['customer', 'add', '--name', '深圳市腾达有限公司', '--format', 'json'], {
      env,
      cwd: tmpdir(),
      encoding: 'utf8',
    });
    expect(JSON.parse(added)).toMatchObject({ id: 1, name: '深圳市腾达有限公司' });
  });

  it('npm pack, then npm install -g <tarball>: custrack on PATH with its own dependencies and native addon', () => {
    const work = join(prefix, 'tarball');
    mkdirSync(work);
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: REPO_ROOT, stdio: 'ignore', timeout: 60_000 });
    const tarball = readdirSync(work).find((f) => /^custrack-.+\.tgz$/u.test(f));
    expect(tarball).toBeDefined();
    const global = join(work, 'global');
    execFileSync(
      'npm',
      ['install', '-g', '--prefix', global, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(work, tarball!)],
      { cwd: work, stdio: 'ignore', timeout: 120_000 },
    );
    const installed = join(global, 'lib', 'node_modules', 'custrack');
    // A copy, not a link to the clone: the command runs from the tarball's files.
    expect(readdirSync(installed).sort()).toEqual(['README.md', 'bin', 'dist', 'fixtures', 'node_modules', 'package.json']);
    const env = { ...clerkEnv(join(work, 'office.db')), PATH: `${join(global, 'bin')}:${process.env.PATH}` };
    const custrack = (args: string[]) => spawnSync('custrack', args, { env, cwd: tmpdir(), encoding: 'utf8', timeout: 30_000 });

    // Without the addon (the install script did not run), it is looked for in the install, and the message says what to do.
    const addon = join(installed, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    const missing = custrack(['init']);
    expect(missing.status).toBe(5);
    expect(missing.stderr).toContain(`better-sqlite3's native part is missing (${addon})`);
    expect(missing.stderr).toContain('--allow-scripts=better-sqlite3');

    // What better-sqlite3's install script leaves: the addon of the same version.
    const version = (dir: string) =>
      (JSON.parse(readFileSync(join(dir, 'better-sqlite3', 'package.json'), 'utf8')) as { version: string }).version;
    expect(version(join(installed, 'node_modules'))).toBe(version(join(REPO_ROOT, 'node_modules')));
    mkdirSync(join(addon, '..'), { recursive: true });
    copyFileSync(join(REPO_ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), addon);

    expect(custrack(['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version);
    const demo = custrack(['demo', '--db', join(work, 'demo.db'), '--format', 'tsv']);
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toContain('武汉楚天新材料科技有限公司');
    const check = custrack([
      'check',
      '东莞市恒丰五金制品有限公司',
      '--db',
      join(work, 'demo.db'),
      '--as-of',
      '2026-11-20',
      '--format',
      'json',
    ]);
    expect(check.status, check.stderr).toBe(1);
    expect(JSON.parse(check.stdout)).toMatchObject({ new_customer: false, last_business: '2024-09-26' });
  });

  it('npm pack carries the bundles, the binary and the sample data, and no sources or tests', () => {
    const listed = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ) as Array<{
      files: Array<{ path: string }>;
    }>;
    const files = listed[0]!.files.map((f) => f.path);
    for (const needed of [
      'bin/custrack.js',
      'bin/package.json',
      'dist/main.cjs',
      'dist/check.cjs',
      'fixtures/tour.json',
      'package.json',
      'README.md',
    ]) {
      expect(files).toContain(needed);
    }
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false);
  });
});
