export { score, cellKey, round, codePointCompare, USAGE_CONTEXT, type ScoreOptions } from './score.js';
export { holds, answersNamed, type ConditionInput } from './conditions.js';
export { questionScore } from './questions.js';
