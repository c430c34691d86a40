import fc from 'fast-check';
import type { Answer, AnswersFile, AnswerValue, Assessment } from '../../src/model/answers.js';
import type { Question, Questionnaire } from '../../src/model/questionnaire.js';

export function valueArb(q: Questionnaire, question: Question): fc.Arbitrary<AnswerValue> {
  switch (question.type) {
    case 'scale': {
      const values = q.scales.find((s) => s.id === question.scale)!.values.map((v) => v.value);
      return fc.constantFrom(...values);
    }
    case 'single':
      return fc.constantFrom(...question.options.map((o) => o.id));
    case 'multiple': {
      const free = question.options.filter((o) => !o.exclusive).map((o) => o.id);
      const exclusive = question.options.filter((o) => o.exclusive).map((o) => [o.id]);
      const subsets = fc.subarray(free);
      return exclusive.length > 0 ? fc.oneof(subsets, fc.constantFrom(...exclusive)) : subsets;
    }
    case 'number':
      return fc.oneof(
        fc.integer({ min: Math.ceil(question.min), max: Math.floor(question.max) }),
        fc.double({ min: question.min, max: question.max, noNaN: true, noDefaultInfinity: true }),
      );
    case 'boolean':
      return fc.boolean();
  }
}

/** An answer for a question, or undefined for "unanswered". */
export function answerArb(q: Questionnaire, question: Question): fc.Arbitrary<Answer | undefined> {
  return fc.oneof(
    { weight: 6, arbitrary: valueArb(q, question).map((value): Answer => ({ kind: 'value', value })) },
    { weight: 1, arbitrary: fc.constant<Answer>({ kind: 'unknown' }) },
    { weight: 1, arbitrary: fc.constant<Answer>({ kind: 'na', reason: 'n/a' }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

export function contextArb(q: Questionnaire): fc.Arbitrary<Record<string, string | string[]>> {
  const entries = q.context.map((c) =>
    fc
      .option(
        (c.type === 'single' ? fc.constantFrom(...c.options.map((o) => o.id)) : fc.subarray(c.options.map((o) => o.id))) as fc.Arbitrary<string | string[]>,
        { nil: undefined },
      )
      .map((v) => [c.id, v] as const),
  );
  return fc.tuple(...entries).map((pairs) => {
    const context: Record<string, string | string[]> = {};
    for (const [id, v] of pairs) if (v !== undefined) context[id] = v;
    return context;
  });
}

export function assessmentArb(q: Questionnaire): fc.Arbitrary<Assessment> {
  return fc.tuple(contextArb(q), fc.tuple(...q.questions.map((question) => answerArb(q, question)))).map(([context, list]) => {
    const answers: Record<string, Answer> = {};
    q.questions.forEach((question, i) => {
      const a = list[i];
      if (a !== undefined) answers[question.id] = a;
    });
    return {
      questionnaire: { id: q.id, version: q.version },
      organisation: { name: 'Generated' },
      date: '2026-11-23',
      context,
      answers,
    };
  });
}

/** The same assessment as an answers file, as a person could write it. */
export function toAnswersFile(q: Questionnaire, a: Assessment): AnswersFile {
  const answers: AnswersFile['answers'] = {};
  for (const [id, answer] of Object.entries(a.answers)) {
    if (answer.kind === 'unknown') answers[id] = 'unknown';
    else if (answer.kind === 'na') answers[id] = { na: answer.reason };
    else answers[id] = typeof answer.value === 'object' ? [...answer.value] : answer.value;
  }
  return {
    questionnaire: `${q.id}@${q.version}`,
    organisation: { ...a.organisation },
    date: a.date,
    context: Object.fromEntries(Object.entries(a.context).map(([k, v]) => [k, typeof v === 'string' ? v : [...v]])),
    answers,
  };
}
