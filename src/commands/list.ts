import { parseLang, useQuestionnaires, type CommonOptions } from '../cli/options.js';
import { EXIT } from '../errors.js';
import { detectLang, msg, say } from '../i18n/index.js';
import { listBuiltin, loadBuiltin } from '../io/load.js';
import type { Io } from '../io/terminal.js';
import { text } from '../model/common.js';
import '../model/schemas.js';

export interface ListOptions extends CommonOptions {
  json?: boolean;
  questionnaires?: string;
}

/** `list`: the questionnaires, their versions, and what the newest one holds. */
export function listCommand(options: ListOptions, io: Io): number {
  const lang = detectLang(parseLang(options.lang), io.env);
  useQuestionnaires(options);
  const entries = listBuiltin().map((entry) => {
    const newest = loadBuiltin(`${entry.id}@${entry.versions[entry.versions.length - 1]}`).questionnaire;
    return {
      id: entry.id,
      versions: entry.versions,
      latest: newest.version,
      title: text(newest.title, lang),
      questions: newest.questions.length,
      locales: newest.locales,
    };
  });
  if (options.json) {
    io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const e of entries) {
    io.stdout.write(`${e.id}@${e.latest}  ${e.title}\n`);
    io.stdout.write(`  ${say(lang, msg('list.line', { versions: e.versions.join(', '), questions: e.questions, locales: e.locales.join(', ') }))}\n`);
  }
  return EXIT.ok;
}
