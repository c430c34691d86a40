import { z } from 'zod';
import { HORIZONS, EFFORTS } from './common.js';
import { Id, LocalText, Locale, Semver } from './common-schema.js';
import { LIMITS } from './limits.js';

/*
 * The questionnaire's zod schemas. They load zod, which costs a command's start-up a tenth of its time:
 * only what checks a questionnaire or answers file imports this module (see schema-registry.ts).
 */

const Weight = z.number().positive().max(100);
const Score = z.number().min(0).max(1);
const Rank = z.number().int().min(1).max(9);
const SourceRefs = z.array(Id).min(1);

// ---- Conditions: declarative, checked statically, never evaluated as code ----

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const ContextPredicate = z
  .object({
    context: Id,
    is: z.string().optional(),
    in: z.array(z.string()).min(1).optional(),
    includes: z.string().optional(),
    includesAny: z.array(z.string()).min(1).optional(),
    known: z.boolean().optional(),
  })
  .strict();

export const AnswerPredicate = z
  .object({
    answer: Id,
    is: Scalar.optional(),
    in: z.array(Scalar).min(1).optional(),
    gte: z.number().optional(),
    lte: z.number().optional(),
    gt: z.number().optional(),
    lt: z.number().optional(),
    includes: z.string().optional(),
    known: z.boolean().optional(),
    na: z.boolean().optional(),
  })
  .strict();

/** The types of conditions, with the same names as their schemas (a type and a value may share a name). */
export type ContextPredicate = z.infer<typeof ContextPredicate>;
export type AnswerPredicate = z.infer<typeof AnswerPredicate>;
export type ContextCondition = ContextPredicate | { all: ContextCondition[] } | { any: ContextCondition[] } | { not: ContextCondition };
export type Condition = ContextPredicate | AnswerPredicate | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const ContextCondition: z.ZodType<ContextCondition> = z.lazy(() =>
  z.union([
    ContextPredicate,
    z.object({ all: z.array(ContextCondition).min(1) }).strict(),
    z.object({ any: z.array(ContextCondition).min(1) }).strict(),
    z.object({ not: ContextCondition }).strict(),
  ]),
);

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    ContextPredicate,
    AnswerPredicate,
    z.object({ all: z.array(Condition).min(1) }).strict(),
    z.object({ any: z.array(Condition).min(1) }).strict(),
    z.object({ not: Condition }).strict(),
  ]),
);

// ---- Structure ----
// Built on first use, not when the module loads: `run` with a built-in questionnaire (compiled at build
// time) never validates one, and a report should not wait for a schema it does not use.

function build() {
  const ScaleValue = z.object({ value: z.number().int(), label: LocalText, description: LocalText.optional() }).strict();
  const Scale = z.object({ id: Id, title: LocalText.optional(), values: z.array(ScaleValue).min(2).max(LIMITS.scaleValues) }).strict();

  const Level = z.object({ id: Id, rank: Rank, title: LocalText, description: LocalText, weight: Weight.default(1) }).strict();

  const Principle = z.object({ id: Id, title: LocalText, description: LocalText, weight: Weight.default(1) }).strict();

  const Cell = z.object({ principle: Id, level: Rank, description: LocalText, threshold: Score.optional() }).strict();

  const Source = z
    .object({
      id: Id,
      title: z.string().min(1),
      author: z.string().optional(),
      year: z.string().optional(),
      url: z.string().optional(),
      seed: z.string().optional(),
      /** Format 2: the organisations this source binds (a country's law); a step cites it only for them. */
      when: ContextCondition.optional(),
    })
    .strict();

  const Role = z
    .object({
      id: Id,
      label: LocalText,
      /** Format 2: the organisations that have this role (a CIO needs a size, an agency a contract); for the others, `fallback` takes the step. */
      when: Condition.optional(),
      fallback: Id.optional(),
    })
    .strict();
  const RespondentRole = z.object({ id: Id, label: LocalText, management: z.boolean().optional() }).strict();

  const Option = z.object({ id: Id, label: LocalText }).strict();
  const ScoredOption = z.object({ id: Id, label: LocalText, score: Score, exclusive: z.boolean().optional() }).strict();

  const ContextQuestion = z
    .object({
      id: Id,
      type: z.enum(['single', 'multiple']),
      text: LocalText,
      help: LocalText.optional(),
      options: z.array(Option).min(2).max(LIMITS.options),
    })
    .strict();

  const questionBase = {
    id: Id,
    principle: Id,
    level: Rank,
    weight: Weight.default(1),
    text: LocalText,
    help: LocalText.optional(),
    /** Skip logic. Only the context may hide a question, so that better answers never change what is scored. */
    showIf: ContextCondition.optional(),
    /** A usage (an objective option id): the question is not applicable when the objectives leave it out. */
    usage: Id.optional(),
    /** Format 2: a prerequisite (security, personal data, legal duties): weak or unknown, it is a blocking point whatever the level or target. */
    prerequisite: z.boolean().optional(),
    /** Format 2: wordings chosen by the context (a jurisdiction's vocabulary); the first whose `when` holds replaces the texts it gives. */
    wording: z.array(z.object({ when: ContextCondition, text: LocalText.optional(), help: LocalText.optional() }).strict()).optional(),
    source: SourceRefs,
  };

  const ScaleQuestion = z.object({ ...questionBase, type: z.literal('scale'), scale: Id }).strict();
  const SingleQuestion = z.object({ ...questionBase, type: z.literal('single'), options: z.array(ScoredOption).min(2).max(LIMITS.options) }).strict();
  const MultipleQuestion = z.object({ ...questionBase, type: z.literal('multiple'), options: z.array(ScoredOption).min(2).max(LIMITS.options) }).strict();
  const NumberQuestion = z
    .object({
      ...questionBase,
      type: z.literal('number'),
      unit: LocalText,
      min: z.number(),
      max: z.number(),
      /** Linear from `from` (score 0) to `to` (score 1), clamped; `from > to` when lower is better. */
      scoring: z.object({ from: z.number(), to: z.number() }).strict(),
    })
    .strict();
  const BooleanQuestion = z
    .object({
      ...questionBase,
      type: z.literal('boolean'),
      scoring: z.object({ yes: Score, no: Score }).strict().default({ yes: 1, no: 0 }),
    })
    .strict();

  const Question = z.discriminatedUnion('type', [ScaleQuestion, SingleQuestion, MultipleQuestion, NumberQuestion, BooleanQuestion]);

  const TargetRule = z.object({ id: Id, when: ContextCondition, level: Rank, reason: LocalText }).strict();

  /** Format 2: an action with its own id, tied to the question it improves: shown only when that answer is weak. */
  const Action = z.object({ id: Id, question: Id, text: LocalText }).strict();
  const ActionItem = z.union([Action, LocalText]);

  const Wording = z.object({ title: LocalText.optional(), why: LocalText.optional(), actions: z.array(ActionItem).min(1).optional() }).strict();

  const Recommendation = z
    .object({
      id: Id,
      cell: z.object({ principle: Id, level: Rank }).strict(),
      /** `gap` (default): applies when its cell is a gap. `answers`: applies when `when` holds, up to the target level. */
      trigger: z.enum(['gap', 'answers']).default('gap'),
      when: Condition.optional(),
      title: LocalText,
      why: LocalText.optional(),
      actions: z.array(ActionItem).min(1),
      /** Wordings chosen by answers: the first whose `when` holds replaces the texts it gives. */
      variants: z.array(z.object({ when: Condition, ...Wording.shape }).strict()).optional(),
      owner: Id,
      horizon: z.enum(HORIZONS),
      effort: z.enum(EFFORTS),
      /** Format 2: recommendations that come before this one in a roadmap when both are in it. */
      after: z.array(Id).optional(),
      source: SourceRefs,
    })
    .strict();

  const Contradiction = z
    .object({
      id: Id,
      /** `plausibility`: answers that can be true together but rarely are (format 2); `contradiction` (default): they cannot. */
      kind: z.enum(['contradiction', 'plausibility']).optional(),
      when: Condition,
      message: LocalText,
      questions: z.array(Id).min(1),
    })
    .strict();

  /** Format 2: how long a roadmap is, and how much of it the first horizon holds for the declared capacity. */
  const Roadmap = z
    .object({
      maxSteps: z.number().int().min(1).max(50).optional(),
      /** From this many uncertain answers, the roadmap starts with a step to confirm them. */
      confirmFrom: z.number().int().min(1).max(1000).optional(),
      /** The context question giving the capacity, steps in the first horizon per option, and the option assumed when it is not answered. */
      capacity: z
        .object({ context: Id, steps: z.record(Id, z.number().int().min(0).max(20)), default: Id })
        .strict()
        .optional(),
    })
    .strict();

  /**
   * How answers of the previous version map onto this one: renamed or removed questions (null), and
   * options remapped or removed (null), keyed by the previous version's question id.
   */
  const Migration = z
    .object({
      from: Semver,
      questions: z.record(Id, Id.nullable()).optional(),
      options: z.record(Id, z.record(Id, Id.nullable())).optional(),
    })
    .strict();

  const QuestionnaireSchema = z
    .object({
      /** The format of this file: 2 for any locale, an interview intro and respondent roles; without it, 1. */
      format: z.union([z.literal(1), z.literal(2)]).optional(),
      id: Id,
      version: Semver,
      title: LocalText,
      description: LocalText,
      /** What the interview says first (format 2); else a general welcome. */
      intro: LocalText.optional(),
      locales: z.array(Locale).min(1),
      sources: z.array(Source).min(1),
      roles: z.array(Role).min(1),
      /** Who may answer (format 2): the interview's choices, and which of them speak for management. */
      respondents: z.array(RespondentRole).min(1).optional(),
      scales: z.array(Scale),
      notEngaged: z.object({ title: LocalText, description: LocalText }).strict(),
      /** Format 2: the context that says the organisation has no presence at all, and how the report names it. */
      absent: z.object({ when: ContextCondition, title: LocalText, description: LocalText }).strict().optional(),
      roadmap: Roadmap.optional(),
      levels: z.array(Level).min(1),
      principles: z.array(Principle).min(1),
      threshold: Score,
      cells: z.array(Cell),
      context: z.array(ContextQuestion),
      questions: z.array(Question).min(1).max(LIMITS.questions),
      target: z.object({ default: Rank, rules: z.array(TargetRule) }).strict(),
      recommendations: z.array(Recommendation).max(LIMITS.rules),
      contradictions: z.array(Contradiction).max(LIMITS.rules),
      migration: Migration.optional(),
    })
    .strict();
  return {
    Action,
    ScaleValue,
    Scale,
    Level,
    Principle,
    Cell,
    Source,
    Role,
    Option,
    ScoredOption,
    ContextQuestion,
    ScaleQuestion,
    SingleQuestion,
    MultipleQuestion,
    NumberQuestion,
    BooleanQuestion,
    Question,
    TargetRule,
    Wording,
    Recommendation,
    Contradiction,
    Migration,
    QuestionnaireSchema,
  };
}

export type Built = ReturnType<typeof build>;
let built: Built | undefined;

/** The questionnaire's zod schema (and its parts), built once per process. */
export function questionnaireSchemas(): Built {
  return (built ??= build());
}
