import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { IoError, LockedError } from '../errors.js';
import { removeQuietly, writeFileSafely } from './write.js';

/*
 * A batch owns its output folder while it runs: a lock file names the process and its run. A second
 * live batch is refused (exit 75); a lock whose process is dead is taken over, and what that run left
 * in its own work folder (temporary files, spool) is removed — nothing else of the folder is touched.
 */

export const LOCK_NAME = '.sm-diagnostic-batch.lock';
const WORK_PREFIX = '.sm-diagnostic-run.';

interface LockData {
  pid: number;
  /** The process's start time (Linux), so that a reused pid is not taken for the old owner. */
  start?: string;
  run: string;
}

export interface FolderLock {
  /** The run's own folder inside the output folder: temporary files and the spool go there. */
  work: string;
  release(): void;
}

const held = new Set<string>();

function processStart(pid: number): string | undefined {
  try {
    // Field 22 of /proc/<pid>/stat, counted after the command name (which may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function alive(owner: LockData): boolean {
  if (owner.pid === process.pid) return held.has(owner.run);
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = processStart(owner.pid);
  return owner.start === undefined || start === undefined || start === owner.start;
}

function readLock(path: string): LockData | undefined {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockData>;
    if (typeof data.pid !== 'number' || typeof data.run !== 'string' || !/^[0-9a-f]{16}$/.test(data.run)) return undefined;
    return { pid: data.pid, run: data.run, ...(typeof data.start === 'string' ? { start: data.start } : {}) };
  } catch {
    return undefined;
  }
}

/** Takes the folder (which exists) for this process, or throws LockedError when a live batch has it. */
export function lockFolder(dir: string): FolderLock {
  const path = join(dir, LOCK_NAME);
  const run = randomBytes(8).toString('hex');
  const start = processStart(process.pid);
  const mine: LockData = { pid: process.pid, ...(start !== undefined ? { start } : {}), run };
  const body = `${JSON.stringify(mine)}\n`;
  const candidate = join(dir, `${WORK_PREFIX}${run}.lock`);
  writeFileSafely(candidate, body, { replace: false });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(candidate, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new IoError(path, (error as NodeJS.ErrnoException).code ?? String(error));
      }
      const owner = readLock(path);
      if (owner && alive(owner)) throw new LockedError(dir, owner.pid);
      if (attempt >= 3) throw new LockedError(dir, owner?.pid ?? 0);
      // A dead owner (or a lock no one can read): its lock is moved aside, checked to be the one read (a
      // second batch taking over at the same moment may have put its own there), then its work folder goes.
      const aside = join(dir, `${WORK_PREFIX}${run}.stale`);
      try {
        renameSync(path, aside);
      } catch {
        continue;
      }
      const moved = readLock(aside);
      if (owner !== undefined && moved?.run !== owner.run) {
        try {
          linkSync(aside, path);
        } catch {
          // The live lock went back, or another was taken meanwhile: the next attempt reads it.
        }
        removeQuietly(aside);
        continue;
      }
      removeQuietly(aside);
      if (owner) rmSync(join(dir, `${WORK_PREFIX}${owner.run}`), { recursive: true, force: true });
    }
  } finally {
    removeQuietly(candidate);
  }
  held.add(run);
  const work = join(dir, `${WORK_PREFIX}${run}`);
  try {
    mkdirSync(work, { mode: 0o700 });
  } catch (error) {
    held.delete(run);
    removeQuietly(path);
    throw new IoError(work, (error as NodeJS.ErrnoException).code ?? String(error));
  }
  return {
    work,
    release() {
      if (!held.delete(run)) return;
      rmSync(work, { recursive: true, force: true });
      if (readLock(path)?.run === run) {
        try {
          unlinkSync(path);
        } catch {
          // Already gone.
        }
      }
    },
  };
}

/** Names in the output folder that belong to the lock machinery, never listed as outputs or inputs. */
export function isLockEntry(name: string): boolean {
  return name === LOCK_NAME || name.startsWith(WORK_PREFIX);
}
