import { say } from '../../i18n/index.js';
import type { LintOutcome } from '../../app/lint.js';
import type { Locale } from '../../model/common.js';
import { annotation } from '../github.js';

/** Each finding as an annotation on its line. */
export function lintGithub(outcome: LintOutcome, lang: Locale): string {
  const level = { error: 'error', warning: 'warning', info: 'notice' } as const;
  return outcome.findings.map((f) => annotation(level[f.severity], { file: f.file, line: f.line, col: f.col, title: f.rule }, say(lang, f.message))).join('');
}
