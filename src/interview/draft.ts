import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { InputError, UsageError } from '../errors.js';
import { msg } from '../i18n/index.js';
import { loadQuestionnaire, type LoadedQuestionnaire } from '../io/load.js';
import { parseSource, readText } from '../io/read.js';
import { schemaProblems } from '../io/schema-problems.js';
import { writeFileSafely } from '../io/write.js';
import { AnswersSchema } from '../model/answers-schema.js';
import '../model/schemas.js';
import { checkAnswers } from '../model/check-answers.js';
import type { Locale } from '../model/common.js';
import type { Draft } from './flow.js';

export const DRAFT_NAME = 'sm-diagnostic-draft.yaml';

export function defaultDraftPath(outDir: string | undefined): string {
  return join(outDir ?? '.', DRAFT_NAME);
}

/** The draft as an answers file: the same format, so a draft can also be scored with --answers. */
export function draftText(draft: Draft): string {
  const ordered = {
    questionnaire: draft.questionnaire,
    organisation: draft.organisation ?? { name: '' },
    ...(draft.respondent ? { respondent: draft.respondent } : {}),
    date: draft.date,
    ...(draft.lang ? { lang: draft.lang } : {}),
    context: draft.context,
    answers: draft.answers,
  };
  return stringify(ordered, { lineWidth: 0 });
}

export function saveDraft(path: string, draft: Draft): void {
  if (!draft.organisation) return;
  writeFileSafely(path, draftText(draft), { replace: true, durable: true });
}

/** Checks the draft `--resume` names (or the default one) against the questionnaire the interview would ask. */
export function checkDraft(path: string, options: { questionnaire?: string }, lang: Locale): void {
  loadDraft(path, loadQuestionnaire(options.questionnaire), lang);
}

/**
 * Reads a draft to resume. A draft for a questionnaire this program does not ask is refused; every other
 * problem is reported as for an answers file.
 */
export function loadDraft(path: string, questionnaire: LoadedQuestionnaire, lang: Locale): Draft {
  if (!existsSync(path)) throw new UsageError(msg('interview.no-draft', { draft: path }));
  const source = parseSource(readText(path), path);
  const parsed = AnswersSchema.safeParse(source.data);
  const ref = questionnaire.ref;
  const named = (source.data as { questionnaire?: unknown } | null)?.questionnaire;
  if (typeof named === 'string' && named !== ref) {
    throw new UsageError(msg('interview.draft-other', { draft: path, found: named, expected: ref }));
  }
  if (!parsed.success) {
    throw new InputError(schemaProblems(source, AnswersSchema, parsed.error.issues, 'answers'));
  }
  const { problems } = checkAnswers(questionnaire.questionnaire, parsed.data, ref, lang);
  if (problems.length > 0) {
    throw new InputError(problems.map((p) => ({ file: path, ...source.locate(p.path, p.key), message: p.message })));
  }
  const { $schema: _schema, ...file } = parsed.data;
  return { ...file, context: { ...(file.context ?? {}) }, answers: { ...file.answers } };
}
