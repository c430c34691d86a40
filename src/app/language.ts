import { UsageError } from '../errors.js';
import { list, msg, type Message } from '../i18n/index.js';
import { servingLocale, type Locale } from '../model/common.js';
import type { Questionnaire } from '../model/questionnaire.js';

/**
 * The language of a report: the one asked for, if the questionnaire has texts in it; a language named
 * on the command line that it lacks is refused (a half-translated report is worse than none); one that
 * comes from an answers file or the environment gives way to English, else to the questionnaire's first
 * locale — with a notice when the answers asked for it.
 */
export function reportLanguage(
  q: Questionnaire,
  wanted: { flag?: Locale | undefined; file?: Locale | undefined; env: Locale },
): { lang: Locale; notice?: Message } {
  if (wanted.flag !== undefined) {
    const lang = servingLocale(q.locales, wanted.flag);
    if (lang === undefined) throw new UsageError(noLocale(q, wanted.flag));
    return { lang };
  }
  const asked = wanted.file ?? wanted.env;
  const lang = servingLocale(q.locales, asked) ?? servingLocale(q.locales, 'en') ?? q.locales[0]!;
  if (wanted.file !== undefined && servingLocale(q.locales, wanted.file) === undefined) {
    return { lang, notice: msg('run.locale-fallback', { wanted: wanted.file, id: q.id, version: q.version, lang }) };
  }
  return { lang };
}

/** The refusal of a language the questionnaire has no texts in. */
export function noLocale(q: Questionnaire, lang: Locale): Message {
  return msg('questionnaire.no-locale', { lang, id: q.id, version: q.version, locales: list(q.locales) });
}
