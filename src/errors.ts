import type { Locale } from './model/common.js';
import { say, type Message } from './i18n/index.js';

export const EXIT = { ok: 0, findings: 1, usage: 2, interrupted: 130 } as const;

/** Where something is wrong in a file. Lines and columns count from 1. */
export interface Located {
  file: string;
  line?: number;
  col?: number;
  message: Message;
}

/** A failure the user can act on; it knows its exit code and says itself in fr or en. */
export abstract class CliError extends Error {
  abstract readonly exitCode: number;
  abstract describe(lang: Locale): string;
}

/** Bad flags or arguments. */
export class UsageError extends CliError {
  readonly exitCode = EXIT.usage;
  constructor(readonly detail: Message) {
    super(detail.key);
  }
  describe(lang: Locale): string {
    return say(lang, this.detail);
  }
}

/** An input file that cannot be used: unreadable, malformed, or not valid for its questionnaire. */
export class InputError extends CliError {
  readonly exitCode = EXIT.usage;
  constructor(readonly problems: readonly Located[]) {
    super(problems[0]?.message.key ?? 'input');
  }
  describe(lang: Locale, max = 10): string {
    const lines = this.problems.slice(0, max).map((p) => formatLocated(lang, p));
    if (this.problems.length > max) lines.push(`… (+${this.problems.length - max})`);
    return lines.join('\n');
  }
}

/** The user stopped the program (Ctrl+C). */
export class InterruptedError extends CliError {
  readonly exitCode = EXIT.interrupted;
  constructor(readonly detail?: Message) {
    super('interrupted');
  }
  describe(lang: Locale): string {
    return this.detail ? say(lang, this.detail) : say(lang, { key: 'cli.interrupted' });
  }
}

export function formatLocated(lang: Locale, p: Located): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.col ?? 1}` : p.file;
  return `${where}: ${say(lang, p.message)}`;
}
