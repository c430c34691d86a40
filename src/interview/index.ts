import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { select } from '@inquirer/prompts';
import type { Context } from '@inquirer/type';
import { displayPath, parseFormats, parseLang, report, reportBase, type RunOptions } from '../commands/run.js';
import { CliError, InterruptedError } from '../errors.js';
import { detectLang, msg } from '../i18n/index.js';
import { loadQuestionnaire, parseAnswers } from '../io/load.js';
import type { Io } from '../io/terminal.js';
import { writeAtomic } from '../io/write.js';
import { text, type Locale } from '../model/common.js';
import { defaultDraftPath, draftText, loadDraft, saveDraft } from './draft.js';
import { askedQuestions, runFlow, wrap, type Draft } from './flow.js';
import { INTERVIEW } from './strings.js';
import '../model/schemas.js';

/** Today as YYYY-MM-DD in local time, without Intl. */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function welcomeText(lang: Locale, p: Record<string, string | number>): string {
  const [title, ...rest] = INTERVIEW[lang].welcome(p).split('\n\n');
  return `\n${title}\n\n${wrap(rest.join(' ').replace(/\s+/g, ' ')).replace(/^ {2}/gm, '')}\n`;
}

function isPromptExit(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError';
}

/** A name not taken yet in `dir`: `base`, else `base-2`, `base-3`… so a long interview never fails at the end. */
function freeBase(dir: string, base: string, extensions: string[]): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (extensions.every((ext) => !existsSync(join(dir, `${candidate}${ext}`)))) return candidate;
  }
}

/**
 * The interactive diagnostic: language, organisation, context, the scored questions and a review, every
 * answer saved to the draft as it is given; then the answers file and the report.
 */
export async function interview(options: RunOptions, io: Io): Promise<number> {
  const formats = parseFormats(options.format);
  const loadedQuestionnaire = loadQuestionnaire(options.questionnaire);
  const q = loadedQuestionnaire.questionnaire;
  const outDir = options.out ?? '.';
  const draftPath = typeof options.resume === 'string' ? options.resume : defaultDraftPath(options.out);
  const flagLang = parseLang(options.lang);
  let lang: Locale = flagLang ?? detectLang(undefined, io.env);
  const context: Context = {
    input: io.prompt?.input ?? process.stdin,
    output: io.prompt?.output ?? process.stderr,
    clearPromptOnDone: false,
  };
  const print = (s: string) => context.output!.write(`${s}\n`);

  try {
    let draft: Draft | undefined;
    if (options.resume !== undefined && options.resume !== false) {
      draft = loadDraft(draftPath, loadedQuestionnaire, lang);
      lang = flagLang ?? draft.lang ?? lang;
      print(INTERVIEW[lang].resumed({ draft: draftPath, done: Object.keys(draft.answers).length, count: askedQuestions(q, draft.context).length }));
    } else if (existsSync(draftPath)) {
      // Never replace answers silently: offer to resume the draft found.
      let found: Draft | undefined;
      try {
        found = loadDraft(draftPath, loadedQuestionnaire, lang);
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
      }
      if (found) {
        const t = INTERVIEW[flagLang ?? found.lang ?? lang];
        print(t.draftFound({ organisation: found.organisation?.name ?? '?', done: Object.keys(found.answers).length, draft: draftPath }));
        const choice = await select({ message: '→', choices: [{ value: 'resume', name: t.resume() }, { value: 'new', name: t.startOver() }] }, context);
        if (choice === 'resume') {
          draft = found;
          lang = flagLang ?? found.lang ?? lang;
        }
      }
    }

    if (!draft) {
      if (!flagLang) {
        lang = await select(
          { message: INTERVIEW[lang].language(), choices: [{ value: 'fr' as Locale, name: 'Français' }, { value: 'en' as Locale, name: 'English' }], default: lang },
          context,
        );
      }
      draft = { questionnaire: loadedQuestionnaire.ref, date: today(), lang, context: {}, answers: {} };
      print(
        welcomeText(lang, {
          title: text(q.title, lang),
          minutes: Math.max(5, Math.round((q.questions.length * 15) / 60)),
          count: q.questions.length,
          draft: draftPath,
          out: options.out ?? INTERVIEW[lang].currentFolder(),
        }),
      );
    }
    draft.lang = lang;

    const finished = await runFlow(q, draft, { context, print, save: (d) => saveDraft(draftPath, d) }, lang);

    // The answers file first, so that nothing is lost if the report fails; then the report; then the draft goes.
    const base = freeBase(outDir, reportBase(finished.organisation!, finished.date), ['.answers.yaml', '.md', '.json']);
    const answersPath = join(outDir, `${base}.answers.yaml`);
    const body = draftText(finished);
    writeAtomic(answersPath, body);
    print(INTERVIEW[lang].wroteAnswers({ file: displayPath(outDir, answersPath) }));
    const loaded = parseAnswers(body, { file: answersPath, ...(options.questionnaire !== undefined ? { questionnaire: options.questionnaire } : {}), lang });
    const code = await report(loaded, { ...options, lang }, formats, io, base);
    rmSync(draftPath, { force: true });
    return code;
  } catch (error) {
    if (isPromptExit(error)) {
      throw new InterruptedError(existsSync(draftPath) ? msg('interview.interrupted', { draft: draftPath }) : undefined);
    }
    throw error;
  }
}
