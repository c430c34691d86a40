import { basename, join } from 'node:path';
import { reportLanguage } from '../app/language.js';
import { makeReport } from '../app/report.js';
import { parseFormats, parseLang, parseTarget, useQuestionnaires, type CommonOptions } from '../cli/options.js';
import { EXIT } from '../errors.js';
import { detectLang, msg, say } from '../i18n/index.js';
import { loadAnswers, type LoadedAnswers } from '../io/load.js';
import { useColor, type Io } from '../io/terminal.js';
import { inside, writeSet } from '../io/write.js';
import { withSchemas } from '../model/schema-registry.js';
import { displayReport } from '../report/display.js';
import { readTemplate, renderJson } from '../report/render.js';

export interface RunOptions extends CommonOptions {
  answers?: string;
  questionnaire?: string;
  questionnaires?: string;
  out?: string;
  format?: string;
  target?: string;
  strict?: boolean;
  force?: boolean;
  json?: boolean;
  resume?: string | boolean;
  migrate?: boolean;
  template?: string;
  explain?: boolean;
}

/** `run`: an answers file (or, on a terminal, the interview) → the report files and the terminal view. */
export async function run(options: RunOptions, io: Io): Promise<number> {
  const flagLang = parseLang(options.lang);
  const formats = parseFormats(options.format);
  useQuestionnaires(options);
  // A broken template stops the run before any question is asked or any file written.
  const template = options.template !== undefined ? readTemplate(options.template) : undefined;
  let session: { loaded: LoadedAnswers; base?: string; finish?: () => void };
  if (options.answers === undefined) session = await (await import('../app/interview.js')).interview(options, io);
  else {
    const file = options.answers;
    const q = options.questionnaire !== undefined ? { questionnaire: options.questionnaire } : {};
    // zod is loaded only if the answers or the questionnaire need more than the fast checks.
    session = { loaded: await withSchemas(() => loadAnswers(file, { ...q, lang: detectLang(flagLang, io.env), migrate: options.migrate === true })) };
  }
  const { loaded } = session;
  const chosen = reportLanguage(loaded.questionnaire.questionnaire, { flag: flagLang, file: loaded.assessment.lang, env: detectLang(undefined, io.env) });
  const lang = chosen.lang;
  const extra = { ...(template ? { template } : {}), ...(options.explain ? { explain: true } : {}) };
  const report = makeReport({
    loaded,
    lang,
    formats,
    ...extra,
    strict: options.strict === true,
    ...(session.base !== undefined ? { base: session.base } : {}),
    target: parseTarget(options.target, loaded.questionnaire.questionnaire.levels.length),
  });
  // With --json, files only when a folder is named.
  const dir = options.out ?? '.';
  const files = !options.json || options.out !== undefined ? report.files.map(([name, content]) => [inside(dir, name), content] as const) : [];
  const color = useColor(io, options.color !== false);
  const width = io.stdout.isTTY ? (io.stdout.columns ?? 80) : undefined;
  const display = options.json
    ? renderJson(report.result)
    : options.quiet
      ? ''
      : await displayReport(report.result, loaded.questionnaire.questionnaire, { ...extra, color, ...(width !== undefined ? { width } : {}) });
  writeSet(files, options.force === true);
  const notice = (text: string) => options.quiet || io.stderr.write(`${text}\n`);
  for (const m of chosen.notice ? [chosen.notice, ...report.notices] : report.notices) notice(say(lang, m));
  for (const [file] of files) if (!file.endsWith('.svg')) notice(say(lang, msg('cli.wrote', { file: join(dir === '.' ? '' : dir, basename(file)) })));
  io.stdout.write(display);
  session.finish?.();
  return EXIT.ok;
}
