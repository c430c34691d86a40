import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { makeReport } from '../../src/app/report.js';
import { loadAnswers } from '../../src/io/load.js';
import type { Result } from '../../src/model/result.js';
import { ROOT } from '../helpers/load.js';

/*
 * The panel: organisations a senior consultant judged before the tool scored them. Each case holds
 * `answers.yaml` and `expected.yaml` (practice and consolidated level, target, the expert's three first
 * priorities as recommendation ids), committed before the scoring changes they judge and never edited
 * since. The tool must agree with the expert on the practice level and the target for at least 10 of 12
 * cases, and put the expert's first priority among its first three steps for at least 9 of 12; the
 * questionnaire's README lists every disagreement and why.
 */

const PANEL = join(ROOT, 'questionnaires', 'sm-maturity', 'panel');

interface Expected {
  practiceLevel: number;
  consolidatedLevel: number;
  target: number;
  priorities: string[];
}

export interface PanelCase {
  name: string;
  expected: Expected;
  result: Result;
}

export function panelCases(): PanelCase[] {
  if (!existsSync(PANEL)) return [];
  return readdirSync(PANEL, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(PANEL, name);
      const loaded = loadAnswers(join(dir, 'answers.yaml'), { lang: 'fr', display: `panel/${name}/answers.yaml` });
      const result = makeReport({ loaded, lang: loaded.assessment.lang ?? 'fr', formats: ['json'] }).result;
      return { name, expected: parse(readFileSync(join(dir, 'expected.yaml'), 'utf8')) as Expected, result };
    });
}

describe('the panel of organisations judged by an expert before scoring', () => {
  const cases = panelCases();

  it('holds at least twelve cases, each with the expert’s levels, target and three priorities', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
    for (const c of cases) {
      expect(c.expected.priorities, c.name).toHaveLength(3);
      expect(typeof c.expected.practiceLevel, c.name).toBe('number');
      expect(typeof c.expected.target, c.name).toBe('number');
    }
  });

  it('agrees with the expert on the practice level (≥ 10 of 12), the target (≥ 10 of 12) and the first priority (≥ 9 of 12)', () => {
    const practice = cases.filter((c) => c.result.overall.practiceLevel === c.expected.practiceLevel).length;
    const target = cases.filter((c) => c.result.overall.target === c.expected.target).length;
    const first = cases.filter((c) =>
      c.result.nextSteps
        .slice(0, 3)
        .map((s) => s.id)
        .includes(c.expected.priorities[0]!),
    ).length;
    const table = cases.map(
      (c) =>
        `${c.name}: practice ${c.result.overall.practiceLevel}/${c.expected.practiceLevel}, target ${c.result.overall.target}/${c.expected.target}, ` +
        `steps ${c.result.nextSteps
          .slice(0, 3)
          .map((s) => s.id)
          .join(', ')} / expert ${c.expected.priorities.join(', ')}`,
    );
    const scale = cases.length / 12;
    expect(practice, table.join('\n')).toBeGreaterThanOrEqual(Math.ceil(10 * scale));
    expect(target, table.join('\n')).toBeGreaterThanOrEqual(Math.ceil(10 * scale));
    expect(first, table.join('\n')).toBeGreaterThanOrEqual(Math.ceil(9 * scale));
  });

  it('keeps each roadmap within PRODUCT.md: no action twice, the target at most one level above the practice level', () => {
    for (const c of cases) {
      const o = c.result.overall;
      expect(o.target, c.name).toBeLessThanOrEqual(o.practiceLevel + 1);
      const actions = [...c.result.nextSteps, ...c.result.otherSteps].flatMap((s) => s.actions);
      expect(new Set(actions).size, c.name).toBe(actions.length);
      expect(c.result.nextSteps.length, c.name).toBeLessThanOrEqual(
        Math.max(7, c.result.nextSteps.filter((s) => s.kind === 'confirm' || s.kind === 'blocker').length),
      );
    }
  });
});
