import { z } from 'zod';
import { EFFORTS, HORIZONS } from './common.js';
import { Locale } from './common-schema.js';
import { RESULT_FORMAT } from './result-format.js';

export { RESULT_FORMAT };

/*
 * The result, `sm-diagnostic/result@2`: the stable machine contract. Scoring fills it with ids and
 * numbers only; the JSON written to disk adds one `labels` map from every id it uses to its text in the
 * report's language. Scores are 0–100 everywhere, numbers have at most two decimals, a list's order is
 * `position` (from 1), a level number is `level`.
 */

const Score = z.number().min(0).max(100);
const Level = z.number().int().min(0);
const Position = z.number().int().min(1);
const Count = z.number().int().min(0);
const Value = z.union([z.number(), z.string(), z.boolean(), z.array(z.string())]);

export const QuestionStatus = z.enum(['answered', 'unknown', 'unanswered', 'not-applicable', 'hidden']);
export type QuestionStatus = z.infer<typeof QuestionStatus>;
export const CellStatus = z.enum(['reached', 'below', 'not-applicable']);
export type CellStatus = z.infer<typeof CellStatus>;
export const STEP_KINDS = ['confirm', 'blocker', 'gap', 'consolidate', 'next-level'] as const;
export const VIEWS = ['management', 'staff'] as const;

const CellRef = { principle: z.string(), level: Level };

const Step = z
  .object({
    position: Position,
    kind: z.enum(STEP_KINDS),
    /** The recommendation's id (or `confirm-uncertain-answers`): one step per recommendation. */
    id: z.string(),
    /** The recommendation's cell (none for the confirm step). */
    principle: z.string().optional(),
    level: Level.optional(),
    horizon: z.enum(HORIZONS),
    effort: z.enum(EFFORTS),
    /** A role id of the questionnaire. */
    owner: z.string(),
    /** Action ids (`RECOMMENDATION#N` for an action without its own id), only those whose questions are weak. */
    actions: z.array(z.string()),
    /** The answers that chose the step. */
    because: z.array(z.string()),
    /** The wording the answers chose (its index among the recommendation's variants), or null for its own. */
    variant: z.number().int().min(0).nullable(),
    /** Source ids of the questionnaire. */
    sources: z.array(z.string()),
  })
  .strict();

const Answer = z
  .object({
    question: z.string(),
    status: QuestionStatus,
    /** The value the answers file gave (also for a hidden question, whose answer is then ignored). */
    value: Value.optional(),
    /** What the answer counts in its cell, 0–100; null when it is left out. */
    score: Score.nullable(),
    /** Why a not-applicable question is left out: the respondent said so, or its usage is not among the objectives. */
    cause: z.enum(['answer', 'objectives']).optional(),
    /** The respondent's reason for "not applicable". */
    reason: z.string().optional(),
    note: z.string().optional(),
  })
  .strict();

const Explanations = z
  .object({
    cells: z.array(
      z
        .object({
          ...CellRef,
          /** Weighted mean of the applicable answers: weightedSum / totalWeight. */
          terms: z.array(z.object({ question: z.string(), score: Score, weight: z.number() }).strict()),
          excluded: z.array(z.object({ question: z.string(), status: QuestionStatus }).strict()),
          weightedSum: z.number(),
          totalWeight: z.number(),
          score: Score.nullable(),
          threshold: Score,
          status: CellStatus,
        })
        .strict(),
    ),
    principles: z.array(
      z
        .object({
          id: z.string(),
          /** Staged: the highest level whose cells, and all cells below it, are reached or not applicable. */
          steps: z.array(z.object({ level: Level, status: CellStatus }).strict()),
          level: Level,
          /** Weighted mean of the cell scores by level weight. */
          terms: z.array(z.object({ level: Level, score: Score, weight: z.number() }).strict()),
          score: Score.nullable(),
        })
        .strict(),
    ),
    overall: z
      .object({
        /** The consolidated level: the weakest principle. */
        level: z.object({ principles: z.array(z.object({ id: z.string(), level: Level }).strict()) }).strict(),
        /** The highest level at least `needed` of the `applicable` principles have reached. */
        practiceLevel: z.object({ needed: Count, applicable: Count }).strict(),
        score: z.object({ terms: z.array(z.object({ principle: z.string(), score: Score, weight: z.number() }).strict()) }).strict(),
      })
      .strict(),
    /** The answers counted as fully in place for `levelRange.max`. */
    levelRange: z.object({ assumed: z.array(z.string()) }).strict(),
    steps: z.array(
      z
        .object({
          id: z.string(),
          trigger: z.enum(['gap', 'answers', 'uncertain', 'blocker', 'consolidate', 'next-level']),
          answers: z.array(z.string()),
          /** gap × weight ÷ effort: how the step ranks among the others (not for confirm and blocker steps). */
          urgency: z.number().optional(),
        })
        .strict(),
    ),
  })
  .strict();

const Label = z.union([
  z.string(),
  z.object({ title: z.string(), help: z.string().optional() }).strict(),
  z.object({ title: z.string(), why: z.string().optional() }).strict(),
]);

export const ResultSchema = z
  .object({
    format: z.literal(RESULT_FORMAT),
    /** The scoring model that produced the figures. */
    model: z.number().int().min(1),
    questionnaire: z.object({ id: z.string(), version: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    organisation: z.object({ name: z.string(), id: z.string().optional() }).strict(),
    respondents: z.array(z.object({ role: z.string().optional(), name: z.string().optional() }).strict()),
    date: z.string(),
    lang: Locale,
    context: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    overall: z
      .object({
        /** The consolidated level: what the organisation can count on everywhere (the weakest principle). */
        level: Level,
        /** The highest level at least two thirds of the applicable principles (rounded up) have reached. */
        practiceLevel: Level,
        target: Level,
        /** The level the questionnaire's rules find fitting for this context. */
        ambition: Level,
        /** The target rule that chose the ambition, when one did. */
        ambitionRule: z.string().optional(),
        /** Where the target comes from: --target, a target rule, or the questionnaire's default. */
        targetSource: z.enum(['option', 'rule', 'default']),
        score: Score,
        /** The practice levels the uncertain answers allow. */
        levelRange: z.object({ min: Level, max: Level }).strict(),
        /** "Don't know" and unanswered questions. */
        uncertain: Count,
        /** Principles at the consolidated level, in principle order (empty at the top level). */
        heldBackBy: z.array(z.string()),
        /** The context says the organisation has no presence at all (the questionnaire's `absent`). */
        absent: z.boolean().optional(),
        /**
         * Model 2, when blocking points hold the practice level down: the practice level its practices
         * reach with the prerequisites left aside (security and legal hygiene are not maturity stages).
         */
        practiceBeyondBlockers: Level.optional(),
      })
      .strict(),
    principles: z.array(z.object({ id: z.string(), level: Level, score: Score.nullable() }).strict()),
    levels: z.array(z.object({ level: Level, id: z.string(), score: Score.nullable() }).strict()),
    cells: z.array(z.object({ ...CellRef, score: Score.nullable(), threshold: Score, status: CellStatus, questions: Count, uncertain: Count }).strict()),
    blockers: z.array(z.object({ question: z.string(), reason: z.enum(['weak', 'unknown', 'unanswered']) }).strict()),
    gaps: z.array(
      z
        .object({
          position: Position,
          ...CellRef,
          score: Score,
          threshold: Score,
          missing: Score,
          /** Applicable questions of the cell, weakest first. */
          weakest: z.array(z.string()),
        })
        .strict(),
    ),
    nextSteps: z.array(Step),
    /** Steps that apply but are left out of the roadmap. */
    otherSteps: z.array(Step),
    strengths: z.array(z.object({ ...CellRef, score: Score, principleLevel: Level }).strict()),
    warnings: z.array(z.object({ id: z.string(), kind: z.enum(['contradiction', 'plausibility']), questions: z.array(z.string()) }).strict()),
    uncertainty: z.object({ unknown: z.array(z.string()), unanswered: z.array(z.string()), notApplicable: z.array(z.string()) }).strict(),
    answers: z.array(Answer),
    /** Management's and staff's own figures, when an organisation's respondents hold both roles. */
    views: z.array(
      z
        .object({
          view: z.enum(VIEWS),
          count: z.number().int().min(1),
          overall: z.object({ level: Level, practiceLevel: Level, score: Score }).strict(),
          principles: z.array(z.object({ id: z.string(), level: Level, score: Score.nullable() }).strict()),
        })
        .strict(),
    ),
    /** Questions where respondents are two scale points (half the range) or more apart. */
    disagreements: z.array(
      z
        .object({
          question: z.string(),
          low: Score,
          high: Score,
          answers: z.array(z.object({ respondent: z.string(), value: Value }).strict()),
        })
        .strict(),
    ),
    /** With --explain only: the answers, weights and rules behind every figure. */
    explanations: Explanations.optional(),
    /** Every id the result uses, as text in `lang`: `principle:vision`, `question:legal.charter`, `option:QUESTION:ID`… */
    labels: z.record(z.string(), Label).optional(),
  })
  .strict();

export type Result = z.infer<typeof ResultSchema>;
export type Step = z.infer<typeof Step>;
export type ResultAnswer = z.infer<typeof Answer>;
export type Explanations = z.infer<typeof Explanations>;
export type Labels = NonNullable<Result['labels']>;
