import { checkDiffArguments, diffAgainstBase, diffFiles, diffOk } from '../app/diff.js';
import { parseChoice, parseLang, type CommonOptions } from '../cli/options.js';
import { EXIT } from '../errors.js';
import { detectLang } from '../i18n/index.js';
import { useColor, type Io } from '../io/terminal.js';
import { DIFF_FORMATS, DIFF_REPORTERS } from '../reporters/diff/index.js';

export interface DiffOptions extends CommonOptions {
  base?: string;
  format?: string;
}

/** `diff OLD NEW` or `diff --base REF`: what changed, the bump it needs, and whether the versions say so. */
export function diffCommand(oldRef: string | undefined, newRef: string | undefined, options: DiffOptions, io: Io): number {
  const lang = detectLang(parseLang(options.lang), io.env);
  const format = parseChoice('--format', options.format, DIFF_FORMATS);
  checkDiffArguments(oldRef, newRef, options.base);
  const outcome = options.base !== undefined ? diffAgainstBase(options.base) : diffFiles(oldRef!, newRef!);
  io.stdout.write(DIFF_REPORTERS[format](outcome, lang, { color: useColor(io, options.color !== false) }));
  return diffOk(outcome) ? EXIT.ok : EXIT.findings;
}
