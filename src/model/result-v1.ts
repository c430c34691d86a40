import { z } from 'zod';
import { EFFORTS, HORIZONS } from './common.js';
import { Locale } from './common-schema.js';

import { RESULT_FORMAT_V1 as RESULT_FORMAT } from './result-format.js';

export { RESULT_FORMAT as RESULT_FORMAT_V1 };

const Percent = z.number().min(0).max(100);
const Unit = z.number().min(0).max(1);
const Level = z.number().int().min(0);

export const QuestionStatus = z.enum(['answered', 'unknown', 'unanswered', 'not-applicable', 'hidden']);
export type QuestionStatus = z.infer<typeof QuestionStatus>;
export const CellStatus = z.enum(['reached', 'below', 'not-applicable']);
export type CellStatus = z.infer<typeof CellStatus>;

const CellRef = { principle: z.string(), level: Level };

export const QuestionExplanation = z
  .object({
    principle: z.string(),
    level: Level,
    type: z.string(),
    weight: z.number(),
    status: QuestionStatus,
    value: z.union([z.number(), z.string(), z.boolean(), z.array(z.string())]).optional(),
    score: Unit.nullable(),
    /** Why a question is left out: the reason given, the skip rule, or the objectives. */
    reason: z.string().optional(),
    note: z.string().optional(),
  })
  .strict();

export const CellExplanation = z
  .object({
    rule: z.string(),
    terms: z.array(z.object({ question: z.string(), score: Unit, weight: z.number() }).strict()),
    excluded: z.array(z.object({ question: z.string(), status: QuestionStatus }).strict()),
    weightedSum: z.number(),
    totalWeight: z.number(),
    score: Unit.nullable(),
    threshold: Unit,
    status: CellStatus,
  })
  .strict();

export const ResultV1Schema = z
  .object({
    format: z.literal(RESULT_FORMAT),
    questionnaire: z.object({ id: z.string(), version: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    organisation: z.object({ name: z.string(), id: z.string().optional() }).strict(),
    respondent: z.object({ role: z.string().optional(), name: z.string().optional() }).strict().optional(),
    date: z.string(),
    lang: Locale,
    context: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    overall: z
      .object({
        level: Level,
        score: Percent,
        target: Level,
        levelIfConfirmed: Level,
        scoreIfConfirmed: Percent,
        /** Principles whose level is the overall level, in principle order (empty at the top level). */
        heldBackBy: z.array(z.string()),
      })
      .strict(),
    principles: z.array(z.object({ id: z.string(), level: Level, score: Percent.nullable(), levelIfConfirmed: Level, weight: z.number() }).strict()),
    levels: z.array(z.object({ id: z.string(), rank: Level, score: Percent.nullable() }).strict()),
    cells: z.array(
      z
        .object({
          ...CellRef,
          score: Unit.nullable(),
          threshold: Unit,
          status: CellStatus,
          questions: z.number().int(),
          uncertain: z.number().int(),
        })
        .strict(),
    ),
    gaps: z.array(
      z
        .object({
          rank: z.number().int().min(1),
          ...CellRef,
          score: Unit,
          threshold: Unit,
          missing: Unit,
          /** Applicable questions of the cell, weakest first. */
          weakest: z.array(z.string()),
        })
        .strict(),
    ),
    nextSteps: z.array(
      z
        .object({
          rank: z.number().int().min(1),
          id: z.string(),
          ...CellRef,
          title: z.string(),
          why: z.string().optional(),
          actions: z.array(z.string()),
          owner: z.object({ id: z.string(), label: z.string() }).strict(),
          horizon: z.enum(HORIZONS),
          effort: z.enum(EFFORTS),
          source: z.array(z.string()),
          trigger: z
            .object({
              gap: z.boolean(),
              /** Questions named by the condition that chose the step or its wording. */
              answers: z.array(z.string()),
              variant: z.number().int().min(0).nullable(),
            })
            .strict(),
        })
        .strict(),
    ),
    strengths: z.array(z.object({ ...CellRef, score: Unit, principleLevel: Level }).strict()),
    warnings: z.array(z.object({ id: z.string(), message: z.string(), questions: z.array(z.string()) }).strict()),
    /** Several respondents of one organisation, combined (batch). */
    respondents: z
      .object({
        count: z.number().int().min(2),
        roles: z.array(z.string()),
        disagreements: z.array(
          z
            .object({
              question: z.string(),
              low: z.number(),
              high: z.number(),
              answers: z.array(z.object({ respondent: z.string(), value: z.string() }).strict()),
            })
            .strict(),
        ),
        views: z.array(
          z
            .object({
              view: z.enum(['management', 'staff']),
              count: z.number().int().min(1),
              overall: z.object({ level: Level, score: Percent }).strict(),
              principles: z.array(z.object({ id: z.string(), level: Level, score: Percent.nullable() }).strict()),
            })
            .strict(),
        ),
      })
      .strict()
      .optional(),
    uncertainty: z
      .object({
        unknown: z.array(z.string()),
        unanswered: z.array(z.string()),
        notApplicable: z.array(z.object({ question: z.string(), reason: z.string() }).strict()),
      })
      .strict(),
    explanations: z
      .object({
        overall: z
          .object({
            level: z.string(),
            score: z.string(),
            terms: z.array(z.object({ principle: z.string(), score: Percent, weight: z.number() }).strict()),
          })
          .strict(),
        target: z.object({ source: z.enum(['option', 'rule', 'default']), rule: z.string().optional(), reason: z.string().optional() }).strict(),
        levelIfConfirmed: z.object({ rule: z.string(), assumed: z.array(z.string()) }).strict(),
        principles: z.record(
          z.string(),
          z
            .object({
              level: z.string(),
              score: z.string(),
              terms: z.array(z.object({ level: Level, score: Unit, weight: z.number() }).strict()),
            })
            .strict(),
        ),
        cells: z.record(z.string(), CellExplanation),
        questions: z.record(z.string(), QuestionExplanation),
      })
      .strict(),
  })
  .strict();
export type ResultV1 = z.infer<typeof ResultV1Schema>;
