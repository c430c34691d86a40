import { say } from '../i18n/index.js';
import type { Locale } from '../model/common.js';
import type { Finding } from './lint.js';

export const LINT_FORMATS = ['text', 'json', 'github'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

function counts(findings: readonly Finding[]) {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
  };
}

/** `file:line:col: severity [rule] message`, then a summary line. */
export function textReport(findings: readonly Finding[], files: readonly string[], lang: Locale): string {
  const lines = findings.map((f) => `${f.file}:${f.line}:${f.col}: ${f.severity} [${f.rule}] ${say(lang, f.message)}`);
  const c = counts(findings);
  const summary =
    lang === 'fr'
      ? `${files.length} fichier(s) vérifié(s) : ${c.errors} erreur(s), ${c.warnings} avertissement(s)`
      : `${files.length} file(s) checked: ${c.errors} error(s), ${c.warnings} warning(s)`;
  return `${[...lines, summary].join('\n')}\n`;
}

export function jsonReport(findings: readonly Finding[], files: readonly string[], lang: Locale): string {
  return `${JSON.stringify(
    {
      files,
      findings: findings.map((f) => ({ file: f.file, line: f.line, col: f.col, severity: f.severity, rule: f.rule, message: say(lang, f.message) })),
      summary: counts(findings),
    },
    null,
    2,
  )}\n`;
}

/** GitHub Actions workflow commands: each finding becomes an annotation on its line. */
export function githubReport(findings: readonly Finding[], _files: readonly string[], lang: Locale): string {
  const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const level = { error: 'error', warning: 'warning', info: 'notice' } as const;
  return findings
    .map(
      (f) =>
        `::${level[f.severity]} file=${escapeProperty(f.file)},line=${f.line},col=${f.col},title=${escapeProperty(f.rule)}::${escapeData(say(lang, f.message))}\n`,
    )
    .join('');
}
