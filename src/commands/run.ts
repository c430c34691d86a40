import { basename, join } from 'node:path';
import { reportLanguage } from '../app/language.js';
import { makeReport, readAnswers } from '../app/report.js';
import { parseFormats, parseLang, parseTarget, useQuestionnaires, type CommonOptions } from '../cli/options.js';
import { EXIT } from '../errors.js';
import { detectLang, msg, say } from '../i18n/index.js';
import { useColor, type Io, terminalWidth } from '../io/terminal.js';
import { inside, writeSet } from '../io/write.js';
import { displayReport } from '../report/display.js';
import { hanging } from '../report/wrap.js';
import { readTemplate, renderJson } from '../report/render.js';
import type { Session } from '../app/interview.js';

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
  print?: boolean;
}

/**
 * `run`: an answers file (or, on a terminal, the interview) → the report files and the terminal view.
 * After an interview the terminal ends on a closing block, and shows the whole report only when asked
 * (--print) or when stdout is not a terminal; an interview writes the HTML report by default.
 */
export async function run(options: RunOptions, io: Io): Promise<number> {
  const flagLang = parseLang(options.lang);
  const interview = options.answers === undefined;
  const formats = parseFormats(options.format ?? (interview ? 'md,json,html' : undefined));
  useQuestionnaires(options);
  // A broken template stops the run before any question is asked or any file written.
  const template = options.template !== undefined ? readTemplate(options.template) : undefined;
  const session: Session = interview ? await (await import('../app/interview.js')).interview(options, io) : { loaded: await readAnswers(options, io) };
  const { loaded } = session;
  const chosen = reportLanguage(loaded.questionnaire.questionnaire, { flag: flagLang, file: loaded.assessment.lang, env: detectLang(undefined, io.env) });
  const lang = chosen.lang;
  const extra = { ...(template ? { template } : {}), ...(options.explain ? { explain: true } : {}) };
  const base = session.base !== undefined ? { base: session.base } : {};
  const target = parseTarget(options.target, loaded.questionnaire.questionnaire.levels.length);
  const report = makeReport({ loaded, lang, formats, ...extra, strict: options.strict === true, ...base, target });
  // With --json or --print, files only when a folder is named (an interview always writes them).
  const dir = options.out ?? '.';
  const writes = interview || options.out !== undefined || (!options.json && !options.print);
  const files = writes ? report.files.map(([name, content]) => [inside(dir, name), content] as const) : [];
  const color = useColor(io, options.color !== false);
  const columns = terminalWidth(io);
  const width = io.stdout.isTTY ? columns : undefined;
  const display = options.json
    ? renderJson(report.result)
    : options.quiet || (interview && options.print !== true && io.stdout.isTTY === true)
      ? ''
      : await displayReport(report.result, loaded.questionnaire.questionnaire, { ...extra, color, ...(width !== undefined ? { width } : {}) });
  writeSet(files, options.force === true);
  const notice = (text: string) => options.quiet || io.stderr.write(`${text}\n`);
  // On a terminal a notice is wrapped to fit; a pipe gets one line per notice.
  for (const m of chosen.notice ? [chosen.notice, ...report.notices] : report.notices)
    notice(io.stderr.isTTY ? hanging(say(lang, m), Math.min(80, columns)) : say(lang, m));
  const closing = session.closing?.(report, Math.min(80, columns));
  if (!closing)
    for (const [file] of files) if (!file.endsWith('.svg')) notice(say(lang, msg('cli.wrote', { file: join(dir === '.' ? '' : dir, basename(file)) })));
  io.stdout.write(display);
  session.finish?.();
  if (closing) notice(closing.trimEnd());
  return EXIT.ok;
}
