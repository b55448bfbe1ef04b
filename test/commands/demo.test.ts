// `custrack demo` without --db: one scratch file under $XDG_CACHE_HOME, replaced on every run, nothing left in the temp folder.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCustrack } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'custrack-demo-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('custrack demo', () => {
  it('replaces its scratch database on each run instead of leaving one in the temp folder', async () => {
    const cache = join(root, 'cache');
    const temp = join(root, 'tmp');
    const env = { XDG_CACHE_HOME: cache, TMPDIR: temp, CUSTRACK_DB: undefined };
    const scratch = join(cache, 'custrack', 'demo.db');
    const counts: number[] = [];
    for (let run = 0; run < 2; run++) {
      const result = await runCustrack(['demo', '--no-color'], { env });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(scratch);
      expect(existsSync(temp) ? readdirSync(temp) : []).toEqual([]);
      // The second run starts from the sample data again, not on top of the first.
      const customers = await runCustrack(['customer', 'list', '--format', 'json', '--db', scratch]);
      counts.push((JSON.parse(customers.stdout) as unknown[]).length);
    }
    expect(counts[0]).toBeGreaterThanOrEqual(40);
    expect(counts[1]).toBe(counts[0]);
  }, 120_000);
});
