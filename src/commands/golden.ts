import { checkGolden, goldenOk } from '../app/golden.js';
import { parseLang, type CommonOptions } from '../cli/options.js';
import { EXIT } from '../errors.js';
import { detectLang } from '../i18n/index.js';
import { terminalWidth, useColor, type Io } from '../io/terminal.js';
import { goldenText } from '../reporters/golden/text.js';
import '../model/schemas.js';

export interface GoldenOptions extends CommonOptions {
  update?: boolean;
}

/** `golden [--update]`: the examples' results against the stored ones; exit 1 when one moved, is missing or cannot be scored. */
export function goldenCommand(options: GoldenOptions, io: Io): number {
  const lang = detectLang(parseLang(options.lang), io.env);
  const outcome = checkGolden(options.update === true);
  const ok = goldenOk(outcome);
  // --quiet: nothing when every example is as stored; what moved when not.
  if (!ok || !options.quiet)
    io.stdout.write(
      goldenText(outcome, lang, { color: useColor(io, options.color !== false), ...(io.stdout.isTTY === true ? { width: terminalWidth(io) } : {}) }),
    );
  return ok ? EXIT.ok : EXIT.findings;
}
