import { z } from 'zod';
import { HORIZONS, EFFORTS, Id, LocalText, Locale, Semver } from './common.js';

/** What a questionnaire may hold: far more than a real one needs, little enough to stay fast and safe. */
export const LIMITS = { questions: 500, options: 50, scaleValues: 21, rules: 1000 } as const;

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
export type ContextPredicate = z.infer<typeof ContextPredicate>;

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
export type AnswerPredicate = z.infer<typeof AnswerPredicate>;

export type ContextCondition =
  | ContextPredicate
  | { all: ContextCondition[] }
  | { any: ContextCondition[] }
  | { not: ContextCondition };

export type Condition =
  | ContextPredicate
  | AnswerPredicate
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

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

export const ScaleValue = z.object({ value: z.number().int(), label: LocalText, description: LocalText.optional() }).strict();
export const Scale = z.object({ id: Id, title: LocalText.optional(), values: z.array(ScaleValue).min(2).max(LIMITS.scaleValues) }).strict();
export type Scale = z.infer<typeof Scale>;

export const Level = z
  .object({ id: Id, rank: Rank, title: LocalText, description: LocalText, weight: Weight.default(1) })
  .strict();
export type Level = z.infer<typeof Level>;

export const Principle = z
  .object({ id: Id, title: LocalText, description: LocalText, weight: Weight.default(1) })
  .strict();
export type Principle = z.infer<typeof Principle>;

export const Cell = z
  .object({ principle: Id, level: Rank, description: LocalText, threshold: Score.optional() })
  .strict();
export type Cell = z.infer<typeof Cell>;

export const Source = z
  .object({
    id: Id,
    title: z.string().min(1),
    author: z.string().optional(),
    year: z.string().optional(),
    url: z.string().optional(),
    seed: z.string().optional(),
  })
  .strict();
export type Source = z.infer<typeof Source>;

export const Role = z.object({ id: Id, label: LocalText }).strict();
export type Role = z.infer<typeof Role>;

export const Option = z.object({ id: Id, label: LocalText }).strict();
export const ScoredOption = z
  .object({ id: Id, label: LocalText, score: Score, exclusive: z.boolean().optional() })
  .strict();
export type ScoredOption = z.infer<typeof ScoredOption>;

export const ContextQuestion = z
  .object({
    id: Id,
    type: z.enum(['single', 'multiple']),
    text: LocalText,
    help: LocalText.optional(),
    options: z.array(Option).min(2).max(LIMITS.options),
  })
  .strict();
export type ContextQuestion = z.infer<typeof ContextQuestion>;

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
  source: SourceRefs,
};

export const ScaleQuestion = z.object({ ...questionBase, type: z.literal('scale'), scale: Id }).strict();
export const SingleQuestion = z
  .object({ ...questionBase, type: z.literal('single'), options: z.array(ScoredOption).min(2).max(LIMITS.options) })
  .strict();
export const MultipleQuestion = z
  .object({ ...questionBase, type: z.literal('multiple'), options: z.array(ScoredOption).min(2).max(LIMITS.options) })
  .strict();
export const NumberQuestion = z
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
export const BooleanQuestion = z
  .object({
    ...questionBase,
    type: z.literal('boolean'),
    scoring: z.object({ yes: Score, no: Score }).strict().default({ yes: 1, no: 0 }),
  })
  .strict();

export const Question = z.discriminatedUnion('type', [
  ScaleQuestion,
  SingleQuestion,
  MultipleQuestion,
  NumberQuestion,
  BooleanQuestion,
]);
export type Question = z.infer<typeof Question>;
export type QuestionType = Question['type'];

export const TargetRule = z
  .object({ id: Id, when: ContextCondition, level: Rank, reason: LocalText })
  .strict();
export type TargetRule = z.infer<typeof TargetRule>;

export const Wording = z
  .object({ title: LocalText.optional(), why: LocalText.optional(), actions: z.array(LocalText).min(1).optional() })
  .strict();

export const Recommendation = z
  .object({
    id: Id,
    cell: z.object({ principle: Id, level: Rank }).strict(),
    /** `gap` (default): applies when its cell is a gap. `answers`: applies when `when` holds, up to the target level. */
    trigger: z.enum(['gap', 'answers']).default('gap'),
    when: Condition.optional(),
    title: LocalText,
    why: LocalText.optional(),
    actions: z.array(LocalText).min(1),
    /** Wordings chosen by answers: the first whose `when` holds replaces the texts it gives. */
    variants: z
      .array(z.object({ when: Condition, ...Wording.shape }).strict())
      .optional(),
    owner: Id,
    horizon: z.enum(HORIZONS),
    effort: z.enum(EFFORTS),
    source: SourceRefs,
  })
  .strict();
export type Recommendation = z.infer<typeof Recommendation>;

export const Contradiction = z
  .object({ id: Id, when: Condition, message: LocalText, questions: z.array(Id).min(1) })
  .strict();
export type Contradiction = z.infer<typeof Contradiction>;

/**
 * How answers of the previous version map onto this one: renamed or removed questions (null), and
 * options remapped or removed (null), keyed by the previous version's question id.
 */
export const Migration = z
  .object({
    from: Semver,
    questions: z.record(Id, Id.nullable()).optional(),
    options: z.record(Id, z.record(Id, Id.nullable())).optional(),
  })
  .strict();
export type Migration = z.infer<typeof Migration>;

export const QuestionnaireSchema = z
  .object({
    id: Id,
    version: Semver,
    title: LocalText,
    description: LocalText,
    locales: z.array(Locale).min(1),
    sources: z.array(Source).min(1),
    roles: z.array(Role).min(1),
    scales: z.array(Scale),
    notEngaged: z.object({ title: LocalText, description: LocalText }).strict(),
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
export type Questionnaire = z.infer<typeof QuestionnaireSchema>;
