import { stripAnsi } from '../io/terminal.js';

/**
 * The Markdown report as a terminal shows it. marked and marked-terminal are loaded here only, so that
 * commands that do not draw on a terminal never pay for them.
 */
export async function renderTerminal(markdown: string, options: { width: number; color: boolean }): Promise<string> {
  const [{ Marked }, { markedTerminal }] = await Promise.all([import('marked'), import('marked-terminal')]);
  const marked = new Marked(
    markedTerminal({
      width: Math.max(60, Math.min(options.width, 120)),
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
  return options.color ? out : stripAnsi(out);
}
