// `custrack` on PATH, the two ways the README gives: `npm install -g .` from a clone (a link to it), and a
// tarball from `npm pack` (checked here for what it carries; installing it builds better-sqlite3, minutes).
// Scripts are not run: a build here would replace dist/ under the other test files' feet.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
