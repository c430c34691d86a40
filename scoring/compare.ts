import type { Result } from '../src/model/result.js';
import { round } from './score.js';

export const COMPARE_FORMAT = 'sm-diagnostic/compare@2';

/** What a comparison reads of a result: a result@2 has it, and an older result is read into it. */
export interface Comparable {
  organisation: Result['organisation'];
  date: string;
  questionnaire: { id: string; version: string };
  context: Result['context'];
  overall: Pick<Result['overall'], 'level' | 'practiceLevel' | 'score' | 'target'>;
  principles: readonly { id: string; level: number; score: number | null }[];
  cells: readonly { principle: string; level: number; score: number | null; status: Result['cells'][number]['status'] }[];
  gaps: readonly { principle: string; level: number }[];
  nextSteps: readonly { id: string }[];
  strengths: readonly { principle: string; level: number }[];
}

export interface Move {
  before: number | null;
  after: number | null;
  delta: number | null;
}

type CellRef = { principle: string; level: number };

export interface Comparison {
  format: typeof COMPARE_FORMAT;
  organisation: Result['organisation'];
  before: { date: string; questionnaire: string };
  after: { date: string; questionnaire: string };
  overall: { level: Move; practiceLevel: Move; score: Move; target: Move };
  principles: { id: string; level: Move; score: Move }[];
  cells: { principle: string; level: number; score: Move; before: string; after: string }[];
  gapsClosed: CellRef[];
  gapsOpened: CellRef[];
  /** Recommendation ids of the steps no longer needed, and of the new ones. */
  nextStepsDone: string[];
  nextStepsNew: string[];
  strengthsNew: CellRef[];
  /** Context answers that differ: what the organisation declared of itself changed between the two. */
  contextChanges: { id: string; before: string | string[] | null; after: string | string[] | null }[];
}

function move(before: number | null | undefined, after: number | null | undefined): Move {
  const b = before ?? null;
  const a = after ?? null;
  return { before: b, after: a, delta: a !== null && b !== null ? round(a - b) : null };
}

const key = (x: CellRef) => `${x.principle}.${x.level}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Progress between two assessments of one organisation: what moved, what closed, what opened. */
export function compareResults(before: Comparable, after: Comparable): Comparison {
  const cellsBefore = new Map(before.cells.map((c) => [key(c), c]));
  const gapsBefore = new Set(before.gaps.map(key));
  const gapsAfter = new Set(after.gaps.map(key));
  const stepsAfter = new Set(after.nextSteps.map((s) => s.id));
  const stepsBefore = new Set(before.nextSteps.map((s) => s.id));
  const strengthsBefore = new Set(before.strengths.map(key));
  const contextIds = [...new Set([...Object.keys(before.context), ...Object.keys(after.context)])].sort();
  return {
    format: COMPARE_FORMAT,
    organisation: after.organisation,
    before: { date: before.date, questionnaire: `${before.questionnaire.id}@${before.questionnaire.version}` },
    after: { date: after.date, questionnaire: `${after.questionnaire.id}@${after.questionnaire.version}` },
    overall: {
      level: move(before.overall.level, after.overall.level),
      practiceLevel: move(before.overall.practiceLevel, after.overall.practiceLevel),
      score: move(before.overall.score, after.overall.score),
      target: move(before.overall.target, after.overall.target),
    },
    principles: after.principles.map((p) => {
      const b = before.principles.find((x) => x.id === p.id);
      return { id: p.id, level: move(b?.level, p.level), score: move(b?.score, p.score) };
    }),
    cells: after.cells
      .map((c) => {
        const b = cellsBefore.get(key(c));
        return { principle: c.principle, level: c.level, score: move(b?.score, c.score), before: b?.status ?? 'not-applicable', after: c.status };
      })
      .filter((c) => c.score.delta !== 0 || c.before !== c.after),
    gapsClosed: before.gaps.filter((g) => !gapsAfter.has(key(g))).map((g) => ({ principle: g.principle, level: g.level })),
    gapsOpened: after.gaps.filter((g) => !gapsBefore.has(key(g))).map((g) => ({ principle: g.principle, level: g.level })),
    nextStepsDone: before.nextSteps.filter((s) => !stepsAfter.has(s.id)).map((s) => s.id),
    nextStepsNew: after.nextSteps.filter((s) => !stepsBefore.has(s.id)).map((s) => s.id),
    strengthsNew: after.strengths.filter((s) => !strengthsBefore.has(key(s))).map((s) => ({ principle: s.principle, level: s.level })),
    contextChanges: contextIds
      .filter((id) => !same(before.context[id], after.context[id]))
      .map((id) => ({ id, before: copy(before.context[id]), after: copy(after.context[id]) })),
  };
}

function copy(v: string | readonly string[] | undefined): string | string[] | null {
  return v === undefined ? null : typeof v === 'string' ? v : [...v];
}
