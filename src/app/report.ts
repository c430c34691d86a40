import { score } from '../../scoring/index.js';
import { InputError } from '../errors.js';
import { detectLang, list, msg, type Message } from '../i18n/index.js';
import { loadAnswers, type LoadedAnswers } from '../io/load.js';
import { withSchemas } from '../model/schema-registry.js';
import { parseLang } from '../cli/options.js';
import { slug } from '../io/write.js';
import type { Locale } from '../model/common.js';
import type { Result } from '../model/result.js';
import { reportFiles, type ReportFormat } from '../report/files.js';
import { present } from '../report/labels.js';
import type { CustomTemplate } from '../report/render.js';

export interface ReportRequest {
  loaded: LoadedAnswers;
  lang: Locale;
  formats: readonly ReportFormat[];
  /** Overrides the target the questionnaire's rules choose. */
  target?: number;
  template?: CustomTemplate;
  explain?: boolean;
  /** An unanswered question is an error. */
  strict?: boolean;
  /** The files' name without extension; by default `<organisation>-<date>`. */
  base?: string;
}

export interface Report {
  result: Result;
  /** Every file of the report, by name, in the order to write them (the JSON last). */
  files: [string, string | Uint8Array][];
  /** What the person should know about how the answers were read. */
  notices: Message[];
}

/** Scores loaded answers and renders every report file: nothing is written here. */
export function makeReport(request: ReportRequest): Report {
  const { loaded, lang } = request;
  const q = loaded.questionnaire.questionnaire;
  const scored = score(q, loaded.assessment, {
    sha256: loaded.questionnaire.sha256,
    ...(request.target !== undefined ? { target: request.target } : {}),
    ...(request.explain ? { explain: true } : {}),
  });
  const result = present(scored, q, lang);
  const unanswered = result.uncertainty.unanswered;
  if (request.strict && unanswered.length > 0) {
    throw new InputError([{ file: loaded.source.file, message: msg('answers.unanswered-strict', { count: unanswered.length, ids: list(unanswered, 8) }) }]);
  }
  const base = request.base ?? reportBase(loaded.assessment.organisation, result.date);
  const files = reportFiles(result, q, request.formats, base, {
    ...(request.template ? { template: request.template } : {}),
    ...(request.explain ? { explain: true } : {}),
  });
  return { result, files, notices: notices(loaded, result) };
}

function notices(loaded: LoadedAnswers, result: Result): Message[] {
  const out: Message[] = [];
  const q = loaded.questionnaire;
  if (loaded.migration && loaded.migration.length > 0) {
    // One line for the whole chain: where the answers came from, the versions passed, every change.
    const steps = loaded.migration;
    const changes = steps.flatMap((step) => [
      ...step.renamed.map(([a, b]) => `${a} → ${b}`),
      ...step.removed.map((id) => `${id} → ∅`),
      ...step.remapped.map(([id, a, b]) => `${id}: ${a} → ${b ?? '∅'}`),
    ]);
    out.push(
      msg('run.migrated', {
        id: q.questionnaire.id,
        from: steps[0]!.from,
        to: steps[steps.length - 1]!.to,
        through: steps.length > 1 ? list(steps.slice(0, -1).map((step) => step.to)) : '—',
        changes: changes.length > 0 ? list(changes, 8) : '—',
      }),
    );
  } else if (loaded.newer) {
    out.push(msg('run.older-version', { ref: q.ref, newer: loaded.newer }));
  }
  const unanswered = result.uncertainty.unanswered;
  if (unanswered.length > 0) out.push(msg('cli.unanswered', { count: unanswered.length, ids: list(unanswered, 8) }));
  const ignored = result.answers.filter((a) => a.status === 'hidden' && Object.hasOwn(loaded.assessment.answers, a.question)).map((a) => a.question);
  if (ignored.length > 0) out.push(msg('cli.hidden-answered', { count: ignored.length, ids: list(ignored, 8) }));
  return out;
}

/** `<organisation>-<date>`: a report's file name without extension. */
/** The answers file named by --answers; zod is loaded only if it or its questionnaire need more than the fast checks. */
export async function readAnswers(
  options: { answers?: string; questionnaire?: string; lang?: string; migrate?: boolean },
  io: { env: NodeJS.ProcessEnv },
): Promise<LoadedAnswers> {
  const q = options.questionnaire !== undefined ? { questionnaire: options.questionnaire } : {};
  const lang = detectLang(parseLang(options.lang), io.env);
  return withSchemas(() => loadAnswers(options.answers!, { ...q, lang, migrate: options.migrate === true }));
}

export function reportBase(organisation: { name: string; id?: string }, date: string): string {
  return `${slug(organisation.id ?? organisation.name)}-${date}`;
}
