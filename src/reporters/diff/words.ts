import { catalogue, msg, say, type Message } from '../../i18n/index.js';
import type { VersionComparison } from '../../app/diff.js';
import type { Locale } from '../../model/common.js';

/** A bump or a kind of change in the reader's language. */
export function word(lang: Locale, w: string): string {
  const d = catalogue(lang).diff;
  return d.words[w] ?? w;
}

export function requiredLine(lang: Locale, c: VersionComparison): string {
  return say(lang, msg('diff.required', { required: word(lang, c.required), actual: word(lang, c.actual), from: c.old.version, to: c.new.version }));
}

export function validity(lang: Locale, c: VersionComparison): string {
  return say(lang, c.required === 'major' && c.migrates ? msg('diff.answers-migrated') : msg(`diff.answers-validity.${c.required}` as Message['key']));
}

export function scoreLine(lang: Locale, s: VersionComparison['scores'][number]): string {
  return s.before && s.after
    ? say(
        lang,
        msg(s.migrated ? 'diff.score-move-migrated' : 'diff.score-move', {
          file: s.file,
          levelBefore: s.before.level,
          levelAfter: s.after.level,
          scoreBefore: s.before.score,
          scoreAfter: s.after.score,
        }),
      )
    : say(lang, msg(s.migrated ? 'diff.score-invalid-migrated' : 'diff.score-invalid', { file: s.file }));
}
