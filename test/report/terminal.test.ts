import { readdirSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compareResults } from '../../scoring/index.js';
import { displayReport } from '../../src/report/display.js';
import { renderCompareMarkdown } from '../../src/report/render.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { EXAMPLES } from '../helpers/load.js';
import { example } from '../helpers/report.js';

const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** The lines wider than `width` visible columns. */
const wider = (text: string, width: number) => text.split('\n').filter((line) => [...stripVTControlCharacters(line)].length > width);

describe('the report on an 80-column terminal', () => {
  for (const file of examples) {
    for (const lang of ['fr', 'en'] as const) {
      it(`${file} in ${lang}: every line within 80 columns, with colour and with --explain`, async () => {
        const { q, result } = example(file, { lang, explain: true });
        for (const explain of [false, true]) {
          const out = await displayReport(result, q, { width: 80, color: true, explain });
          expect(wider(out, 80)).toEqual([]);
          // Colour reaches the terminal as escape codes, never as marks or text.
          expect(out).toContain('\u001b[1;38;2;');
          expect(stripVTControlCharacters(out)).not.toMatch(/[\ue000-\ue002]|\[\d+(?:;\d+)*m/);
        }
      });
    }
  }

  for (const lang of ['fr', 'en'] as const) {
    it(`compare in ${lang}: every line within 80 columns`, async () => {
      const before = example('mairie-saint-exemple.yaml', { lang, target: 1 });
      const after = example('mairie-saint-exemple.yaml', { lang });
      const markdown = renderCompareMarkdown(compareResults(before.result, { ...after.result, date: '2027-01-01' }), after.q, lang, { terminal: true });
      expect(wider(await renderTerminal(markdown, { width: 80, color: true }), 80)).toEqual([]);
    });
  }
});
