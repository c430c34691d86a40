import { failure, type DiffOutcome } from '../../app/diff.js';
import { msg, say } from '../../i18n/index.js';
import type { Locale } from '../../model/common.js';
import { forTerminal } from '../../sinks/terminal.js';
import { requiredLine, scoreLine, validity, word } from './words.js';

export function diffText(r: DiffOutcome, lang: Locale): string {
  const lines: string[] = [];
  for (const p of r.problems) lines.push(`${forTerminal(p.file)}: ${say(lang, p.message)}`);
  for (const n of r.notes) lines.push(say(lang, n));
  for (const c of r.comparisons) {
    lines.push(say(lang, msg('diff.header', { old: c.old.ref, new: c.new.ref })));
    if (c.changes.length === 0) lines.push(`  ${say(lang, msg('diff.none'))}`);
    const w = Math.max(0, ...c.changes.map((ch) => ch.entity.length));
    for (const ch of c.changes)
      lines.push(`  ${word(lang, ch.bump).padEnd(9)} ${word(lang, ch.kind).padEnd(8)} ${ch.entity.padEnd(w)}  ${ch.id}${ch.detail ? `  ${ch.detail}` : ''}`);
    const f = failure(c);
    lines.push(`${requiredLine(lang, c)}: ${f ? say(lang, f) : say(lang, msg('diff.ok'))}`, validity(lang, c));
    if (c.scores.length > 0) lines.push(`${say(lang, msg('diff.scores'))}:`, ...c.scores.map((s) => `  ${scoreLine(lang, s)}`));
    lines.push('');
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
