export { CONFIRM_STEP, resolveOwner } from './roadmap.js';
export { score, round, codePointCompare, actionId, practiceQuorum, type ScoreOptions, type Scored } from './score.js';
export { holds, answersNamed, type ConditionInput } from './conditions.js';
export { questionScore } from './questions.js';
export {
  indexed,
  visibility,
  askedQuestions,
  cellKey,
  horizonRank,
  viewOfRole,
  DEFAULT_RESPONDENTS,
  USAGE_CONTEXT,
  type Indexed,
  type CellSpec,
  type Visibility,
} from './indexed.js';
export { combine, type Combined, type View } from './combine.js';
export { compareResults, COMPARE_FORMAT, type Comparison, type Comparable, type Move } from './compare.js';
export { scoreGroup } from './combine.js';
