import type { Answer, AnswerValue } from '../src/model/answers.js';
import type { AnswerPredicate, Condition, ContextPredicate } from '../src/model/questionnaire.js';
import { own } from '../src/model/common.js';

export interface ConditionInput {
  context: Readonly<Record<string, string | readonly string[]>>;
  /** Answers of the questions that are asked (hidden questions are left out). */
  answers: Readonly<Record<string, Answer>>;
}

function isContextPredicate(c: Condition): c is ContextPredicate {
  return 'context' in c;
}
function isAnswerPredicate(c: Condition): c is AnswerPredicate {
  return 'answer' in c;
}

export function holds(condition: Condition, input: ConditionInput): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, input));
  if ('any' in condition) return condition.any.some((c) => holds(c, input));
  if ('not' in condition) return !holds(condition.not, input);
  if (isContextPredicate(condition)) return contextHolds(condition, own(input.context, condition.context));
  if (isAnswerPredicate(condition)) return answerHolds(condition, own(input.answers, condition.answer));
  return false;
}

function contextHolds(p: ContextPredicate, value: string | readonly string[] | undefined): boolean {
  if (p.known !== undefined && p.known !== (value !== undefined)) return false;
  const hasValueTest = p.is !== undefined || p.in !== undefined || p.includes !== undefined || p.includesAny !== undefined;
  if (!hasValueTest) return true;
  if (value === undefined) return false;
  const values: readonly string[] = typeof value === 'string' ? [value] : value;
  if (p.is !== undefined && !(typeof value === 'string' && value === p.is)) return false;
  if (p.in !== undefined && !(typeof value === 'string' && p.in.includes(value))) return false;
  if (p.includes !== undefined && !values.includes(p.includes)) return false;
  if (p.includesAny !== undefined && !p.includesAny.some((v) => values.includes(v))) return false;
  return true;
}

function answerHolds(p: AnswerPredicate, answer: Answer | undefined): boolean {
  if (p.known !== undefined) {
    const known = answer !== undefined && answer.kind !== 'unknown';
    if (p.known !== known) return false;
  }
  if (p.na !== undefined && p.na !== (answer?.kind === 'na')) return false;
  const hasValueTest =
    p.is !== undefined ||
    p.in !== undefined ||
    p.gte !== undefined ||
    p.lte !== undefined ||
    p.gt !== undefined ||
    p.lt !== undefined ||
    p.includes !== undefined;
  if (!hasValueTest) return true;
  if (answer?.kind !== 'value') return false;
  const v: AnswerValue = answer.value;
  if (p.is !== undefined && v !== p.is) return false;
  if (p.in !== undefined && !(typeof v !== 'object' && p.in.includes(v))) return false;
  if (p.includes !== undefined && !(Array.isArray(v) && v.includes(p.includes))) return false;
  if (p.gte !== undefined || p.lte !== undefined || p.gt !== undefined || p.lt !== undefined) {
    if (typeof v !== 'number') return false;
    if (p.gte !== undefined && !(v >= p.gte)) return false;
    if (p.lte !== undefined && !(v <= p.lte)) return false;
    if (p.gt !== undefined && !(v > p.gt)) return false;
    if (p.lt !== undefined && !(v < p.lt)) return false;
  }
  return true;
}

/** Question ids a condition reads, in the order they appear. */
export function answersNamed(condition: Condition, into: string[] = []): string[] {
  if ('all' in condition) condition.all.forEach((c) => answersNamed(c, into));
  else if ('any' in condition) condition.any.forEach((c) => answersNamed(c, into));
  else if ('not' in condition) answersNamed(condition.not, into);
  else if (isAnswerPredicate(condition) && !into.includes(condition.answer)) into.push(condition.answer);
  return into;
}
