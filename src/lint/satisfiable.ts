import { holds } from '../../scoring/index.js';
import type { Answer } from '../model/answers.js';
import type { Condition, ContextCondition, Question, Questionnaire } from '../model/questionnaire.js';

/** Beyond this many combinations a condition is assumed satisfiable rather than enumerated. */
const LIMIT = 250_000;

type Context = Record<string, string | string[]>;
type Answers = Record<string, Answer>;

function subsets(ids: string[]): string[][] {
  const out: string[][] = [];
  const n = Math.min(ids.length, 12);
  for (let mask = 0; mask < 1 << n; mask++) out.push(ids.slice(0, n).filter((_, i) => mask & (1 << i)));
  return out;
}

function collect(c: Condition | ContextCondition, answers: Set<string>, contexts: Set<string>, numbers: Map<string, number[]>): void {
  if ('all' in c) return c.all.forEach((x) => collect(x, answers, contexts, numbers));
  if ('any' in c) return c.any.forEach((x) => collect(x, answers, contexts, numbers));
  if ('not' in c) return collect(c.not, answers, contexts, numbers);
  if ('context' in c) {
    contexts.add(c.context);
    return;
  }
  answers.add(c.answer);
  const points = numbers.get(c.answer) ?? [];
  for (const v of [c.gte, c.lte, c.gt, c.lt, ...(typeof c.is === 'number' ? [c.is] : []), ...(c.in ?? []).filter((x): x is number => typeof x === 'number')]) {
    if (typeof v === 'number') points.push(v);
  }
  numbers.set(c.answer, points);
}

/** Every answer a question can receive that matters to a condition: values, don't know, not applicable, none. */
function answerDomain(q: Questionnaire, question: Question, points: number[]): (Answer | undefined)[] {
  const values: (number | string | boolean | string[])[] = [];
  switch (question.type) {
    case 'scale':
      values.push(...(q.scales.find((s) => s.id === question.scale)?.values.map((v) => v.value) ?? []));
      break;
    case 'single':
      values.push(...question.options.map((o) => o.id));
      break;
    case 'multiple':
      values.push(...subsets(question.options.map((o) => o.id)));
      break;
    case 'boolean':
      values.push(true, false);
      break;
    case 'number': {
      // Critical points: the bounds and each constant of the conditions, with a value on either side.
      const candidates = new Set<number>([question.min, question.max]);
      for (const p of points) for (const d of [-0.5, 0, 0.5]) candidates.add(p + d);
      values.push(...[...candidates].filter((v) => v >= question.min && v <= question.max));
      break;
    }
  }
  return [undefined, { kind: 'unknown' }, { kind: 'na', reason: 'n/a' }, ...values.map((value): Answer => ({ kind: 'value', value }))];
}

function contextDomain(q: Questionnaire, id: string): (string | string[] | undefined)[] {
  const c = q.context.find((x) => x.id === id);
  if (!c) return [undefined];
  const ids = c.options.map((o) => o.id);
  return [undefined, ...(c.type === 'single' ? ids : subsets(ids))];
}

/**
 * Every combination of the answers and context a condition reads, or undefined when there are too many
 * to enumerate.
 */
function* worlds(q: Questionnaire, condition: Condition | ContextCondition): Generator<{ context: Context; answers: Answers }> {
  const answers = new Set<string>();
  const contexts = new Set<string>();
  const numbers = new Map<string, number[]>();
  collect(condition, answers, contexts, numbers);
  const axes: { kind: 'answer' | 'context'; id: string; domain: unknown[] }[] = [
    ...[...answers].map((id) => {
      const question = q.questions.find((x) => x.id === id);
      return { kind: 'answer' as const, id, domain: question ? answerDomain(q, question, numbers.get(id) ?? []) : [undefined] };
    }),
    ...[...contexts].map((id) => ({ kind: 'context' as const, id, domain: contextDomain(q, id) })),
  ];
  const total = axes.reduce((n, a) => n * a.domain.length, 1);
  if (total > LIMIT) return;
  const index = axes.map(() => 0);
  for (let n = 0; n < total; n++) {
    const context: Context = {};
    const given: Answers = {};
    axes.forEach((axis, i) => {
      const v = axis.domain[index[i]!];
      if (v === undefined) return;
      if (axis.kind === 'context') context[axis.id] = v as string | string[];
      else given[axis.id] = v as Answer;
    });
    yield { context, answers: given };
    for (let i = 0; i < axes.length; i++) {
      index[i]! += 1;
      if (index[i]! < axes[i]!.domain.length) break;
      index[i] = 0;
    }
  }
}

function tooMany(q: Questionnaire, condition: Condition | ContextCondition): boolean {
  const answers = new Set<string>();
  const contexts = new Set<string>();
  collect(condition, answers, contexts, new Map());
  let total = 1;
  for (const id of answers) {
    const question = q.questions.find((x) => x.id === id);
    total *= question ? answerDomain(q, question, [0]).length + 3 : 1;
  }
  for (const id of contexts) total *= contextDomain(q, id).length;
  return total > LIMIT;
}

/** Whether some answers and context make the condition true (assumed true when too large to enumerate). */
export function canBeTrue(q: Questionnaire, condition: Condition | ContextCondition): boolean {
  if (tooMany(q, condition)) return true;
  for (const world of worlds(q, condition)) if (holds(condition, world)) return true;
  return false;
}

/** The first earlier rule that matches every context `rule` matches, if any. */
export function shadowedBy(q: Questionnaire, rules: readonly ContextCondition[], index: number): number | undefined {
  const rule = rules[index]!;
  const all: ContextCondition = { all: [rule, ...rules.slice(0, index)] };
  if (index === 0 || tooMany(q, all)) return undefined;
  for (let j = 0; j < index; j++) {
    let covers = true;
    let matched = false;
    for (const world of worlds(q, all)) {
      if (!holds(rule, world)) continue;
      matched = true;
      if (!holds(rules[j]!, world)) {
        covers = false;
        break;
      }
    }
    if (matched && covers) return j;
  }
  return undefined;
}
