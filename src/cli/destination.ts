// `--output <file>` (README, "Output"): the result goes to a file instead of stdout, all of it or nothing. It is
// written to `<file>.tmp-<pid>` (0600 whatever the umask) beside the target, flushed to disk, and renamed onto
// the target only when the command succeeded; on a failure the temporary file is removed and an existing
// target is left as it was.
import { once } from 'node:events';
import { closeSync, createWriteStream, fchmodSync, fsyncSync, openSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseError, UsageError } from '../errors.js';
import { isDiskFull, removeStaleTemps, tempName } from '../io/files.js';

/** A file error as the clerk can act on it: the path and what the system said (exit 2); a full disk as everywhere else. */
export function cannotWrite(path: string, err: unknown): UsageError | DatabaseError {
  if (isDiskFull(err)) return new DatabaseError('disk.full', { path: dirname(path) });
  const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  return new UsageError('output.cannot_write', { path, reason });
}

const isFileError = (err: unknown): boolean =>
  typeof (err as NodeJS.ErrnoException | null)?.code === 'string' && (err as NodeJS.ErrnoException).syscall !== undefined;

export class FileTarget {
  readonly path: string;
  /** Where the file is written until it is complete. */
  readonly staging: string;
  /** The staging file's descriptor while it is open (for fsync). */
  private fd: number | undefined;
  private stream: WriteStream | undefined;
  private failure: unknown;

  constructor(path: string) {
    this.path = resolve(path);
    this.staging = tempName(this.path);
  }

  /** The stream the result is written to, opened on first use. It owns the descriptor: destroying it closes it. */
  open(): WriteStream {
    if (this.stream) return this.stream;
    removeStaleTemps(this.path);
    let fd: number | undefined;
    try {
      fd = openSync(this.staging, 'wx', 0o600);
      fchmodSync(fd, 0o600);
    } catch (err) {
      if (fd !== undefined) closeSync(fd);
      rmSync(this.staging, { force: true });
      throw cannotWrite(this.path, err);
    }
    this.fd = fd;
    this.stream = createWriteStream(this.staging, { fd, autoClose: false });
    this.stream.on('error', (err) => {
      this.failure ??= err;
    });
    return this.stream;
  }

  /** The error the file's stream failed with, as the clerk can act on it (its folder when the disk is full). */
  writeFailure(err: unknown): UsageError | DatabaseError | undefined {
    return this.failure !== undefined && (err === this.failure || isFileError(err)) ? cannotWrite(this.path, this.failure) : undefined;
  }

  /** Puts the file in place: an empty result is an empty file. */
  async commit(): Promise<void> {
    const stream = this.open();
    try {
      if (!stream.writableFinished) {
        stream.end();
        await once(stream, 'finish');
      }
      if (this.failure !== undefined) throw this.failure;
      fsyncSync(this.fd!);
      await this.close();
      renameSync(this.staging, this.path);
    } catch (err) {
      await this.abort();
      throw isFileError(err) ? cannotWrite(this.path, err) : err;
    }
  }

  /** Removes what was written; the target stays as it was. */
  async abort(): Promise<void> {
    await this.close();
    rmSync(this.staging, { force: true });
  }

  private async close(): Promise<void> {
    const stream = this.stream;
    if (stream && !stream.closed) {
      stream.destroy();
      await once(stream, 'close').catch(() => undefined);
    }
    this.fd = undefined;
  }
}
