import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { IoError } from '../errors.js';
import { writeBytes } from '../io/write.js';

export type SpoolRef = { at: number; length: number };

/**
 * An append-only file of strings, read back by position: a batch's respondents and summary rows wait
 * on disk, not in memory. The file is the run's own (created exclusively in its work folder); the
 * system refusing to write or read it back is an IoError.
 */
export class Spool {
  private readonly fd: number;
  size = 0;
  constructor(private readonly path: string) {
    try {
      this.fd = openSync(path, 'wx+', 0o600);
    } catch (error) {
      throw new IoError(path, code(error));
    }
  }
  put(value: string): SpoolRef {
    const bytes = Buffer.from(value, 'utf8');
    try {
      writeBytes(this.fd, bytes, this.size);
    } catch (error) {
      throw new IoError(this.path, code(error));
    }
    const ref = { at: this.size, length: bytes.length };
    this.size += bytes.length;
    return ref;
  }
  get(ref: SpoolRef): string {
    const bytes = Buffer.alloc(ref.length);
    let done = 0;
    while (done < ref.length) {
      const n = this.read(bytes, done, ref.length - done, ref.at + done);
      if (n === 0) throw new IoError(this.path, 'EIO', 'read');
      done += n;
    }
    return bytes.toString('utf8');
  }
  private read(buffer: Buffer, offset: number, length: number, position: number): number {
    try {
      return readSync(this.fd, buffer, offset, length, position);
    } catch (error) {
      throw new IoError(this.path, code(error), 'read');
    }
  }
  /** The JSON lines put from byte `from` on, parsed one at a time. */
  *lines<T>(from: number): Generator<T> {
    const block = Buffer.alloc(1 << 20);
    let rest = Buffer.alloc(0);
    for (let at = from; at < this.size;) {
      const read = this.read(block, 0, Math.min(block.length, this.size - at), at);
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

function code(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
