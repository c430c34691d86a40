import { basename } from 'node:path';
import { assessmentOf, compareAssessments } from '../app/compare.js';
import { parseLang, useQuestionnaires, type CommonOptions } from '../cli/options.js';
import { EXIT } from '../errors.js';
import { detectLang, msg, say } from '../i18n/index.js';
import { useColor, type Io, terminalWidth } from '../io/terminal.js';
import { inside, writeSet } from '../io/write.js';
import { renderCompareMarkdown, renderJson } from '../report/render.js';

export interface CompareOptions extends CommonOptions {
  json?: boolean;
  out?: string;
  force?: boolean;
  questionnaire?: string;
  questionnaires?: string;
  migrate?: boolean;
}

/** `compare OLD NEW`: the progress of one organisation between two assessments. */
export async function compareCommand(oldPath: string, newPath: string, options: CompareOptions, io: Io): Promise<number> {
  const flagLang = parseLang(options.lang);
  const messages = detectLang(flagLang, io.env);
  useQuestionnaires(options);
  const read = { ...(options.questionnaire !== undefined ? { questionnaire: options.questionnaire } : {}), lang: messages, migrate: options.migrate === true };
  const before = assessmentOf(oldPath, read);
  const after = assessmentOf(newPath, read);
  const outcome = compareAssessments(before, after, { flag: flagLang, env: messages });
  const lang = outcome.lang;
  if (options.out !== undefined) {
    const dir = options.out;
    const files = outcome.files.map(([name, content]) => [inside(dir, name), content] as const);
    writeSet(files, options.force === true);
    for (const [file] of files)
      if (!options.quiet && !file.endsWith('.svg')) io.stderr.write(`${say(lang, msg('cli.wrote', { file: `${dir}/${basename(file)}` }))}\n`);
  }
  if (options.json) io.stdout.write(renderJson(outcome.comparison));
  else if (!options.quiet) {
    if (!io.stdout.isTTY) io.stdout.write(renderCompareMarkdown(outcome.comparison, outcome.questionnaire, lang));
    else {
      const color = useColor(io, options.color !== false);
      const { renderTerminal } = await import('../report/terminal.js');
      const markdown = renderCompareMarkdown(outcome.comparison, outcome.questionnaire, lang, { terminal: true });
      io.stdout.write(await renderTerminal(markdown, { width: terminalWidth(io), color }));
    }
  }
  return EXIT.ok;
}
