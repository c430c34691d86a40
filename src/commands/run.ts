import { join } from 'node:path';
import { EXIT, InputError, UsageError } from '../errors.js';
import { detectLang, list, msg, say } from '../i18n/index.js';
import { loadAnswers, type LoadedAnswers } from '../io/load.js';
import type { Io } from '../io/terminal.js';
import { useColor } from '../io/terminal.js';
import { checkOverwrite, inside, slug, writeAtomic } from '../io/write.js';
import type { Locale } from '../model/common.js';
import { withSchemas } from '../model/schema-registry.js';
import type { Result } from '../model/result.js';
import { readTemplate, renderJson, renderMarkdown } from '../report/render.js';
import { REPORT_FORMATS, reportFiles, type ReportFormat } from '../report/files.js';
import { score } from '../../scoring/index.js';

export interface RunOptions {
  answers?: string;
  questionnaire?: string;
  lang?: string;
  out?: string;
  format?: string;
  target?: string;
  strict?: boolean;
  force?: boolean;
  json?: boolean;
  quiet?: boolean;
  color?: boolean;
  resume?: string | boolean;
  migrate?: boolean;
  template?: string;
  explain?: boolean;
}

export { REPORT_FORMATS, type ReportFormat };

export function parseFormats(value: string | undefined): ReportFormat[] {
  const formats = (value ?? 'md,json')
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter((f) => f !== '');
  for (const f of formats) {
    if (!(REPORT_FORMATS as readonly string[]).includes(f)) {
      throw new UsageError(msg('cli.invalid-value', { option: '--format', value: f, expected: list(REPORT_FORMATS) }));
    }
  }
  if (formats.length === 0) throw new UsageError(msg('cli.invalid-value', { option: '--format', value: '', expected: list(REPORT_FORMATS) }));
  return [...new Set(formats)] as ReportFormat[];
}

export function parseTarget(value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max) {
    throw new UsageError(msg('cli.invalid-value', { option: '--target', value, expected: `1-${max}` }));
  }
  return n;
}

export function parseLang(value: string | undefined): Locale | undefined {
  if (value === undefined) return undefined;
  if (value === 'fr' || value === 'en') return value;
  throw new UsageError(msg('cli.invalid-value', { option: '--lang', value, expected: 'fr, en' }));
}

/** `run`: an answers file (or, on a terminal, the interview) → the report files and the terminal view. */
export async function run(options: RunOptions, io: Io): Promise<number> {
  const flagLang = parseLang(options.lang);
  const messageLang = detectLang(flagLang, io.env);
  const formats = parseFormats(options.format);

  if (options.answers === undefined) {
    if (options.resume !== undefined && options.resume !== false) {
      // Say what is wrong with the draft before asking for a terminal.
      const { checkDraft } = await import('../interview/draft.js');
      checkDraft(typeof options.resume === 'string' ? options.resume : undefined, options, messageLang);
    }
    // The prompts read the keyboard and draw on stderr; stdout may be piped.
    if (io.stdin.isTTY !== true || io.stderr.isTTY !== true) {
      throw new UsageError(msg('cli.no-terminal'));
    }
    const { interview } = await import('../interview/index.js');
    return interview(options, io);
  }

  // zod is loaded only if the answers or the questionnaire need more than the fast checks.
  const answers = options.answers;
  const loaded = await withSchemas(() =>
    loadAnswers(answers, {
      ...(options.questionnaire !== undefined ? { questionnaire: options.questionnaire } : {}),
      lang: messageLang,
      migrate: options.migrate === true,
    }),
  );
  return report(loaded, options, formats, io);
}

/** Scores loaded answers and writes/prints the report; shared with the interview. */
export async function report(
  loaded: LoadedAnswers,
  options: RunOptions,
  formats: ReportFormat[],
  io: Io,
  base?: string,
): Promise<number> {
  const flagLang = parseLang(options.lang);
  const lang: Locale = flagLang ?? loaded.assessment.lang ?? detectLang(undefined, io.env);
  const q = loaded.questionnaire.questionnaire;
  // A broken template stops the run before any message or file.
  const template = options.template !== undefined ? readTemplate(options.template) : undefined;
  const target = parseTarget(options.target, q.levels.length);

  const result: Result = score(q, loaded.assessment, {
    sha256: loaded.questionnaire.sha256,
    lang,
    ...(target !== undefined ? { target } : {}),
  });

  const unanswered = result.uncertainty.unanswered;
  if (options.strict && unanswered.length > 0) {
    throw new InputError([
      { file: loaded.source.file, message: msg('answers.unanswered-strict', { count: unanswered.length, ids: list(unanswered, 8) }) },
    ]);
  }
  const extra = { ...(template ? { template } : {}), ...(options.explain ? { explain: true } : {}) };

  // Everything is rendered before anything is said or written: a template error stops the run clean.
  const writeFiles = !options.json || options.out !== undefined; // with --json, files only when a folder is named
  const dir = options.out ?? '.';
  const name = base ?? reportBase(loaded.assessment.organisation, result.date);
  const outputs = writeFiles ? reportFiles(result, q, lang, formats, name, extra).map(([file, content]) => [inside(dir, file), content] as const) : [];
  let display = '';
  if (options.json) display = renderJson(result);
  else if (!options.quiet) {
    if (io.stdout.isTTY) {
      const { renderTerminal } = await import('../report/terminal.js');
      const forTerminal = renderMarkdown(result, q, lang, { ...extra, terminal: true });
      display = await renderTerminal(forTerminal, { width: io.stdout.columns ?? 80, color: useColor(io, options.color !== false) });
    } else display = renderMarkdown(result, q, lang, extra);
  }
  checkOverwrite(outputs.map(([f]) => f), options.force === true);

  const notice = (text: string) => {
    if (!options.quiet) io.stderr.write(`${text}\n`);
  };
  if (loaded.migration) {
    for (const step of loaded.migration) {
      const changes = [
        ...step.renamed.map(([a, b]) => `${a} → ${b}`),
        ...step.removed.map((id) => `${id} → ∅`),
        ...step.remapped.map(([id, a, b]) => `${id}: ${a} → ${b ?? '∅'}`),
      ];
      notice(say(lang, msg('run.migrated', { id: q.id, from: step.from, to: step.to, changes: changes.length > 0 ? list(changes, 8) : '—' })));
    }
  } else if (loaded.newer) {
    notice(say(lang, msg('run.older-version', { ref: loaded.questionnaire.ref, newer: loaded.newer })));
  }
  if (unanswered.length > 0) notice(say(lang, msg('cli.unanswered', { count: unanswered.length, ids: list(unanswered, 8) })));
  const hiddenAnswered = Object.entries(result.explanations.questions)
    .filter(([id, e]) => e.status === 'hidden' && loaded.assessment.answers[id] !== undefined)
    .map(([id]) => id);
  if (hiddenAnswered.length > 0) notice(say(lang, msg('cli.hidden-answered', { count: hiddenAnswered.length, ids: list(hiddenAnswered, 8) })));

  for (const [file, content] of outputs) {
    // Atomic: no half file is ever seen (the draft and answers of an interview are also flushed).
    writeAtomic(file, content, false);
    if (!file.endsWith('.svg')) notice(say(lang, msg('cli.wrote', { file: displayPath(dir, file) })));
  }
  io.stdout.write(display);
  return EXIT.ok;
}

/** `<organisation>-<date>`: the report's file name without extension. */
export function reportBase(organisation: { name: string; id?: string }, date: string): string {
  return `${slug(organisation.id ?? organisation.name)}-${date}`;
}

export function displayPath(dir: string, file: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1);
  return dir === '.' ? name : join(dir, name);
}
