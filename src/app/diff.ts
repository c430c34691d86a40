import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { score } from '../../scoring/index.js';
import { InputError, UsageError } from '../errors.js';
import { list, msg, type Message } from '../i18n/index.js';
import { checkRef, fileAt, filesAt, repositoryTop, showSpec } from '../io/git.js';
import { folderFiles, projectFolders } from '../io/registry.js';
import { compareSemver, parseAnswers } from '../io/load.js';
import { decodeText, parseSource, readText } from '../io/read.js';
import { schemaProblems } from '../io/schema-problems.js';
import { BUMPS, diffQuestionnaires, smallestVersion, versionBump, type Bump, type Change } from '../lint/diff.js';
import type { Questionnaire } from '../model/questionnaire.js';
import { questionnaireSchemas } from '../model/questionnaire-schema.js';
import { migrateAnswers } from '../model/migrate.js';
import '../model/schemas.js';

/** One questionnaire version against the one before it. */
export interface VersionComparison {
  old: { ref: string; version: string };
  new: { ref: string; version: string; path?: string };
  changes: Change[];
  required: Bump;
  actual: Bump | 'invalid';
  /** The smallest version the change allows. */
  smallest: string;
  /** The new version declares a migration from the old one. */
  migrates: boolean;
  ok: boolean;
  /** How the known answer sets (the examples beside the new file) score with each version. */
  scores: { file: string; before?: { level: number; score: number }; after?: { level: number; score: number }; migrated?: boolean }[];
}

export interface DiffOutcome {
  comparisons: VersionComparison[];
  problems: { file: string; message: Message }[];
  notes: Message[];
}

interface Side {
  /** As given: a path or `REF:path`. */
  ref: string;
  /** The file in the working tree, when there is one (for annotations and examples). */
  path?: string;
  questionnaire: Questionnaire;
}

/** A file path, or `GITREF:path` read with git. */
function load(ref: string, bytes?: Buffer): Side {
  const fromGit = bytes !== undefined || (!existsSync(ref) && /^[^:]+:.+/.test(ref));
  const text = fromGit ? decodeText(bytes ?? showSpec(ref), ref) : readText(ref);
  const source = parseSource(text, ref);
  const { QuestionnaireSchema } = questionnaireSchemas();
  const parsed = QuestionnaireSchema.safeParse(source.data);
  if (!parsed.success) throw new InputError(schemaProblems(source, QuestionnaireSchema, parsed.error.issues, 'questionnaire'));
  return { ref, ...(fromGit ? {} : { path: ref }), questionnaire: parsed.data };
}

function compare(before: Side, after: Side): VersionComparison {
  const { changes, bump } = diffQuestionnaires(before.questionnaire, after.questionnaire);
  const same = before.questionnaire.version === after.questionnaire.version;
  const actual = same && changes.length === 0 ? 'none' : (versionBump(before.questionnaire.version, after.questionnaire.version) ?? 'invalid');
  const ok = actual !== 'invalid' && BUMPS.indexOf(actual) >= BUMPS.indexOf(bump);
  return {
    old: { ref: before.ref, version: before.questionnaire.version },
    new: { ref: after.ref, version: after.questionnaire.version, ...(after.path ? { path: after.path } : {}) },
    changes,
    required: bump,
    actual,
    smallest: smallestVersion(before.questionnaire.version, bump),
    migrates: after.questionnaire.migration?.from === before.questionnaire.version,
    ok,
    scores: bump === 'minor' || bump === 'major' ? scoreMoves(before.questionnaire, after.questionnaire, after.path) : [],
  };
}

/** How the known answer sets (the examples beside the new file) score with each version. */
function scoreMoves(before: Questionnaire, after: Questionnaire, path: string | undefined): VersionComparison['scores'] {
  if (!path) return [];
  const dir = join(dirname(path), 'examples');
  if (!existsSync(dir)) return [];
  const out: VersionComparison['scores'] = [];
  for (const file of readdirSync(dir)
    .filter((f) => /\.(?:ya?ml|json)$/.test(f))
    .sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    const read = (q: Questionnaire, body: string) =>
      parseAnswers(body.replace(/^questionnaire: .*$/m, `questionnaire: ${q.id}@${q.version}`), {
        file,
        lang: 'en',
        loaded: { questionnaire: q, sha256: '0'.repeat(64), file: path, path, ref: `${q.id}@${q.version}` },
      });
    const at = (q: Questionnaire, body: string) => {
      try {
        const r = score(q, read(q, body).assessment, { sha256: '0'.repeat(64) });
        return { level: r.overall.level, score: r.overall.score };
      } catch {
        return undefined;
      }
    };
    if (/^questionnaire: *(\S+)/m.exec(text)?.[1] !== `${before.id}@${before.version}`) continue;
    const b = at(before, text);
    // A major version with a migration from the old one: the answers carried by it, as run --migrate carries them.
    const migrates = after.migration?.from === before.version;
    const a = at(after, migrates ? carried(before, after, text, read) : text);
    out.push({ file, ...(b ? { before: b } : {}), ...(a ? { after: a } : {}), ...(migrates ? { migrated: true } : {}) });
  }
  return out;
}

/** An answers file of `before`, as the migration of `after` carries it; the text as it was when it does not read. */
function carried(before: Questionnaire, after: Questionnaire, text: string, read: (q: Questionnaire, body: string) => ReturnType<typeof parseAnswers>): string {
  try {
    return stringify(migrateAnswers(read(before, text).file, [after]).file);
  } catch {
    return text;
  }
}

/** `diff OLD NEW`: two files or `REF:path`s. */
export function diffFiles(oldRef: string, newRef: string): DiffOutcome {
  return { comparisons: [compare(load(oldRef), load(newRef))], problems: [], notes: [] };
}

/**
 * `diff --base REF`: every questionnaire file of the project's folders (its config's, else the nearest
 * `questionnaires/` folder) against that ref. A released file must be unchanged and still there; a new
 * version is compared with the version before it (released or new) and must carry a large enough bump.
 */
export function diffAgainstBase(base: string): DiffOutcome {
  checkRef(base);
  const outcome: DiffOutcome = { comparisons: [], problems: [], notes: [] };
  const top = repositoryTop(base);
  const folders = projectFolders().filter((f) => isInside(top, f.dir));
  if (folders.length === 0) throw new UsageError(msg('diff.no-folders', { dir: shown(top) }));
  const checked: string[] = [];
  let unchanged = 0;
  // Every version file, released (at the base) and current (in the working tree), by id then version.
  const released = new Map<string, Map<string, string>>();
  const current = new Map<string, Map<string, string>>();
  const put = (map: Map<string, Map<string, string>>, id: string, version: string, path: string) => {
    let versions = map.get(id);
    if (!versions) map.set(id, (versions = new Map<string, string>()));
    if (!versions.has(version)) versions.set(version, path);
  };
  for (const folder of folders) {
    const rel = relative(top, folder.dir).split(sep).join('/');
    const inBase = filesAt(base, top, rel);
    let found = 0;
    for (const file of inBase) {
      const m = VERSION_PATH.exec(rel === '' ? file : file.slice(rel.length + 1));
      if (m) {
        put(released, m[1]!, m[2]!, file);
        found += 1;
      }
    }
    for (const entry of folderFiles([folder])) {
      put(current, entry.id, entry.version, relative(top, entry.path).split(sep).join('/'));
      found += 1;
    }
    if (found === 0) throw new UsageError(msg('diff.layout', { dir: shown(folder.dir) }));
  }
  const atBase = (path: string) => fileAt(base, path);
  const inTree = (path: string) => join(top, path);
  // A released file deleted or moved is a break for everyone whose answers name it.
  const currentBytes = new Map<string, string>();
  for (const versions of current.values()) for (const path of versions.values()) currentBytes.set(readFileSync(inTree(path), 'latin1'), path);
  for (const [id, versions] of released) {
    for (const [version, path] of versions) {
      if (current.get(id)?.get(version) === path) continue;
      const movedTo = currentBytes.get(atBase(path).toString('latin1')) ?? current.get(id)?.get(version);
      outcome.problems.push({
        file: shown(inTree(path)),
        message:
          movedTo !== undefined
            ? msg('diff.released-moved', { base, to: shown(inTree(movedTo)) })
            : msg('diff.released-deleted', { base, ref: `${id}@${version}` }),
      });
    }
  }
  for (const id of [...current.keys()].sort()) {
    const versions = current.get(id)!;
    for (const version of [...versions.keys()].sort(compareSemver)) {
      const path = versions.get(version)!;
      const file = shown(inTree(path));
      checked.push(file);
      const releasedPath = released.get(id)?.get(version);
      if (releasedPath !== undefined) {
        if (!atBase(releasedPath).equals(readFileSync(inTree(path)))) outcome.problems.push({ file, message: msg('diff.released-edited', { base }) });
        else unchanged += 1;
        continue;
      }
      // The version before: released (as released), else new in this change too.
      const before = [...new Set([...(released.get(id)?.keys() ?? []), ...versions.keys()])]
        .filter((v) => compareSemver(v, version) < 0)
        .sort(compareSemver)
        .pop();
      if (before === undefined) {
        outcome.notes.push(msg('diff.new-questionnaire', { ref: `${id}@${version}` }));
        continue;
      }
      const releasedBefore = released.get(id)?.get(before);
      const old = releasedBefore !== undefined ? load(`${base}:${releasedBefore}`, atBase(releasedBefore)) : load(shown(inTree(versions.get(before)!)));
      outcome.comparisons.push(compare(old, load(file)));
    }
  }
  outcome.notes.unshift(msg('diff.checked', { count: checked.length, files: list(checked, 20) }), msg('diff.unchanged', { count: unchanged, base }));
  return outcome;
}

const VERSION_PATH = /^([^/]+)\/(\d+\.\d+\.\d+)\.yaml$/;

function isInside(top: string, dir: string): boolean {
  const rel = relative(top, dir);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** A path as messages name it: relative to the current folder. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path).split(sep).join('/');
  return rel === '' ? '.' : rel;
}

export function diffOk(outcome: DiffOutcome): boolean {
  return outcome.problems.length === 0 && outcome.comparisons.every((c) => c.ok);
}

/** Why a comparison fails, if it does. */
export function failure(c: VersionComparison): Message | undefined {
  if (c.actual === 'invalid') return msg('diff.not-greater', { from: c.old.version, to: c.new.version });
  if (!c.ok)
    return msg('diff.too-small', {
      required: msg(`bump.${c.required}`),
      actual: msg(`bump.${c.actual}`),
      from: c.old.version,
      to: c.new.version,
      smallest: c.smallest,
    });
  return undefined;
}

export function checkDiffArguments(oldRef: string | undefined, newRef: string | undefined, base: string | undefined): void {
  if (base !== undefined && oldRef !== undefined) throw new UsageError(msg('cli.excess-arguments'));
  if (base === undefined && (oldRef === undefined || newRef === undefined))
    throw new UsageError(msg('cli.missing-argument', { name: oldRef === undefined ? 'OLD' : 'NEW' }));
}
