import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tidy } from '../../src/report/tidy.js';

/** What tidy() stands for: the replacements it replaced. */
const reference = (text: string) =>
  `${text
    .replace(/[ \t]+\n/g, (m) => (m === '  \n' ? m : '\n'))
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;

describe('tidy', () => {
  it('drops trailing blanks but a hard break, keeps one blank line at most, ends with one newline', () => {
    expect(tidy('\n\n# Title  \t\n\n\n\nline one  \nline two \n\n\n- item\t\n\n')).toBe('# Title\n\nline one  \nline two\n\n- item\n');
    expect(tidy('')).toBe('\n');
    expect(tidy('  \n  \n')).toBe('\n');
  });

  it('gives what the regular expressions give, for any text of spaces, tabs, newlines and letters', () => {
    const piece = fc.constantFrom(' ', '  ', '\t', '\n', '\n\n', '\n\n\n', 'a', 'b c', '\r', '\u00a0', '|', '  \n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(tidy(text)).toBe(reference(text));
      }),
      { numRuns: 3000, seed: 42 },
    );
  });
});
