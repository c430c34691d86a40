import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { score, type Scored } from '../../scoring/index.js';
import type { Assessment } from '../../src/model/answers.js';
import { checkAnswers } from '../../src/model/check-answers.js';
import { ResultSchema } from '../../src/model/result.js';
import { present } from '../../src/report/labels.js';
import { assessmentArb, toAnswersFile } from '../helpers/arbitraries.js';
import { betterArb } from '../helpers/better.js';
import { sm, sm2, tiny } from '../helpers/load.js';

const RUNS = 300;
const options = { sha256: 'a'.repeat(64) };

function expectNotLower(after: Scored, before: Scored): void {
  expect(after.overall.score).toBeGreaterThanOrEqual(before.overall.score);
  expect(after.overall.level).toBeGreaterThanOrEqual(before.overall.level);
  expect(after.overall.practiceLevel).toBeGreaterThanOrEqual(before.overall.practiceLevel);
  expect(after.overall.levelRange.min).toBeGreaterThanOrEqual(before.overall.levelRange.min);
  // The range's top assumes the best of every uncertain answer; answering one may lower that bound, so
  // it must rise only when the uncertain questions stay the same.
  const uncertain = (r: Scored) => JSON.stringify([r.uncertainty.unknown, r.uncertainty.unanswered]);
  if (uncertain(after) === uncertain(before)) expect(after.overall.levelRange.max).toBeGreaterThanOrEqual(before.overall.levelRange.max);
  after.principles.forEach((p, i) => {
    const b = before.principles[i]!;
    expect(p.level).toBeGreaterThanOrEqual(b.level);
    if (b.score !== null) expect(p.score!).toBeGreaterThanOrEqual(b.score);
  });
  after.cells.forEach((c, i) => {
    const b = before.cells[i]!;
    if (b.score !== null) expect(c.score!).toBeGreaterThanOrEqual(b.score);
    if (b.status === 'reached') expect(c.status).toBe('reached');
  });
  after.levels.forEach((l, i) => {
    const b = before.levels[i]!;
    if (b.score !== null) expect(l.score!).toBeGreaterThanOrEqual(b.score);
  });
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

for (const [name, load] of [
  ['tiny', tiny],
  ['sm-maturity 1.0.0', sm],
  ['sm-maturity 2.0.0', sm2],
] as const) {
  describe(`scoring properties (${name})`, () => {
    const q = load().questionnaire;

    it('keeps every score in bounds and produces a result the schema accepts', () => {
      fc.assert(
        fc.property(assessmentArb(q), (a) => {
          const r = score(q, a, options);
          expect(ResultSchema.safeParse(present(r, q, 'fr')).success).toBe(true);
          for (const c of r.cells) if (c.score !== null) expect(c.score >= 0 && c.score <= 100).toBe(true);
          for (const p of r.principles) if (p.score !== null) expect(p.score >= 0 && p.score <= 100).toBe(true);
          expect(r.overall.score >= 0 && r.overall.score <= 100).toBe(true);
          expect(r.overall.level).toBeLessThanOrEqual(q.levels.length);
          expect(r.overall.levelRange.max).toBeGreaterThanOrEqual(r.overall.levelRange.min);
          expect(r.overall.levelRange.min).toBe(r.overall.practiceLevel);
          expect(r.overall.practiceLevel).toBeGreaterThanOrEqual(r.overall.level);
          expect(r.overall.uncertain).toBe(r.uncertainty.unknown.length + r.uncertainty.unanswered.length);
          expect(r.overall.level).toBe(Math.min(...r.principles.map((p) => p.level)));
          // The practice level: at least two thirds of the applicable principles (rounded up) reached it, and not one level more.
          const applicable = r.principles.filter((p) => p.score !== null);
          const quorum = Math.ceil((2 * applicable.length) / 3);
          if (applicable.length > 0) {
            expect(applicable.filter((p) => p.level >= r.overall.practiceLevel).length).toBeGreaterThanOrEqual(quorum);
            expect(applicable.filter((p) => p.level >= r.overall.practiceLevel + 1).length).toBeLessThan(quorum);
          }
          for (const s of r.strengths) expect(s.level).toBeGreaterThan(s.principleLevel);
          for (const g of r.gaps) expect(g.level).toBeLessThanOrEqual(r.overall.target);
        }),
        { numRuns: RUNS },
      );
    });

    it('never lowers a score or a level when answers get better (monotonic)', () => {
      fc.assert(
        fc.property(
          assessmentArb(q).chain((a) => betterArb(q, a).map((b) => [a, b] as const)),
          ([a, b]) => expectNotLower(score(q, b, options), score(q, a, options)),
        ),
        { numRuns: RUNS },
      );
    });

    it('gives the same output for the same input, byte for byte (deterministic)', () => {
      fc.assert(
        fc.property(assessmentArb(q), (a) => {
          const first = JSON.stringify(score(q, a, options));
          const copy = JSON.parse(JSON.stringify(a)) as Assessment;
          expect(JSON.stringify(score(q, copy, options))).toBe(first);
        }),
        { numRuns: RUNS },
      );
    });

    it('does not depend on the order of answers, context keys or chosen options in the file', () => {
      fc.assert(
        fc.property(assessmentArb(q), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (a, seed) => {
          const file = toAnswersFile(q, a);
          const reordered = {
            ...file,
            context: Object.fromEntries(
              shuffled(Object.entries(file.context ?? {}), seed).map(([k, v]) => [k, typeof v === 'string' ? v : shuffled(v, seed + 1)]),
            ),
            answers: Object.fromEntries(shuffled(Object.entries(file.answers), seed).map(([k, v]) => [k, Array.isArray(v) ? shuffled(v, seed + 2) : v])),
          };
          const one = checkAnswers(q, file, `${q.id}@${q.version}`, 'en');
          const two = checkAnswers(q, reordered, `${q.id}@${q.version}`, 'en');
          expect(one.problems).toEqual([]);
          expect(two.problems).toEqual([]);
          expect(JSON.stringify(score(q, two.assessment, options))).toBe(JSON.stringify(score(q, one.assessment, options)));
        }),
        { numRuns: RUNS },
      );
    });
  });
}
