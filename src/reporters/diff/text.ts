import { failure, type DiffOutcome } from '../../app/diff.js';
import { catalogue, msg, say } from '../../i18n/index.js';
import type { Locale } from '../../model/common.js';
import { forTerminal, paint } from '../../sinks/terminal.js';
import { requiredLine, scoreLine, validity, word } from './words.js';

export function diffText(r: DiffOutcome, lang: Locale, options: { color?: boolean } = {}): string {
  const on = options.color === true;
  const lines: string[] = [];
  // The colon as each language writes it (« : » in French).
  const sep = catalogue(lang).report.sep;
  for (const p of r.problems) lines.push(`${paint('bold', forTerminal(p.file), on)}: ${paint('red', say(lang, p.message), on)}`);
  for (const n of r.notes) lines.push(say(lang, n));
  for (const c of r.comparisons) {
    lines.push(paint('bold', say(lang, msg('diff.header', { old: c.old.ref, new: c.new.ref })), on));
    if (c.changes.length === 0) lines.push(`  ${say(lang, msg('diff.none'))}`);
    const w = Math.max(0, ...c.changes.map((ch) => ch.entity.length));
    const bumpStyle = { major: 'red', minor: 'yellow', patch: 'cyan' } as const;
    for (const ch of c.changes)
      lines.push(
        `  ${paint(bumpStyle[ch.bump] ?? 'dim', word(lang, ch.bump).padEnd(9), on)} ${word(lang, ch.kind).padEnd(8)} ${ch.entity.padEnd(w)}  ${ch.id}${ch.detail ? `  ${ch.detail}` : ''}`,
      );
    const f = failure(c);
    lines.push(`${requiredLine(lang, c)}${sep} ${f ? paint('red', say(lang, f), on) : paint('green', say(lang, msg('diff.ok')), on)}`, validity(lang, c));
    if (c.scores.length > 0) lines.push(`${say(lang, msg('diff.scores'))}${sep}`, ...c.scores.map((s) => `  ${scoreLine(lang, s)}`));
    lines.push('');
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
