import { closeSync, openSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expandInputs, type InputFile } from '../batch/inputs.js';
import { readMarker, writeMarker } from '../batch/marker.js';
import { defaultJobs, mapOrdered, Pool } from '../batch/pool.js';
import { Spool, type SpoolRef } from '../batch/spool.js';
import { Cohort, summaryCsv, summaryMarkdown } from '../batch/summary.js';
import { readInput, reportOrganisation, type BatchSettings, type ReadOutcome, type ReportOutcome, type ReportTask, type SummaryRow } from '../batch/work.js';
import { IoError, UsageError, type Located } from '../errors.js';
import { msg } from '../i18n/index.js';
import { loadQuestionnaire } from '../io/load.js';
import { registry } from '../io/registry.js';
import { servingLocale } from '../model/common.js';
import { noLocale, reportLanguage } from './language.js';
import semver from 'semver';
import { isLockEntry, lockFolder, type FolderLock } from '../io/lock.js';
import { exists, makeFolder, slug, writeBytes, writeFileSafely } from '../io/write.js';
import { onStop } from '../io/signals.js';
import { reportFileNames } from '../report/files.js';

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
    };
    if (read.stopped || read.groups.length === 0) return outcome;
    keepFolder = true;
    outcome.outputs = await writeReports(read.groups, settings, pool, jobs, spool, hooks, claim);
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

/** Phase 1: every input read and checked; respondents wait in the spool, grouped by organisation. */
async function readAll(files: InputFile[], settings: BatchSettings, pool: Pool | undefined, jobs: number, spool: Spool, hooks: BatchHooks, failFast: boolean) {
  const groups = new Map<string, Group>();
  const questionnaires = new OneQuestionnaire();
  let sets = 0;
  let refused = 0;
  let stopped = false;
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
        for (const p of outcome.problems) hooks.problem?.(p);
        if (outcome.refused > 0 && failFast) {
          stopped = true;
          return false;
        }
        outcome.items.forEach((item, k) => {
          const ref = spool.put(item.assessment);
          questionnaires.see(item);
          const group = groups.get(item.key);
          if (!group) {
            groups.set(item.key, {
              index: (chunkIndex * chunk + i) * 1e6 + k,
              organisation: item.organisation,
              members: [ref],
              questionnaire: item.questionnaire,
              ref: item.ref,
            });
            return;
          }
          group.members.push(ref);
          // One organisation within one major version is scored with the newest version among its respondents.
          if (semver.gt(item.ref.split('@')[1]!, group.ref.split('@')[1]!)) Object.assign(group, { questionnaire: item.questionnaire, ref: item.ref });
        });
      }
      return undefined;
    },
  );
  hooks.progress?.stop();
  questionnaires.check();
  return { groups: [...groups.values()].sort((a, b) => a.index - b.index), sets, refused, stopped };
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
        const work: ReportTask[] = chunk.map((t) => ({ base: t.base, members: t.refs.map((r) => spool.get(r)), questionnaire: t.questionnaire }));
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
  const { lang } = reportLanguage(q, { flag: settings.lang, env: settings.messageLang });
  const rows = () => spool.lines<SummaryRow>(rowsFrom);
  writeFileSafely(join(out, 'summary.csv'), summaryCsv(rows(), q, lang), { replace: true, tempDir: work });
  writeFileSafely(join(out, 'summary.md'), summaryMarkdown(cohort, rows(), q, lang, settings.formats), { replace: true, tempDir: work });
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
function fileBases(groups: Group[]): { base: string; refs: SpoolRef[]; questionnaire: string }[] {
  const taken = new Set(['summary', 'results']);
  const next = new Map<string, number>();
  return groups.map((g) => {
    const stem = slug(g.organisation.id ?? g.organisation.name);
    let base = stem;
    // Each stem remembers its next suffix: thousands of organisations with one slug cost one probe each.
    for (let n = next.get(stem) ?? 2; taken.has(base); n++) {
      base = `${stem}-${n}`;
      next.set(stem, n + 1);
    }
    taken.add(base);
    return { base, refs: g.members, questionnaire: g.questionnaire };
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
