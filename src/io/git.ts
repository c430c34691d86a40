import { execFileSync } from 'node:child_process';
import { GitError, UsageError } from '../errors.js';
import { msg } from '../i18n/index.js';

/*
 * The git the tool runs: arguments as a list (no shell), refs after `--end-of-options` (a ref that looks
 * like an option is never taken for one), and a ref starting with `-` refused outright.
 */

function run(args: string[], ref: string): Buffer {
  try {
    return execFileSync('git', args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const detail =
      String((error as { stderr?: Buffer }).stderr ?? (error as Error).message)
        .trim()
        .split('\n')[0] ?? '';
    throw new GitError(ref, detail);
  }
}

export function checkRef(ref: string): void {
  if (ref.startsWith('-')) throw new UsageError(msg('diff.bad-ref', { ref }));
}

/** The top folder of the repository the current folder is in. */
export function repositoryTop(ref: string): string {
  return run(['rev-parse', '--show-toplevel'], ref).toString('utf8').trim();
}

/** Every file path under `folder` (relative to the repository's top `top`) at `ref`, relative to the top. */
export function filesAt(ref: string, top: string, folder: string): string[] {
  checkRef(ref);
  return run(['-C', top, 'ls-tree', '-r', '--name-only', '--end-of-options', ref, '--', folder === '' ? '.' : folder], ref)
    .toString('utf8')
    .split('\n')
    .filter((f) => f !== '');
}

/** A file's bytes at `ref` (`path` relative to the top of the repository). */
export function fileAt(ref: string, path: string): Buffer {
  checkRef(ref);
  return run(['show', '--end-of-options', `${ref}:${path}`], `${ref}:${path}`);
}

/** `REF:path` as given on the command line: a ref and a path relative to the current folder. */
export function showSpec(spec: string): Buffer {
  const colon = spec.indexOf(':');
  checkRef(spec.slice(0, colon));
  return run(['show', '--end-of-options', spec], spec);
}
