import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { threadId } from 'node:worker_threads';
import { UsageError } from '../errors.js';
import { msg } from '../i18n/index.js';

/**
 * Writes a file whole or not at all: a temporary file in the same folder, then renamed over the target.
 * `durable` also flushes it to the disk first (drafts and single reports; a batch of thousands skips it).
 * The content may come in pieces (a batch's summaries): they are written as they come, in blocks, so
 * that the whole text is never held in memory.
 */
export function writeAtomic(file: string, content: string | Iterable<string>, durable = true): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  replaceWith(file, join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`), content, durable);
}

let written = 0;

/**
 * The same for a batch's many small files, in a folder that exists: no folder check and no random name
 * per file (the process, the thread and a counter make it unique), no flush.
 */
export function writeAtomicInBatch(file: string, content: string | Uint8Array): void {
  replaceWith(file, join(dirname(file), `.${basename(file)}.${process.pid}.${threadId}.${(written += 1)}.tmp`), content, false);
}

/** Writes `temp`, then renames it over `file`; on any failure, removes `temp` and says which file failed. */
function replaceWith(file: string, temp: string, content: string | Uint8Array | Iterable<string>, durable: boolean): void {
  try {
    const fd = openSync(temp, 'w', 0o644);
    try {
      if (typeof content === 'string') writeSync(fd, content);
      else if (content instanceof Uint8Array) writeSync(fd, content, 0, content.length);
      else writePieces(fd, content);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(msg('cli.write-failed', { file, reason: code }));
  }
}

/** Pieces gathered into blocks of about 64 kB: one write call per block, not per piece. */
function writePieces(fd: number, pieces: Iterable<string>): void {
  let block: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    block.push(piece);
    size += piece.length;
    if (size >= 65536) {
      writeSync(fd, block.join(''));
      block = [];
      size = 0;
    }
  }
  if (block.length > 0) writeSync(fd, block.join(''));
}

/** A file name made from an organisation's id or name: ASCII letters, digits and dashes only. */
export function slug(value: string, fallback = 'organisation'): string {
  const s = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return s === '' ? fallback : s;
}

/** `inside` for the many files of one folder: the folder resolved once, each name checked by its characters. */
export function insideFolder(dir: string): (name: string) => string {
  const root = resolve(dir);
  return (name) => {
    if (name === '' || name === '.' || name === '..' || /[\\/\u0000]/.test(name)) return inside(dir, name);
    return join(root, name);
  };
}

/** `name` inside `dir`, refusing anything that would land outside it. */
export function inside(dir: string, name: string): string {
  const root = resolve(dir);
  const file = resolve(root, name);
  if (!file.startsWith(root + sep) || basename(file) !== name) {
    throw new UsageError(msg('cli.usage', { detail: `refusing to write outside ${dir}: ${name}` }));
  }
  return file;
}

/** Refuses, before anything is written, when one of the files exists and `force` is off. */
export function checkOverwrite(files: readonly string[], force: boolean): void {
  if (force) return;
  for (const file of files) if (existsSync(file)) throw new UsageError(msg('cli.exists', { file }));
}
