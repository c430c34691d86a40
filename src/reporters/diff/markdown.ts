import { failure, type DiffOutcome } from '../../app/diff.js';
import { catalogue, msg, say } from '../../i18n/index.js';
import type { Locale } from '../../model/common.js';
import { escapeMarkdown } from '../../sinks/markdown.js';
import { requiredLine, scoreLine, validity, word } from './words.js';

/** For a pull request's description. */
export function diffMarkdown(r: DiffOutcome, lang: Locale): string {
  const t = catalogue(lang).diff;
  const lines: string[] = [];
  for (const p of r.problems) lines.push(`- ❌ \`${p.file}\`: ${escapeMarkdown(say(lang, p.message))}`);
  for (const n of r.notes) lines.push(`- ${escapeMarkdown(say(lang, n))}`);
  for (const c of r.comparisons) {
    lines.push(`### ${escapeMarkdown(say(lang, msg('diff.header', { old: c.old.ref, new: c.new.ref })))}\n`);
    if (c.changes.length === 0) lines.push(`_${say(lang, msg('diff.none'))}_`);
    else {
      lines.push(`| ${t.table.bump} | ${t.table.change} | ${t.table.what} | ${t.table.id} | ${t.table.detail} |`, '|---|---|---|---|---|');
      for (const ch of c.changes)
        lines.push(`| ${word(lang, ch.bump)} | ${word(lang, ch.kind)} | ${ch.entity} | \`${ch.id}\` | ${escapeMarkdown(ch.detail)} |`);
    }
    const f = failure(c);
    lines.push(`\n${f ? '❌' : '✅'} ${requiredLine(lang, c)} — ${validity(lang, c)}${f ? `\n\n**${say(lang, f)}**` : ''}`);
    if (c.scores.length > 0) lines.push(`\n**${say(lang, msg('diff.scores'))}**\n`, ...c.scores.map((s) => `- ${escapeMarkdown(scoreLine(lang, s))}`));
    lines.push('');
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
