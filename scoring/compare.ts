import type { Result } from '../src/model/result.js';

export const COMPARE_FORMAT = 'sm-diagnostic/compare@1';

export interface Move {
  before: number | null;
  after: number | null;
  delta: number | null;
}

export interface Comparison {
  format: typeof COMPARE_FORMAT;
  organisation: Result['organisation'];
  before: { date: string; questionnaire: string };
  after: { date: string; questionnaire: string };
  overall: { level: Move; score: Move; target: Move; levelIfConfirmed: Move };
  principles: { id: string; level: Move; score: Move }[];
  cells: { principle: string; level: number; score: Move; before: string; after: string }[];
  gapsClosed: { principle: string; level: number }[];
  gapsOpened: { principle: string; level: number }[];
  nextStepsDone: { id: string; title: string }[];
  nextStepsNew: { id: string; title: string }[];
  strengthsNew: { principle: string; level: number }[];
}

function move(before: number | null | undefined, after: number | null | undefined, digits: number): Move {
  const b = before ?? null;
  const a = after ?? null;
  const f = 10 ** digits;
  return { before: b, after: a, delta: a !== null && b !== null ? Math.round((a - b) * f) / f : null };
}

const key = (x: { principle: string; level: number }) => `${x.principle}.${x.level}`;

/** Progress between two assessments of one organisation: what moved, what closed, what opened. */
export function compareResults(before: Result, after: Result): Comparison {
  const cellsBefore = new Map(before.cells.map((c) => [key(c), c]));
  const gapsBefore = new Set(before.gaps.map(key));
  const gapsAfter = new Set(after.gaps.map(key));
  const stepsAfter = new Set(after.nextSteps.map((s) => s.id));
  const stepsBefore = new Set(before.nextSteps.map((s) => s.id));
  const strengthsBefore = new Set(before.strengths.map(key));
  return {
    format: COMPARE_FORMAT,
    organisation: after.organisation,
    before: { date: before.date, questionnaire: `${before.questionnaire.id}@${before.questionnaire.version}` },
    after: { date: after.date, questionnaire: `${after.questionnaire.id}@${after.questionnaire.version}` },
    overall: {
      level: move(before.overall.level, after.overall.level, 0),
      score: move(before.overall.score, after.overall.score, 1),
      target: move(before.overall.target, after.overall.target, 0),
      levelIfConfirmed: move(before.overall.levelIfConfirmed, after.overall.levelIfConfirmed, 0),
    },
    principles: after.principles.map((p) => {
      const b = before.principles.find((x) => x.id === p.id);
      return { id: p.id, level: move(b?.level, p.level, 0), score: move(b?.score, p.score, 1) };
    }),
    cells: after.cells
      .map((c) => {
        const b = cellsBefore.get(key(c));
        return { principle: c.principle, level: c.level, score: move(b?.score, c.score, 4), before: b?.status ?? 'not-applicable', after: c.status };
      })
      .filter((c) => c.score.delta !== 0 || c.before !== c.after),
    gapsClosed: before.gaps.filter((g) => !gapsAfter.has(key(g))).map((g) => ({ principle: g.principle, level: g.level })),
    gapsOpened: after.gaps.filter((g) => !gapsBefore.has(key(g))).map((g) => ({ principle: g.principle, level: g.level })),
    nextStepsDone: before.nextSteps.filter((s) => !stepsAfter.has(s.id)).map((s) => ({ id: s.id, title: s.title })),
    nextStepsNew: after.nextSteps.filter((s) => !stepsBefore.has(s.id)).map((s) => ({ id: s.id, title: s.title })),
    strengthsNew: after.strengths.filter((s) => !strengthsBefore.has(key(s))).map((s) => ({ principle: s.principle, level: s.level })),
  };
}
