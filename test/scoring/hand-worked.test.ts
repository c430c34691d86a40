import { describe, expect, it } from 'vitest';
import { score } from '../../scoring/index.js';
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
 * Cells (weighted mean of applicable answers):
 *   alpha.1 = (1·1 + 2·0.5) / (1+2) = 2/3  = 0.6667  ≥ 0.6 reached
 *   alpha.2 = (1·0.6) / 1            = 0.6     ≥ 0.6 reached
 *   beta.1  = (1·0.75 + 1·0) / 2     = 0.375   < 0.6 below
 *   beta.2  = (1·1 + 3·1) / 4        = 1       ≥ 0.6 reached
 *
 * Principle levels (staged): alpha 1 ✓ 2 ✓ → 2; beta 1 ✗ → 0 (its level-2 cell is a strength ahead).
 * Principle scores = 100 × mean of cell scores:
 *   alpha = 100 × (0.6667 + 0.6)/2 = 63.33 → 63.3;   beta = 100 × (0.375 + 1)/2 = 68.75 → 68.8
 * Overall level = min(2, 0) = 0, held back by beta.
 * Overall score = (1·63.333 + 2·68.75) / 3 = 200.833/3 = 66.94 → 66.9
 * Level scores (principle-weighted mean of the level's cells):
 *   level 1 = (1·0.6667 + 2·0.375)/3 = 0.4722 → 47.2;   level 2 = (1·0.6 + 2·1)/3 = 0.8667 → 86.7
 * Target: rule small-org needs size small → no; default 2.
 * Gaps (below, level ≤ 2): beta.1 only, missing 0.6 − 0.375 = 0.225.
 * If confirmed (beta.q2 → 1): beta.1 = (0.75 + 1)/2 = 0.875 reached → beta 2, overall min(2, 2) = 2;
 *   beta score = 100 × (0.875 + 1)/2 = 93.75; overall = (63.333 + 2·93.75)/3 = 83.61 → 83.6
 * Next steps (gap cells, or trigger "answers" up to the target), ordered by level, principle, gap first,
 * horizon, file order:
 *   alpha.basics  alpha.1 not a gap → no;  alpha.advanced  alpha.2 not a gap → no
 *   beta.later    beta.1 gap, beta.q2 unknown (known: false holds), 0–3  → 1st
 *   beta.basics   beta.1 gap, variant (beta.q1 includes none) does not hold, 3–6 → 2nd
 *   beta.risk     beta.2, trigger answers, alpha.q2 is some, level 2 ≤ target → 3rd
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

const options = { sha256: '0'.repeat(64), lang: 'en' as const };

describe('the tiny questionnaire, worked out by hand', () => {
  const { questionnaire } = tiny();
  const result = score(questionnaire, base, options);
  const cell = (principle: string, level: number) => result.cells.find((c) => c.principle === principle && c.level === level)!;

  it('scores each cell as the weighted mean of its applicable answers', () => {
    expect(cell('alpha', 1)).toMatchObject({ score: 0.6667, status: 'reached', questions: 2, uncertain: 0 });
    expect(cell('alpha', 2)).toMatchObject({ score: 0.6, status: 'reached', questions: 1 });
    expect(cell('beta', 1)).toMatchObject({ score: 0.375, status: 'below', questions: 2, uncertain: 1 });
    expect(cell('beta', 2)).toMatchObject({ score: 1, status: 'reached', questions: 2 });
  });

  it('leaves out a level-3-style usage question when its usage is not among the objectives', () => {
    expect(result.explanations.questions['alpha.q4']).toMatchObject({ status: 'not-applicable', score: null, reason: 'objectives: b' });
    expect(result.uncertainty.notApplicable).toEqual([{ question: 'alpha.q4', reason: 'objectives: b' }]);
  });

  it('stages principle levels and keeps principle scores continuous', () => {
    expect(result.principles).toEqual([
      { id: 'alpha', level: 2, score: 63.3, levelIfConfirmed: 2, weight: 1 },
      { id: 'beta', level: 0, score: 68.8, levelIfConfirmed: 2, weight: 2 },
    ]);
  });

  it('takes the weakest principle as the overall level and names it', () => {
    expect(result.overall).toEqual({
      level: 0,
      score: 66.9,
      target: 2,
      levelIfConfirmed: 2,
      scoreIfConfirmed: 83.6,
      heldBackBy: ['beta'],
    });
  });

  it('scores each level as the principle-weighted mean of its cells', () => {
    expect(result.levels).toEqual([
      { id: 'basic', rank: 1, score: 47.2 },
      { id: 'advanced', rank: 2, score: 86.7 },
    ]);
  });

  it('names a cell reached above its principle level as a strength', () => {
    expect(result.strengths).toEqual([{ principle: 'beta', level: 2, score: 1, principleLevel: 0 }]);
  });

  it('ranks the gaps up to the target level', () => {
    expect(result.gaps).toEqual([
      { rank: 1, principle: 'beta', level: 1, score: 0.375, threshold: 0.6, missing: 0.225, weakest: ['beta.q2', 'beta.q1'] },
    ]);
  });

  it('chooses and orders next steps from gaps and answers', () => {
    expect(result.nextSteps.map((s) => [s.rank, s.id, s.trigger])).toEqual([
      [1, 'beta.later', { gap: true, answers: ['beta.q2'], variant: null }],
      [2, 'beta.basics', { gap: true, answers: [], variant: null }],
      [3, 'beta.risk', { gap: false, answers: ['alpha.q2'], variant: null }],
    ]);
    expect(result.nextSteps[2]).toMatchObject({ title: 'Beta risk', actions: ['Do D.'], owner: { id: 'owner', label: 'Owner' }, horizon: '0-3', effort: 'high' });
  });

  it('reports contradictory answers as warnings', () => {
    expect(result.warnings).toEqual([{ id: 'c1', message: 'Test contradiction.', questions: ['beta.q4', 'alpha.q3'] }]);
  });

  it('explains every number with the terms that produced it', () => {
    expect(result.explanations.cells['alpha.1']).toEqual({
      rule: 'Σ(w·s)/Σw = 2/3 = 0.6667 ≥ 0.6',
      terms: [
        { question: 'alpha.q1', score: 1, weight: 1 },
        { question: 'alpha.q2', score: 0.5, weight: 2 },
      ],
      excluded: [],
      weightedSum: 2,
      totalWeight: 3,
      score: 0.6667,
      threshold: 0.6,
      status: 'reached',
    });
    expect(result.explanations.cells['alpha.2']!.excluded).toEqual([{ question: 'alpha.q4', status: 'not-applicable' }]);
    expect(result.explanations.principles['beta']!.level).toBe('1 ✗, 2 ✓ → 0');
    expect(result.explanations.overall.level).toBe('min(alpha 2, beta 0) = 0');
    expect(result.explanations.target).toEqual({ source: 'default' });
    expect(result.explanations.levelIfConfirmed.assumed).toEqual(['beta.q2']);
  });

  it('hides a question whose context condition fails, and leaves it out of its cell', () => {
    const small = score(questionnaire, { ...base, context: { size: 'small', objectives: ['a'] } }, options);
    // beta.q2 is hidden: beta.1 = 0.75/1 = 0.75 reached; the small-org rule sets the target to 1.
    expect(small.explanations.questions['beta.q2']!.status).toBe('hidden');
    expect(small.cells.find((c) => c.principle === 'beta' && c.level === 1)).toMatchObject({ score: 0.75, status: 'reached' });
    expect(small.overall.target).toBe(1);
    expect(small.explanations.target).toEqual({ source: 'rule', rule: 'small-org', reason: 'Small organisation.' });
    expect(small.overall.level).toBe(2);
    expect(small.gaps).toEqual([]);
  });

  it('counts a missing answer as unanswered, scored like "don\'t know"', () => {
    const { 'beta.q4': _, ...rest } = base.answers;
    const r = score(questionnaire, { ...base, answers: rest }, options);
    // beta.2 = (1·1 + 3·0)/4 = 0.25 below
    expect(r.uncertainty.unanswered).toEqual(['beta.q4']);
    expect(r.cells.find((c) => c.principle === 'beta' && c.level === 2)).toMatchObject({ score: 0.25, status: 'below', uncertain: 1 });
  });

  it('marks a cell whose every question is left out as not applicable, without blocking the ladder', () => {
    const r = score(
      questionnaire,
      { ...base, answers: { ...base.answers, 'beta.q1': { kind: 'na', reason: 'no such thing here' }, 'beta.q2': { kind: 'na', reason: 'idem' } } },
      options,
    );
    expect(r.cells.find((c) => c.principle === 'beta' && c.level === 1)).toMatchObject({ score: null, status: 'not-applicable' });
    expect(r.principles.find((p) => p.id === 'beta')).toMatchObject({ level: 2, score: 100 });
  });

  it('lets --target override the rules', () => {
    const r = score(questionnaire, base, { ...options, target: 1 });
    expect(r.overall.target).toBe(1);
    expect(r.explanations.target).toEqual({ source: 'option' });
    expect(r.nextSteps.map((s) => s.id)).toEqual(['beta.later', 'beta.basics']);
  });

  it('words a next step from the answers when a variant holds', () => {
    const r = score(questionnaire, { ...base, answers: { ...base.answers, 'beta.q1': { kind: 'value', value: ['none'] } } }, options);
    const step = r.nextSteps.find((s) => s.id === 'beta.basics')!;
    expect(step.title).toBe('Start beta');
    expect(step.trigger).toEqual({ gap: true, answers: ['beta.q1'], variant: 0 });
  });
});
