import { describe, expect, it } from 'vitest';
import { score } from '../../scoring/index.js';
import { present } from '../../src/report/labels.js';
import type { Assessment } from '../../src/model/answers.js';
import { tiny } from '../helpers/load.js';

/*
 * The tiny questionnaire (test/fixtures/questionnaires/tiny/1.0.0.yaml), worked out by hand.
 *
 * Principles alpha (weight 1) and beta (weight 2); levels 1 and 2 (weight 1 each); threshold 0.6.
 *
 * Answers (context: size large, objectives [a]):
 *   alpha.q1  L1 scale 0–4, w1      4            → 4/4                       = 1
 *   alpha.q2  L1 single, w2         some         → option score              = 0.5
 *   alpha.q3  L2 number 0→50, w1    30           → (30-0)/(50-0)             = 0.6
 *   alpha.q4  L2 boolean, usage b   yes          → b not among objectives    → not applicable, left out
 *   beta.q1   L1 multiple, w1       [z, x]       → 0.25 + 0.5                = 0.75
 *   beta.q2   L1 scale, shown if large  unknown  → counts 0, uncertain
 *   beta.q3   L2 scale, w1          4            → 1
 *   beta.q4   L2 boolean, w3        yes          → 1
 *
 * Cells (weighted mean of applicable answers, out of 100):
 *   alpha.1 = (1·1 + 2·0.5) / (1+2) = 2/3  = 66.67  ≥ 60 reached
 *   alpha.2 = (1·0.6) / 1            = 0.6  = 60     ≥ 60 reached
 *   beta.1  = (1·0.75 + 1·0) / 2     = 0.375 = 37.5  < 60 below
 *   beta.2  = (1·1 + 3·1) / 4        = 1    = 100    ≥ 60 reached
 *
 * Principle levels (staged): alpha 1 ✓ 2 ✓ → 2; beta 1 ✗ → 0 (its level-2 cell is a strength ahead).
 * Principle scores = 100 × mean of cell scores:
 *   alpha = 100 × (0.6667 + 0.6)/2 = 63.333 → 63.33;   beta = 100 × (0.375 + 1)/2 = 68.75
 * Consolidated level = min(2, 0) = 0, held back by beta.
 * Practice level: both principles are applicable; two thirds of 2 rounded up is 2, so the level both
 *   reached: min(2, 0) = 0. If beta.q2 were confirmed (→ 1): beta.1 = (0.75 + 1)/2 = 0.875 reached →
 *   beta 2, practice level 2: the range is 0 to 2, with 1 answer to confirm.
 * Overall score = (1·63.333 + 2·68.75) / 3 = 200.833/3 = 66.944 → 66.94
 * Level scores (principle-weighted mean of the level's cells):
 *   level 1 = (1·0.6667 + 2·0.375)/3 = 0.4722 → 47.22;   level 2 = (1·0.6 + 2·1)/3 = 0.8667 → 86.67
 * Ambition: rule small-org needs size small → no; default 2. Target (model 2): the ambition, at most one
 *   level above the practice level: min(2, 0 + 1) = 1.
 * Gaps (below, level ≤ 1): beta.1 only, missing 60 − 37.5 = 22.5.
 * Weak answers (below the threshold 0.6, or unknown): alpha.q2 (0.5, deficit 0.1, weight 2) and beta.q2
 *   (unknown, deficit 0.6, weight 1). One uncertain answer: no confirm step (it takes five).
 * Recommendations (format 1: an action is tied to its cell's questions, or to those a trigger-answers rule
 *   names); urgency = Σ deficit × weight × level factor ÷ effort (low 1, medium 2, high 3), the level
 *   factor being target − level + 2 for a gap, 1 for consolidation, 0.5 for the next level:
 *   beta.later     beta.1 below (gap), beta.q2 weak: 0.6 × 1 × 2 ÷ 1              = 1.2
 *   beta.basics    beta.1 below (gap), beta.q2 weak: 0.6 × 1 × 2 ÷ 2              = 0.6
 *   alpha.basics   alpha.1 reached (consolidate), alpha.q2 weak: 0.1 × 2 × 1 ÷ 1  = 0.2
 *   beta.risk      level 2 = target + 1 (next level), its rule names alpha.q2 (weak): 0.1 × 2 × 0.5 ÷ 3 = 0.0333
 *   alpha.advanced its rule (alpha.q3 < 10) does not hold → no step
 * Horizons: no capacity question, so two steps fit in the first horizon: beta.later (0–3) and
 *   alpha.basics (0–3) take them; beta.basics is 3–6 of its own; beta.risk (0–3) moves to 3–6.
 *   The roadmap lists them soonest first: beta.later, alpha.basics, beta.basics, beta.risk.
 * Warnings: c1 (beta.q4 yes and alpha.q3 < 50) holds.
 */

const base: Assessment = {
  questionnaire: { id: 'tiny', version: '1.0.0' },
  organisation: { name: 'Hand-worked example' },
  date: '2026-11-23',
  context: { size: 'large', objectives: ['a'] },
  answers: {
    'alpha.q1': { kind: 'value', value: 4 },
    'alpha.q2': { kind: 'value', value: 'some' },
    'alpha.q3': { kind: 'value', value: 30 },
    'alpha.q4': { kind: 'value', value: true },
    'beta.q1': { kind: 'value', value: ['x', 'z'] },
    'beta.q2': { kind: 'unknown' },
    'beta.q3': { kind: 'value', value: 4 },
    'beta.q4': { kind: 'value', value: true, note: 'checked in the minutes' },
  },
};

const options = { sha256: '0'.repeat(64) };

describe('the tiny questionnaire, worked out by hand', () => {
  const { questionnaire } = tiny();
  const result = score(questionnaire, base, { ...options, explain: true });
  const cell = (principle: string, level: number) => result.cells.find((c) => c.principle === principle && c.level === level)!;

  it('scores each cell as the weighted mean of its applicable answers, out of 100', () => {
    expect(cell('alpha', 1)).toMatchObject({ score: 66.67, threshold: 60, status: 'reached', questions: 2, uncertain: 0 });
    expect(cell('alpha', 2)).toMatchObject({ score: 60, status: 'reached', questions: 1 });
    expect(cell('beta', 1)).toMatchObject({ score: 37.5, status: 'below', questions: 2, uncertain: 1 });
    expect(cell('beta', 2)).toMatchObject({ score: 100, status: 'reached', questions: 2 });
  });

  it('leaves out a level-3-style usage question when its usage is not among the objectives', () => {
    expect(result.answers.find((a) => a.question === 'alpha.q4')).toEqual({
      question: 'alpha.q4',
      status: 'not-applicable',
      value: true,
      score: null,
      cause: 'objectives',
    });
    expect(result.uncertainty.notApplicable).toEqual(['alpha.q4']);
  });

  it('stages principle levels and keeps principle scores continuous', () => {
    expect(result.principles).toEqual([
      { id: 'alpha', level: 2, score: 63.33 },
      { id: 'beta', level: 0, score: 68.75 },
    ]);
  });

  it('gives the consolidated and the practice level, the range the uncertain answer allows, and what holds it back', () => {
    expect(result.overall).toEqual({
      level: 0,
      practiceLevel: 0,
      target: 1,
      ambition: 2,
      targetSource: 'default',
      score: 66.94,
      levelRange: { min: 0, max: 2 },
      uncertain: 1,
      heldBackBy: ['beta'],
    });
  });

  it('scores each level as the principle-weighted mean of its cells', () => {
    expect(result.levels).toEqual([
      { level: 1, id: 'basic', score: 47.22 },
      { level: 2, id: 'advanced', score: 86.67 },
    ]);
  });

  it('names a cell reached above its principle level as a strength', () => {
    expect(result.strengths).toEqual([{ principle: 'beta', level: 2, score: 100, principleLevel: 0 }]);
  });

  it('ranks the gaps up to the target level', () => {
    expect(result.gaps).toEqual([{ position: 1, principle: 'beta', level: 1, score: 37.5, threshold: 60, missing: 22.5, weakest: ['beta.q2', 'beta.q1'] }]);
  });

  it('chooses and orders next steps from weak answers, as ids', () => {
    expect(result.blockers).toEqual([]);
    expect(result.nextSteps.map((s) => [s.position, s.id, s.kind, s.horizon, s.because, s.variant])).toEqual([
      [1, 'beta.later', 'gap', '0-3', ['beta.q2'], null],
      [2, 'alpha.basics', 'consolidate', '0-3', ['alpha.q2'], null],
      [3, 'beta.basics', 'gap', '3-6', ['beta.q2'], null],
      [4, 'beta.risk', 'next-level', '3-6', ['alpha.q2'], null],
    ]);
    expect(result.otherSteps).toEqual([]);
    expect(result.nextSteps[3]).toEqual({
      position: 4,
      kind: 'next-level',
      id: 'beta.risk',
      principle: 'beta',
      level: 2,
      horizon: '3-6',
      effort: 'high',
      owner: 'owner',
      actions: ['beta.risk#1'],
      because: ['alpha.q2'],
      variant: null,
      sources: ['test-source'],
    });
    expect(result.explanations!.steps.map((s) => [s.id, s.trigger, s.urgency])).toEqual([
      ['beta.later', 'gap', 1.2],
      ['alpha.basics', 'consolidate', 0.2],
      ['beta.basics', 'gap', 0.6],
      ['beta.risk', 'next-level', 0.0333],
    ]);
    const labels = present(result, questionnaire, 'en').labels;
    expect([labels['recommendation:beta.risk'], labels['action:beta.risk#1'], labels['role:owner']]).toEqual([{ title: 'Beta risk' }, 'Do D.', 'Owner']);
  });

  it('reports contradictory answers as warnings', () => {
    expect(result.warnings).toEqual([{ id: 'c1', kind: 'contradiction', questions: ['beta.q4', 'alpha.q3'] }]);
    expect(present(result, questionnaire, 'en').labels['warning:c1']).toBe('Test contradiction.');
  });

  it('explains every number with the terms that produced it', () => {
    const e = result.explanations!;
    expect(e.cells[0]).toEqual({
      principle: 'alpha',
      level: 1,
      terms: [
        { question: 'alpha.q1', score: 100, weight: 1 },
        { question: 'alpha.q2', score: 50, weight: 2 },
      ],
      excluded: [],
      weightedSum: 200,
      totalWeight: 3,
      score: 66.67,
      threshold: 60,
      status: 'reached',
    });
    expect(e.cells[1]!.excluded).toEqual([{ question: 'alpha.q4', status: 'not-applicable' }]);
    expect(e.principles[1]).toEqual({
      id: 'beta',
      steps: [
        { level: 1, status: 'below' },
        { level: 2, status: 'reached' },
      ],
      level: 0,
      terms: [
        { level: 1, score: 37.5, weight: 1 },
        { level: 2, score: 100, weight: 1 },
      ],
      score: 68.75,
    });
    expect(e.overall).toEqual({
      level: {
        principles: [
          { id: 'alpha', level: 2 },
          { id: 'beta', level: 0 },
        ],
      },
      practiceLevel: { needed: 2, applicable: 2 },
      score: {
        terms: [
          { principle: 'alpha', score: 63.33, weight: 1 },
          { principle: 'beta', score: 68.75, weight: 2 },
        ],
      },
    });
    expect(e.levelRange.assumed).toEqual(['beta.q2']);
  });

  it('writes the explanations only when asked', () => {
    expect(score(questionnaire, base, options).explanations).toBeUndefined();
  });

  it('hides a question whose context condition fails, and leaves it out of its cell', () => {
    const small = score(questionnaire, { ...base, context: { size: 'small', objectives: ['a'] } }, options);
    // beta.q2 is hidden: beta.1 = 0.75/1 = 75 reached; the small-org rule sets the target to 1.
    expect(small.answers.find((a) => a.question === 'beta.q2')).toEqual({ question: 'beta.q2', status: 'hidden', score: null });
    expect(small.cells.find((c) => c.principle === 'beta' && c.level === 1)).toMatchObject({ score: 75, status: 'reached' });
    expect(small.overall).toMatchObject({ target: 1, ambition: 1, targetSource: 'rule', ambitionRule: 'small-org', level: 2, practiceLevel: 2 });
    // At its target, the roadmap consolidates the weak answers of reached cells (alpha.q2, 0.5, in alpha.1)
    // and offers the next level's step whose rule names a weak answer (beta.risk, alpha.q2).
    expect(small.nextSteps.map((s) => [s.id, s.kind])).toEqual([
      ['alpha.basics', 'consolidate'],
      ['beta.risk', 'next-level'],
    ]);
    expect(present(small, questionnaire, 'en').labels['rule:small-org']).toBe('Small organisation.');
    expect(small.gaps).toEqual([]);
  });

  it('counts a missing answer as unanswered, scored like "don\'t know"', () => {
    const { 'beta.q4': _, ...rest } = base.answers;
    const r = score(questionnaire, { ...base, answers: rest }, options);
    // beta.2 = (1·1 + 3·0)/4 = 25 below
    expect(r.uncertainty.unanswered).toEqual(['beta.q4']);
    expect(r.overall.uncertain).toBe(2);
    expect(r.cells.find((c) => c.principle === 'beta' && c.level === 2)).toMatchObject({ score: 25, status: 'below', uncertain: 1 });
  });

  it('marks a cell whose every question is left out as not applicable, without blocking the ladder', () => {
    const r = score(
      questionnaire,
      { ...base, answers: { ...base.answers, 'beta.q1': { kind: 'na', reason: 'no such thing here' }, 'beta.q2': { kind: 'na', reason: 'idem' } } },
      options,
    );
    expect(r.cells.find((c) => c.principle === 'beta' && c.level === 1)).toMatchObject({ score: null, status: 'not-applicable' });
    expect(r.principles.find((p) => p.id === 'beta')).toMatchObject({ level: 2, score: 100 });
    expect(r.answers.find((a) => a.question === 'beta.q1')).toEqual({
      question: 'beta.q1',
      status: 'not-applicable',
      score: null,
      cause: 'answer',
      reason: 'no such thing here',
    });
  });

  it('lets --target override the rules and the cap, and keeps the ambition', () => {
    const r = score(questionnaire, base, { ...options, target: 2 });
    expect(r.overall).toMatchObject({ target: 2, ambition: 2, targetSource: 'option' });
    // beta.2 is now within the target and reached: beta.risk consolidates it.
    expect(r.nextSteps.map((s) => [s.id, s.kind])).toEqual([
      ['beta.later', 'gap'],
      ['alpha.basics', 'consolidate'],
      ['beta.basics', 'gap'],
      ['beta.risk', 'consolidate'],
    ]);
  });

  it('words a next step from the answers when a variant holds', () => {
    const r = score(questionnaire, { ...base, answers: { ...base.answers, 'beta.q1': { kind: 'value', value: ['none'] } } }, options);
    const step = r.nextSteps.find((s) => s.id === 'beta.basics')!;
    expect([step.because, step.variant]).toEqual([['beta.q1', 'beta.q2'], 0]);
    expect(present(r, questionnaire, 'en').labels['recommendation:beta.basics']).toMatchObject({ title: 'Start beta' });
  });
});
