import type { Answer, Assessment } from '../src/model/answers.js';
import type { Question, Questionnaire } from '../src/model/questionnaire.js';
import { emptyRecord } from '../src/model/common.js';
import type { CellStatus, Explanations, QuestionStatus, Result, ResultAnswer } from '../src/model/result.js';
import { MODEL, RESULT_FORMAT } from '../src/model/result-format.js';
import { holds, type ConditionInput } from './conditions.js';
import { indexed, visibility, type CellSpec, type Indexed } from './indexed.js';
import { roadmap, type QuestionWeakness } from './roadmap.js';
import { questionScore } from './questions.js';

/*
 * Scoring, model 2 (see scoring/roadmap.ts for the steps): (questionnaire, assessment, options) → a result of ids and numbers. No language, no
 * input or output, no clock, no randomness: the same input always gives the same bytes.
 */

export interface ScoreOptions {
  /** sha256 of the questionnaire file with LF line ends. */
  sha256: string;
  /** Overrides the target chosen by the questionnaire's rules. */
  target?: number;
  /** Adds the structured explanations of every figure. */
  explain?: boolean;
}

/** What scoring gives: the result without its language and labels, which the outer layer adds. */
export type Scored = Omit<Result, 'lang' | 'labels'>;

const EPSILON = 1e-9;

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  // `|| 0` makes -0 a plain 0: the JSON is the same, the figures compare equal everywhere.
  return Math.round(x * f) / f || 0;
}
/** A score in [0, 1] as the result writes it: 0–100, two decimals. */
const hundred = (x: number) => round(100 * x);

interface QuestionState {
  question: Question;
  status: QuestionStatus;
  /** The score in [0, 1] counted in its cell (unknown and unanswered count 0); null when left out. */
  score: number | null;
  answer: Answer | undefined;
  cause?: 'answer' | 'objectives';
}

interface CellState {
  spec: CellSpec;
  /** `score` is what counts in the cell (1 for an uncertain answer in the confirmed ladder); `raw` the answer's own. */
  terms: { question: string; score: number; weight: number; raw: number; status: QuestionStatus }[];
  excluded: { question: string; status: QuestionStatus }[];
  weightedSum: number;
  totalWeight: number;
  score: number | null;
  status: CellStatus;
  uncertain: number;
}

interface Ladder {
  cells: CellState[];
  principleLevels: Map<string, number>;
  principleScores: Map<string, number | null>;
  /** The consolidated level: the weakest principle. */
  level: number;
  practiceLevel: number;
  score: number;
}

export function score(q: Questionnaire, assessment: Assessment, options: ScoreOptions): Scored {
  const ix = indexed(q);
  const states = questionStates(ix, assessment);
  const asked = emptyRecord<Answer>();
  for (const s of states) if (s.status !== 'hidden' && s.answer) asked[s.question.id] = s.answer;
  const conditionInput: ConditionInput = { context: assessment.context, answers: asked };

  const actual = ladder(ix, states, false);
  // With nothing uncertain, confirming changes nothing: the same ladder.
  const confirmed = states.some((s) => s.status === 'unknown' || s.status === 'unanswered') ? ladder(ix, states, true) : actual;

  const rule = q.target.rules.find((r) => holds(r.when, conditionInput));
  const ambition = rule?.level ?? q.target.default;
  // The 12-month target: the ambition, but at most one level above the practice level.
  const target = options.target ?? Math.min(ambition, actual.practiceLevel + 1);

  const { cells, gaps, strengths } = cellsAndGaps(ix, actual, target);
  const uncertainIds = states.filter((s) => s.status === 'unknown' || s.status === 'unanswered').map((s) => s.question.id);
  const plan = roadmap({
    ix,
    weakness: weaknesses(ix, actual),
    cellStatus: new Map(actual.cells.map((c) => [c.spec.key, c.status])),
    target,
    conditions: conditionInput,
    uncertain: uncertainIds,
  });
  const warnings = q.contradictions
    .filter((c) => holds(c.when, conditionInput))
    .map((c) => ({ id: c.id, kind: c.kind ?? ('contradiction' as const), questions: [...c.questions] }));
  const absent = q.absent !== undefined && holds(q.absent.when, conditionInput);

  const principles = ix.principles.map((p) => {
    const s = actual.principleScores.get(p.id)!;
    return { id: p.id, level: actual.principleLevels.get(p.id)!, score: s === null ? null : round(s) };
  });
  const levels = ix.levels.map((level) => {
    let sum = 0;
    let weights = 0;
    for (const p of ix.principles) {
      const cell = actual.cells[ix.cellByKey.get(`${p.id}.${level.rank}`)!.index]!;
      if (cell.score === null) continue;
      sum += p.weight * cell.score;
      weights += p.weight;
    }
    return { level: level.rank, id: level.id, score: weights > 0 ? hundred(sum / weights) : null };
  });
  // Hygiene aside: the practice level with the prerequisites left out of their cells, said when blocking points hold it down.
  const beyond =
    plan.blockers.length > 0
      ? ladder(
          ix,
          states.map((st) => (st.question.prerequisite === true ? { ...st, score: null } : st)),
          false,
        ).practiceLevel
      : 0;
  const heldBackBy = actual.level >= ix.topLevel ? [] : ix.principles.filter((p) => actual.principleLevels.get(p.id) === actual.level).map((p) => p.id);
  const { answers, unknown, unanswered, notApplicable } = answerList(states);

  const scored: Scored = {
    format: RESULT_FORMAT,
    model: MODEL,
    questionnaire: { id: q.id, version: q.version, sha256: options.sha256 },
    organisation:
      assessment.organisation.id !== undefined
        ? { name: assessment.organisation.name, id: assessment.organisation.id }
        : { name: assessment.organisation.name },
    respondents: assessment.respondent ? [{ ...assessment.respondent }] : [],
    date: assessment.date,
    context: sortedContext(assessment.context),
    overall: {
      level: actual.level,
      practiceLevel: actual.practiceLevel,
      target,
      ambition,
      ...(rule ? { ambitionRule: rule.id } : {}),
      targetSource: options.target !== undefined ? 'option' : rule ? 'rule' : 'default',
      score: round(actual.score),
      levelRange: { min: actual.practiceLevel, max: confirmed.practiceLevel },
      uncertain: unknown.length + unanswered.length,
      heldBackBy,
      ...(absent ? { absent: true } : {}),
      ...(beyond > actual.practiceLevel && !absent ? { practiceBeyondBlockers: beyond } : {}),
    },
    principles,
    levels,
    cells,
    blockers: plan.blockers,
    gaps,
    nextSteps: plan.nextSteps,
    otherSteps: plan.otherSteps,
    strengths,
    warnings,
    uncertainty: { unknown, unanswered, notApplicable },
    answers,
    views: [],
    disagreements: [],
  };
  if (options.explain) {
    scored.explanations = explain(ix, actual, principles, {
      assumed: [...unknown, ...unanswered].sort(codePointCompare),
      steps: plan.explained,
    });
  }
  return scored;
}

/** The grid of cells as the result shows it, the gaps up to the target (ranked) and the strengths above a principle's level. */
function cellsAndGaps(ix: Indexed, actual: Ladder, target: number) {
  const cells: Result['cells'] = [];
  const unranked: (Omit<Result['gaps'][number], 'position'> & { missingRaw: number })[] = [];
  const strengths: Result['strengths'] = [];
  for (const cell of actual.cells) {
    const { principle, level, threshold } = cell.spec;
    cells.push({
      principle,
      level,
      score: cell.score === null ? null : hundred(cell.score),
      threshold: hundred(threshold),
      status: cell.status,
      questions: cell.terms.length,
      uncertain: cell.uncertain,
    });
    const principleLevel = actual.principleLevels.get(principle)!;
    if (cell.status === 'reached' && level > principleLevel) strengths.push({ principle, level, score: hundred(cell.score!), principleLevel });
    if (cell.status === 'below' && level <= target) {
      const weakest = [...cell.terms].sort((a, b) => a.score - b.score || b.weight - a.weight).map((t) => t.question);
      // Urgency: what is missing, more for the levels further below the target.
      const missingRaw = (threshold - cell.score!) * (target - level + 1);
      unranked.push({
        principle,
        level,
        score: hundred(cell.score!),
        threshold: hundred(threshold),
        missing: hundred(threshold - cell.score!),
        missingRaw,
        weakest,
      });
    }
  }
  const gaps = unranked
    .map((g, i) => ({ g, i }))
    .sort(
      (a, b) =>
        (Math.abs(b.g.missingRaw - a.g.missingRaw) > EPSILON ? b.g.missingRaw - a.g.missingRaw : 0) ||
        ix.principleIndex.get(a.g.principle)! - ix.principleIndex.get(b.g.principle)! ||
        a.g.level - b.g.level ||
        a.i - b.i,
    )
    .map(({ g }, i) => ({
      position: i + 1,
      principle: g.principle,
      level: g.level,
      score: g.score,
      threshold: g.threshold,
      missing: g.missing,
      weakest: g.weakest,
    }));
  return { cells, gaps, strengths };
}

/** The id of an action that has none of its own: `RECOMMENDATION#N`, from 1. */
export function actionId(recommendation: string, index: number): string {
  return `${recommendation}#${index + 1}`;
}

/** Each applicable question's weakness: below its cell's threshold, unknown or unanswered, and by how much. */
function weaknesses(ix: Indexed, actual: Ladder): Map<string, QuestionWeakness> {
  const out = new Map<string, QuestionWeakness>();
  for (const cell of actual.cells) {
    const t = cell.spec.threshold;
    for (const term of cell.terms) {
      const uncertain = term.status === 'unknown' || term.status === 'unanswered';
      out.set(term.question, {
        question: ix.questions.get(term.question)!,
        weak: uncertain || term.raw < t - EPSILON,
        deficit: Math.max(0, t - term.raw),
        uncertain,
        reason: uncertain ? (term.status as 'unknown' | 'unanswered') : term.raw < t - EPSILON ? 'weak' : undefined,
      });
    }
  }
  return out;
}

/** Every question's status and score for this assessment. */
function questionStates(ix: Indexed, assessment: Assessment): QuestionState[] {
  const context = assessment.context;
  return ix.questionnaire.questions.map((question) => {
    const answer = Object.hasOwn(assessment.answers, question.id) ? assessment.answers[question.id] : undefined;
    const seen = visibility(question, context);
    if (seen === 'hidden') return { question, status: 'hidden', score: null, answer };
    if (seen === 'not-aimed') return { question, status: 'not-applicable', score: null, answer, cause: 'objectives' };
    if (answer === undefined) return { question, status: 'unanswered', score: 0, answer };
    switch (answer.kind) {
      case 'unknown':
        return { question, status: 'unknown', score: 0, answer };
      case 'na':
        return { question, status: 'not-applicable', score: null, answer, cause: 'answer' };
      case 'value':
        return { question, status: 'answered', score: questionScore(question, answer.value, ix.scales), answer };
    }
  });
}

/** Every question as it counted, in the questionnaire's order, and the uncertain ones. */
function answerList(states: readonly QuestionState[]) {
  const answers: ResultAnswer[] = [];
  const unknown: string[] = [];
  const unanswered: string[] = [];
  const notApplicable: string[] = [];
  for (const s of states) {
    const a = s.answer;
    const score = s.score === null ? null : hundred(s.score);
    // Keys in the schema's order, whatever is present.
    const entry: ResultAnswer =
      a?.kind === 'value'
        ? {
            question: s.question.id,
            status: s.status,
            value: Array.isArray(a.value) ? [...(a.value as string[])] : (a.value as number | string | boolean),
            score,
          }
        : { question: s.question.id, status: s.status, score };
    if (s.cause !== undefined) entry.cause = s.cause;
    if (a?.kind === 'na' && s.cause === 'answer') entry.reason = a.reason;
    if (a?.note !== undefined) entry.note = a.note;
    answers.push(entry);
    if (s.status === 'unknown') unknown.push(s.question.id);
    else if (s.status === 'unanswered') unanswered.push(s.question.id);
    else if (s.status === 'not-applicable') notApplicable.push(s.question.id);
  }
  return { answers, unknown, unanswered, notApplicable };
}

/** Cells, principle levels and scores; `confirmed` counts every unknown or unanswered question as fully in place. */
function ladder(ix: Indexed, states: readonly QuestionState[], confirmed: boolean): Ladder {
  // Sums first, then each cell built once with its final values: objects that change shape after they
  // are made sent V8's optimised code back to the interpreter again and again over a batch.
  const n = ix.cells.length;
  const sums = new Float64Array(n);
  const weights = new Float64Array(n);
  const uncertain = new Int32Array(n);
  const terms: CellState['terms'][] = [];
  const excluded: CellState['excluded'][] = [];
  for (let i = 0; i < n; i++) {
    terms.push([]);
    excluded.push([]);
  }
  for (const s of states) {
    const i = ix.cellByKey.get(`${s.question.principle}.${s.question.level}`)?.index;
    if (i === undefined) continue;
    if (s.score === null) {
      excluded[i]!.push({ question: s.question.id, status: s.status });
      continue;
    }
    const isUncertain = s.status === 'unknown' || s.status === 'unanswered';
    const value = confirmed && isUncertain ? 1 : s.score;
    terms[i]!.push({ question: s.question.id, score: value, weight: s.question.weight, raw: s.score, status: s.status });
    sums[i]! += s.question.weight * value;
    weights[i]! += s.question.weight;
    if (isUncertain) uncertain[i]! += 1;
  }
  const cells: CellState[] = [];
  for (let i = 0; i < n; i++) {
    const spec = ix.cells[i]!;
    const totalWeight = weights[i]!;
    const score = totalWeight > 0 ? Math.min(1, sums[i]! / totalWeight) : null;
    const status: CellStatus = score === null ? 'not-applicable' : score >= spec.threshold - EPSILON ? 'reached' : 'below';
    cells.push({ spec, terms: terms[i]!, excluded: excluded[i]!, weightedSum: sums[i]!, totalWeight, score, status, uncertain: uncertain[i]! });
  }

  const principleLevels = new Map<string, number>();
  const principleScores = new Map<string, number | null>();
  for (const p of ix.principles) {
    let level = 0;
    let sum = 0;
    let total = 0;
    let climbing = true;
    for (const l of ix.levels) {
      const cell = cells[ix.cellByKey.get(`${p.id}.${l.rank}`)!.index]!;
      if (climbing && cell.status !== 'below') level = l.rank;
      else climbing = false;
      if (cell.score !== null) {
        sum += l.weight * cell.score;
        total += l.weight;
      }
    }
    principleLevels.set(p.id, level);
    principleScores.set(p.id, total > 0 ? (100 * sum) / total : null);
  }

  let level = Infinity;
  let sum = 0;
  let total = 0;
  for (const p of ix.principles) {
    level = Math.min(level, principleLevels.get(p.id)!);
    const s = principleScores.get(p.id)!;
    if (s !== null) {
      sum += p.weight * s;
      total += p.weight;
    }
  }
  return {
    cells,
    principleLevels,
    principleScores,
    level: Number.isFinite(level) ? level : 0,
    practiceLevel: practiceLevel(ix, principleLevels, principleScores),
    score: total > 0 ? sum / total : 0,
  };
}

/** How many of `applicable` principles make a practice: two thirds, rounded up (4 of 6, 4 of 5, 3 of 4). */
export function practiceQuorum(applicable: number): number {
  return Math.ceil((2 * applicable) / 3);
}

/** The highest level that at least two thirds of the applicable principles (rounded up) have reached. */
function practiceLevel(ix: Indexed, levels: ReadonlyMap<string, number>, scores: ReadonlyMap<string, number | null>): number {
  const reached = ix.principles.filter((p) => scores.get(p.id) !== null).map((p) => levels.get(p.id)!);
  if (reached.length === 0) return 0;
  const needed = practiceQuorum(reached.length);
  // The needed-th highest principle level.
  return [...reached].sort((a, b) => b - a)[needed - 1]!;
}

function explain(ix: Indexed, actual: Ladder, principles: Result['principles'], parts: { assumed: string[]; steps: Explanations['steps'] }): Explanations {
  const applicable = principles.filter((p) => p.score !== null);
  return {
    cells: actual.cells.map((c) => ({
      principle: c.spec.principle,
      level: c.spec.level,
      terms: c.terms.map((t) => ({ question: t.question, score: hundred(t.score), weight: t.weight })),
      excluded: c.excluded,
      weightedSum: round(100 * c.weightedSum),
      totalWeight: round(c.totalWeight),
      score: c.score === null ? null : hundred(c.score),
      threshold: hundred(c.spec.threshold),
      status: c.status,
    })),
    principles: ix.principles.map((p) => {
      const steps: { level: number; status: CellStatus }[] = [];
      const terms: { level: number; score: number; weight: number }[] = [];
      for (const l of ix.levels) {
        const cell = actual.cells[ix.cellByKey.get(`${p.id}.${l.rank}`)!.index]!;
        steps.push({ level: l.rank, status: cell.status });
        if (cell.score !== null) terms.push({ level: l.rank, score: hundred(cell.score), weight: l.weight });
      }
      const s = actual.principleScores.get(p.id)!;
      return { id: p.id, steps, level: actual.principleLevels.get(p.id)!, terms, score: s === null ? null : round(s) };
    }),
    overall: {
      level: { principles: principles.map((p) => ({ id: p.id, level: p.level })) },
      practiceLevel: { needed: practiceQuorum(applicable.length), applicable: applicable.length },
      score: {
        terms: applicable.map((p) => ({ principle: p.id, score: p.score!, weight: ix.principles[ix.principleIndex.get(p.id)!]!.weight })),
      },
    },
    levelRange: { assumed: parts.assumed },
    steps: parts.steps,
  };
}

function sortedContext(context: Assessment['context']): Result['context'] {
  const out: Result['context'] = {};
  for (const k of Object.keys(context).sort(codePointCompare)) {
    const v = context[k]!;
    out[k] = typeof v === 'string' ? v : [...v];
  }
  return out;
}

export function codePointCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
