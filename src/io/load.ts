import semver from 'semver';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { packageRoot } from './package-root.js';
import { InputError, UsageError, type Located } from '../errors.js';
import { list, msg } from '../i18n/index.js';
import { parseAnswersFile, type AnswersFile, type Assessment } from '../model/answers.js';
import { checkAnswers } from '../model/check-answers.js';
import { checkQuestionnaire } from '../model/check-questionnaire.js';
import { migrateAnswers, migrationChain, type MigrationStep } from '../model/migrate.js';
import type { Locale } from '../model/common.js';
import type { Questionnaire } from '../model/questionnaire.js';
import { schemas } from '../model/schema-registry.js';
import { parseSource, readText, type SourceFile } from './read.js';
import { schemaProblems } from './schema-problems.js';

export interface LoadedQuestionnaire {
  questionnaire: Questionnaire;
  /** sha256 of the file with LF line ends. */
  sha256: string;
  file: string;
  /** The file's absolute path. */
  path: string;
  /** `id@version`. */
  ref: string;
}

export { packageRoot };

/** Versions in order, oldest first. */
export const compareSemver = (a: string, b: string): number => semver.compare(a, b);

export interface BuiltinQuestionnaire {
  id: string;
  /** Oldest first. */
  versions: string[];
}

/**
 * The folder of questionnaires (`<id>/<version>.yaml`): the package's own, or the one
 * SM_DIAGNOSTIC_QUESTIONNAIRES names (a consultant's library, or test fixtures).
 */
export function questionnairesDir(): string {
  const own = process.env.SM_DIAGNOSTIC_QUESTIONNAIRES;
  return own ? resolve(own) : join(packageRoot(), 'questionnaires');
}

const listings = new Map<string, BuiltinQuestionnaire[]>();

/** The questionnaires and versions of the folder, read once per process (a batch asks for each file). */
export function listBuiltin(): BuiltinQuestionnaire[] {
  const dir = questionnairesDir();
  let listing = listings.get(dir);
  if (!listing) {
    listing = readBuiltin(dir);
    listings.set(dir, listing);
  }
  return listing;
}

function readBuiltin(dir: string): BuiltinQuestionnaire[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({
      id: d.name,
      versions: readdirSync(join(dir, d.name))
        .map((f) => /^(\d+\.\d+\.\d+)\.yaml$/.exec(f)?.[1])
        .filter((v): v is string => v !== undefined)
        .sort(compareSemver),
    }))
    .filter((q) => q.versions.length > 0)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export const DEFAULT_QUESTIONNAIRE = 'sm-maturity';

function availableRefs(): string {
  return list(listBuiltin().flatMap((q) => q.versions.map((v) => `${q.id}@${v}`)));
}

const cache = new Map<string, LoadedQuestionnaire>();

/**
 * A built-in questionnaire as the build checked and compiled it (dist/questionnaires/…json), when the
 * YAML beside it is still the one compiled; else undefined and the YAML is read as any other.
 */
function compiledQuestionnaire(absolute: string, sha256: string): Questionnaire | undefined {
  const root = packageRoot();
  const rel = relative(join(root, 'questionnaires'), absolute);
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  try {
    const compiled = JSON.parse(readFileSync(join(root, 'dist', 'questionnaires', rel.replace(/\.yaml$/, '.json')), 'utf8')) as {
      sha256: string;
      questionnaire: Questionnaire;
    };
    return compiled.sha256 === sha256 ? compiled.questionnaire : undefined;
  } catch {
    return undefined;
  }
}

/** Reads, validates and checks a questionnaire file; each file is read once per process. */
export function loadQuestionnaireFile(path: string, display = path, options: { compiled?: boolean } = {}): LoadedQuestionnaire {
  const absolute = resolve(path);
  const cached = cache.get(absolute);
  if (cached) return cached;
  const text = readText(absolute, display);
  const sha256 = createHash('sha256').update(text.replace(/\r\n?/g, '\n')).digest('hex');
  const compiled = options.compiled === false ? undefined : compiledQuestionnaire(absolute, sha256);
  if (compiled) {
    const loaded = { questionnaire: compiled, sha256, file: display, path: absolute, ref: `${compiled.id}@${compiled.version}` };
    cache.set(absolute, loaded);
    return loaded;
  }
  const source = parseSource(text, display);
  const { QuestionnaireSchema } = schemas().questionnaireSchemas();
  const parsed = QuestionnaireSchema.safeParse(source.data);
  if (!parsed.success) throw new InputError(schemaProblems(source, QuestionnaireSchema, parsed.error.issues, 'questionnaire'));
  const questionnaire = parsed.data;
  const broken = checkQuestionnaire(questionnaire).filter((f) => f.integrity);
  if (broken.length > 0) {
    throw new InputError(broken.map((f) => ({ file: display, ...source.locate(f.path, f.key), message: f.message })));
  }
  const loaded = { questionnaire, sha256, file: display, path: absolute, ref: `${questionnaire.id}@${questionnaire.version}` };
  cache.set(absolute, loaded);
  return loaded;
}

function looksLikePath(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.(?:ya?ml|json)$/i.test(ref);
}

/** A built-in questionnaire by `id` or `id@version` (the newest version when none is given). */
export function loadBuiltin(ref: string): LoadedQuestionnaire {
  // A batch names the same questionnaire in every file: found once per folder and ref.
  const key = `${process.env.SM_DIAGNOSTIC_QUESTIONNAIRES ?? ''}\u0000${ref}`;
  let loaded = builtinByRef.get(key);
  if (!loaded) {
    loaded = findBuiltin(ref);
    builtinByRef.set(key, loaded);
  }
  return loaded;
}
const builtinByRef = new Map<string, LoadedQuestionnaire>();

function findBuiltin(ref: string): LoadedQuestionnaire {
  const [id, version] = ref.split('@') as [string, string | undefined];
  const entry = listBuiltin().find((q) => q.id === id);
  if (!entry) throw new UsageError(msg('questionnaire.not-found', { ref, available: availableRefs() }));
  const chosen = version ?? entry.versions[entry.versions.length - 1]!;
  if (!entry.versions.includes(chosen)) {
    throw new UsageError(msg('answers.unknown-version', { id, version: chosen, available: list(entry.versions) }));
  }
  const file = join(questionnairesDir(), id, `${chosen}.yaml`);
  return loadQuestionnaireFile(file, `questionnaires/${id}/${chosen}.yaml`);
}

/** `-q` as given: a file path, `id` or `id@version`. */
export function loadQuestionnaire(ref: string | undefined): LoadedQuestionnaire {
  if (ref === undefined) return loadBuiltin(DEFAULT_QUESTIONNAIRE);
  if (looksLikePath(ref) || existsSync(ref)) return loadQuestionnaireFile(ref);
  return loadBuiltin(ref);
}

export interface LoadedAnswers {
  source: SourceFile;
  file: AnswersFile;
  assessment: Assessment;
  questionnaire: LoadedQuestionnaire;
  /** The steps taken when the answers were migrated to a newer version (--migrate). */
  migration?: MigrationStep[];
  /** The newest version of the questionnaire, when the answers were scored with an older one. */
  newer?: string;
}

/**
 * Reads an answers file and checks it against its questionnaire: the one `-q` names, else the one the
 * file names. Every problem is reported with its line and column; nothing is partly accepted.
 */
export function loadAnswers(path: string, options: { questionnaire?: string; lang: Locale; display?: string; migrate?: boolean }): LoadedAnswers {
  const display = options.display ?? path;
  const source = parseSource(readText(path, display), display);
  return checkAnswersSource(source, options);
}

/** The same from text already in memory (`file` is the name used in messages). */
export function parseAnswers(text: string, options: { file: string; questionnaire?: string; loaded?: LoadedQuestionnaire; lang: Locale }): LoadedAnswers {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return checkAnswersSource(parseSource(body, options.file), options);
}

export function checkAnswersSource(
  source: SourceFile,
  options: { questionnaire?: string; loaded?: LoadedQuestionnaire; lang: Locale; migrate?: boolean },
): LoadedAnswers {
  const display = source.file;
  if (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) {
    throw new InputError([{ file: display, line: 1, col: 1, message: msg('yaml.not-mapping') }]);
  }
  const parsed = parseAnswersFile(source.data);
  if (!parsed.success) throw new InputError(schemaProblems(source, schemas().AnswersSchema, parsed.error.issues, 'answers'));
  let file = parsed.data;
  const [namedId, namedVersion] = file.questionnaire.split('@') as [string, string];
  let migration: MigrationStep[] | undefined;
  let newer: string | undefined;

  let questionnaire: LoadedQuestionnaire;
  if (options.loaded !== undefined || options.questionnaire !== undefined) {
    questionnaire = options.loaded ?? loadQuestionnaire(options.questionnaire);
    if (questionnaire.questionnaire.id !== namedId) {
      throw new InputError([
        {
          file: display,
          ...source.locate(['questionnaire']),
          message: msg('answers.other-questionnaire', { found: namedId, expected: questionnaire.questionnaire.id }),
        },
      ]);
    }
  } else {
    const entry = listBuiltin().find((q) => q.id === namedId);
    if (!entry) {
      throw new InputError([
        {
          file: display,
          ...source.locate(['questionnaire']),
          message: msg('questionnaire.not-found', { ref: file.questionnaire, available: availableRefs() }),
        },
      ]);
    }
    const newest = entry.versions[entry.versions.length - 1]!;
    if (options.migrate && namedVersion !== newest) {
      questionnaire = loadBuiltin(`${namedId}@${newest}`);
      const versions = entry.versions.map((v) => loadBuiltin(`${namedId}@${v}`).questionnaire);
      const chain = migrationChain(versions, namedVersion, questionnaire.questionnaire);
      if (!chain) {
        throw new InputError([
          { file: display, ...source.locate(['questionnaire']), message: msg('answers.no-migration', { from: file.questionnaire, to: questionnaire.ref }) },
        ]);
      }
      const migrated = migrateAnswers(file, chain);
      file = migrated.file;
      migration = migrated.steps;
    } else if (!entry.versions.includes(namedVersion)) {
      throw new InputError([
        {
          file: display,
          ...source.locate(['questionnaire']),
          message: msg('answers.unknown-version', { id: namedId, version: namedVersion, available: list(entry.versions) }),
        },
      ]);
    } else {
      questionnaire = loadBuiltin(file.questionnaire);
      if (namedVersion !== newest) newer = `${namedId}@${newest}`;
    }
  }

  const { assessment, problems } = checkAnswers(questionnaire.questionnaire, file, questionnaire.ref, options.lang);
  if (problems.length > 0) {
    const located: Located[] = problems.map((p) => ({ file: display, ...source.locate(p.path, p.key), message: p.message }));
    located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
    throw new InputError(located);
  }
  return { source, file, assessment, questionnaire, ...(migration ? { migration } : {}), ...(newer ? { newer } : {}) };
}
