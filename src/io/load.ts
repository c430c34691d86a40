import semver from 'semver';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { packageRoot } from './package-root.js';
import { InputError, type Located } from '../errors.js';
import { list, msg } from '../i18n/index.js';
import { parseAnswersFile, type AnswersFile, type Assessment } from '../model/answers.js';
import { checkAnswers } from '../model/check-answers.js';
import { checkQuestionnaire } from '../model/check-questionnaire.js';
import { migrateAnswers, type MigrationStep } from '../model/migrate.js';
import { DEFAULT_QUESTIONNAIRE, looksLikePath, registry } from './registry.js';
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

/** The questionnaires the registry holds, and their versions (oldest first). */
export function listBuiltin(): BuiltinQuestionnaire[] {
  const r = registry();
  return r.ids().map((id) => ({ id, versions: r.versions(id) }));
}

export { DEFAULT_QUESTIONNAIRE };

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
  const loaded = questionnaireFromText(text, display, absolute, sha256);
  cache.set(absolute, loaded);
  return loaded;
}

/** A questionnaire from text in memory (`init` checks its starter before writing it): validated and checked, not cached. */
export function questionnaireFromText(
  text: string,
  display: string,
  absolute: string,
  sha256 = createHash('sha256').update(text.replace(/\r\n?/g, '\n')).digest('hex'),
): LoadedQuestionnaire {
  const source = parseSource(text, display);
  const { QuestionnaireSchema } = schemas().questionnaireSchemas();
  const parsed = QuestionnaireSchema.safeParse(source.data);
  if (!parsed.success) throw new InputError(schemaProblems(source, QuestionnaireSchema, parsed.error.issues, 'questionnaire'));
  const questionnaire = parsed.data;
  const broken = checkQuestionnaire(questionnaire).filter((f) => f.integrity);
  if (broken.length > 0) {
    throw new InputError(broken.map((f) => ({ file: display, ...source.locate(f.path, f.key), message: f.message })));
  }
  return { questionnaire, sha256, file: display, path: absolute, ref: `${questionnaire.id}@${questionnaire.version}` };
}

/** A questionnaire of the registry by `id` or `id@version` (the newest version when none is given). */
export function loadBuiltin(ref: string): LoadedQuestionnaire {
  const [id, version] = ref.split('@') as [string, string | undefined];
  const entry = registry().entry(id, version);
  return loadQuestionnaireFile(entry.path, entry.display);
}

/** `-q` as given: a file path, `id` or `id@version`; by default the registry's questionnaire. */
export function loadQuestionnaire(ref: string | undefined): LoadedQuestionnaire {
  if (ref === undefined) return loadBuiltin(registry().defaultId());
  if (looksLikePath(ref)) return loadQuestionnaireFile(ref);
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
    const target = questionnaire.questionnaire.version;
    if (options.migrate && semver.valid(namedVersion) && semver.lt(namedVersion, target)) {
      // The versions between the answers' and the one asked for, from the registry (the folder of -q's file among them).
      const r = registry();
      if (!r.has(namedId, namedVersion)) {
        throw new InputError([
          { file: display, ...source.locate(['questionnaire']), message: msg('answers.no-migration', { from: file.questionnaire, to: questionnaire.ref }) },
        ]);
      }
      const chain = r
        .versions(namedId)
        .filter((v) => semver.gt(v, namedVersion) && semver.lt(v, target))
        .map((v) => loadBuiltin(`${namedId}@${v}`).questionnaire);
      const migrated = migrateAnswers(file, [...chain, questionnaire.questionnaire]);
      file = migrated.file;
      migration = migrated.steps;
    }
  } else {
    const r = registry();
    const versions = r.versions(namedId);
    if (versions.length === 0) {
      throw new InputError([
        { file: display, ...source.locate(['questionnaire']), message: msg('questionnaire.not-found', { ref: file.questionnaire, available: r.available() }) },
      ]);
    }
    const newest = versions[versions.length - 1]!;
    if (!versions.includes(namedVersion)) {
      throw new InputError([
        {
          file: display,
          ...source.locate(['questionnaire']),
          message: msg('answers.unknown-version', { id: namedId, version: namedVersion, available: list(versions) }),
        },
      ]);
    }
    if (options.migrate && namedVersion !== newest) {
      questionnaire = loadBuiltin(`${namedId}@${newest}`);
      // Every version after the answers' own, oldest first: each one's migration, when it declares one, is applied in turn.
      const chain = versions.filter((v) => semver.gt(v, namedVersion)).map((v) => loadBuiltin(`${namedId}@${v}`).questionnaire);
      const migrated = migrateAnswers(file, chain);
      file = migrated.file;
      migration = migrated.steps;
    } else {
      questionnaire = loadBuiltin(file.questionnaire);
      if (namedVersion !== newest) newer = `${namedId}@${newest}`;
    }
  }

  // Migrated answers may have been given in a language the new version no longer has: the report gives way, with a notice.
  const { assessment, problems } = checkAnswers(questionnaire.questionnaire, file, questionnaire.ref, options.lang, { migrated: migration !== undefined });
  if (problems.length > 0) {
    const located: Located[] = problems.map((p) => ({ file: display, ...source.locate(p.path, p.key), message: p.message }));
    located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
    throw new InputError(located);
  }
  return { source, file, assessment, questionnaire, ...(migration ? { migration } : {}), ...(newer ? { newer } : {}) };
}
