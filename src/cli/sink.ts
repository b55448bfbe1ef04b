// Buffered writes that respect back-pressure, so a million-row export holds one buffer, not the whole file.
import { once } from 'node:events';
import type { Writable } from 'node:stream';

const HIGH_WATER = 64 * 1024;

export class Sink {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly stream: Writable) {}

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= HIGH_WATER) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
}
