import { UsageError } from '../errors.js';
import { msg } from '../i18n/index.js';
import type { RunOptions } from '../commands/run.js';
import type { Io } from '../io/terminal.js';

export async function interview(_options: RunOptions, _io: Io): Promise<number> {
  throw new UsageError(msg('cli.interview-unavailable'));
}
