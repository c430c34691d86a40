export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A user-facing text in each locale (the schema is in common-schema.ts). */
export type LocalText = { fr?: string | undefined; en?: string | undefined };

export type LevelRank = 1 | 2 | 3;

export const PRINCIPLE_IDS = ['vision', 'governance', 'value', 'resources', 'technology', 'legal'] as const;
export type PrincipleId = (typeof PRINCIPLE_IDS)[number];

export const HORIZONS = ['0-3', '3-6', '6-12'] as const;
export type Horizon = (typeof HORIZONS)[number];
export const EFFORTS = ['low', 'medium', 'high'] as const;
export type Effort = (typeof EFFORTS)[number];

export function text(t: LocalText | undefined, lang: Locale): string {
  if (!t) return '';
  return t[lang] ?? t.en ?? t.fr ?? '';
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
