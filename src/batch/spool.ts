import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

export type SpoolRef = { at: number; length: number };

/** An append-only file of strings, read back by position. */
export class Spool {
  private readonly fd: number;
  size = 0;
  constructor(private readonly path: string) {
    this.fd = openSync(path, 'w+');
  }
  put(value: string): SpoolRef {
    const bytes = Buffer.from(value, 'utf8');
    writeSync(this.fd, bytes, 0, bytes.length, this.size);
    const ref = { at: this.size, length: bytes.length };
    this.size += bytes.length;
    return ref;
  }
  get(ref: SpoolRef): string {
    const bytes = Buffer.alloc(ref.length);
    readSync(this.fd, bytes, 0, ref.length, ref.at);
    return bytes.toString('utf8');
  }
  /** The JSON lines put from byte `from` on, parsed one at a time. */
  *lines<T>(from: number): Generator<T> {
    const block = Buffer.alloc(1 << 20);
    let rest = Buffer.alloc(0);
    for (let at = from; at < this.size; ) {
      const read = readSync(this.fd, block, 0, Math.min(block.length, this.size - at), at);
      if (read === 0) break;
      at += read;
      // A block may end inside a line, even inside a character: decode only up to its last newline.
      const bytes = Buffer.concat([rest, block.subarray(0, read)]);
      const end = bytes.lastIndexOf(10) + 1;
      const text = bytes.toString('utf8', 0, end);
      rest = bytes.subarray(end);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        yield JSON.parse(text.slice(start, nl)) as T;
        start = nl + 1;
      }
    }
  }
  close(): void {
    closeSync(this.fd);
    rmSync(this.path, { force: true });
  }
}
