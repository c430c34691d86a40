import { z } from 'zod';
import { Id, Locale } from './common-schema.js';
import { ANSWER_LIMITS } from './limits.js';

export { ANSWER_LIMITS };

/** The answers file's zod schema (answers.ts has its types and a fast check that does without it). */
const Note = z.string().max(ANSWER_LIMITS.note);
const Value = z.union([z.number(), z.string().max(ANSWER_LIMITS.value), z.boolean(), z.array(z.string().max(ANSWER_LIMITS.value)).max(ANSWER_LIMITS.list)]);

/** `unknown` is "don't know"; `{ na: reason }` is "not applicable"; `{ note }` alone is a note on a question not answered yet. */
export const AnswerEntry = z.union([
  Value,
  z.object({ value: Value, note: Note.optional() }).strict(),
  z.object({ unknown: z.literal(true), note: Note.optional() }).strict(),
  z.object({ na: z.string().min(1).max(ANSWER_LIMITS.reason), note: Note.optional() }).strict(),
  z.object({ note: Note }).strict(),
]);

export const AnswersSchema = z
  .object({
    /** Lets JSON editors find the schema; ignored otherwise. */
    $schema: z.string().optional(),
    questionnaire: z.string().regex(/^[a-z][a-z0-9-]*@\d+\.\d+\.\d+$/, 'format.questionnaire-ref'),
    organisation: z.object({ name: z.string().min(1).max(ANSWER_LIMITS.name), id: Id.max(ANSWER_LIMITS.id).optional() }).strict(),
    respondent: z
      .object({ role: z.string().max(ANSWER_LIMITS.id).optional(), name: z.string().max(ANSWER_LIMITS.respondentName).optional() })
      .strict()
      .optional(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'format.date'),
    lang: Locale.optional(),
    context: z.record(Id, z.union([z.string(), z.array(z.string()).max(ANSWER_LIMITS.context)])).optional(),
    answers: z.record(z.string(), AnswerEntry),
  })
  .strict();
