import { say } from '../../i18n/index.js';
import type { LintOutcome } from '../../app/lint.js';
import type { Locale } from '../../model/common.js';
import { forTerminal, paint } from '../../sinks/terminal.js';
import { counts } from './counts.js';

/** `file:line:col: severity [rule] message` (a message's further lines, its example, indented), then a summary line. */
export function lintText(outcome: LintOutcome, lang: Locale, options: { color?: boolean } = {}): string {
  const on = options.color === true;
  const lines = outcome.findings.map(
    (f) =>
      `${paint('bold', `${forTerminal(f.file)}:${f.line}:${f.col}`, on)}: ${paint(f.severity === 'error' ? 'red' : 'yellow', f.severity, on)} ${paint('dim', `[${f.rule}]`, on)} ${say(lang, f.message).replace(/\n/g, '\n    ')}`,
  );
  const c = counts(outcome.findings);
  if (outcome.found && outcome.files.length > 0) lines.push(paint('dim', say(lang, { key: 'lint.checked', params: { files: outcome.files.join(', ') } }), on));
  const summary = say(lang, { key: 'lint.summary', params: { files: outcome.files.length, errors: c.errors, warnings: c.warnings } });
  lines.push(paint(c.errors > 0 ? 'red' : c.warnings > 0 ? 'yellow' : 'green', summary, on));
  return `${lines.join('\n')}\n`;
}
