import type { Answer, Assessment } from '../src/model/answers.js';
import { text, type Locale } from '../src/model/common.js';
import type { Question, Questionnaire, Recommendation, Scale } from '../src/model/questionnaire.js';
import type { CellStatus, QuestionStatus, Result } from '../src/model/result.js';
import { RESULT_FORMAT } from '../src/model/result-format.js';
import { answersNamed, holds, type ConditionInput } from './conditions.js';
import { questionScore } from './questions.js';

export interface ScoreOptions {
  /** sha256 of the questionnaire file with LF line ends. */
  sha256: string;
  lang: Locale;
  /** Overrides the target chosen by the questionnaire's rules. */
  target?: number;
}

/** The context question whose options name the usages of level-3 questions. */
export const USAGE_CONTEXT = 'objectives';
const EPSILON = 1e-9;

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
const unit = (x: number) => round(x, 4);
const percent = (x: number) => round(x, 1);

export function cellKey(principle: string, level: number): string {
  return `${principle}.${level}`;
}

interface QuestionState {
  question: Question;
  status: QuestionStatus;
  /** The score counted in its cell (unknown and unanswered count 0); null when left out. */
  score: number | null;
  answer: Answer | undefined;
  reason?: string;
}

interface CellState {
  principle: string;
  level: number;
  threshold: number;
  terms: { question: string; score: number; weight: number }[];
  excluded: { question: string; status: QuestionStatus }[];
  weightedSum: number;
  totalWeight: number;
  score: number | null;
  status: CellStatus;
  uncertain: number;
}

interface Ladder {
  cells: Map<string, CellState>;
  principleLevels: Map<string, number>;
  principleScores: Map<string, number | null>;
  overallLevel: number;
  overallScore: number;
}

export function score(q: Questionnaire, assessment: Assessment, options: ScoreOptions): Result {
  const { lang } = options;
  const { scales, levels } = questionnaireLookups(q);
  const topRank = levels.length > 0 ? levels[levels.length - 1]!.rank : 0;
  const context = assessment.context;
  const states = questionStates(q, assessment, scales);

  const asked: Record<string, Answer> = {};
  for (const s of states) if (s.status !== 'hidden' && s.answer) asked[s.question.id] = s.answer;
  const conditionInput: ConditionInput = { context, answers: asked };

  const actual = ladder(q, levels, states, false);
  const confirmed = ladder(q, levels, states, true);

  // ---- target ----
  let target: number;
  let targetExplanation: Result['explanations']['target'];
  const rule = q.target.rules.find((r) => holds(r.when, conditionInput));
  if (options.target !== undefined) {
    target = options.target;
    targetExplanation = { source: 'option' };
  } else if (rule) {
    target = rule.level;
    targetExplanation = { source: 'rule', rule: rule.id, reason: text(rule.reason, lang) };
  } else {
    target = q.target.default;
    targetExplanation = { source: 'default' };
  }

  // ---- cells, gaps, strengths ----
  const principleIndex = principleOrder(q);
  const { cells, gaps, strengths } = cellsAndGaps(q, levels, actual, target, principleIndex);

  // ---- next steps ----
  const nextSteps = chooseNextSteps(q, gaps, target, conditionInput, lang, principleIndex);

  // ---- warnings ----
  const warnings: Result['warnings'] = q.contradictions
    .filter((c) => holds(c.when, conditionInput))
    .map((c) => ({ id: c.id, message: text(c.message, lang), questions: [...c.questions] }));

  // ---- principles, levels, overall ----
  const principles: Result['principles'] = q.principles.map((p) => {
    const s = actual.principleScores.get(p.id)!;
    return {
      id: p.id,
      level: actual.principleLevels.get(p.id)!,
      score: s === null ? null : percent(s),
      levelIfConfirmed: confirmed.principleLevels.get(p.id)!,
      weight: p.weight,
    };
  });
  const levelScores: Result['levels'] = levels.map((level) => {
    let sum = 0;
    let weights = 0;
    for (const p of q.principles) {
      const cell = actual.cells.get(cellKey(p.id, level.rank))!;
      if (cell.score === null) continue;
      sum += p.weight * cell.score;
      weights += p.weight;
    }
    return { id: level.id, rank: level.rank, score: weights > 0 ? percent((100 * sum) / weights) : null };
  });
  const heldBackBy =
    actual.overallLevel >= topRank
      ? []
      : q.principles.filter((p) => actual.principleLevels.get(p.id) === actual.overallLevel).map((p) => p.id);

  // ---- explanations ----
  const { questions, unknown, unanswered, notApplicable } = explainQuestions(states);

  const cellExplanations = explainCells(q, levels, actual);
  const principleExplanations = explainPrinciples(q, levels, actual);

  const overallTerms = principles
    .filter((p) => p.score !== null)
    .map((p) => ({ principle: p.id, score: p.score!, weight: p.weight }));

  return {
    format: RESULT_FORMAT,
    questionnaire: { id: q.id, version: q.version, sha256: options.sha256 },
    organisation: { ...assessment.organisation },
    ...(assessment.respondent ? { respondent: { ...assessment.respondent } } : {}),
    date: assessment.date,
    lang,
    context: Object.fromEntries(
      Object.keys(context)
        .sort(codePointCompare)
        .map((k) => {
          const v = context[k]!;
          return [k, typeof v === 'string' ? v : [...v]];
        }),
    ),
    overall: {
      level: actual.overallLevel,
      score: percent(actual.overallScore),
      target,
      levelIfConfirmed: confirmed.overallLevel,
      scoreIfConfirmed: percent(confirmed.overallScore),
      heldBackBy,
    },
    principles,
    levels: levelScores,
    cells,
    gaps,
    nextSteps,
    strengths,
    warnings,
    uncertainty: { unknown, unanswered, notApplicable },
    explanations: {
      overall: {
        level: `min(${principles.map((p) => `${p.id} ${p.level}`).join(', ')}) = ${actual.overallLevel}`,
        score: `Σ(w·s)/Σw = ${fmt(overallTerms.reduce((a, t) => a + t.weight * t.score, 0))}/${fmt(
          overallTerms.reduce((a, t) => a + t.weight, 0),
        )} = ${fmt(percent(actual.overallScore))}`,
        terms: overallTerms,
      },
      target: targetExplanation,
      levelIfConfirmed: {
        rule: `unknown and unanswered → 1; min(${q.principles
          .map((p) => `${p.id} ${confirmed.principleLevels.get(p.id)}`)
          .join(', ')}) = ${confirmed.overallLevel}`,
        assumed: [...unknown, ...unanswered].sort(codePointCompare),
      },
      principles: principleExplanations,
      cells: cellExplanations,
      questions,
    },
  };
}

/** The grid of cells as the result shows it, the gaps up to the target (ranked) and the strengths above a principle's level. */
function cellsAndGaps(q: Questionnaire, levels: Questionnaire['levels'], actual: Ladder, target: number, principleIndex: Map<string, number>) {
  const cells: Result['cells'] = [];
  const gapsUnranked: Omit<Result['gaps'][number], 'rank'>[] = [];
  const strengths: Result['strengths'] = [];
  for (const principle of q.principles) {
    for (const level of levels) {
      const cell = actual.cells.get(cellKey(principle.id, level.rank))!;
      cells.push({
        principle: principle.id,
        level: level.rank,
        score: cell.score === null ? null : unit(cell.score),
        threshold: cell.threshold,
        status: cell.status,
        questions: cell.terms.length,
        uncertain: cell.uncertain,
      });
      const principleLevel = actual.principleLevels.get(principle.id)!;
      if (cell.status === 'reached' && level.rank > principleLevel) {
        strengths.push({ principle: principle.id, level: level.rank, score: unit(cell.score!), principleLevel });
      }
      if (cell.status === 'below' && level.rank <= target) {
        const weakest = [...cell.terms]
          .sort((a, b) => a.score - b.score || b.weight - a.weight)
          .map((t) => t.question);
        gapsUnranked.push({
          principle: principle.id,
          level: level.rank,
          score: unit(cell.score!),
          threshold: cell.threshold,
          missing: unit(cell.threshold - cell.score!),
          weakest,
        });
      }
    }
  }
  const gaps = gapsUnranked
    .map((g, i) => ({ g, i }))
    .sort(
      (a, b) =>
        a.g.level - b.g.level ||
        principleIndex.get(a.g.principle)! - principleIndex.get(b.g.principle)! ||
        b.g.missing - a.g.missing ||
        a.i - b.i,
    )
    .map(({ g }, i) => ({ rank: i + 1, ...g }));
  return { cells, gaps, strengths };
}

/** The recommendations that apply, in the order to take them, worded for the answers given. */
function chooseNextSteps(q: Questionnaire, gaps: Result['gaps'], target: number, conditionInput: ConditionInput, lang: Locale, principleIndex: Map<string, number>): Result['nextSteps'] {
  const gapKeys = new Set(gaps.map((g) => cellKey(g.principle, g.level)));
  const { roles, recommendationCells } = questionnaireLookups(q);
  const horizonOrder = { '0-3': 0, '3-6': 1, '6-12': 2 } as const;
  const chosen: { rec: Recommendation; gap: boolean; order: number; variant: number | null }[] = [];
  q.recommendations.forEach((rec, order) => {
    const isGap = gapKeys.has(recommendationCells[order]!);
    const when = rec.when === undefined || holds(rec.when, conditionInput);
    const applies = rec.trigger === 'gap' ? isGap && when : rec.cell.level <= target && rec.when !== undefined && when;
    if (!applies) return;
    const variantIndex = rec.variants?.findIndex((v) => holds(v.when, conditionInput)) ?? -1;
    chosen.push({ rec, gap: isGap, order, variant: variantIndex >= 0 ? variantIndex : null });
  });
  chosen.sort(
    (a, b) =>
      a.rec.cell.level - b.rec.cell.level ||
      principleIndex.get(a.rec.cell.principle)! - principleIndex.get(b.rec.cell.principle)! ||
      Number(b.gap) - Number(a.gap) ||
      horizonOrder[a.rec.horizon] - horizonOrder[b.rec.horizon] ||
      a.order - b.order,
  );
  const nextSteps: Result['nextSteps'] = chosen.map(({ rec, gap, variant }, i) => {
    const wording = variant === null ? undefined : rec.variants![variant]!;
    const named: string[] = [];
    if (rec.when) answersNamed(rec.when, named);
    if (wording) answersNamed(wording.when, named);
    const why = wording?.why ?? rec.why;
    return {
      rank: i + 1,
      id: rec.id,
      principle: rec.cell.principle,
      level: rec.cell.level,
      title: text(wording?.title ?? rec.title, lang),
      ...(why ? { why: text(why, lang) } : {}),
      actions: (wording?.actions ?? rec.actions).map((a) => text(a, lang)),
      owner: { id: rec.owner, label: text(roles.get(rec.owner)?.label, lang) || rec.owner },
      horizon: rec.horizon,
      effort: rec.effort,
      source: [...rec.source],
      trigger: { gap, answers: named, variant },
    };
  });
  return nextSteps;
}

/** Every question's status and score for this assessment. */
function questionStates(q: Questionnaire, assessment: Assessment, scales: Map<string, Scale>): QuestionState[] {
  const context = assessment.context;
  const objectives = context[USAGE_CONTEXT];
  return q.questions.map((question) => {
    const answer = assessment.answers[question.id];
    if (question.showIf && !holds(question.showIf, { context, answers: {} })) {
      return { question, status: 'hidden', score: null, answer, reason: 'showIf' };
    }
    if (question.usage !== undefined && objectives !== undefined) {
      const list: readonly string[] = typeof objectives === 'string' ? [objectives] : objectives;
      if (!list.includes(question.usage)) {
        return { question, status: 'not-applicable', score: null, answer, reason: `${USAGE_CONTEXT}: ${question.usage}` };
      }
    }
    if (answer === undefined) return { question, status: 'unanswered', score: 0, answer, reason: undefined };
    switch (answer.kind) {
      case 'unknown':
        return { question, status: 'unknown', score: 0, answer, reason: undefined };
      case 'na':
        return { question, status: 'not-applicable', score: null, answer, reason: answer.reason };
      case 'value':
        return { question, status: 'answered', score: questionScore(question, answer.value, scales), answer, reason: undefined };
    }
  });
}

/** Each question as it counted, and the uncertain ones. */
function explainQuestions(states: QuestionState[]) {
  const questions: Result['explanations']['questions'] = {};
  const unknown: string[] = [];
  const unanswered: string[] = [];
  const notApplicable: Result['uncertainty']['notApplicable'] = [];
  for (const s of states) {
    const a = s.answer;
    const value = a?.kind === 'value' ? (Array.isArray(a.value) ? [...a.value] : (a.value as number | string | boolean)) : undefined;
    // Built field by field rather than with spreads: this runs for every question of every assessment.
    const question = s.question;
    const unitScore = s.score === null ? null : unit(s.score);
    const explained: Result['explanations']['questions'][string] =
      value !== undefined
        ? { principle: question.principle, level: question.level, type: question.type, weight: question.weight, status: s.status, value, score: unitScore }
        : { principle: question.principle, level: question.level, type: question.type, weight: question.weight, status: s.status, score: unitScore };
    if (s.reason !== undefined) explained.reason = s.reason;
    if (a?.note !== undefined) explained.note = a.note;
    questions[question.id] = explained;
    if (s.status === 'unknown') unknown.push(s.question.id);
    if (s.status === 'unanswered') unanswered.push(s.question.id);
    if (s.status === 'not-applicable') notApplicable.push({ question: s.question.id, reason: s.reason ?? '' });
  }
  return { questions, unknown, unanswered, notApplicable };
}

function explainCells(q: Questionnaire, levels: Questionnaire['levels'], actual: Ladder): Result['explanations']['cells'] {
  const cellExplanations: Result['explanations']['cells'] = {};
  for (const p of q.principles) {
    for (const level of levels) {
      const key = cellKey(p.id, level.rank);
      const c = actual.cells.get(key)!;
      cellExplanations[key] = {
        rule: cellRule(c),
        terms: c.terms.map((t) => ({ question: t.question, score: unit(t.score), weight: t.weight })),
        excluded: c.excluded,
        weightedSum: unit(c.weightedSum),
        totalWeight: round(c.totalWeight, 4),
        score: c.score === null ? null : unit(c.score),
        threshold: c.threshold,
        status: c.status,
      };
    }
  }
  return cellExplanations;
}

function explainPrinciples(q: Questionnaire, levels: Questionnaire['levels'], actual: Ladder): Result['explanations']['principles'] {
  const principleExplanations: Result['explanations']['principles'] = {};
  for (const p of q.principles) {
    // Plain loops: this runs for every principle of every assessment of a batch.
    const terms: { level: number; score: number; weight: number }[] = [];
    const steps: string[] = [];
    let weighted = 0;
    let total = 0;
    for (const l of levels) {
      const cell = actual.cells.get(cellKey(p.id, l.rank))!;
      if (cell.score !== null) {
        const term = { level: l.rank, score: unit(cell.score), weight: l.weight };
        terms.push(term);
        weighted += term.weight * term.score;
        total += term.weight;
      }
      steps.push(`${l.rank} ${cell.status === 'reached' ? '✓' : cell.status === 'below' ? '✗' : '–'}`);
    }
    const s = actual.principleScores.get(p.id)!;
    principleExplanations[p.id] = {
      level: `${steps.join(', ')} → ${actual.principleLevels.get(p.id)}`,
      score: s === null ? 'no applicable cell' : `100 × Σ(w·s)/Σw = 100 × ${fmt(weighted)}/${fmt(total)} = ${fmt(percent(s))}`,
      terms,
    };
  }
  return principleExplanations;
}

interface Lookups {
  scales: Map<string, Scale>;
  levels: Questionnaire['levels'];
  roles: Map<string, Questionnaire['roles'][number]>;
  recommendationCells: string[];
}
const lookupCache = new WeakMap<Questionnaire, Lookups>();
/** Scales and roles by id, levels by rank, each recommendation's cell: made once per questionnaire. */
function questionnaireLookups(q: Questionnaire): Lookups {
  let found = lookupCache.get(q);
  if (!found) {
    found = {
      scales: new Map<string, Scale>(q.scales.map((s) => [s.id, s])),
      levels: [...q.levels].sort((a, b) => a.rank - b.rank),
      roles: new Map(q.roles.map((r) => [r.id, r])),
      recommendationCells: q.recommendations.map((r) => cellKey(r.cell.principle, r.cell.level)),
    };
    lookupCache.set(q, found);
  }
  return found;
}

const principleOrders = new WeakMap<Questionnaire, Map<string, number>>();
function principleOrder(q: Questionnaire): Map<string, number> {
  let order = principleOrders.get(q);
  if (!order) {
    order = new Map(q.principles.map((p, i) => [p.id, i]));
    principleOrders.set(q, order);
  }
  return order;
}

/** The questionnaire's cells in order (principles, then levels), worked out once per questionnaire. */
const grids = new WeakMap<Questionnaire, { keys: string[]; index: Map<string, number>; cells: { principle: string; level: number; threshold: number }[] }>();
function cellGrid(q: Questionnaire, levels: Questionnaire['levels']) {
  let grid = grids.get(q);
  if (!grid) {
    const thresholds = new Map(q.cells.map((c) => [cellKey(c.principle, c.level), c.threshold]));
    grid = { keys: [], index: new Map(), cells: [] };
    for (const p of q.principles) {
      for (const l of levels) {
        const key = cellKey(p.id, l.rank);
        grid.index.set(key, grid.keys.length);
        grid.keys.push(key);
        grid.cells.push({ principle: p.id, level: l.rank, threshold: thresholds.get(key) ?? q.threshold });
      }
    }
    grids.set(q, grid);
  }
  return grid;
}

/** Cells, principle levels and scores; `confirmed` counts every unknown or unanswered question as fully in place. */
function ladder(q: Questionnaire, levels: Questionnaire['levels'], states: QuestionState[], confirmed: boolean): Ladder {
  // Sums first, then each cell built once with its final values: objects that change shape after they
  // are made (a 0 that becomes 2.5, a null that becomes a score) sent V8's optimised code back to the
  // interpreter again and again over a batch.
  const grid = cellGrid(q, levels);
  const n = grid.keys.length;
  const sums = new Float64Array(n);
  const cellWeights = new Float64Array(n);
  const uncertainCounts = new Int32Array(n);
  const terms: CellState['terms'][] = [];
  const excluded: CellState['excluded'][] = [];
  for (let i = 0; i < n; i++) {
    terms.push([]);
    excluded.push([]);
  }
  for (const s of states) {
    const i = grid.index.get(cellKey(s.question.principle, s.question.level));
    if (i === undefined) continue;
    if (s.score === null) {
      excluded[i]!.push({ question: s.question.id, status: s.status });
      continue;
    }
    const uncertain = s.status === 'unknown' || s.status === 'unanswered';
    const value = confirmed && uncertain ? 1 : s.score;
    terms[i]!.push({ question: s.question.id, score: value, weight: s.question.weight });
    sums[i]! += s.question.weight * value;
    cellWeights[i]! += s.question.weight;
    if (uncertain) uncertainCounts[i]! += 1;
  }
  const cells = new Map<string, CellState>();
  for (let i = 0; i < n; i++) {
    const { principle, level, threshold } = grid.cells[i]!;
    const totalWeight = cellWeights[i]!;
    const score = totalWeight > 0 ? Math.min(1, sums[i]! / totalWeight) : null;
    const status: CellStatus = score === null ? 'not-applicable' : score >= threshold - EPSILON ? 'reached' : 'below';
    cells.set(grid.keys[i]!, {
      principle,
      level,
      threshold,
      terms: terms[i]!,
      excluded: excluded[i]!,
      weightedSum: sums[i]!,
      totalWeight,
      score,
      status,
      uncertain: uncertainCounts[i]!,
    });
  }

  const principleLevels = new Map<string, number>();
  const principleScores = new Map<string, number | null>();
  for (const p of q.principles) {
    let level = 0;
    let sum = 0;
    let weights = 0;
    let climbing = true;
    for (const l of levels) {
      const cell = cells.get(cellKey(p.id, l.rank))!;
      if (climbing && cell.status !== 'below') level = l.rank;
      else climbing = false;
      if (cell.score !== null) {
        sum += l.weight * cell.score;
        weights += l.weight;
      }
    }
    principleLevels.set(p.id, level);
    principleScores.set(p.id, weights > 0 ? (100 * sum) / weights : null);
  }

  let overallLevel = Infinity;
  let sum = 0;
  let weights = 0;
  for (const p of q.principles) {
    overallLevel = Math.min(overallLevel, principleLevels.get(p.id)!);
    const s = principleScores.get(p.id)!;
    if (s !== null) {
      sum += p.weight * s;
      weights += p.weight;
    }
  }
  return {
    cells,
    principleLevels,
    principleScores,
    overallLevel: Number.isFinite(overallLevel) ? overallLevel : 0,
    overallScore: weights > 0 ? sum / weights : 0,
  };
}

function cellRule(c: CellState): string {
  if (c.score === null) return 'no applicable question → not applicable';
  const cmp = c.status === 'reached' ? '≥' : '<';
  return `Σ(w·s)/Σw = ${fmt(c.weightedSum)}/${fmt(c.totalWeight)} = ${fmt(unit(c.score))} ${cmp} ${fmt(c.threshold)}`;
}

/** Numbers in explanations: at most four decimals, no trailing zeros, no locale. */
function fmt(x: number): string {
  return String(round(x, 4));
}

export function codePointCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
