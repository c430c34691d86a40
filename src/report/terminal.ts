import { withoutStyles } from '../sinks/terminal.js';
import { paintMarks } from './colour.js';
import { wordLines } from './wrap.js';

/**
 * The Markdown report as a terminal shows it. marked and marked-terminal are loaded here only, so that
 * commands that do not draw on a terminal never pay for them. The colours of scores are marked in the
 * Markdown already (the terminal view marks them from the scores, see `tinted`); without colour every
 * style is taken out.
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
  return wrapLines(paintMarks(options.color ? out : withoutStyles(out), options.color), width);
}

const visible = (s: string) => [...withoutStyles(s)].length;

/**
 * Wraps lines wider than the terminal at spaces, continuing under the text of a list item (marked-terminal
 * reflows paragraphs only). Table borders are never wrapped.
 */
export function wrapLines(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      if (visible(line) <= width || /[│┌└├─]/.test(line)) return line;
      const plain = withoutStyles(line);
      const marker = /^\s*(?:[*•-]|\d+\.)\s+/.exec(plain);
      const indent = ' '.repeat(marker ? marker[0].length : (/^\s*/.exec(plain)?.[0].length ?? 0));
      const lead = /^\s*/.exec(line)?.[0] ?? '';
      const out = wordLines(line.slice(lead.length), width - Math.max(lead.length, indent.length), visible);
      // The first line keeps its own indent; the others continue under the text.
      out.forEach((l, i) => (out[i] = (i === 0 ? lead : indent) + l));
      return out.join('\n');
    })
    .join('\n');
}
