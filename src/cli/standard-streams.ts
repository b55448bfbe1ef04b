// Standard output and error as commands see them (Runtime.streams).
//
// Node builds process.stdout and process.stderr from its stream modules on first use: about 4 ms of the ~150 ms
// a `check <name>` costs (README, "Performance"), paid on every call of a script's loop and on every Tab. The fast
// check path (src/cli/fast.ts) and shell completion (src/cli/complete.ts) therefore write their few lines straight
// to the file descriptor with fs.writeSync when it is a file, a pipe, a socket or /dev/null. Node's stream writes
// a file synchronously and a pipe asynchronously on POSIX; this writer always blocks until all is written, which
// suits a few lines written just before the process ends. A terminal keeps Node's stream: it knows its width.
import { fstatSync, statSync, writeSync } from 'node:fs';
import type { Streams } from './io.js';

/** `custrack export … | head`: when the reader closes the pipe, stop quietly instead of crashing. */
function quietWhenReaderLeaves<S extends NodeJS.WriteStream>(stream: S): S {
  if (stream.listenerCount('error') === 0) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  return stream;
}

/** Node's own streams, built on first use: stdin alone costs milliseconds that commands which never read it should not pay. */
export function nodeStreams(): Streams {
  return {
    get stdin() {
      return process.stdin;
    },
    get stdout() {
      return quietWhenReaderLeaves(process.stdout);
    },
    // stderr carries warnings before a command's work is done: a reader gone from it must not end the command
    // with exit 0.
    get stderr() {
      return process.stderr;
    },
  };
}

/** Whether Node's stream is needed for this descriptor: a terminal (or what we cannot tell from one), or Windows. */
export function needsNodeStream(fd: number): boolean {
  if (process.platform === 'win32') return true;
  try {
    const stat = fstatSync(fd);
    return stat.isCharacterDevice() && stat.rdev !== statSync('/dev/null').rdev;
  } catch {
    return true;
  }
}

/** One Int32 to sleep on while a non-blocking pipe is full. */
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes synchronously and whole. A pipe a parent left non-blocking answers EAGAIN when full: wait a millisecond and
 * write the rest. A reader that went away (EPIPE): the rest is dropped and the command ends with its own exit code,
 * as a check's verdict is its answer whoever reads its output.
 */
export class DirectOutput {
  readonly isTTY = false;
  readonly columns = undefined;
  private readerLeft = false;

  constructor(private readonly fd: number) {}

  write(chunk: string | Uint8Array): boolean {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    while (bytes.length > 0 && !this.readerLeft) {
      try {
        bytes = bytes.subarray(writeSync(this.fd, bytes));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
        else if (code === 'EPIPE') this.readerLeft = true;
        else throw err;
      }
    }
    return true;
  }
}

/** Streams for a short command that only writes: direct descriptors where Node's stream adds nothing, each decided on first use. */
export function directStreams(): Streams {
  const streams = nodeStreams();
  let stdout: Streams['stdout'] | undefined;
  let stderr: Streams['stderr'] | undefined;
  // Its write() never asks to wait, so the rest of a Writable (a 'drain' event) is never asked of it.
  const direct = (fd: number) => new DirectOutput(fd) as unknown as Streams['stdout'];
  return {
    get stdin() {
      return streams.stdin;
    },
    get stdout() {
      stdout ??= needsNodeStream(1) ? streams.stdout : direct(1);
      return stdout;
    },
    get stderr() {
      stderr ??= needsNodeStream(2) ? streams.stderr : direct(2);
      return stderr;
    },
  };
}
