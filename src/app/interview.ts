import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Context } from '@inquirer/type';
import { askedQuestions, indexed } from '../../scoring/index.js';
import { parseLang } from '../cli/options.js';
import { CliError, InterruptedError, IoError, UsageError } from '../errors.js';
import { catalogue, detectLang, envLanguage, hasCatalogue, msg, say } from '../i18n/index.js';
import { checkDraft, defaultDraftPath, DraftStore, draftText, draftTextForTerminal, freeDraftPath, isToolDraft, loadDraft } from '../interview/draft.js';
import { reportLanguage } from './language.js';
import { servingLocale } from '../model/common.js';
import { isAnswered, runFlow, wrap, type Draft } from '../interview/flow.js';
import { menu } from '../interview/menu.js';
import { loadQuestionnaire, parseAnswers, type LoadedAnswers } from '../io/load.js';
import type { Io } from '../io/terminal.js';
import { exists, makeFolder, writeFileSafely } from '../io/write.js';
import { text, type Locale } from '../model/common.js';
import '../model/schemas.js';
import { forTerminal } from '../sinks/terminal.js';
import { shellWord } from '../cli/invocation.js';
import { reportBase } from './report.js';
import { closingBlock } from '../report/closing.js';
import { commandLines, hanging } from '../report/wrap.js';
import { onStop } from '../io/signals.js';
import type { Result } from '../model/result.js';

export interface InterviewOptions {
  questionnaire?: string;
  questionnaires?: string;
  lang?: string;
  out?: string;
  resume?: string | boolean;
  format?: string;
  target?: string;
  template?: string;
  explain?: boolean;
  print?: boolean;
}

/** The command that resumes this interview, as the person started the tool and with the options that shape its report. */
export function resumeCommand(command: string, draftPath: string, options: InterviewOptions): string {
  return [
    command,
    'run',
    '--resume',
    shellWord(draftPath),
    ...flagWords([
      ['-q', options.questionnaire],
      ['--questionnaires', options.questionnaires],
      ['-o', options.out],
      ['--format', options.format],
      ['--target', options.target],
      ['--template', options.template],
      ['--explain', options.explain],
      ['--print', options.print],
    ]),
  ].join(' ');
}

/** Options as a shell reads them back: a value quoted when it must be, a switch alone, an unset option left out. */
function flagWords(flags: [string, string | boolean | undefined][]): string[] {
  return flags.flatMap(([flag, v]) => (typeof v === 'string' ? [flag, shellWord(v)] : v === true ? [flag] : []));
}

/** Today as YYYY-MM-DD in local time, without Intl. */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function welcomeText(lang: Locale, p: Record<string, string | number>): string {
  const [title, ...paragraphs] = catalogue(lang)
    .interview.welcome(p)
    .trim()
    .split(/\n[ \t]*\n/);
  // A paragraph indented by two spaces is a command to copy: never wrapped.
  const shown = paragraphs.map((para) => (para.startsWith('  ') ? para.trimEnd() : paragraph(para.replace(/\s+/g, ' '))));
  return `\n${title}\n\n${shown.join('\n\n')}\n`;
}

/** A language's name in itself (`Deutsch`, `français`), for the choice of language; the tag if the runtime has no name for it. */
function languageName(tag: Locale): string {
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    return name ? `${name.charAt(0).toLocaleUpperCase(tag)}${name.slice(1)} (${tag})` : tag;
  } catch {
    return tag;
  }
}

/** A notice wrapped within 80 columns, from the first column. */
function paragraph(s: string): string {
  return wrap(s).replace(/^ {2}/gm, '');
}

function isPromptExit(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError';
}

/** A name not taken yet in `dir`: `base`, else `base-2`, `base-3`… so a long interview never fails at the end. */
function freeBase(dir: string, base: string, extensions: string[]): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (extensions.every((ext) => !exists(join(dir, `${candidate}${ext}`)))) return candidate;
  }
}

/**
 * The interactive diagnostic: language, organisation, context, the scored questions and a review, every
 * answer saved to the draft as it is given; then the answers file. It gives the answers as loaded, the
 * report's file name, and what to do once the report is written (the draft goes).
 */
/** What `run` scores: the answers, and after an interview the report's file name, its closing block and the draft's removal. */
export interface Session {
  loaded: LoadedAnswers;
  base?: string;
  /** What the terminal shows last: where the organisation stands, the priorities, the files written. */
  closing?: (report: { result: Result; files: readonly (readonly [string, unknown])[] }, width: number) => string;
  finish?: () => void;
}

/** The command that opens a file with its application on this system. */
function opener(): string {
  return process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'start ""' : 'xdg-open';
}

export async function interview(options: InterviewOptions, io: Io): Promise<Session> {
  const resuming = options.resume !== undefined && options.resume !== false;
  const flagLang = parseLang(options.lang);
  let lang: Locale = flagLang ?? detectLang(undefined, io.env);
  const draftPath = typeof options.resume === 'string' ? options.resume : defaultDraftPath(options.out);
  // Say what is wrong with the draft before asking for a terminal.
  if (resuming) checkDraft(draftPath, options, lang);
  // The prompts read the keyboard and draw on stderr; stdout may be piped.
  if (io.stdin.isTTY !== true || io.stderr.isTTY !== true) throw new UsageError(msg('cli.no-terminal'));
  const loadedQuestionnaire = loadQuestionnaire(options.questionnaire);
  const q = loadedQuestionnaire.questionnaire;
  // The questionnaire's language follows the environment's when it has texts in it (`de` on a German system).
  const envLang = envLanguage(io.env) ?? lang;
  lang = reportLanguage(q, { flag: flagLang, env: envLang }).lang;
  const outDir = options.out ?? '.';
  // The folder of the draft and the report exists before the first question: nothing answered is lost to a missing folder.
  makeFolder(outDir);
  makeFolder(dirname(draftPath));
  const context: Context = { input: io.prompt?.input ?? process.stdin, output: io.prompt?.output ?? process.stderr, clearPromptOnDone: false };
  const print = (s: string) => context.output!.write(`${s}\n`);
  // Where the answers are saved: a new draft, or the draft resumed when the interview wrote it; any other
  // file (a person's answers file) is only read, and the answers go to a new draft beside the report.
  let store = new DraftStore(draftPath, { replace: false });
  const continueFrom = (file: string) => {
    if (isToolDraft(file)) store = new DraftStore(file, { replace: true });
    else {
      store = new DraftStore(freeDraftPath(outDir), { replace: false });
      print(paragraph(catalogue(lang).interview.draftElsewhere({ file: forTerminal(file), draft: forTerminal(store.path) })));
    }
  };
  const resumeLine = () => resumeCommand(io.command ?? 'sm-diagnostic', store.path, options);
  let draft: Draft | undefined;
  // Answers no file holds (the system refused to save them): printed on the way out, as YAML. With
  // `kept`, the draft holds them all and the YAML is a second copy.
  const showUnsaved = (kept: boolean, error: IoError | undefined = store.failed) => {
    if (!draft?.organisation || (!kept && error === undefined)) return;
    const t = catalogue(lang).interview;
    const notice = kept ? t.answersKept({ draft: forTerminal(store.path) }) : t.answersUnsaved({ error: error!.describe(lang) });
    io.stderr.write(`${paragraph(notice)}\n\n${draftTextForTerminal(draft)}\n`);
  };
  const interrupted = () =>
    existsSync(store.path) && store.failed === undefined ? msg('interview.interrupted', { draft: store.path, resume: resumeLine() }) : undefined;

  // SIGTERM or SIGHUP mid-interview: the cursor the prompts hid comes back, and the person is told how to resume.
  const unregister = onStop(() => {
    context.output!.write('\u001b[?25h');
    showUnsaved(false);
    const said = interrupted();
    if (said) print(hanging(say(lang, said), 80));
  });
  try {
    if (resuming) {
      draft = loadDraft(draftPath, loadedQuestionnaire, lang);
      lang = reportLanguage(q, { flag: flagLang, file: draft.lang, env: envLang }).lang;
      // Counted among the questions this context asks: an answer to a question no longer asked, or a note alone, is not one.
      const asked = askedQuestions(indexed(q), draft.context);
      const answers = draft.answers;
      print(
        catalogue(lang).interview.resumed({ draft: forTerminal(draftPath), done: asked.filter((x) => isAnswered(answers[x.id])).length, count: asked.length }),
      );
      continueFrom(draftPath);
    } else if (existsSync(draftPath)) {
      // Never replace answers silently: offer to resume the draft found.
      let found: Draft | undefined;
      try {
        found = loadDraft(draftPath, loadedQuestionnaire, lang);
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        // A draft this interview cannot resume (another version, a damaged file) is set aside, never overwritten.
        const kept = join(dirname(draftPath), `${freeBase(dirname(draftPath), 'sm-diagnostic-draft.unread', ['.yaml'])}.yaml`);
        renameSync(draftPath, kept);
        print(paragraph(catalogue(lang).interview.draftKept({ draft: forTerminal(draftPath), kept: forTerminal(kept) })));
      }
      if (found) {
        const t = catalogue(flagLang ?? found.lang ?? lang).interview;
        print(
          t.draftFound({ organisation: forTerminal(found.organisation?.name ?? '?'), done: Object.keys(found.answers).length, draft: forTerminal(draftPath) }),
        );
        const choice = await menu(
          {
            message: t.draftChoice(),
            items: [
              { value: 'resume', name: t.resume() },
              { value: 'new', name: t.startOver() },
            ],
            help: t.keys.choose(),
          },
          context,
        );
        if (choice.value === 'resume') {
          draft = found;
          lang = reportLanguage(q, { flag: flagLang, file: found.lang, env: envLang }).lang;
        }
        // Starting over replaces the interview's own draft, never another file.
        continueFrom(draftPath);
      }
    }

    if (!draft) {
      // The questionnaire's languages: asked when it has several and none was named.
      if (!flagLang && q.locales.length > 1) {
        const chosen = await menu(
          {
            message: catalogue(lang).interview.language(),
            items: q.locales.map((l) => ({ value: l, name: languageName(l) })),
            default: servingLocale(q.locales, lang) ?? q.locales[0],
            help: '↑↓ ⏎',
          },
          context,
        );
        lang = chosen.value;
      }
      // The questionnaire in a language the tool has no words in: say once that the tool's own are English.
      if (!hasCatalogue(lang) && flagLang === undefined) print(paragraph(`sm-diagnostic: ${say(lang, msg('cli.language-fallback', { lang }))}`));
      draft = { questionnaire: loadedQuestionnaire.ref, date: today(), lang, context: {}, answers: {} };
      const t = catalogue(lang).interview;
      print(
        welcomeText(lang, {
          title: text(q.title, lang),
          intro: text(q.intro ?? q.description, lang),
          count: q.questions.length,
          draft: forTerminal(store.path),
          resume: commandLines(forTerminal(resumeLine()), 80, '  '),
          out: options.out !== undefined ? forTerminal(options.out) : t.currentFolder(),
        }),
      );
    }
    draft.lang = lang;

    const save = (d: Draft) => {
      const t = catalogue(lang).interview;
      const outcome = store.save(d);
      if (outcome === 'failed') print(paragraph(t.saveFailed({ error: store.failed!.describe(lang) })));
      else if (outcome === 'recovered') print(paragraph(t.saveRecovered({ draft: forTerminal(store.path) })));
    };
    const finished = await runFlow(q, draft, { context, print, save }, lang);

    // The answers file first, so that nothing is lost if the report fails; the draft goes once the report is written.
    if (store.failed) store.save(finished);
    const base = freeBase(outDir, reportBase(finished.organisation!, finished.date), ['.answers.yaml', '.md', '.json']);
    const answersPath = join(outDir, `${base}.answers.yaml`);
    const body = draftText(finished);
    try {
      writeFileSafely(answersPath, body, { replace: false, durable: true });
    } catch (error) {
      if (error instanceof IoError) showUnsaved(store.failed === undefined && existsSync(store.path), store.failed ?? error);
      throw error;
    }
    const loaded = parseAnswers(body, { file: answersPath, ...(options.questionnaire !== undefined ? { questionnaire: options.questionnaire } : {}), lang });
    const shownDir = options.out === undefined ? '' : options.out;
    const closing: Session['closing'] = ({ result, files }, width) => {
      const names = files.map(([name]) => name);
      const report = names.find((n) => n.endsWith('.html')) ?? names.find((n) => n.endsWith('.md'));
      const command = io.command ?? 'sm-diagnostic';
      const again = ['run', '--answers', shellWord(join(shownDir, `${base}.answers.yaml`))];
      const extra = flagWords([
        ['--questionnaires', options.questionnaires],
        ['--explain', options.explain],
        ['--print', true],
      ]);
      return closingBlock(
        result,
        q,
        {
          dir: shownDir,
          names: [...names, `${base}.answers.yaml`],
          ...(report !== undefined ? { open: `${opener()} ${shellWord(join(shownDir, report))}` } : {}),
          print: [command, ...again, ...extra].join(' '),
        },
        width,
      );
    };
    // Only the interview's own draft goes; a file it resumed without writing it stays as it was.
    return { loaded, base, closing, finish: () => rmSync(store.path, { force: true }) };
  } catch (error) {
    if (isPromptExit(error)) {
      showUnsaved(false);
      throw new InterruptedError('SIGINT', interrupted());
    }
    throw error;
  } finally {
    unregister();
  }
}
