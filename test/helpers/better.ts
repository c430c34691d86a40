import fc from 'fast-check';
import { indexed, questionScore } from '../../scoring/index.js';
import type { Answer, Assessment } from '../../src/model/answers.js';
import type { Questionnaire } from '../../src/model/questionnaire.js';
import { valueArb } from './arbitraries.js';

/** An assessment at least as good as `a`: each answer kept, or replaced by one scoring at least as much. */
export function betterArb(q: Questionnaire, a: Assessment): fc.Arbitrary<Assessment> {
  const scales = indexed(q).scales;
  const arbs = q.questions.map((question) =>
    fc.tuple(fc.boolean(), valueArb(q, question)).map(([change, candidate]): Answer | undefined => {
      const old = a.answers[question.id];
      if (!change || old?.kind === 'na') return old;
      if (old === undefined || old.kind === 'unknown') return { kind: 'value', value: candidate };
      const before = questionScore(question, old.value, scales);
      return questionScore(question, candidate, scales) >= before ? { kind: 'value', value: candidate } : old;
    }),
  );
  return fc.tuple(...arbs).map((list) => {
    const answers: Record<string, Answer> = {};
    q.questions.forEach((question, i) => {
      const x = list[i];
      if (x !== undefined) answers[question.id] = x;
    });
    return { ...a, answers };
  });
}
