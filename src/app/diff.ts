import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { score } from '../../scoring/index.js';
import { InputError, UsageError } from '../errors.js';
import { msg, type Message } from '../i18n/index.js';
import { fileAt, filesAt, repositoryPrefix, showSpec } from '../io/git.js';
import { compareSemver, parseAnswers } from '../io/load.js';
import { decodeText, parseSource, readText } from '../io/read.js';
import { schemaProblems } from '../io/schema-problems.js';
import { BUMPS, diffQuestionnaires, smallestVersion, versionBump, type Bump, type Change } from '../lint/diff.js';
import type { Questionnaire } from '../model/questionnaire.js';
import { questionnaireSchemas } from '../model/questionnaire-schema.js';
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
  scores: { file: string; before?: { level: number; score: number }; after?: { level: number; score: number } }[];
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
    const at = (q: Questionnaire) => {
      try {
        const body = text.replace(/^questionnaire: .*$/m, `questionnaire: ${q.id}@${q.version}`);
        const loaded = parseAnswers(body, {
          file,
          lang: 'en',
          loaded: { questionnaire: q, sha256: '0'.repeat(64), file: path, path, ref: `${q.id}@${q.version}` },
        });
        const r = score(q, loaded.assessment, { sha256: '0'.repeat(64) });
        return { level: r.overall.level, score: r.overall.score };
      } catch {
        return undefined;
      }
    };
    if (/^questionnaire: *(\S+)/m.exec(text)?.[1] !== `${before.id}@${before.version}`) continue;
    const b = at(before);
    const a = at(after);
    out.push({ file, ...(b ? { before: b } : {}), ...(a ? { after: a } : {}) });
  }
  return out;
}

/** `diff OLD NEW`: two files or `REF:path`s. */
export function diffFiles(oldRef: string, newRef: string): DiffOutcome {
  return { comparisons: [compare(load(oldRef), load(newRef))], problems: [], notes: [] };
}

/** `diff --base REF`: every questionnaire file of the working tree against that ref. */
export function diffAgainstBase(base: string): DiffOutcome {
  const outcome: DiffOutcome = { comparisons: [], problems: [], notes: [] };
  const dir = 'questionnaires';
  const prefix = repositoryPrefix(base);
  const inBase = new Set(filesAt(base, dir).filter((f) => /^questionnaires\/[^/]+\/\d+\.\d+\.\d+\.yaml$/.test(f)));
  if (!existsSync(dir)) return outcome;
  let unchanged = 0;
  const ids = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const id of ids) {
    const versions = readdirSync(join(dir, id))
      .map((f) => /^(\d+\.\d+\.\d+)\.yaml$/.exec(f)?.[1])
      .filter((v): v is string => v !== undefined)
      .sort(compareSemver);
    for (const version of versions) {
      const file = `${dir}/${id}/${version}.yaml`;
      if (inBase.has(file)) {
        if (!fileAt(base, `${prefix}${file}`).equals(readFileSync(file))) outcome.problems.push({ file, message: msg('diff.released-edited', { base }) });
        else unchanged += 1;
        continue;
      }
      const previous = [...inBase]
        .filter((f) => f.startsWith(`${dir}/${id}/`))
        .map((f) => /(\d+\.\d+\.\d+)\.yaml$/.exec(f)![1]!)
        .filter((v) => compareSemver(v, version) < 0)
        .sort(compareSemver)
        .pop();
      if (previous === undefined) {
        outcome.notes.push(msg('diff.new-questionnaire', { ref: `${id}@${version}` }));
        continue;
      }
      const old = `${prefix}${dir}/${id}/${previous}.yaml`;
      outcome.comparisons.push(compare(load(`${base}:${old}`, fileAt(base, old)), load(file)));
    }
  }
  outcome.notes.unshift(msg('diff.unchanged', { count: unchanged, base }));
  return outcome;
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
