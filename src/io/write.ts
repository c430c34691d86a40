import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { threadId } from 'node:worker_threads';
import slugify from 'slugify';
import { IoError, UsageError } from '../errors.js';
import { msg } from '../i18n/index.js';

/*
 * The one way the tool writes a file. The content goes to a temporary file created exclusively (it
 * never follows or reuses whatever is at its name) with an unpredictable name, every byte written,
 * then takes the final name in one step: `link` when the file must not already exist (so that of two
 * runs only one can win), `rename` when it may be replaced. A symlink at the final name is replaced,
 * never followed. Any refusal of the system is an IoError naming the file and the reason, and the
 * temporary file is removed.
 */

export interface WriteOptions {
  /** Replace a file already there (`--force`, or a batch's own outputs); else an existing file is an error. */
  replace: boolean;
  /** Flush to the disk before the rename (drafts, whose loss would lose answers). */
  durable?: boolean;
  /** Where the temporary file goes (a batch's own folder); by default beside the file. */
  tempDir?: string;
}

export type Content = string | Uint8Array | Iterable<string>;

let prefix: string | undefined;
let counter = 0;

/** A temporary name no one can guess: random per process, then a counter. */
function tempName(dir: string, file: string): string {
  prefix ??= randomBytes(6).toString('hex');
  counter += 1;
  return join(dir, `.${basename(file).slice(0, 80)}.${prefix}${threadId}-${counter}.tmp`);
}

const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** The name the next temporary file for `file` would take (tests plant things there). */
export function nextTempName(dir: string, file: string): string {
  prefix ??= randomBytes(6).toString('hex');
  return join(dir, `.${basename(file).slice(0, 80)}.${prefix}${threadId}-${counter + 1}.tmp`);
}

/** A temporary file created exclusively: a name already taken (by anything, a symlink included) is passed over. */
function createTemp(dir: string, file: string): { temp: string; fd: number } {
  for (let attempt = 0; ; attempt++) {
    const temp = tempName(dir, file);
    try {
      return { temp, fd: openSync(temp, CREATE, 0o644) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 8) throw ioError(file, error);
    }
  }
}

export function writeFileSafely(file: string, content: Content, options: WriteOptions): void {
  const temp = writeTemp(file, content, options);
  commitTemp(temp, file, options.replace);
}

/** The content in a new temporary file beside `file` (or in `tempDir`), every byte written; nothing is left on failure. */
function writeTemp(file: string, content: Content, options: WriteOptions): string {
  const { temp, fd } = createTemp(options.tempDir ?? dirname(file), file);
  try {
    try {
      writeAll(fd, content);
      if (options.durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    removeQuietly(temp);
    throw ioError(file, error);
  }
  return temp;
}

/** The temporary file takes its final name (replacing what is there, or only if nothing is); it is gone either way. */
function commitTemp(temp: string, file: string, replace: boolean): void {
  try {
    if (replace) renameSync(temp, file);
    else takeName(temp, file);
  } catch (error) {
    removeQuietly(temp);
    if (error instanceof UsageError) throw error;
    throw ioError(file, error);
  }
}

/** Gives `temp` the name `file` only if nothing has that name; `temp` is gone afterwards. */
function takeName(temp: string, file: string): void {
  try {
    linkSync(temp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(msg('cli.exists', { file }));
    // File systems without hard links (some network and FAT mounts): check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
    if (exists(file)) throw new UsageError(msg('cli.exists', { file }));
    renameSync(temp, file);
    return;
  }
  unlinkSync(temp);
}

/** Every byte out: `writeSync` may write less than it is given (a full pipe, a signal). */
function writeAll(fd: number, content: Content): void {
  if (typeof content === 'string') writeText(fd, content);
  else if (content instanceof Uint8Array) writeBytes(fd, content);
  else {
    // Pieces (a batch's summaries) gathered into blocks of about 64 kB: one write call per block.
    let block: string[] = [];
    let size = 0;
    for (const piece of content) {
      block.push(piece);
      size += piece.length;
      if (size >= 65536) {
        writeText(fd, block.join(''));
        block = [];
        size = 0;
      }
    }
    if (block.length > 0) writeText(fd, block.join(''));
  }
}

/**
 * A text written as UTF-8 in one call, the common case, without making a buffer of it first; a write
 * cut short (a signal, a full pipe) goes on from where it stopped.
 */
function writeText(fd: number, text: string): void {
  const written = writeSync(fd, text, null, 'utf8');
  if (written < text.length || written < Buffer.byteLength(text, 'utf8')) writeBytes(fd, Buffer.from(text, 'utf8').subarray(written));
}

/** Writes every byte (at `position` in the file, or where it stands). */
export function writeBytes(fd: number, bytes: Uint8Array, position?: number): void {
  let at = 0;
  while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at, position === undefined ? null : position + at);
}

function ioError(file: string, error: unknown): IoError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new IoError(file, code ?? (error instanceof Error ? error.message : String(error)));
}

export function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or never made.
  }
}

/** Whether anything (a file, a folder, a dangling symlink) has this name. */
export function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes a folder and its parents; a refusal is an IoError. Each level is made in turn, from the
 * deepest one that exists: Node's own `recursive` mode loops for ever where the system answers ENOENT
 * for a parent that exists (`/proc/sys/x`), and a signal cannot stop a loop that never yields.
 */
export function makeFolder(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  while (!exists(at)) {
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && isFolder(folder)) continue;
      throw ioError(dir, error);
    }
  }
  if (missing.length === 0 && !isFolder(at)) throw new IoError(dir, 'ENOTDIR');
}

/** Whether `path` is a folder (a symlink to one included). */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A set of files written as one: every file is rendered and written to a temporary file before the
 * first takes its name, so that a full disk leaves no part of a set; nothing is written when one of
 * them exists and `force` is off; the names are taken in the order given (a report set puts its JSON
 * last, so that a set is complete when its JSON exists), and a name taken by someone else meanwhile
 * takes back the names this set had taken.
 */
export function writeSet(files: readonly (readonly [string, Content])[], force: boolean): void {
  if (!force) for (const [file] of files) if (exists(file)) throw new UsageError(msg('cli.exists', { file }));
  const dirs = new Set(files.map(([file]) => dirname(file)));
  for (const dir of dirs) makeFolder(dir);
  const temps: string[] = [];
  try {
    for (const [file, content] of files) temps.push(writeTemp(file, content, { replace: force }));
  } catch (error) {
    for (const temp of temps) removeQuietly(temp);
    throw error;
  }
  // Of the names taken before a failure, those that were new go again (a replaced file cannot come back).
  const taken: string[] = [];
  let committed = 0;
  try {
    for (const [file] of files) {
      const isNew = !exists(file);
      commitTemp(temps[committed]!, file, force);
      committed++;
      if (isNew) taken.push(file);
    }
  } catch (error) {
    for (const temp of temps.slice(committed + 1)) removeQuietly(temp);
    for (const file of taken) removeQuietly(file);
    throw error;
  }
}

/** A file name made from an organisation's id or name: ASCII letters, digits and dashes, transliterated (« Cœur » → coeur). */
export function slug(value: string, fallback = 'organisation'): string {
  // Every run of what is neither a letter nor a digit separates words (`../etc/passwd` → etc-passwd).
  const s = slugify(value.replace(/[^\p{L}\p{N}]+/gu, ' '), { lower: true, trim: true })
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return s === '' ? fallback : s;
}

/** `inside` for the many files of one folder: the folder resolved once, each name checked by its characters. */
export function insideFolder(dir: string): (name: string) => string {
  const root = resolve(dir);
  return (name) => {
    if (name === '' || name === '.' || name === '..' || /[\\/\0]/.test(name)) return inside(dir, name);
    return join(root, name);
  };
}

/** `name` inside `dir`, refusing anything that would land outside it. */
export function inside(dir: string, name: string): string {
  const root = resolve(dir);
  const file = resolve(root, name);
  if (!file.startsWith(root + sep) || basename(file) !== name) {
    throw new UsageError(msg('cli.outside', { dir, name }));
  }
  return file;
}
