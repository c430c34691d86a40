import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { score } from '../../scoring/index.js';
import { EXIT, InputError, UsageError } from '../errors.js';
import { detectLang, list, msg, say, type Message } from '../i18n/index.js';
import { compareSemver, parseAnswers } from '../io/load.js';
import { parseSource, decodeText } from '../io/read.js';
import { schemaProblems } from '../io/schema-problems.js';
import type { Io } from '../io/terminal.js';
import type { Locale } from '../model/common.js';
import type { Questionnaire } from '../model/questionnaire.js';
import { questionnaireSchemas } from '../model/questionnaire-schema.js';
import '../model/schemas.js';
import { diffQuestionnaires, versionBump, BUMPS, type Bump, type Change } from '../lint/diff.js';
import { parseLang } from './run.js';

export interface DiffOptions {
  base?: string;
  format?: string;
  lang?: string;
}

export const DIFF_FORMATS = ['text', 'json', 'github', 'md'] as const;
type DiffFormat = (typeof DIFF_FORMATS)[number];

interface Side {
  /** As given: a path or `REF:path`. */
  ref: string;
  /** The file in the working tree, when there is one (for annotations and examples). */
  path?: string;
  questionnaire: Questionnaire;
}

interface Comparison {
  old: { ref: string; version: string };
  new: { ref: string; version: string; path?: string };
  changes: Change[];
  required: Bump;
  actual: Bump | 'invalid';
  /** The new version declares a migration from the old one. */
  migrates: boolean;
  ok: boolean;
  scores: { file: string; before?: { level: number; score: number }; after?: { level: number; score: number } }[];
}

interface Problem {
  file: string;
  message: Message;
}

function git(args: string[], ref: string): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const detail = String((error as { stderr?: string }).stderr ?? error).trim().split('\n')[0] ?? '';
    throw new UsageError(msg('diff.git', { ref, detail }));
  }
}

function gitBytes(ref: string): Buffer {
  try {
    return execFileSync('git', ['show', ref], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const detail = String((error as { stderr?: Buffer }).stderr ?? error).trim().split('\n')[0] ?? '';
    throw new UsageError(msg('diff.git', { ref, detail }));
  }
}

/** A file path, or `GITREF:path` read with `git show`. */
function load(ref: string): Side {
  const gitRef = !existsSync(ref) && /^[^:]+:.+/.test(ref);
  const text = gitRef ? decodeText(gitBytes(ref), ref) : readFileSync(ref, 'utf8').replace(/^\uFEFF/, '');
  const source = parseSource(text, ref);
  const { QuestionnaireSchema } = questionnaireSchemas();
  const parsed = QuestionnaireSchema.safeParse(source.data);
  if (!parsed.success) throw new InputError(schemaProblems(source, QuestionnaireSchema, parsed.error.issues, 'questionnaire'));
  return { ref, ...(gitRef ? {} : { path: ref }), questionnaire: parsed.data };
}

function compare(before: Side, after: Side): Comparison {
  const { changes, bump } = diffQuestionnaires(before.questionnaire, after.questionnaire);
  const actual = versionBump(before.questionnaire.version, after.questionnaire.version) ?? 'invalid';
  const ok = actual !== 'invalid' && BUMPS.indexOf(actual) >= BUMPS.indexOf(bump);
  return {
    old: { ref: before.ref, version: before.questionnaire.version },
    new: { ref: after.ref, version: after.questionnaire.version, ...(after.path ? { path: after.path } : {}) },
    changes,
    required: bump,
    actual,
    migrates: after.questionnaire.migration?.from === before.questionnaire.version,
    ok,
    scores: bump === 'minor' || bump === 'major' ? scoreMoves(before.questionnaire, after.questionnaire, after.path) : [],
  };
}

/** How the known answer sets (the examples beside the new file) score with each version. */
function scoreMoves(before: Questionnaire, after: Questionnaire, path: string | undefined): Comparison['scores'] {
  if (!path) return [];
  const dir = join(dirname(path), 'examples');
  if (!existsSync(dir)) return [];
  const out: Comparison['scores'] = [];
  for (const file of readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    const at = (q: Questionnaire) => {
      try {
        const body = text.replace(/^questionnaire: .*$/m, `questionnaire: ${q.id}@${q.version}`);
        const loaded = parseAnswers(body, { file, lang: 'en', loaded: { questionnaire: q, sha256: '0'.repeat(64), file: path, path, ref: `${q.id}@${q.version}` } });
        const r = score(q, loaded.assessment, { sha256: '0'.repeat(64), lang: 'en' });
        return { level: r.overall.level, score: r.overall.score };
      } catch {
        return undefined;
      }
    };
    const named = /^questionnaire: *(\S+)/m.exec(text)?.[1];
    if (named !== `${before.id}@${before.version}`) continue;
    const b = at(before);
    const a = at(after);
    out.push({ file, ...(b ? { before: b } : {}), ...(a ? { after: a } : {}) });
  }
  return out;
}

/** `diff --base REF`: every questionnaire file of the working tree against that ref. */
function againstBase(base: string): { comparisons: Comparison[]; problems: Problem[]; notes: Message[] } {
  const comparisons: Comparison[] = [];
  const problems: Problem[] = [];
  const notes: Message[] = [];
  const root = git(['rev-parse', '--show-toplevel'], base).trim();
  const prefix = git(['rev-parse', '--show-prefix'], base).trim();
  // ls-tree names paths relative to the current folder, as the working tree below is read.
  const inBase = new Set(
    git(['ls-tree', '-r', '--name-only', base, '--', 'questionnaires'], base)
      .split('\n')
      .filter((f) => /^questionnaires\/[^/]+\/\d+\.\d+\.\d+\.yaml$/.test(f)),
  );
  const dir = 'questionnaires';
  let unchanged = 0;
  if (!existsSync(dir)) return { comparisons, problems, notes };
  const ids = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const id of ids) {
    const versions = readdirSync(join(dir, id))
      .map((f) => /^(\d+\.\d+\.\d+)\.yaml$/.exec(f)?.[1])
      .filter((v): v is string => v !== undefined)
      .sort(compareSemver);
    for (const version of versions) {
      const file = `${dir}/${id}/${version}.yaml`;
      if (inBase.has(file)) {
        const before = gitBytes(`${base}:${prefix}${file}`);
        const now = readFileSync(join(root, prefix, file));
        if (!before.equals(now)) problems.push({ file, message: msg('diff.released-edited', { base }) });
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
        notes.push(msg('diff.new-questionnaire', { ref: `${id}@${version}` }));
        continue;
      }
      comparisons.push(compare(load(`${base}:${prefix}${dir}/${id}/${previous}.yaml`), load(file)));
    }
  }
  notes.unshift(msg('diff.unchanged', { count: unchanged, base }));
  return { comparisons, problems, notes };
}

const KIND_FR: Record<string, string> = { added: 'ajouté', removed: 'retiré', changed: 'modifié', renamed: 'renommé' };
const BUMP_FR: Record<string, string> = { none: 'aucune', patch: 'correctif', minor: 'mineure', major: 'majeure', invalid: 'invalide' };

function word(lang: Locale, w: string, table: Record<string, string>): string {
  return lang === 'fr' ? (table[w] ?? w) : w;
}

function failure(c: Comparison): Message | undefined {
  if (c.actual === 'invalid') return msg('diff.not-greater', { from: c.old.version, to: c.new.version });
  if (!c.ok) return msg('diff.too-small', { required: c.required, actual: c.actual, from: c.old.version, to: c.new.version });
  return undefined;
}

function render(format: DiffFormat, lang: Locale, r: { comparisons: Comparison[]; problems: Problem[]; notes: Message[] }): string {
  if (format === 'json') {
    return `${JSON.stringify(
      {
        comparisons: r.comparisons.map((c) => ({ ...c, failure: failure(c) ? say(lang, failure(c)!) : null })),
        problems: r.problems.map((p) => ({ file: p.file, message: say(lang, p.message) })),
        notes: r.notes.map((n) => say(lang, n)),
        ok: r.problems.length === 0 && r.comparisons.every((c) => c.ok),
      },
      null,
      2,
    )}\n`;
  }
  const lines: string[] = [];
  if (format === 'github') {
    const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    for (const p of r.problems) lines.push(`::error file=${p.file},line=1::${esc(say(lang, p.message))}`);
    for (const c of r.comparisons) {
      const f = failure(c);
      const file = c.new.path ?? c.new.ref;
      if (f) lines.push(`::error file=${file},line=1,title=version-bump::${esc(say(lang, f))}`);
      else lines.push(`::notice file=${file},line=1,title=version-bump::${esc(say(lang, msg('diff.required', { required: word(lang, c.required, BUMP_FR), actual: word(lang, c.actual, BUMP_FR), from: c.old.version, to: c.new.version })))}`);
    }
    return lines.length > 0 ? `${lines.join('\n')}\n` : '';
  }
  const md = format === 'md';
  for (const p of r.problems) lines.push(md ? `- ❌ \`${p.file}\`: ${say(lang, p.message)}` : `${p.file}: ${say(lang, p.message)}`);
  for (const n of r.notes) lines.push(md ? `- ${say(lang, n)}` : say(lang, n));
  for (const c of r.comparisons) {
    const header = say(lang, msg('diff.header', { old: c.old.ref, new: c.new.ref }));
    lines.push(md ? `### ${header}\n` : header);
    if (c.changes.length === 0) lines.push(md ? `_${say(lang, msg('diff.none'))}_` : `  ${say(lang, msg('diff.none'))}`);
    else if (md) {
      lines.push('| bump | change | what | id | detail |', '|---|---|---|---|---|');
      for (const ch of c.changes) lines.push(`| ${word(lang, ch.bump, BUMP_FR)} | ${word(lang, ch.kind, KIND_FR)} | ${ch.entity} | \`${ch.id}\` | ${ch.detail} |`);
    } else {
      const w = Math.max(...c.changes.map((ch) => ch.entity.length));
      for (const ch of c.changes) {
        lines.push(`  ${word(lang, ch.bump, BUMP_FR).padEnd(9)} ${word(lang, ch.kind, KIND_FR).padEnd(8)} ${ch.entity.padEnd(w)}  ${ch.id}${ch.detail ? `  ${ch.detail}` : ''}`);
      }
    }
    const f = failure(c);
    const summary = say(lang, msg('diff.required', { required: word(lang, c.required, BUMP_FR), actual: word(lang, c.actual, BUMP_FR), from: c.old.version, to: c.new.version }));
    const validity = say(lang, c.required === 'major' && c.migrates ? msg('diff.answers-migrated') : msg(`diff.answers-validity.${c.required}` as Message['key']));
    lines.push(md ? `\n${f ? '❌' : '✅'} ${summary} — ${validity}${f ? `\n\n**${say(lang, f)}**` : ''}` : `${summary}: ${f ? say(lang, f) : say(lang, msg('diff.ok'))}\n${validity}`);
    if (c.scores.length > 0) {
      lines.push(md ? `\n**${say(lang, msg('diff.scores'))}**\n` : `${say(lang, msg('diff.scores'))}:`);
      for (const s of c.scores) {
        const line =
          s.before && s.after
            ? say(lang, msg('diff.score-move', { file: s.file, levelBefore: s.before.level, levelAfter: s.after.level, scoreBefore: s.before.score, scoreAfter: s.after.score }))
            : say(lang, msg('diff.score-invalid', { file: s.file }));
        lines.push(md ? `- ${line}` : `  ${line}`);
      }
    }
    lines.push('');
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

/** `diff OLD NEW` or `diff --base REF`: what changed, the bump it needs, and whether the versions say so. */
export async function diffCommand(oldRef: string | undefined, newRef: string | undefined, options: DiffOptions, io: Io): Promise<number> {
  const lang = detectLang(parseLang(options.lang), io.env);
  const format = (options.format ?? 'text') as DiffFormat;
  if (!(DIFF_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(msg('cli.invalid-value', { option: '--format', value: format, expected: list(DIFF_FORMATS) }));
  }
  let result: { comparisons: Comparison[]; problems: Problem[]; notes: Message[] };
  if (options.base !== undefined) {
    if (oldRef !== undefined) throw new UsageError(msg('cli.excess-arguments'));
    result = againstBase(options.base);
  } else {
    if (oldRef === undefined || newRef === undefined) throw new UsageError(msg('cli.missing-argument', { name: oldRef === undefined ? 'OLD' : 'NEW' }));
    result = { comparisons: [compare(load(oldRef), load(newRef))], problems: [], notes: [] };
  }
  io.stdout.write(render(format, lang, result));
  return result.problems.length === 0 && result.comparisons.every((c) => c.ok) ? EXIT.ok : EXIT.findings;
}
