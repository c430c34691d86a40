import type { z } from 'zod';
import type { Built } from './questionnaire-schema.js';

/*
 * A questionnaire's types, without zod: the schemas that check a questionnaire file are in
 * questionnaire-schema.ts, loaded only by what checks one.
 */

export type { ContextPredicate, AnswerPredicate, ContextCondition, Condition } from './questionnaire-schema.js';
export { LIMITS } from './limits.js';

export type Scale = z.infer<Built['Scale']>;
export type Level = z.infer<Built['Level']>;
export type Principle = z.infer<Built['Principle']>;
export type Cell = z.infer<Built['Cell']>;
export type Source = z.infer<Built['Source']>;
export type Role = z.infer<Built['Role']>;
export type ScoredOption = z.infer<Built['ScoredOption']>;
export type ContextQuestion = z.infer<Built['ContextQuestion']>;
export type Question = z.infer<Built['Question']>;
export type QuestionType = Question['type'];
export type TargetRule = z.infer<Built['TargetRule']>;
export type Recommendation = z.infer<Built['Recommendation']>;
export type Action = z.infer<Built['Action']>;
export type Contradiction = z.infer<Built['Contradiction']>;
export type Migration = z.infer<Built['Migration']>;
export type Questionnaire = z.infer<Built['QuestionnaireSchema']>;
