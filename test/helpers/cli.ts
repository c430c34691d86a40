import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import type { Io } from '../../src/io/terminal.js';
import { ROOT } from './load.js';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process, as on a pipe (no terminal) unless told otherwise. */
export async function cli(args: string[], options: { env?: NodeJS.ProcessEnv; tty?: boolean } = {}): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false, columns: 80 },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty ?? false },
    stdin: { isTTY: options.tty ?? false },
    env: options.env ?? { LANG: 'en_US.UTF-8' },
  };
  const code = await main(['node', 'sm-diagnostic', ...args], io);
  return { code, stdout, stderr };
}

/** Runs the built binary in a child process: real streams, real exit code. */
export function spawnCli(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {}): Ran {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'sm-diagnostic.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH, LANG: 'en_US.UTF-8', ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
