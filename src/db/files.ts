import { chmodSync, closeSync, openSync } from 'node:fs';

/** Creates an empty file with mode 0600 whatever the umask (no-op if it exists already). */
export function createPrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return;
  }
  chmodSync(path, 0o600);
}
