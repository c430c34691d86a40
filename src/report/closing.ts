import { catalogue } from '../i18n/index.js';
import type { Questionnaire } from '../model/questionnaire.js';
import type { Result } from '../model/result.js';
import { forTerminal } from '../sinks/terminal.js';
import { buildView } from './view.js';
import { commandLines, hanging, wordLines } from './wrap.js';

export interface ClosingFiles {
  /** The folder as the person named it ('' for the current one). */
  dir: string;
  /** The file names written, report first. */
  names: readonly string[];
  /** The command that opens the report (`xdg-open x.html`), if there is one to open. */
  open?: string;
  /** The command that prints the whole report on the terminal. */
  print: string;
}

const ORDER = ['html', 'md', 'json', 'answers'];
const kindOf = (name: string) => (name.endsWith('.answers.yaml') ? 'answers' : name.slice(name.lastIndexOf('.') + 1));

/**
 * What the terminal shows last after an interview, within `width` columns: where the organisation
 * stands, the three priorities, the files written and how to open them.
 */
export function closingBlock(result: Result, q: Questionnaire, files: ClosingFiles, width = 80): string {
  const t = catalogue(result.lang).interview.closing;
  const brief = buildView(result, q).brief;
  const w = Math.min(width, 80);
  const lines = [
    '─'.repeat(w),
    ...wordLines(forTerminal(`${result.organisation.name} — ${t.title}`), w),
    '',
    ...hanging(`${t.where} ${forTerminal(brief.where)}`, w).split('\n'),
    '',
  ];
  if (brief.priorities.length > 0) {
    lines.push(t.priorities);
    brief.priorities.forEach((p, i) => lines.push(...wordLines(forTerminal(p), w - 5).map((l, k) => `${k === 0 ? `  ${i + 1}. ` : '     '}${l}`)));
    lines.push('');
  }
  // The report to open first; the charts the Markdown shows, counted.
  const shown = files.names.filter((n) => !n.endsWith('.svg')).sort((a, b) => ORDER.indexOf(kindOf(a)) - ORDER.indexOf(kindOf(b)));
  const charts = files.names.length - shown.length;
  const pad = Math.max(...shown.map((n) => n.length));
  lines.push(files.dir === '' ? t.filesHere : t.filesIn(forTerminal(files.dir)));
  for (const name of shown) {
    const kind = t.kinds[kindOf(name)] ?? '';
    const line = `  ${forTerminal(name).padEnd(pad)}  ${kind}`.trimEnd();
    lines.push(...([...line].length <= w ? [line] : [`  ${forTerminal(name)}`, `      ${kind}`]));
  }
  if (charts > 0) lines.push(`  ${t.charts(charts)}`);
  // A command is broken with backslashes, so that it is still copied as one.
  if (files.open !== undefined) lines.push('', t.open, `  ${commandLines(forTerminal(files.open), w, '  ')}`);
  lines.push('', t.print, `  ${commandLines(forTerminal(files.print), w, '  ')}`);
  return `${lines.join('\n')}\n`;
}
