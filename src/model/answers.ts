import type { z } from 'zod';
import type { AnswerEntry as AnswerEntrySchema, AnswersSchema } from './answers-schema.js';
import { LOCALE, type Locale } from './common.js';
import { schemas } from './schema-registry.js';
import { ANSWER_LIMITS as L } from './limits.js';

/*
 * An answers file's types and its fast check, without zod: the schema is in answers-schema.ts, loaded
 * only when a file is not plainly valid (or by what checks files by the thousand).
 */
export type AnswerEntry = z.infer<typeof AnswerEntrySchema>;

export type AnswersFile = z.infer<typeof AnswersSchema>;

/** What an answer means once checked against its questionnaire. */
export type AnswerValue = number | boolean | string | readonly string[];
export type Answer = { kind: 'value'; value: AnswerValue; note?: string } | { kind: 'unknown'; note?: string } | { kind: 'na'; reason: string; note?: string };

/** The context answers: one option id, or several, per context question. */
export type Context = Readonly<Record<string, string | readonly string[]>>;

export interface Assessment {
  questionnaire: { id: string; version: string };
  organisation: { name: string; id?: string };
  respondent?: { role?: string; name?: string };
  date: string;
  lang?: Locale;
  context: Record<string, string | readonly string[]>;
  /** Only the questions the file answers; a missing id is unanswered. */
  answers: Record<string, Answer>;
}

/*
 * A fast check for the common case, a valid answers file: the same rules as AnswersSchema written as
 * plain code, which accepts a file only when zod would, and gives the same data. Anything else (an
 * invalid or unusual file) goes to zod, which says what is wrong. A batch checks thousands of files:
 * zod's unions tried each alternative of every answer in turn.
 */
const QUESTIONNAIRE_REF = /^[a-z][a-z0-9-]*@\d+\.\d+\.\d+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}
const isString = (v: unknown, max: number, min = 0): v is string => typeof v === 'string' && v.length >= min && v.length <= max;
/** Only the keys given, each at most once (a strict zod object). */
function onlyKeys(o: Record<string, unknown>, allowed: readonly string[]): boolean {
  for (const k in o) if (!allowed.includes(k)) return false;
  return true;
}
function isValue(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'boolean') return true;
  if (typeof v === 'string') return v.length <= L.value;
  if (!Array.isArray(v) || v.length > L.list) return false;
  for (const x of v) if (!isString(x, L.value)) return false;
  return true;
}
function isEntry(e: unknown): boolean {
  if (!isRecord(e)) return isValue(e);
  if (e.note !== undefined && !isString(e.note, L.note)) return false;
  if ('value' in e) return onlyKeys(e, ['value', 'note']) && isValue(e.value);
  if ('unknown' in e) return onlyKeys(e, ['unknown', 'note']) && e.unknown === true;
  if ('na' in e) return onlyKeys(e, ['na', 'note']) && isString(e.na, L.reason, 1);
  return onlyKeys(e, ['note']) && e.note !== undefined;
}

/** The answers file as AnswersSchema gives it, when `data` is plainly valid; else undefined (ask zod). */
export function plainlyValidAnswers(data: unknown): AnswersFile | undefined {
  if (!isRecord(data) || !onlyKeys(data, ['$schema', 'questionnaire', 'organisation', 'respondent', 'date', 'lang', 'context', 'answers'])) return undefined;
  const { $schema, questionnaire, organisation, respondent, date, lang, context, answers } = data;
  if ($schema !== undefined && typeof $schema !== 'string') return undefined;
  if (typeof questionnaire !== 'string' || !QUESTIONNAIRE_REF.test(questionnaire)) return undefined;
  if (!isRecord(organisation) || !onlyKeys(organisation, ['name', 'id']) || !isString(organisation.name, L.name, 1)) return undefined;
  if (organisation.id !== undefined && !(isString(organisation.id, L.id) && ID.test(organisation.id))) return undefined;
  if (respondent !== undefined) {
    if (!isRecord(respondent) || !onlyKeys(respondent, ['role', 'name'])) return undefined;
    if (respondent.role !== undefined && !isString(respondent.role, L.id)) return undefined;
    if (respondent.name !== undefined && !isString(respondent.name, L.respondentName)) return undefined;
  }
  if (typeof date !== 'string' || !DATE.test(date)) return undefined;
  if (lang !== undefined && !(typeof lang === 'string' && LOCALE.test(lang))) return undefined;
  if (context !== undefined) {
    if (!isRecord(context)) return undefined;
    for (const k in context) {
      const v = context[k];
      if (!ID.test(k)) return undefined;
      if (typeof v === 'string') continue;
      if (!Array.isArray(v) || v.length > 50) return undefined;
      for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return undefined;
    }
  }
  if (!isRecord(answers)) return undefined;
  for (const k in answers) if (!isEntry(answers[k])) return undefined;
  // Keys in the schema's order, as zod gives them.
  const file: Record<string, unknown> = {};
  if ($schema !== undefined) file.$schema = $schema;
  file.questionnaire = questionnaire;
  file.organisation = organisation.id !== undefined ? { name: organisation.name, id: organisation.id } : { name: organisation.name };
  if (respondent !== undefined) {
    const r = respondent as { role?: string; name?: string };
    file.respondent = { ...(r.role !== undefined ? { role: r.role } : {}), ...(r.name !== undefined ? { name: r.name } : {}) };
  }
  file.date = date;
  if (lang !== undefined) file.lang = lang;
  if (context !== undefined) file.context = context;
  file.answers = answers;
  return file as AnswersFile;
}

/** AnswersSchema.safeParse, by the fast check when it can tell (then zod is not needed). */
export function parseAnswersFile(data: unknown): ReturnType<typeof AnswersSchema.safeParse> {
  const plain = plainlyValidAnswers(data);
  return plain !== undefined ? { success: true, data: plain } : schemas().AnswersSchema.safeParse(data);
}
