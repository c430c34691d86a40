import { lintQuestionnaires } from '../app/lint.js';
import { parseChoice, parseLang, type CommonOptions } from '../cli/options.js';
import { EXIT } from '../errors.js';
import { detectLang } from '../i18n/index.js';
import { useColor, type Io, terminalWidth } from '../io/terminal.js';
import { LINT_FORMATS, LINT_REPORTERS } from '../reporters/lint/index.js';

export interface LintOptions extends CommonOptions {
  format?: string;
}

/** `lint [FILE|DIR...]`: every rule on every questionnaire file; exit 1 when an error is found. */
export function lintCommand(inputs: string[], options: LintOptions, io: Io): number {
  const lang = detectLang(parseLang(options.lang), io.env);
  const format = parseChoice('--format', options.format, LINT_FORMATS);
  const outcome = lintQuestionnaires(inputs);
  const width = io.stdout.isTTY === true ? terminalWidth(io) : undefined;
  io.stdout.write(LINT_REPORTERS[format](outcome, lang, { color: useColor(io, options.color !== false), ...(width !== undefined ? { width } : {}) }));
  return outcome.findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
}
