import { say } from '../../i18n/index.js';
import type { LintOutcome } from '../../app/lint.js';
import type { Locale } from '../../model/common.js';
import { forTerminal, paint } from '../../sinks/terminal.js';
import { counts } from './counts.js';
import { wordLines } from '../../report/wrap.js';

/**
 * `file:line:col: severity [rule] message` (a message's further lines, its example, indented), then a
 * summary line. With a `width` (a terminal's), the first line of each finding is wrapped at words; an
 * example stays on its line, to be copied whole.
 */
export function lintText(outcome: LintOutcome, lang: Locale, options: { color?: boolean; width?: number } = {}): string {
  const on = options.color === true;
  const lines = outcome.findings.map((f) => {
    const [first, ...rest] = say(lang, f.message).split('\n');
    const where = `${forTerminal(f.file)}:${f.line}:${f.col}`;
    const tag = `[${f.rule}]`;
    const prefix = `${paint('bold', where, on)}: ${paint(f.severity === 'error' ? 'red' : 'yellow', f.severity, on)} ${paint('dim', tag, on)}`;
    // Wrapped as plain text, the prefix painted after: colour codes take no room on the screen.
    const plain = `${where}: ${f.severity} ${tag}`;
    const wrapped = (options.width === undefined ? [`${plain} ${first}`] : wordLines(`${plain} ${first}`, options.width - 4)).map((l, i) =>
      i === 0 ? (l.startsWith(plain) ? prefix + l.slice(plain.length) : l) : `    ${l}`,
    );
    return [...wrapped, ...rest.map((l) => `    ${l}`)].join('\n');
  });
  const c = counts(outcome.findings);
  if (outcome.found && outcome.files.length > 0) lines.push(paint('dim', say(lang, { key: 'lint.checked', params: { files: outcome.files.join(', ') } }), on));
  const summary = say(lang, { key: 'lint.summary', params: { files: outcome.files.length, errors: c.errors, warnings: c.warnings } });
  lines.push(paint(c.errors > 0 ? 'red' : c.warnings > 0 ? 'yellow' : 'green', summary, on));
  return `${lines.join('\n')}\n`;
}
