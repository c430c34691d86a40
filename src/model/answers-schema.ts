import { z } from 'zod';
import { Id, Locale } from './common-schema.js';

/** The longest texts an answers file takes: the schema and the interview's prompts both use these. */
export const ANSWER_LIMITS = {
  /** An organisation's name. */
  name: 200,
  /** A note on an answer (evidence, context). */
  note: 4000,
  /** Why a question does not apply. */
  reason: 1000,
} as const;

/** The answers file's zod schema (answers.ts has its types and a fast check that does without it). */
const Note = z.string().max(ANSWER_LIMITS.note);
const Value = z.union([z.number(), z.string().max(200), z.boolean(), z.array(z.string().max(200)).max(100)]);

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
    organisation: z.object({ name: z.string().min(1).max(ANSWER_LIMITS.name), id: Id.max(100).optional() }).strict(),
    respondent: z
      .object({ role: z.string().max(100).optional(), name: z.string().max(200).optional() })
      .strict()
      .optional(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'format.date'),
    lang: Locale.optional(),
    context: z.record(Id, z.union([z.string(), z.array(z.string()).max(50)])).optional(),
    answers: z.record(z.string(), AnswerEntry),
  })
  .strict();
