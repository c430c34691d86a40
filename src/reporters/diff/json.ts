import { diffOk, failure, type DiffOutcome } from '../../app/diff.js';
import { say } from '../../i18n/index.js';
import type { Locale } from '../../model/common.js';

export function diffJson(r: DiffOutcome, lang: Locale): string {
  const comparisons = r.comparisons.map((c) => {
    const f = failure(c);
    return { ...c, failure: f ? say(lang, f) : null };
  });
  return `${JSON.stringify({ comparisons, problems: r.problems.map((p) => ({ file: p.file, message: say(lang, p.message) })), notes: r.notes.map((n) => say(lang, n)), ok: diffOk(r) }, null, 2)}\n`;
}
