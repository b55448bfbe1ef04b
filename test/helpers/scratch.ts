// A scratch office for each test: a private temporary directory that holds the database, backups and
// exports, removed after the test.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

export interface ScratchOffice {
  dir: string;
  /** Where the custrack database of this test lives (not created yet). */
  dbPath: string;
  /** A path inside the scratch directory. */
  path(name: string): string;
}

/**
 * Call at the top of a test file or describe block: each call of the returned function makes a fresh
 * scratch directory, and every one of them is removed after each test.
 */
export function useScratchOffices(): () => ScratchOffice {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'custrack-test-'));
    made.push(dir);
    return { dir, dbPath: join(dir, 'custrack.db'), path: (name: string) => join(dir, name) };
  };
}

/** The sha256 of a file's bytes: "left untouched" means this does not change. */
export function fileDigest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Permission bits of a file (0o600 for a private file). */
export function fileMode(path: string): number {
  return statSync(path).mode & 0o777;
}

/**
 * One scratch office for one test, removed when that test finishes; safe in concurrent tests
 * (pass the test context's own `onTestFinished`).
 */
export function scratchOffice(onTestFinished: (cleanup: () => void) => void): ScratchOffice {
  const dir = mkdtempSync(join(tmpdir(), 'custrack-test-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, dbPath: join(dir, 'custrack.db'), path: (name: string) => join(dir, name) };
}
