// A stdout that keeps the exact bytes written to it, for tests that compare outputs byte for byte.
import { Writable } from 'node:stream';

export class Bytes extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    done();
  }
}
