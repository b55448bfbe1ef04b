// STYLE.md, "The next shape": no source file over 400 lines, so that each one can be read whole. The
// generated division table (src/core/divisions-data.ts) is data, not code, and is left out.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/cli.js';

const MAX_LINES = 400;
const GENERATED = new Set(['src/core/divisions-data.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [relative(REPO_ROOT, path)] : [];
  });
}

describe('source files', () => {
  it(`are at most ${MAX_LINES} lines each`, () => {
    const long = sources(join(REPO_ROOT, 'src'))
      .filter((file) => !GENERATED.has(file))
      .map((file) => ({ file, lines: readFileSync(join(REPO_ROOT, file), 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
