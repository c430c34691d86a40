import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { defaultJobs, mapOrdered, Pool } from '../batch/pool.js';
import { Spool, type SpoolRef } from '../batch/spool.js';
import { Cohort, summaryCsv, summaryMarkdown } from '../batch/summary.js';
import { readInput, reportOrganisation, type BatchSettings, type ReadItem, type ReadOutcome, type ReportOutcome, type ReportTask, type SummaryRow } from '../batch/work.js';
import type { CsvMapping } from '../batch/csv.js';
import { EXIT, formatLocated, InputError, UsageError } from '../errors.js';
import { detectLang, msg, say } from '../i18n/index.js';
import { loadQuestionnaire } from '../io/load.js';
import { readSource } from '../io/read.js';
import { schemaProblems } from '../io/schema-problems.js';
import type { Io } from '../io/terminal.js';
import { slug, writeAtomic } from '../io/write.js';
import { readTemplate } from '../report/render.js';
import { parseFormats, parseLang } from './run.js';

export interface BatchOptions {
  out?: string;
  format?: string;
  jobs?: string;
  failFast?: boolean;
  force?: boolean;
  json?: boolean;
  quiet?: boolean;
  lang?: string;
  questionnaire?: string;
  mapping?: string;
  template?: string;
  explain?: boolean;
}

/** Marks a folder as a batch's own, and lists what the batch wrote there. */
const MARKER = '.sm-diagnostic-batch.json';
const INPUT = /\.(ya?ml|json|csv)$/i;

const MappingSchema = z
  .object({
    columns: z.record(z.string(), z.string()).optional(),
    values: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))).optional(),
  })
  .strict();

/** Files, folders (every answers file and CSV below) and quoted globs (`*`, `**`, `?`), in the order given. */
export function expandInputs(inputs: readonly string[], out: string): { path: string; display: string }[] {
  const seen = new Set<string>();
  const result: { path: string; display: string }[] = [];
  const outDir = resolve(out);
  const add = (path: string) => {
    const absolute = resolve(path);
    if (seen.has(absolute) || absolute.startsWith(outDir + sep) || basename(path) === MARKER) return;
    seen.add(absolute);
    result.push({ path: absolute, display: path });
  };
  const walk = (dir: string, match?: RegExp) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      if (entry.isDirectory()) walk(path, match);
      else if (INPUT.test(entry.name) && (!match || match.test(path.split(sep).join('/')))) add(path);
    }
  };
  for (const input of inputs) {
    if (/[*?]/.test(input)) {
      const parts = input.split('/');
      const fixed = parts.findIndex((p) => /[*?]/.test(p));
      const base = parts.slice(0, fixed).join('/') || '.';
      const pattern = input.startsWith('./') ? input.slice(2) : input;
      const regex = new RegExp(
        `^${pattern
          .split('/')
          .map((p) => (p === '**' ? '(?:.*/)?' : `${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}/`))
          .join('')
          .replace(/\/$/, '')
          .replace(/\(\?:\.\*\/\)\?\//g, '(?:.*/)?')}$`,
      );
      if (existsSync(base)) walk(base, regex);
    } else if (existsSync(input) && statSync(input).isDirectory()) walk(input);
    else add(input);
  }
  return result;
}

/** The folder is the batch's: refuse a foreign non-empty one without --force. */
function claim(out: string, force: boolean): string[] {
  const marker = join(out, MARKER);
  if (existsSync(out)) {
    const entries = readdirSync(out);
    if (entries.length > 0 && !existsSync(marker) && !force) throw new UsageError(msg('batch.foreign-dir', { dir: out }));
  }
  mkdirSync(out, { recursive: true });
  // What a killed run may have left: its spool and unfinished temporary files.
  for (const entry of readdirSync(out)) {
    if (/^\.sm-diagnostic-batch\.\d+\.spool$|\.\d+\.tmp$|^\..*\.[0-9a-f]{8}\.tmp$/.test(entry)) rmSync(join(out, entry), { force: true });
  }
  let previous: string[] = [];
  try {
    previous = (JSON.parse(readFileSync(marker, 'utf8')) as { outputs?: string[] }).outputs ?? [];
  } catch {
    // No marker yet, or an unreadable one: nothing of ours to clean up.
  }
  writeAtomic(marker, `${JSON.stringify({ tool: 'sm-diagnostic batch', outputs: previous }, null, 2)}\n`);
  return previous;
}

function readMapping(path: string | undefined): CsvMapping | undefined {
  if (path === undefined) return undefined;
  const source = readSource(path);
  const parsed = MappingSchema.safeParse(source.data);
  if (!parsed.success) throw new InputError(schemaProblems(source, MappingSchema, parsed.error.issues, 'answers'));
  return parsed.data as CsvMapping;
}

/** `batch INPUT... -o DIR`: every organisation's report, then the portfolio summary. */
export async function batchCommand(inputs: string[], options: BatchOptions, io: Io): Promise<number> {
  const flagLang = parseLang(options.lang);
  const messageLang = detectLang(flagLang, io.env);
  const formats = parseFormats(options.format);
  if (options.out === undefined) throw new UsageError(msg('cli.missing-argument', { name: '-o DIR' }));
  const jobs = options.jobs === undefined ? defaultJobs() : Number(options.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) {
    throw new UsageError(msg('cli.invalid-value', { option: '--jobs', value: String(options.jobs), expected: '1-256' }));
  }
  const out = options.out;
  const mapping = readMapping(options.mapping);
  const files = expandInputs(inputs, out).filter((f) => options.mapping === undefined || f.path !== resolve(options.mapping));
  if (files.length === 0) throw new UsageError(msg('batch.no-input'));
  const settings: BatchSettings = {
    ...(options.questionnaire !== undefined ? { questionnaire: resolveRef(options.questionnaire) } : {}),
    ...(mapping ? { mapping } : {}),
    ...(flagLang ? { lang: flagLang } : {}),
    messageLang,
    out,
    formats,
    ...(options.template !== undefined ? { template: readTemplate(options.template) } : {}),
    ...(options.explain ? { explain: true } : {}),
  };
  if (options.questionnaire !== undefined) loadQuestionnaire(settings.questionnaire);
  const previous = claim(out, options.force === true);

  const showProgress = !options.json && !options.quiet && io.stderr.isTTY === true && !io.env.CI;
  const progress = showProgress ? await progressBar(io) : undefined;
  const pool = jobs > 1 ? new Pool(jobs, settings) : undefined;
  const window = jobs * 4;
  const invalid: string[] = [];
  // Respondents wait on disk, not in memory, so that memory stays flat however many inputs there are.
  const spool = new Spool(join(out, `.sm-diagnostic-batch.${process.pid}.spool`));
  try {
    // Phase 1: read and check every input; group respondents by organisation.
    const groups = new Map<string, { index: number; organisation: { name: string; id?: string }; members: SpoolRef[]; questionnaire: string }>();
    progress?.start(files.length, say(messageLang, msg('batch.phase-read')));
    let failed = false;
    // Workers take inputs a few at a time: one message each way per chunk, not per file.
    const readChunk = pool ? READ_CHUNK : 1;
    const fileChunks = chunked(files, readChunk);
    await mapOrdered(
      fileChunks,
      (chunk) =>
        pool
          ? pool.run<ReadOutcome[]>({ kind: 'read', inputs: chunk })
          : Promise.resolve(chunk.map((f) => readInput(f.path, f.display, settings))),
      window,
      (outcomes, chunkIndex) => {
        for (let i = 0; i < outcomes.length; i++) {
          const outcome = outcomes[i]!;
          const index = chunkIndex * readChunk + i;
          progress?.increment();
          for (const p of outcome.problems) {
            const line = formatLocated(messageLang, p);
            invalid.push(line);
            if (!options.quiet) io.stderr.write(`${progress ? '\n' : ''}${line}\n`);
          }
          if (outcome.problems.length > 0 && options.failFast) {
            failed = true;
            return false;
          }
          outcome.items.forEach((item: ReadItem, k) => {
            const ref = spool.put(item.assessment);
            const group = groups.get(item.key);
            if (group) group.members.push(ref);
            else groups.set(item.key, { index: index * 1e6 + k, organisation: item.organisation, members: [ref], questionnaire: item.questionnaire });
          });
        }
        return undefined;
      },
    );
    progress?.stop();
    if (failed) return EXIT.findings;
    if (groups.size === 0) {
      // Nothing valid: nothing to report, and the folder is left as it was found.
      if (!options.quiet) io.stderr.write(`${say(messageLang, msg('batch.invalid', { count: invalid.length }))}\n`);
      return EXIT.findings;
    }

    // Phase 2: one report per organisation, in order of first appearance; results.jsonl as they come.
    const taken = new Set(['summary', 'results']);
    const tasks = [...groups.values()]
      .sort((a, b) => a.index - b.index)
      .map((g) => {
        const stem = slug(g.organisation.id ?? g.organisation.name);
        let base = stem;
        for (let n = 2; taken.has(base); n++) base = `${stem}-${n}`;
        taken.add(base);
        return { base, refs: g.members, questionnaire: g.questionnaire };
      });
    groups.clear();
    const lang = flagLang ?? messageLang;
    const q = loadQuestionnaire(settings.questionnaire ?? tasks[0]?.questionnaire).questionnaire;
    // Summary rows wait in the spool too, after the respondents; the cohort keeps only their numbers.
    const cohort = new Cohort(q);
    const rowsFrom = spool.size;
    const jsonl = join(out, 'results.jsonl');
    const temp = `${jsonl}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w');
    progress?.start(tasks.length, say(messageLang, msg('batch.phase-report')));
    try {
      await mapOrdered(
        chunked(tasks, pool ? REPORT_CHUNK : 1),
        (chunk) => {
          const work: ReportTask[] = chunk.map((t) => ({ base: t.base, members: t.refs.map((r) => spool.get(r)), questionnaire: t.questionnaire }));
          return pool ? pool.run<ReportOutcome[]>({ kind: 'report', tasks: work }) : Promise.resolve(work.map((task) => reportOrganisation(task, settings)));
        },
        window,
        (outcomes) => {
          for (const outcome of outcomes) {
            writeSync(fd, outcome.line);
            spool.put(`${JSON.stringify(outcome.row)}\n`);
            cohort.add(outcome.row);
            progress?.increment();
          }
        },
      );
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, jsonl);
    progress?.stop();

    // Phase 3: the portfolio summary.
    const rows = () => spool.lines<SummaryRow>(rowsFrom);
    writeAtomic(join(out, 'summary.csv'), summaryCsv(rows(), q, lang));
    writeAtomic(join(out, 'summary.md'), summaryMarkdown(cohort, rows(), q, lang, formats));

    const outputs = [
      ...tasks.flatMap((t) => formats.flatMap((f) => (f === 'md' ? ['md', 'radar.svg', 'heatmap.svg', 'ladder.svg'] : [f]).map((ext) => `${t.base}.${ext}`))),
      'summary.csv',
      'summary.md',
      'results.jsonl',
    ].sort();
    const current = new Set(outputs);
    for (const old of previous) {
      if (!current.has(old) && !old.includes('/') && !old.startsWith('.')) rmSync(join(out, old), { force: true });
    }
    writeAtomic(join(out, MARKER), `${JSON.stringify({ tool: 'sm-diagnostic batch', outputs }, null, 2)}\n`);

    if (invalid.length > 0 && !options.quiet) io.stderr.write(`${say(messageLang, msg('batch.invalid', { count: invalid.length }))}\n`);
    if (options.json) {
      io.stdout.write(
        `${JSON.stringify({ inputs: files.length, organisations: tasks.length, invalid, out: relative(process.cwd(), resolve(out)) || '.', outputs }, null, 2)}\n`,
      );
    } else if (!options.quiet) {
      io.stderr.write(`${say(messageLang, msg('batch.done', { organisations: tasks.length, inputs: files.length, dir: out }))}\n`);
    }
    return invalid.length > 0 ? EXIT.findings : EXIT.ok;
  } finally {
    progress?.stop();
    spool.close();
    await pool?.close();
  }
}

/** Inputs and organisations per message to a worker: few enough to keep every worker busy to the end. */
const READ_CHUNK = 16;
const REPORT_CHUNK = 8;

function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** `-q` for workers: a built-in ref as given, a file as an absolute path. */
function resolveRef(ref: string): string {
  return existsSync(ref) ? resolve(ref) : ref;
}

async function progressBar(io: Io) {
  const { SingleBar, Presets } = await import('cli-progress');
  let bar: InstanceType<typeof SingleBar> | undefined;
  return {
    start(total: number, label: string) {
      bar = new SingleBar(
        { format: `${label.padEnd(9)} [{bar}] {value}/{total}`, stream: io.stderr as NodeJS.WritableStream, hideCursor: true, clearOnComplete: true },
        Presets.shades_classic,
      );
      bar.start(total, 0);
    },
    increment() {
      bar?.increment();
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
