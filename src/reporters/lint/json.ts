import { say } from '../../i18n/index.js';
import type { LintOutcome } from '../../app/lint.js';
import type { Locale } from '../../model/common.js';
import { counts } from './counts.js';

export function lintJson(outcome: LintOutcome, lang: Locale): string {
  const findings = outcome.findings.map((f) => ({ file: f.file, line: f.line, col: f.col, severity: f.severity, rule: f.rule, message: say(lang, f.message) }));
  return `${JSON.stringify({ files: outcome.files, findings, summary: counts(outcome.findings) }, null, 2)}\n`;
}
