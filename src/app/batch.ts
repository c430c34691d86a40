import { closeSync, openSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expandInputs, type InputFile } from '../batch/inputs.js';
import { readMarker, writeMarker } from '../batch/marker.js';
import { defaultJobs, mapOrdered, Pool } from '../batch/pool.js';
import { Spool, type SpoolRef } from '../batch/spool.js';
import { Cohort, defaultDialect, summaryCsv, summaryMarkdown, type ReadLog } from '../batch/summary.js';
import {
  nameKey,
  readInput,
  reportOrganisation,
  type BatchSettings,
  type ReadItem,
  type ReadOutcome,
  type ReportOutcome,
  type ReportTask,
  type SummaryRow,
} from '../batch/work.js';
import { IoError, UsageError, type Located } from '../errors.js';
import { msg } from '../i18n/index.js';
import { loadQuestionnaire } from '../io/load.js';
import { registry } from '../io/registry.js';
import { servingLocale, type Locale } from '../model/common.js';
import { noLocale, reportLanguage } from './language.js';
import semver from 'semver';
import { isLockEntry, lockFolder, type FolderLock } from '../io/lock.js';
import { exists, makeFolder, slug, writeBytes, writeFileSafely } from '../io/write.js';
import { onStop } from '../io/signals.js';
import { reportFileNames } from '../report/files.js';
import { steps } from '../steps.js';

export interface BatchRequest extends Omit<BatchSettings, 'work' | 'folders'> {
  inputs: readonly string[];
  /** Files to leave out of the inputs (the mapping). */
  exclude?: readonly string[];
  jobs?: number;
  failFast?: boolean;
  force?: boolean;
}

export interface BatchHooks {
  progress?: { start(total: number, phase: 'read' | 'report'): void; increment(): void; stop(): void };
  /** Each problem of a refused input, as it is found. */
  problem?: (problem: Located) => void;
}

export interface BatchOutcome {
  files: number;
  /** Answer sets read: an answers file is one, a CSV export one per row. */
  sets: number;
  refused: number;
  organisations: number;
  /** The files the batch wrote, by name in the output folder. */
  outputs: string[];
  /** Stopped at the first refused input (--fail-fast). */
  stopped: boolean;
  /** Inputs scored with care (summary.md lists them). */
  notices: number;
  /** Organisations among the assessments (one answered a year apart is one organisation, two assessments). */
  distinct: number;
}

/** Inputs and organisations per message to a worker: few enough to keep every worker busy to the end. */
const READ_CHUNK = 16;
const REPORT_CHUNK = 8;

/**
 * `batch`: every input read and checked, respondents grouped by organisation, one report per
 * organisation, then the portfolio summary. The output folder is the batch's own while it runs (a lock);
 * nothing is written when every input is refused, and only files the batch recorded are ever deleted.
 */
export async function runBatch(request: BatchRequest, hooks: BatchHooks = {}): Promise<BatchOutcome> {
  const { out } = request;
  const files = expandInputs(request.inputs, out, request.exclude ?? []);
  if (files.length === 0) throw new UsageError(msg('batch.no-input'));
  if (request.questionnaire !== undefined) loadQuestionnaire(request.questionnaire);
  const claim = claimFolder(out, request.force === true);
  const settings: BatchSettings = { ...stripRequest(request), work: claim.lock.work, folders: [...registry().folders] };
  const jobs = request.jobs ?? defaultJobs();
  const pool = jobs > 1 ? new Pool(jobs, settings) : undefined;
  const spool = new Spool(join(claim.lock.work, 'spool'));
  let keepFolder = false;
  // Stopped by a signal: the workers go first, then the lock and the run's own folder (its temporary files).
  const forget = onStop(async () => {
    await pool?.close();
    claim.lock.release();
  });
  try {
    const read = await readAll(files, settings, pool, jobs, spool, hooks, request.failFast === true);
    const outcome = {
      files: files.length,
      sets: read.sets,
      refused: read.refused,
      organisations: read.groups.length,
      outputs: [] as string[],
      stopped: read.stopped,
      notices: read.notices.length,
      distinct: new Set(read.groups.map((g) => g.organisation.id ?? nameKey(g.organisation.name))).size,
    };
    if (read.stopped || read.groups.length === 0) return outcome;
    keepFolder = true;
    const log = {
      files: files.length,
      sets: read.sets,
      refused: read.refused,
      refusals: read.refusals,
      notices: read.notices,
      lang: read.lang,
      organisations: outcome.distinct,
    };
    outcome.outputs = await writeReports(read.groups, settings, pool, jobs, spool, hooks, claim, log);
    return outcome;
  } finally {
    forget();
    hooks.progress?.stop();
    spool.close();
    await pool?.close();
    claim.lock.release();
    // A folder the batch made and did not use is taken away again: the disk is left as it was found.
    if (!keepFolder && claim.created) removeEmptyFolder(out);
  }
}

function stripRequest(request: BatchRequest): Omit<BatchSettings, 'work' | 'folders'> {
  const { inputs: _inputs, exclude: _exclude, jobs: _jobs, failFast: _failFast, force: _force, ...settings } = request;
  return settings;
}

interface Claim {
  lock: FolderLock;
  created: boolean;
  previous: string[];
}

/** The folder is the batch's: a foreign non-empty one is refused without --force; a live batch's is refused (75). */
function claimFolder(out: string, force: boolean): Claim {
  const previous = readMarker(out);
  const existed = exists(out);
  if (existed && previous === undefined && !force) {
    const entries = readdirSync(out).filter((name) => !isLockEntry(name));
    if (entries.length > 0) throw new UsageError(msg('batch.foreign-dir', { dir: out }));
  }
  makeFolder(out);
  return { lock: lockFolder(out), created: !existed, previous: previous ?? [] };
}

function removeEmptyFolder(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty, or already gone: it stays as it is.
  }
}

interface Group {
  index: number;
  organisation: { name: string; id?: string };
  members: SpoolRef[];
  /** The file of the questionnaire it is scored with, and its `id@version`. */
  questionnaire: string;
  ref: string;
  /** Set when the organisation has several assessments in the batch: the latest date of this one (in its file name). */
  date?: string;
}

/**
 * A batch scores one questionnaire: inputs naming another id are refused all together (exit 2, naming
 * them), and so are inputs of several major versions unless --migrate carries them to the newest.
 */
class OneQuestionnaire {
  private readonly ids = new Map<string, string[]>();
  private readonly majors = new Map<string, string[]>();
  see(item: { ref: string; file: string }): void {
    const [id, version] = item.ref.split('@') as [string, string];
    const add = (map: Map<string, string[]>, key: string) => {
      const files = map.get(key);
      if (!files) map.set(key, [item.file]);
      else if (files.length < 3 && !files.includes(item.file)) files.push(item.file);
    };
    add(this.ids, id);
    add(this.majors, `${id}@${semver.major(version)}`);
  }
  check(): void {
    const named = (map: Map<string, string[]>) =>
      [...map.entries()].map(([k, files]) => `${k} (${files.join(', ')}${files.length >= 3 ? ', …' : ''})`).join('; ');
    if (this.ids.size > 1) throw new UsageError(msg('batch.several-questionnaires', { found: named(this.ids) }));
    if (this.majors.size > 1) throw new UsageError(msg('batch.several-majors', { found: named(this.majors) }));
  }
}

/** One respondent as the grouping sees it: where it waits in the spool and what tells it apart. */
interface Member {
  ref: SpoolRef;
  order: number;
  item: Omit<ReadItem, 'assessment'>;
}

/** Phase 1: every input read and checked; respondents wait in the spool, then are grouped by organisation. */
async function readAll(files: InputFile[], settings: BatchSettings, pool: Pool | undefined, jobs: number, spool: Spool, hooks: BatchHooks, failFast: boolean) {
  const byKey = new Map<string, Member[]>();
  const questionnaires = new OneQuestionnaire();
  const refusals: Located[] = [];
  const notices: Located[] = [];
  let sets = 0;
  let refused = 0;
  let stopped = false;
  let exports = 0;
  const mappedSeen = new Set<string>();
  const chunk = pool ? READ_CHUNK : 1;
  hooks.progress?.start(files.length, 'read');
  await mapOrdered(
    chunked(files, chunk),
    (inputs) => (pool ? pool.run<ReadOutcome[]>({ kind: 'read', inputs }) : soon(() => inputs.map((f) => readInput(f.path, f.display, settings)))),
    jobs * 4,
    (outcomes, chunkIndex) => {
      for (let i = 0; i < outcomes.length; i++) {
        const outcome = outcomes[i]!;
        hooks.progress?.increment();
        sets += outcome.sets;
        refused += outcome.refused;
        refusals.push(...outcome.refusals);
        notices.push(...outcome.notices);
        if (outcome.mappedSeen) {
          exports += 1;
          for (const title of outcome.mappedSeen) mappedSeen.add(title);
        }
        for (const p of outcome.problems) hooks.problem?.(p);
        if (outcome.refused > 0 && failFast) {
          stopped = true;
          return false;
        }
        outcome.items.forEach((item, k) => {
          const { assessment, ...meta } = item;
          const ref = spool.put(assessment);
          questionnaires.see(item);
          const members = byKey.get(item.key) ?? [];
          members.push({ ref, order: (chunkIndex * chunk + i) * 1e6 + k, item: meta });
          byKey.set(item.key, members);
        });
      }
      return undefined;
    },
  );
  hooks.progress?.stop();
  questionnaires.check();
  // A column the mapping names that no export of the batch has: said once, on the mapping.
  if (exports > 0)
    for (const title of Object.keys(settings.mapping?.columns ?? {}))
      if (!mappedSeen.has(title))
        notices.push({ file: settings.mappingFiles?.join(', ') ?? '--mapping', message: msg('csv.mapped-missing', { column: title }) });
  const groups = formGroups(byKey, settings.window ?? DEFAULT_WINDOW, notices, settings.mapping?.aliases ?? {});
  // Organisations scored with different versions of the questionnaire: the cohort's figures mix them, and the summary says so.
  const versions = new Map<string, number>();
  for (const g of groups) versions.set(g.ref, (versions.get(g.ref) ?? 0) + 1);
  if (versions.size > 1) {
    const found = [...versions.entries()].sort(([a], [b]) => semver.compare(a.split('@')[1]!, b.split('@')[1]!)).map(([ref, count]) => `${ref} (${count})`);
    notices.push({ file: found.map((f) => f.split(' ')[0]).join(', '), message: msg('batch.versions', { found: found.join(', ') }) });
  }
  // The inputs' common language, when every input that names one names the same.
  const langs = new Set<string>();
  for (const members of byKey.values()) for (const m of members) if (m.item.lang !== undefined) langs.add(m.item.lang);
  const lang = langs.size === 1 ? ([...langs][0] as Locale) : undefined;
  return { groups, sets, refused, stopped, refusals, notices, lang };
}

/** Respondents of one organisation form one assessment when their dates lie within this many days of the earliest. */
export const DEFAULT_WINDOW = 60;

const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

/**
 * Organisations as PRODUCT.md groups them: an input with an id meets a name-only input of the same
 * name; an identical submission counts once; respondents more than `window` days after the earliest
 * start another assessment. Each thing done is said once, in `notices`.
 */
function formGroups(byKey: Map<string, Member[]>, window: number, notices: Located[], aliases: Record<string, string[]>): Group[] {
  // An organisation named in the mapping's aliases is called by that name, whichever variant came first.
  const canonical = new Map(Object.keys(aliases).map((name) => [`name:${nameKey(name)}`, name]));
  // A name-only organisation whose name is an identified one's joins it.
  const idByName = new Map<string, string>();
  for (const [key, members] of byKey) if (key.startsWith('id:')) idByName.set(`name:${nameKey(members[0]!.item.organisation.name)}`, key);
  for (const [key, members] of [...byKey]) {
    const target = key.startsWith('name:') ? idByName.get(key) : undefined;
    if (target === undefined) continue;
    byKey.get(target)!.push(...members);
    byKey.delete(key);
  }
  const groups: Group[] = [];
  for (const [key, members] of byKey) {
    members.sort((a, b) => a.order - b.order);
    const called = canonical.get(key);
    const seen = new Map<string, Member>();
    const kept: Member[] = [];
    for (const m of members) {
      const first = seen.get(m.item.digest);
      if (first) {
        notices.push({ ...at(m), message: msg('batch.duplicate', { organisation: m.item.organisation.name, first: where(first) }) });
        continue;
      }
      seen.set(m.item.digest, m);
      kept.push(m);
    }
    const names = [...new Set(kept.map((m) => m.item.organisation.name.trim()))];
    if (names.length > 1) notices.push({ ...at(kept[0]!), message: msg('batch.names-merged', { names: names.map((n) => `« ${n} »`).join(', ') }) });
    // By date (then as read): a new assessment starts past the window of the current one's earliest date.
    const byDate = [...kept].sort((a, b) => (a.item.date < b.item.date ? -1 : a.item.date > b.item.date ? 1 : a.order - b.order));
    const parts: Member[][] = [];
    for (const m of byDate) {
      const current = parts[parts.length - 1];
      if (current && dayNumber(m.item.date) - dayNumber(current[0]!.item.date) <= window) current.push(m);
      else parts.push([m]);
    }
    if (parts.length > 1)
      notices.push({
        ...at(kept[0]!),
        message: msg('batch.window', {
          organisation: names[0]!,
          days: window,
          count: parts.length,
          dates: parts.map((p) => p[p.length - 1]!.item.date).join(', '),
        }),
      });
    for (const part of parts) {
      const newest = part.reduce((a, m) => (semver.gt(m.item.ref.split('@')[1]!, a.item.ref.split('@')[1]!) ? m : a), part[0]!);
      part.sort((a, b) => a.order - b.order);
      groups.push({
        index: Math.min(...part.map((m) => m.order)),
        organisation: called !== undefined ? { ...part[0]!.item.organisation, name: called } : part[0]!.item.organisation,
        members: part.map((m) => m.ref),
        questionnaire: newest.item.questionnaire,
        ref: newest.item.ref,
        ...(parts.length > 1 ? { date: part.reduce((d, m) => (m.item.date > d ? m.item.date : d), part[0]!.item.date) } : {}),
      });
    }
  }
  return groups.sort((a, b) => a.index - b.index);
}

function at(m: Member): { file: string; line?: number } {
  return { file: m.item.file, ...(m.item.line !== undefined ? { line: m.item.line } : {}) };
}

function where(m: Member): string {
  return m.item.line !== undefined ? `${m.item.file}:${m.item.line}` : m.item.file;
}

/** Phase 2: one report per organisation, in order of first appearance; results.jsonl as they come; then the summaries. */
async function writeReports(
  groups: Group[],
  settings: BatchSettings,
  pool: Pool | undefined,
  jobs: number,
  spool: Spool,
  hooks: BatchHooks,
  claim: Claim,
  log: ReadLog & { lang: Locale | undefined; organisations: number },
): Promise<string[]> {
  const { out, work } = settings;
  // The summary's principles are those of the newest version the organisations are scored with.
  const newest = groups.reduce((a, g) => (semver.gt(g.ref.split('@')[1]!, a.ref.split('@')[1]!) ? g : a), groups[0]!);
  const q = loadQuestionnaire(newest.questionnaire).questionnaire;
  // A language asked for that the questionnaire has no texts in is refused before anything is written.
  if (settings.lang !== undefined && servingLocale(q.locales, settings.lang) === undefined) throw new UsageError(noLocale(q, settings.lang));
  const tasks = fileBases(groups);
  const outputs = [...tasks.flatMap((t) => reportFileNames(settings.formats, t.base)), 'summary.csv', 'summary.md', 'results.jsonl'].sort();
  // Recorded before they are written: a batch stopped half-way still lets the next one clean up after it.
  writeMarker(out, [...new Set([...claim.previous, ...outputs])], work);
  // Summary rows wait in the spool too, after the respondents; the cohort keeps only their numbers.
  const cohort = new Cohort(q);
  const rowsFrom = spool.size;
  const temp = join(work, 'results.jsonl');
  const jsonl = join(out, 'results.jsonl');
  let fd: number;
  try {
    fd = openSync(temp, 'wx');
  } catch (error) {
    throw new IoError(jsonl, (error as NodeJS.ErrnoException).code ?? String(error));
  }
  hooks.progress?.start(tasks.length, 'report');
  try {
    await mapOrdered(
      chunked(tasks, pool ? REPORT_CHUNK : 1),
      (chunk) => {
        const work: ReportTask[] = chunk.map((t) => ({ base: t.base, members: t.refs.map((r) => spool.get(r)), questionnaire: t.questionnaire, name: t.name }));
        return pool ? pool.run<ReportOutcome[]>({ kind: 'report', tasks: work }) : soon(() => work.map((task) => reportOrganisation(task, settings)));
      },
      jobs * 4,
      (outcomes) => {
        for (const outcome of outcomes) {
          try {
            writeBytes(fd, outcome.line);
          } catch (error) {
            throw new IoError(jsonl, (error as NodeJS.ErrnoException).code ?? String(error));
          }
          spool.put(`${JSON.stringify(outcome.row)}\n`);
          cohort.add(outcome.row);
          hooks.progress?.increment();
        }
      },
    );
  } finally {
    closeSync(fd);
  }
  hooks.progress?.stop();
  const { lang } = reportLanguage(q, { flag: settings.lang, file: log.lang, env: settings.messageLang });
  const rows = () => spool.lines<SummaryRow>(rowsFrom);
  const dialect = settings.csv ?? defaultDialect(lang);
  writeFileSafely(join(out, 'summary.csv'), summaryCsv(rows(), q, lang, dialect), { replace: true, tempDir: work });
  const read = { ...log, assessments: groups.length };
  writeFileSafely(join(out, 'summary.md'), summaryMarkdown(cohort, rows(), q, lang, settings.formats, read), { replace: true, tempDir: work });
  try {
    renameSync(temp, jsonl);
  } catch (error) {
    throw new IoError(jsonl, (error as NodeJS.ErrnoException).code ?? String(error));
  }
  // What an earlier run wrote and this one did not: it goes, and only that.
  const current = new Set(outputs);
  for (const old of claim.previous) {
    if (!current.has(old) && !old.includes('/') && !old.includes('\\') && !old.startsWith('.')) rmSync(join(out, old), { force: true });
  }
  writeMarker(out, outputs, work);
  return outputs;
}

/** Each organisation's file name: its slug, made unique with `-2`, `-3`… in order of appearance. */
export function fileBases(
  groups: readonly Pick<Group, 'organisation' | 'date' | 'members' | 'questionnaire'>[],
): { base: string; refs: SpoolRef[]; questionnaire: string; name: string }[] {
  const taken = new Set(['summary', 'results']);
  const next = new Map<string, number>();
  return groups.map((g) => {
    const stem = slug(g.organisation.id ?? g.organisation.name) + (g.date !== undefined ? `-${g.date}` : '');
    let base = stem;
    // Each stem remembers its next suffix: thousands of organisations with one slug cost one probe each.
    steps.suffixProbe++;
    for (let n = next.get(stem) ?? 2; taken.has(base); n++) {
      steps.suffixProbe++;
      base = `${stem}-${n}`;
      next.set(stem, n + 1);
    }
    taken.add(base);
    return { base, refs: g.members, questionnaire: g.questionnaire, name: g.organisation.name };
  });
}

/** Work done on the next turn of the event loop, so that a signal is heard between two inputs. */
function soon<T>(work: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(work());
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
