import { stripAnsi } from '../io/terminal.js';
import { scoreColour } from './charts.js';

/**
 * The Markdown report as a terminal shows it. marked and marked-terminal are loaded here only, so that
 * commands that do not draw on a terminal never pay for them.
 */
export async function renderTerminal(markdown: string, options: { width: number; color: boolean }): Promise<string> {
  const [{ Marked }, { markedTerminal }] = await Promise.all([import('marked'), import('marked-terminal')]);
  const width = Math.max(60, Math.min(options.width, 120));
  const marked = new Marked(
    markedTerminal({
      width,
      reflowText: true,
      emoji: false,
      tab: 2,
      // Without colour, the "##" marks are what tells a heading apart.
      showSectionPrefix: !options.color,
    }),
    {
      renderer: {
        // marked-terminal leaves inline marks raw inside list items with marked ≥ 13
        // (mikaelbr/marked-terminal#304): render their inline tokens, else fall back to its renderer.
        text(token) {
          if (typeof token === 'object' && 'tokens' in token && token.tokens) return this.parser.parseInline(token.tokens);
          return false;
        },
      },
    },
  );
  const out = await marked.parse(markdown);
  return wrapLines(options.color ? await colourScores(out) : stripAnsi(out), width);
}

/**
 * Colours what carries a score: heat map cells (`✔ 93 %`, `✘ 41 %`) and principle bars, red → amber →
 * green. The marks and bar lengths say the same without colour.
 */
async function colourScores(text: string): Promise<string> {
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 2 });
  return text
    .replace(/([✔✘]) (\d+)( ?%)/g, (_, mark: string, n: string, pct: string) => chalk.hex(scoreColour(Number(n) / 100)).bold(`${mark} ${n}${pct}`))
    .replace(/(█+)(░*)(\s+)(\d+[.,]\d)/g, (_, full: string, empty: string, space: string, n: string) =>
      `${chalk.hex(scoreColour(Number(n.replace(',', '.')) / 100))(full)}${chalk.dim(empty)}${space}${n}`,
    );
}

const ANSI = /\u001b\[[0-9;]*m/g;
const visible = (s: string) => [...s.replace(ANSI, '')].length;

/**
 * Wraps lines wider than the terminal at spaces, continuing under the text of a list item (marked-terminal
 * reflows paragraphs only). Table borders are never wrapped.
 */
export function wrapLines(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      if (visible(line) <= width || /[│┌└├─]/.test(line)) return line;
      const plain = line.replace(ANSI, '');
      const marker = /^(\s*)(?:[*•-]|\d+\.)\s+/.exec(plain);
      const indent = ' '.repeat(marker ? marker[0].length : (/^\s*/.exec(plain)?.[0].length ?? 0));
      const lead = /^\s*/.exec(line)?.[0] ?? '';
      const out: string[] = [];
      let current = lead;
      for (const word of line.slice(lead.length).split(' ')) {
        if (current.trim() !== '' && visible(current) + 1 + visible(word) > width) {
          out.push(current);
          current = indent + word;
        } else current = current.trim() === '' ? current + word : `${current} ${word}`;
      }
      out.push(current);
      return out.join('\n');
    })
    .join('\n');
}
