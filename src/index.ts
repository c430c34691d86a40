/**
 * sm-diagnostic as a library: load a questionnaire, read answers, score them, render the report.
 *
 *   import { loadAnswers, score, present, renderMarkdown } from 'sm-diagnostic';
 *   const { assessment, questionnaire } = loadAnswers('mairie.yaml', { lang: 'fr' });
 *   const scored = score(questionnaire.questionnaire, assessment, { sha256: questionnaire.sha256 }); // ids and numbers
 *   const result = present(scored, questionnaire.questionnaire, 'fr'); // + lang and labels: the written result@2
 *   const markdown = renderMarkdown(result, questionnaire.questionnaire);
 */
// A library's callers check files synchronously: the zod schemas are loaded with it.
import './model/schemas.js';

export { score, holds, questionScore, indexed, type ScoreOptions, type Scored } from '../scoring/index.js';
export { present } from './report/labels.js';
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
export { renderMarkdown, renderHtml, renderJson } from './report/render.js';
export { jsonSchema, SCHEMA_KINDS, type SchemaKind } from './model/json-schema.js';
export { checkQuestionnaire, type QuestionnaireFinding } from './model/check-questionnaire.js';
export { CliError, InputError, UsageError, IoError, InternalError, LockedError, InterruptedError, EXIT, formatLocated, type Located } from './errors.js';
export { say } from './i18n/index.js';
export type { Questionnaire, Question, Recommendation, Condition } from './model/questionnaire.js';
export type { AnswersFile, Assessment, Answer } from './model/answers.js';
export type { Result } from './model/result.js';
export type { Locale } from './model/common.js';
