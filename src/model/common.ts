/** A BCP 47 language tag: `fr`, `en`, `de`, `fr-CA`… */
export type Locale = string;
export const LOCALE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
/** The locales of a format-1 questionnaire (a file without `format: 2`). */
export const FORMAT_1_LOCALES: readonly string[] = ['fr', 'en'];

/** A user-facing text in each locale the questionnaire declares (the schema is in common-schema.ts). */
export type LocalText = Readonly<Record<string, string | undefined>>;

export const HORIZONS = ['0-3', '3-6', '6-12'] as const;
export type Horizon = (typeof HORIZONS)[number];
export const EFFORTS = ['low', 'medium', 'high'] as const;
export type Effort = (typeof EFFORTS)[number];

/** A text in `lang`; else in English; else in the first locale it has. */
export function text(t: LocalText | undefined, lang: Locale): string {
  if (!t) return '';
  const exact = Object.hasOwn(t, lang) ? t[lang] : undefined;
  if (exact !== undefined) return exact;
  const en = Object.hasOwn(t, 'en') ? t.en : undefined;
  if (en !== undefined) return en;
  for (const k in t) if (Object.hasOwn(t, k) && t[k] !== undefined) return t[k];
  return '';
}

/**
 * The value a record holds under `key`, its own only: data names keys (`constructor`, `__proto__`…) that
 * a plain object would otherwise answer from its prototype.
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** An empty record with no prototype: whatever key data gives it, nothing is inherited. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * The locale of `locales` that serves `wanted`: the same tag, else the same language (`fr-CA` for `fr`,
 * `fr` for `fr-CA`); undefined when the questionnaire has no texts in that language.
 */
export function servingLocale(locales: readonly Locale[], wanted: Locale): Locale | undefined {
  if (locales.includes(wanted)) return wanted;
  const primary = wanted.split('-')[0]!.toLowerCase();
  return locales.find((l) => l.toLowerCase() === primary) ?? locales.find((l) => l.split('-')[0]!.toLowerCase() === primary);
}
