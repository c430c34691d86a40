/**
 * sm-diagnostic as a library: load a questionnaire, read answers, score them, render the report.
 *
 *   import { loadBuiltin, loadAnswers, score, renderMarkdown } from 'sm-diagnostic';
 *   const { assessment, questionnaire } = loadAnswers('mairie.yaml', { lang: 'fr' });
 *   const result = score(questionnaire.questionnaire, assessment, { sha256: questionnaire.sha256, lang: 'fr' });
 *   const markdown = renderMarkdown(result, questionnaire.questionnaire, 'fr');
 */
// A library's callers check files synchronously: the zod schemas are loaded with it.
import './model/schemas.js';

export { score, holds, questionScore, type ScoreOptions } from '../scoring/index.js';
export {
  loadQuestionnaire,
  loadQuestionnaireFile,
  loadBuiltin,
  listBuiltin,
  loadAnswers,
  parseAnswers,
  type LoadedQuestionnaire,
  type LoadedAnswers,
  type BuiltinQuestionnaire,
} from './io/load.js';
export { renderMarkdown, renderJson } from './report/render.js';
export { jsonSchema, SCHEMA_KINDS, type SchemaKind } from './model/json-schema.js';
export { checkQuestionnaire, type QuestionnaireFinding } from './model/check-questionnaire.js';
export { CliError, InputError, UsageError, InterruptedError, EXIT, formatLocated, type Located } from './errors.js';
export { say } from './i18n/index.js';
export type { Questionnaire, Question, Recommendation, Condition } from './model/questionnaire.js';
export type { AnswersFile, Assessment, Answer } from './model/answers.js';
export type { Result } from './model/result.js';
export type { Locale } from './model/common.js';
