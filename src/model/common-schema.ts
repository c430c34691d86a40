import { z } from 'zod';
import { LOCALE } from './common.js';

/** The zod schemas of common.ts's types; only what checks a file loads them (and zod). */
export const Locale = z.string().regex(LOCALE, 'format.locale');

/** Ids are lowercase words joined by `-` or `.`: `vision.objectives`, `serve`, `community-manager`. */
export const Id = z.string().regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, 'format.id');

export const Semver = z.string().regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/, 'format.semver');

/** A user-facing text in each locale. Completeness is checked against the questionnaire's declared locales. */
export const LocalText = z.record(Locale, z.string().min(1).max(5000));
