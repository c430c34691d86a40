import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeReport } from '../../src/app/report.js';
import { loadAnswers } from '../../src/io/load.js';
import { ROOT } from '../helpers/load.js';

/*
 * The report a director reads: in its default French Markdown, no question id, no formula, no number
 * with a decimal point (level names such as « Marketing 2.0 », versions and the questionnaire's
 * reference in the footer aside); it opens with the five lines of its summary.
 */

const SM = join(ROOT, 'questionnaires', 'sm-maturity');
const files = [
  ...readdirSync(join(SM, 'examples'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(SM, 'examples', f)),
  ...(existsSync(join(SM, 'panel'))
    ? readdirSync(join(SM, 'panel'))
        .map((d) => join(SM, 'panel', d, 'answers.yaml'))
        .filter((f) => existsSync(f))
    : []),
];

/** Decimal points in numbers, leaving out « 2.0 » in names, versions x.y.z and links. */
function decimalPoints(markdown: string): string[] {
  const cleaned = markdown
    .replace(/\b\d+\.\d+\.\d+\b/g, '')
    .replace(/\bversion \d+\.\d+\b/g, '')
    // « 2.0 » is a name (Marketing 2.0, les outils 2.0), not a number.
    .replace(/(?<![\d.,])2\.0(?!\d)/g, '')
    .replace(/\]\([^)]*\)/g, '');
  return cleaned.match(/\d\.\d/g) ?? [];
}

describe('the report a director reads (default French Markdown)', () => {
  for (const file of files) {
    const name = file.slice(SM.length + 1);
    it(`${name}: no question id, no formula, no decimal point, five summary lines`, () => {
      const loaded = loadAnswers(file, { lang: 'fr', display: name });
      const md = makeReport({ loaded, lang: 'fr', formats: ['md'] }).files.find(([f]) => f.endsWith('.md'))![1] as string;
      const ids = loaded.questionnaire.questionnaire.questions.map((q) => q.id).filter((id) => md.includes(id));
      expect(ids).toEqual([]);
      expect(md.includes('Σ')).toBe(false);
      expect(decimalPoints(md)).toEqual([]);
      const summary = md.split('## En bref\n\n')[1]!.split('\n\n')[0]!.split('\n');
      expect(summary.map((l) => l.replace(/^- \*\*(.*?) :\*\*.*/, '$1'))).toEqual([
        'Où vous en êtes',
        'Ce que vous faites bien',
        'Ce qui vous expose',
        'Vos priorités',
        'L’effort demandé',
      ]);
    });
  }
});
