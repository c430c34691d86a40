import { z } from 'zod';
import { Id, Locale } from './common.js';

const Note = z.string().max(4000);
const Value = z.union([z.number(), z.string().max(200), z.boolean(), z.array(z.string().max(200)).max(100)]);

/** `unknown` is "don't know"; `{ na: reason }` is "not applicable". */
export const AnswerEntry = z.union([
  Value,
  z.object({ value: Value, note: Note.optional() }).strict(),
  z.object({ unknown: z.literal(true), note: Note.optional() }).strict(),
  z.object({ na: z.string().min(1).max(1000), note: Note.optional() }).strict(),
]);
export type AnswerEntry = z.infer<typeof AnswerEntry>;

export const AnswersSchema = z
  .object({
    /** Lets JSON editors find the schema; ignored otherwise. */
    $schema: z.string().optional(),
    questionnaire: z
      .string()
      .regex(/^[a-z][a-z0-9-]*@\d+\.\d+\.\d+$/, 'format.questionnaire-ref'),
    organisation: z
      .object({ name: z.string().min(1).max(200), id: Id.max(100).optional() })
      .strict(),
    respondent: z.object({ role: z.string().max(100).optional(), name: z.string().max(200).optional() }).strict().optional(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'format.date'),
    lang: Locale.optional(),
    context: z.record(Id, z.union([z.string(), z.array(z.string()).max(50)])).optional(),
    answers: z.record(z.string(), AnswerEntry),
  })
  .strict();
export type AnswersFile = z.infer<typeof AnswersSchema>;

/** What an answer means once checked against its questionnaire. */
export type AnswerValue = number | boolean | string | readonly string[];
export type Answer =
  | { kind: 'value'; value: AnswerValue; note?: string }
  | { kind: 'unknown'; note?: string }
  | { kind: 'na'; reason: string; note?: string };

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
