import { describe, expect, it } from 'vitest';
import { fileBases } from '../../src/app/batch.js';
import { globMatch } from '../../src/batch/columns.js';
import { readCsv } from '../../src/batch/csv.js';
import { InputError } from '../../src/errors.js';
import { parseAnswers } from '../../src/io/load.js';
import { resetSteps, steps, type Step } from '../../src/steps.js';
import { sm } from '../helpers/load.js';

/*
 * Work linear in the input, whatever an attacker writes: each case doubles its input and checks that the
 * counter on the innermost operation grows at most 2.2 times (a quadratic loop would give 4).
 */

function count(step: Step, work: () => void): number {
  resetSteps();
  work();
  return steps[step];
}

function ratio(step: Step, make: (n: number) => () => void, n: number): { small: number; ratio: number } {
  const small = count(step, make(n));
  const large = count(step, make(2 * n));
  return { small, ratio: large / small };
}

function answersWithUnknownIds(n: number): string {
  const lines = ['questionnaire: sm-maturity@1.0.0', 'organisation: { name: Acme }', 'date: 2026-01-01', 'answers:', '  vision.objectives: 3'];
  for (let i = 0; i < n; i++) lines.push(`  unknown.id-${i}: 1`);
  return `${lines.join('\n')}\n`;
}

describe('work linear in the input size', () => {
  it('unknown ids: the lookup of each id and of its place in the file', () => {
    const r = ratio(
      'idLookup',
      (n) => () => {
        expect(() => parseAnswers(answersWithUnknownIds(n), { file: 'a.yaml', lang: 'en' })).toThrow(InputError);
      },
      5000,
    );
    expect(r.small).toBeGreaterThanOrEqual(5000);
    expect(r.ratio).toBeLessThanOrEqual(2.2);
  });

  it('the located problems of a file of many unknown ids all name their own line', () => {
    try {
      parseAnswers(answersWithUnknownIds(3000), { file: 'a.yaml', lang: 'en' });
      expect.unreachable();
    } catch (error) {
      const problems = (error as InputError).problems;
      expect(problems.length).toBe(3000);
      expect(problems.map((p) => p.line)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 6));
    }
  });

  it('file names: organisations whose names slug alike take acme, acme-2, acme-3… with one probe each', () => {
    const groups = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        // CJK letters vanish from a slug: every one of these names is "acme".
        organisation: { name: `Acme ${String.fromCodePoint(0x4e00 + (i % 20000))}${String.fromCodePoint(0x4e00 + Math.floor(i / 20000))}` },
        members: [],
        questionnaire: 'q',
      }));
    expect(fileBases(groups(4)).map((b) => b.base)).toEqual(['acme', 'acme-2', 'acme-3', 'acme-4']);
    const r = ratio('suffixProbe', (n) => () => void fileBases(groups(n)), 20000);
    expect(r.small).toBeGreaterThanOrEqual(20000);
    expect(r.ratio).toBeLessThanOrEqual(2.2);
  });

  it('CSV columns: each header title matched once against the questionnaire and the mapping', () => {
    const q = sm().questionnaire;
    const csv = (n: number) => {
      const titles = ['organisation', 'date', ...Array.from({ length: n }, (_, i) => `Column ${i}`)];
      return `${titles.join(';')}\nAcme;2026-01-02\n`;
    };
    const mapping = (n: number) => ({ columns: Object.fromEntries(Array.from({ length: n }, (_, i) => [`Column ${i}`, 'vision.objectives'])) });
    const r = ratio('columnMatch', (n) => () => void readCsv(csv(n), 'a.csv', q, { ignore: ['zz*zz*zz*zz*zz*zz*q'] }), 20000);
    expect(r.small).toBeGreaterThanOrEqual(20000);
    expect(r.ratio).toBeLessThanOrEqual(2.2);
    // A mapping as long as the header: the titles it names are found in one pass, not one search per title.
    const m = ratio('columnMatch', (n) => () => void readCsv(csv(n), 'a.csv', q, mapping(n)), 20000);
    expect(m.ratio).toBeLessThanOrEqual(2.2);
  });

  it('globs: a pattern of many stars against a long title, never exponential', () => {
    const pattern = [...'a*a*a*a*a*a*a*a*a*a*a*b'];
    const r = ratio('columnMatch', (n) => () => expect(globMatch(pattern, [...'a'.repeat(n)])).toBe(false), 20000);
    expect(r.ratio).toBeLessThanOrEqual(2.2);
    expect(globMatch([...'adr*'], [...'adresse e-mail'])).toBe(true);
    expect(globMatch([...'*mail'], [...'adresse e-mail'])).toBe(true);
    expect(globMatch([...'a?r*'], [...'adresse'])).toBe(true);
    expect(globMatch([...'a?r'], [...'adresse'])).toBe(false);
  });
});
