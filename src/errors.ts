import { say, type Message } from './i18n/index.js';
import type { Locale } from './model/common.js';
import { forTerminal } from './sinks/terminal.js';

/** The exit codes of the product's table: each comes from one kind of error below. */
export const EXIT = {
  ok: 0,
  findings: 1,
  usage: 2,
  io: 3,
  internal: 70,
  locked: 75,
  sighup: 129,
  sigint: 130,
  sigterm: 143,
} as const;

export type Signal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
export const SIGNAL_EXIT: Record<Signal, number> = { SIGINT: EXIT.sigint, SIGTERM: EXIT.sigterm, SIGHUP: EXIT.sighup };

/** Where something is wrong in a file. Lines and columns count from 1. */
export interface Located {
  file: string;
  line?: number;
  col?: number;
  message: Message;
}

/** A failure the user can act on: it knows its exit code and says itself in the user's language. */
export abstract class CliError extends Error {
  abstract readonly exitCode: number;
  abstract describe(lang: Locale): string;
  /** Said as it is (a located `file:line:col: …` list), or after `sm-diagnostic: error:`. */
  readonly located: boolean = false;
}

/** Bad flags, arguments or combinations of them (exit 2). */
export class UsageError extends CliError {
  readonly exitCode = EXIT.usage;
  constructor(readonly detail: Message) {
    super(detail.key);
  }
  describe(lang: Locale): string {
    return say(lang, this.detail);
  }
}

/** An input that cannot be used: missing, unreadable, malformed, or not valid for its questionnaire (exit 2). */
export class InputError extends CliError {
  readonly exitCode = EXIT.usage;
  override readonly located = true;
  constructor(readonly problems: readonly Located[]) {
    super(problems[0]?.message.key ?? 'input');
  }
  describe(lang: Locale, max = 10): string {
    const lines = this.problems.slice(0, max).map((p) => formatLocated(lang, p));
    if (this.problems.length > max) lines.push(say(lang, { key: 'cli.more', params: { count: this.problems.length - max } }));
    return lines.join('\n');
  }
}

/** The system refused to write, or to read back a file the tool made (exit 3): the file and the OS reason. */
export class IoError extends CliError {
  readonly exitCode = EXIT.io;
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly action: 'write' | 'read' = 'write',
  ) {
    super(`${action} ${file}: ${reason}`);
  }
  describe(lang: Locale): string {
    return say(lang, { key: this.action === 'write' ? 'io.write-failed' : 'io.read-failed', params: { file: this.file, reason: this.reason } });
  }
}

/** git could not give what was asked (a ref that does not exist, not a repository): an input error (exit 2). */
export class GitError extends CliError {
  readonly exitCode = EXIT.usage;
  constructor(
    readonly ref: string,
    readonly detail: string,
  ) {
    super(`git ${ref}: ${detail}`);
  }
  describe(lang: Locale): string {
    return say(lang, { key: 'diff.git', params: { ref: this.ref, detail: this.detail } });
  }
}

/** An output folder in use by another live batch (exit 75). */
export class LockedError extends CliError {
  readonly exitCode = EXIT.locked;
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`locked ${dir}`);
  }
  describe(lang: Locale): string {
    return say(lang, { key: 'batch.locked', params: { dir: this.dir, pid: this.pid } });
  }
}

/** The user or the system stopped the program (130 Ctrl+C, 143 SIGTERM, 129 SIGHUP). */
export class InterruptedError extends CliError {
  readonly exitCode: number;
  override readonly located = true;
  constructor(
    readonly signal: Signal = 'SIGINT',
    readonly detail?: Message,
  ) {
    super('interrupted');
    this.exitCode = SIGNAL_EXIT[signal];
  }
  describe(lang: Locale): string {
    return say(lang, this.detail ?? { key: 'cli.interrupted' });
  }
}

/** A bug (exit 70): said in one line that asks for a report with --debug. */
export class InternalError extends CliError {
  readonly exitCode = EXIT.internal;
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    if (cause instanceof Error && cause.stack) this.stack = cause.stack;
  }
  describe(lang: Locale): string {
    return say(lang, { key: 'cli.internal', params: { detail: this.message.split('\n')[0] ?? '' } });
  }
}

/** Any failure as a CliError: what is not one already is a bug. */
export function asCliError(error: unknown): CliError {
  return error instanceof CliError ? error : new InternalError(error);
}

export function formatLocated(lang: Locale, p: Located): string {
  const file = forTerminal(p.file);
  const where = p.line !== undefined ? `${file}:${p.line}:${p.col ?? 1}` : file;
  return `${where}: ${say(lang, p.message)}`;
}
