import { EXIT } from '../errors.js';
import { detectLang } from '../i18n/index.js';
import { listBuiltin, loadBuiltin } from '../io/load.js';
import type { Io } from '../io/terminal.js';
import { text } from '../model/common.js';
import { parseLang } from './run.js';
import '../model/schemas.js';

export interface ListOptions {
  json?: boolean;
  lang?: string;
}

/** `list`: the built-in questionnaires, their versions, and what the newest one holds. */
export async function listCommand(options: ListOptions, io: Io): Promise<number> {
  const lang = detectLang(parseLang(options.lang), io.env);
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
  const questions = lang === 'fr' ? 'questions' : 'questions';
  for (const e of entries) {
    io.stdout.write(`${e.id}@${e.latest}  ${e.title}\n`);
    io.stdout.write(`  ${lang === 'fr' ? 'versions' : 'versions'}: ${e.versions.join(', ')} · ${e.questions} ${questions} · ${e.locales.join(', ')}\n`);
  }
  return EXIT.ok;
}
