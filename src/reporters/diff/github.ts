import { failure, type DiffOutcome } from '../../app/diff.js';
import { say } from '../../i18n/index.js';
import type { Locale } from '../../model/common.js';
import { annotation } from '../github.js';
import { requiredLine } from './words.js';

/** Each problem and each version bump as an annotation on its file. */
export function diffGithub(r: DiffOutcome, lang: Locale): string {
  const lines: string[] = [];
  for (const p of r.problems) lines.push(annotation('error', { file: p.file, line: 1 }, say(lang, p.message)));
  for (const c of r.comparisons) {
    const f = failure(c);
    const file = c.new.path ?? c.new.ref;
    lines.push(
      f
        ? annotation('error', { file, line: 1, title: 'version-bump' }, say(lang, f))
        : annotation('notice', { file, line: 1, title: 'version-bump' }, requiredLine(lang, c)),
    );
  }
  return lines.join('');
}
