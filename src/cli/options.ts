import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { isLanguage, LANGUAGES, list, msg } from '../i18n/index.js';
import type { Locale } from '../model/common.js';
import { Registry, registryFolders, useRegistry } from '../io/registry.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/files.js';

/*
 * The command line's shared options, parsed once here: each command file only names what it takes.
 */

export function parseFormats(value: string | undefined): ReportFormat[] {
  const formats = (value ?? 'md,json')
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter((f) => f !== '');
  for (const f of formats) {
    if (!(REPORT_FORMATS as readonly string[]).includes(f)) {
      throw new UsageError(msg('cli.invalid-value', { option: '--format', value: f, expected: list(REPORT_FORMATS) }));
    }
  }
  if (formats.length === 0) throw new UsageError(msg('cli.invalid-value', { option: '--format', value: '', expected: list(REPORT_FORMATS) }));
  return [...new Set(formats)] as ReportFormat[];
}

/** One value among `choices` (an output format…), or the first one when none is given. */
export function parseChoice<T extends string>(option: string, value: string | undefined, choices: readonly T[]): T {
  if (value === undefined) return choices[0]!;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(msg('cli.invalid-value', { option, value, expected: list(choices) }));
  return value as T;
}

export function parseTarget(value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max) {
    throw new UsageError(msg('cli.invalid-value', { option: '--target', value, expected: `1-${max}` }));
  }
  return n;
}

export function parseLang(value: string | undefined): Locale | undefined {
  if (value === undefined) return undefined;
  if (isLanguage(value)) return value;
  throw new UsageError(msg('cli.invalid-value', { option: '--lang', value, expected: `${list(LANGUAGES)}, de, fr-CA…` }));
}

export function parseJobs(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const jobs = Number(value);
  if (!/^\d+$/.test(value) || jobs < 1 || jobs > 256) throw new UsageError(msg('cli.invalid-value', { option: '--jobs', value, expected: '1-256' }));
  return jobs;
}

/** `--delimiter`: one character (`\t` or `tab` for a tab). */
export function parseDelimiter(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const d = value === '\\t' || value.toLowerCase() === 'tab' ? '\t' : value;
  if ([...d].length !== 1 || /[\r\n"]/.test(d)) throw new UsageError(msg('cli.invalid-value', { option: '--delimiter', value, expected: ', ; tab |' }));
  return d;
}

/** `--window DAYS`: a whole number of days, 0 to 3650. */
export function parseWindow(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 3650) throw new UsageError(msg('cli.invalid-value', { option: '--window', value, expected: '0-3650' }));
  return n;
}

/** Where the questionnaires come from, for everything the command does next (see src/io/registry.ts). */
export function useQuestionnaires(options: { questionnaire?: string; questionnaires?: string }): Registry {
  return useRegistry(
    new Registry(
      registryFolders({
        ...(options.questionnaire !== undefined ? { questionnaire: options.questionnaire } : {}),
        ...(options.questionnaires !== undefined ? { questionnaires: options.questionnaires } : {}),
      }),
    ),
  );
}

/** The options every command takes. */
export interface CommonOptions {
  lang?: string;
  color?: boolean;
  quiet?: boolean;
  debug?: boolean;
}

/** `-q` for workers: a file as an absolute path, a built-in ref as given. */
export function resolveRef(ref: string): string {
  return /[\\/]|\.(?:ya?ml|json)$/i.test(ref) ? resolve(ref) : ref;
}
