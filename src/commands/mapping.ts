import { mappingSkeleton, renderSkeleton } from '../app/mapping.js';
import { parseLang, useQuestionnaires, type CommonOptions } from '../cli/options.js';
import { EXIT } from '../errors.js';
import { catalogue, detectLang, msg, say } from '../i18n/index.js';
import { loadQuestionnaire } from '../io/load.js';
import { decodeText, readBytes } from '../io/read.js';
import type { Io } from '../io/terminal.js';
import { writeSet } from '../io/write.js';

export interface MappingOptions extends CommonOptions {
  questionnaire?: string;
  questionnaires?: string;
  delimiter?: string;
  out?: string;
  force?: boolean;
}

/** `mapping EXPORT.csv`: a mapping skeleton for a survey export (what matched, what is guessed, what is left). */
export function mappingCommand(file: string, options: MappingOptions, io: Io): number {
  const lang = detectLang(parseLang(options.lang), io.env);
  useQuestionnaires(options);
  const q = loadQuestionnaire(options.questionnaire).questionnaire;
  const text = decodeText(readBytes(file, file), file, true);
  const skeleton = mappingSkeleton(text, file, q, options.delimiter);
  const yaml = renderSkeleton(skeleton, catalogue(lang).summary.mapping);
  if (options.out === undefined) io.stdout.write(yaml);
  else {
    writeSet([[options.out, yaml]], options.force === true);
    if (!options.quiet) io.stderr.write(`${say(lang, msg('cli.wrote', { file: options.out }))}\n`);
  }
  return EXIT.ok;
}
