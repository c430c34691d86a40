import { say } from '../../i18n/index.js';
import type { LintOutcome } from '../../app/lint.js';
import type { Locale } from '../../model/common.js';
import { forTerminal } from '../../sinks/terminal.js';
import { counts } from './counts.js';

/** `file:line:col: severity [rule] message`, then a summary line. */
export function lintText(outcome: LintOutcome, lang: Locale): string {
  const lines = outcome.findings.map((f) => `${forTerminal(f.file)}:${f.line}:${f.col}: ${f.severity} [${f.rule}] ${say(lang, f.message)}`);
  const c = counts(outcome.findings);
  if (outcome.found && outcome.files.length > 0) lines.push(say(lang, { key: 'lint.checked', params: { files: outcome.files.join(', ') } }));
  lines.push(say(lang, { key: 'lint.summary', params: { files: outcome.files.length, errors: c.errors, warnings: c.warnings } }));
  return `${lines.join('\n')}\n`;
}
