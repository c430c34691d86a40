import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IoError, LockedError, UsageError } from '../../src/errors.js';
import { lockFolder } from '../../src/io/lock.js';
import { nextTempName, writeFileSafely } from '../../src/io/write.js';
import { cli, spawnCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/load.js';

const tmp = (name: string) => mkdtempSync(join(tmpdir(), `smd-write-${name}-`));
const EXAMPLE = 'questionnaires/sm-maturity/examples/mairie-saint-exemple.yaml';

describe('the one way to write', () => {
  it('does not follow a symlink planted at the temporary name: the victim is untouched, the file is written', () => {
    const dir = tmp('temp-link');
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const target = join(dir, 'report.md');
    symlinkSync(victim, nextTempName(dir, target));
    writeFileSafely(target, 'the report', { replace: false });
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(readFileSync(target, 'utf8')).toBe('the report');
    expect(lstatSync(target).isSymbolicLink()).toBe(false);
  });

  it('does not follow a symlink at the final name: refused without replace, replaced (not followed) with it', () => {
    const dir = tmp('final-link');
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const target = join(dir, 'report.md');
    symlinkSync(victim, target);
    expect(() => writeFileSafely(target, 'x', { replace: false })).toThrow(UsageError);
    // A dangling symlink is a name taken too.
    const dangling = join(dir, 'dangling.md');
    symlinkSync(join(dir, 'nowhere'), dangling);
    expect(() => writeFileSafely(dangling, 'x', { replace: false })).toThrow(UsageError);
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
    writeFileSafely(target, 'the report', { replace: true });
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(target).isSymbolicLink()).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe('the report');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('says which file the system refused, and why, as an IoError (exit 3), leaving no temporary file', () => {
    const dir = tmp('refused');
    mkdirSync(join(dir, 'taken'));
    try {
      writeFileSafely(join(dir, 'taken'), 'x', { replace: true });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(IoError);
      expect((error as IoError).exitCode).toBe(3);
      expect((error as IoError).describe('en')).toBe(`cannot write ${join(dir, 'taken')}: a folder has this name (EISDIR)`);
    }
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('lets exactly one of two runs without --force take a report', async () => {
    const dir = tmp('two-runs');
    const start = () =>
      new Promise<number>((resolve) => {
        const child = spawn(process.execPath, [join(ROOT, 'bin', 'sm-diagnostic.js'), 'run', '--answers', join(ROOT, EXAMPLE), '-o', dir, '--quiet'], {
          stdio: 'ignore',
        });
        child.on('exit', (code) => resolve(code ?? -1));
      });
    const codes = await Promise.all([start(), start()]);
    expect(codes.sort()).toEqual([0, 2]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('a batch owns its output folder', () => {
  it('refuses a folder a live batch holds, with exit 75, and writes nothing there', async () => {
    const out = tmp('locked');
    const lock = lockFolder(out);
    try {
      const before = readdirSync(out).sort();
      const r = await cli(['batch', EXAMPLE, '-o', out, '--jobs', '1']);
      expect(r).toEqual({
        code: 75,
        stdout: '',
        stderr: `sm-diagnostic: error: ${out} is in use by another batch (process ${process.pid}); wait for it to finish, or write elsewhere\n`,
      });
      expect(readdirSync(out).sort()).toEqual(before);
    } finally {
      lock.release();
    }
    expect(readdirSync(out)).toEqual([]);
  });

  it('takes over the lock of a batch that died, and removes only what that run left in its own folder', () => {
    const out = tmp('stale');
    // A lock left by a process that is gone, with its run folder and a temporary file in it.
    const run = 'ab'.repeat(8);
    writeFileSync(join(out, '.sm-diagnostic-batch.lock'), `${JSON.stringify({ pid: 2 ** 22 + 17, run })}\n`);
    mkdirSync(join(out, `.sm-diagnostic-run.${run}`));
    writeFileSync(join(out, `.sm-diagnostic-run.${run}`, '.x.md.tmp'), 'half');
    writeFileSync(join(out, 'notes.2025.tmp'), 'mine');
    const r = spawnCli(['batch', EXAMPLE, '-o', out, '--jobs', '1', '--force', '--quiet']);
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toContain('notes.2025.tmp');
    expect(readFileSync(join(out, 'notes.2025.tmp'), 'utf8')).toBe('mine');
    expect(readdirSync(out).filter((f) => f.startsWith('.sm-diagnostic-run.') || f === '.sm-diagnostic-batch.lock')).toEqual([]);
  });

  it('keeps a foreign notes.2025.tmp through batch --force and reruns', async () => {
    const out = tmp('foreign-tmp');
    writeFileSync(join(out, 'notes.2025.tmp'), 'mine');
    writeFileSync(join(out, '.draft.abcdef12.tmp'), 'mine too');
    expect((await cli(['batch', EXAMPLE, '-o', out, '--jobs', '1', '--force', '--quiet'])).code).toBe(0);
    expect((await cli(['batch', EXAMPLE, '-o', out, '--jobs', '1', '--force', '--quiet'])).code).toBe(0);
    expect(readFileSync(join(out, 'notes.2025.tmp'), 'utf8')).toBe('mine');
    expect(readFileSync(join(out, '.draft.abcdef12.tmp'), 'utf8')).toBe('mine too');
  });

  it('is held by one batch at a time in one process too', () => {
    const out = tmp('twice');
    const lock = lockFolder(out);
    expect(() => lockFolder(out)).toThrow(LockedError);
    lock.release();
    lockFolder(out).release();
  });
});
