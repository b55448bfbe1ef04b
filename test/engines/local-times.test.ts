// Times on screen are local (the process's TZ); json, csv and tsv keep ISO 8601 with its offset. On both
// engines: PostgreSQL stores timestamptz, SQLite text, and both must show the same local time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing, runCli, runCustrack, type InProcessResult } from '../helpers/cli.js';
import { freshDatabase, type FreshDatabase } from '../helpers/postgres.js';

let dir: string;
let postgres: FreshDatabase;
const engines: Array<[string, () => string]> = [
  ['SQLite', () => join(dir, 'office.db')],
  ['PostgreSQL', () => postgres.url],
];

beforeAll(async () => {
  buildBundleIfMissing();
  dir = mkdtempSync(join(tmpdir(), 'custrack-local-times-'));
  postgres = await freshDatabase('local_times');
}, 120_000);
afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await postgres?.drop();
});

describe.each(engines)('%s', (_, database) => {
  const must = async (args: string[]): Promise<InProcessResult> => {
    // In-process runs: the wall clock is 2026-11-23T02:03:04Z, and vitest runs them with TZ=Asia/Shanghai.
    const result = await runCustrack([...args, '--db', database()], { env: { NO_COLOR: '1' } });
    expect(result.code, result.stderr).toBe(0);
    return result;
  };

  beforeAll(async () => {
    await must(['customer', 'add', '--name', '深圳市腾达有限公司', '--owner', '张伟']);
    await must(['customer', 'edit', '1', '--grade', 'A']);
  });

  it('history and customer show as tables: 10:03 in Shanghai for 02:03 UTC', async () => {
    const history = await must(['history', '--format', 'table']);
    expect(history.stdout).toMatch(/^2026-11-23 10:03\s+tester\s+/mu);
    expect(history.stdout).not.toContain('02:03');
    const profile = await must(['customer', 'show', '1', '--format', 'table']);
    expect(profile.stdout).toMatch(/^\s*2026-11-23 10:03 /mu);
  });

  it('json, csv and tsv keep ISO 8601 in UTC', async () => {
    const entries = JSON.parse((await must(['history', '--format', 'json'])).stdout) as Array<{ at: string }>;
    expect(new Set(entries.map((e) => e.at))).toEqual(new Set(['2026-11-23T02:03:04Z']));
    for (const format of ['csv', 'tsv']) {
      const lines = (await must(['history', '--format', format])).stdout.trim().split('\n').slice(1);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line.startsWith('2026-11-23T02:03:04Z')).toBe(true);
    }
  });

  it('the binary follows the TZ it runs with', async () => {
    const newYork = await runCli(['history', '--format', 'table', '--db', database()], { env: { TZ: 'America/New_York', NO_COLOR: '1' } });
    expect(newYork.code, newYork.stderr).toBe(0);
    expect(newYork.stdout).toMatch(/^2026-11-22 21:03\s+tester\s+/mu);
    const shanghai = await runCli(['history', '--format', 'table', '--db', database()], { env: { TZ: 'Asia/Shanghai', NO_COLOR: '1' } });
    expect(shanghai.stdout).toMatch(/^2026-11-23 10:03\s+tester\s+/mu);
  });
});
