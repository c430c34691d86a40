import type { ContextQuestion, Level, Principle, Question, Questionnaire, Recommendation, Role, Scale, Source } from '../src/model/questionnaire.js';
import type { Context } from '../src/model/answers.js';
import { HORIZONS, type Horizon, type LocalText } from '../src/model/common.js';
import { holds } from './conditions.js';

/*
 * A questionnaire indexed once, when it is loaded: ids, the cell grid, scales, roles, orders. Every rule
 * that scoring, the interview, lint and the report share about a questionnaire is written here, once.
 */

/** The context question whose options name the usages of level-3 questions. */
export const USAGE_CONTEXT = 'objectives';

export interface CellSpec {
  key: string;
  principle: string;
  level: number;
  /** 0–1, as the questionnaire writes it. */
  threshold: number;
  /** Position in `cells` (principles, then levels). */
  index: number;
  questions: readonly Question[];
}

export interface ScaleSpec {
  scale: Scale;
  values: readonly number[];
  min: number;
  max: number;
}

export interface Indexed {
  questionnaire: Questionnaire;
  questions: ReadonlyMap<string, Question>;
  contexts: ReadonlyMap<string, ContextQuestion>;
  scales: ReadonlyMap<string, ScaleSpec>;
  /** Levels by rank, lowest first. */
  levels: readonly Level[];
  levelByRank: ReadonlyMap<number, Level>;
  topLevel: number;
  principles: readonly Principle[];
  principleIndex: ReadonlyMap<string, number>;
  roles: ReadonlyMap<string, Role>;
  sources: ReadonlyMap<string, Source>;
  /** Every cell, principles then levels. */
  cells: readonly CellSpec[];
  cellByKey: ReadonlyMap<string, CellSpec>;
  /** A principle's questions, by level then as written. */
  questionsByPrinciple: ReadonlyMap<string, readonly Question[]>;
  /** The order the interview asks in: principles, then levels, then as written. */
  interviewOrder: readonly Question[];
  /** Each recommendation with its cell's key, in the questionnaire's order. */
  recommendations: readonly { recommendation: Recommendation; cellKey: string; order: number }[];
  /** Who may answer, and who of them speaks for management: the questionnaire's (format 2), else the default list. */
  respondents: readonly RespondentRole[];
  /** The questionnaire declares its respondent roles (format 2): they alone decide the views. */
  declaredRespondents: boolean;
  /** Questions with wordings chosen by the context (format 2). */
  worded: readonly Question[];
}

export interface RespondentRole {
  id: string;
  /** The questionnaire's words for it (format 2); a format-1 questionnaire's come from the tool's catalogue. */
  label?: LocalText;
  management: boolean;
}

/** The respondent roles of a format-1 questionnaire (the interview's list before format 2). */
export const DEFAULT_RESPONDENTS: readonly RespondentRole[] = [
  { id: 'direction', management: true },
  { id: 'communication', management: false },
  { id: 'marketing', management: false },
  { id: 'community-manager', management: false },
  { id: 'it', management: false },
  { id: 'hr', management: false },
  { id: 'staff', management: false },
  { id: 'other', management: false },
];

/** The respondent roles of a format-2 questionnaire that declares none: no topic's jobs, only who speaks for management. */
export const GENERIC_RESPONDENTS: readonly RespondentRole[] = [
  { id: 'direction', management: true },
  { id: 'staff', management: false },
  { id: 'other', management: false },
];

export function cellKey(principle: string, level: number): string {
  return `${principle}.${level}`;
}

const cache = new WeakMap<Questionnaire, Indexed>();

/** The questionnaire's index, made the first time it is asked for and kept as long as the questionnaire. */
export function indexed(q: Questionnaire): Indexed {
  let ix = cache.get(q);
  if (!ix) {
    ix = build(q);
    cache.set(q, ix);
  }
  return ix;
}

function build(q: Questionnaire): Indexed {
  const levels = [...q.levels].sort((a, b) => a.rank - b.rank);
  const principleIndex = new Map(q.principles.map((p, i) => [p.id, i]));
  const thresholds = new Map(q.cells.map((c) => [cellKey(c.principle, c.level), c.threshold]));
  const byCell = new Map<string, Question[]>();
  for (const x of q.questions) {
    const key = cellKey(x.principle, x.level);
    const list = byCell.get(key);
    if (list) list.push(x);
    else byCell.set(key, [x]);
  }
  const cells: CellSpec[] = [];
  for (const p of q.principles) {
    for (const l of levels) {
      const key = cellKey(p.id, l.rank);
      cells.push({ key, principle: p.id, level: l.rank, threshold: thresholds.get(key) ?? q.threshold, index: cells.length, questions: byCell.get(key) ?? [] });
    }
  }
  const levelOrder = new Map(levels.map((l, i) => [l.rank, i]));
  const order = q.questions
    .map((x, i) => ({ x, i }))
    .sort(
      (a, b) =>
        (principleIndex.get(a.x.principle) ?? 0) - (principleIndex.get(b.x.principle) ?? 0) ||
        (levelOrder.get(a.x.level) ?? 0) - (levelOrder.get(b.x.level) ?? 0) ||
        a.i - b.i,
    )
    .map(({ x }) => x);
  const scales = new Map<string, ScaleSpec>();
  for (const scale of q.scales) {
    const values = scale.values.map((v) => v.value);
    scales.set(scale.id, { scale, values, min: Math.min(...values), max: Math.max(...values) });
  }
  return {
    questionnaire: q,
    questions: new Map(q.questions.map((x) => [x.id, x])),
    contexts: new Map(q.context.map((c) => [c.id, c])),
    scales,
    levels,
    levelByRank: new Map(levels.map((l) => [l.rank, l])),
    topLevel: levels.length > 0 ? levels[levels.length - 1]!.rank : 0,
    principles: q.principles,
    principleIndex,
    roles: new Map(q.roles.map((r) => [r.id, r])),
    sources: new Map(q.sources.map((s) => [s.id, s])),
    cells,
    cellByKey: new Map(cells.map((c) => [c.key, c])),
    questionsByPrinciple: new Map(q.principles.map((p) => [p.id, order.filter((x) => x.principle === p.id)])),
    interviewOrder: order,
    declaredRespondents: q.respondents !== undefined,
    worded: q.questions.filter((x) => x.wording !== undefined && x.wording.length > 0),
    respondents:
      q.respondents?.map((r) => ({ id: r.id, label: r.label, management: r.management === true })) ??
      (q.format === 2 ? GENERIC_RESPONDENTS : DEFAULT_RESPONDENTS),
    recommendations: q.recommendations.map((recommendation, i) => ({
      recommendation,
      cellKey: cellKey(recommendation.cell.principle, recommendation.cell.level),
      order: i,
    })),
  };
}

/**
 * Whether a question is put to this organisation: `hidden` by its skip rule (only the context may hide
 * a question, so that better answers never change what is scored), `not-aimed` when its usage is not
 * among the declared objectives, else `asked`.
 */
export type Visibility = 'asked' | 'hidden' | 'not-aimed';

export function visibility(question: Question, context: Context): Visibility {
  if (question.showIf && !holds(question.showIf, { context, answers: {} })) return 'hidden';
  if (question.usage !== undefined) {
    const objectives = context[USAGE_CONTEXT];
    if (objectives !== undefined && !(typeof objectives === 'string' ? objectives === question.usage : objectives.includes(question.usage))) {
      return 'not-aimed';
    }
  }
  return 'asked';
}

/** The scored questions this organisation is asked, in interview order. */
export function askedQuestions(ix: Indexed, context: Context): Question[] {
  return ix.interviewOrder.filter((x) => visibility(x, context) === 'asked');
}

/**
 * Which side a respondent speaks for. A questionnaire that declares its respondent roles (format 2)
 * decides: a declared role (by id, or by its label in any locale, as spreadsheets write it) is
 * management or staff as declared, any other role counts in no view. Without declared roles (format 1),
 * roles are free text read as they always were: words of leadership mean management, any other role staff.
 */
export function viewOfRole(ix: Indexed, role: string | undefined): 'management' | 'staff' | undefined {
  if (role === undefined || role === '') return undefined;
  if (!ix.declaredRespondents) return LEADERSHIP.test(role) ? 'management' : 'staff';
  const wanted = role.trim().toLowerCase();
  const found = ix.respondents.find(
    (r) => r.id === wanted || (r.label !== undefined && Object.values(r.label).some((l) => l?.trim().toLowerCase() === wanted)),
  );
  return found ? (found.management ? 'management' : 'staff') : undefined;
}

/** Format 1's reading of a free-text role (kept as it was, so that format-1 results do not change). */
const LEADERSHIP = /direct|dirig|manag|board|ceo|\bdg\b|pr[ée]sid|head|chef|responsable|executive|exécutif/i;

/** Horizons, soonest first. */
export function horizonRank(h: Horizon): number {
  return HORIZONS.indexOf(h);
}
