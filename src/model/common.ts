import { z } from 'zod';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const Locale = z.enum(LOCALES);

/** Ids are lowercase words joined by `-` or `.`: `vision.objectives`, `serve`, `community-manager`. */
export const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, 'format.id');

export const Semver = z.string().regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/, 'format.semver');

/** A user-facing text in each locale. Completeness is checked against the questionnaire's declared locales. */
export const LocalText = z
  .object({ fr: z.string().min(1).max(5000).optional(), en: z.string().min(1).max(5000).optional() })
  .strict();
export type LocalText = z.infer<typeof LocalText>;

export const LevelRank = z.number().int().min(1).max(3);
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
