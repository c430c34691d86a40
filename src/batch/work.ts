import { reportLanguage } from '../app/language.js';
import { scoreGroup } from '../../scoring/combine.js';
import { InputError, type Located } from '../errors.js';
import { checkAnswersSource, loadQuestionnaire, type LoadedQuestionnaire } from '../io/load.js';
import { decodeText, parseSource, readBytes, type SourceFile } from '../io/read.js';
import { schemaProblems } from '../io/schema-problems.js';
import { insideFolder, writeFileSafely } from '../io/write.js';
import type { Folder } from '../io/registry.js';
import { parseAnswersFile, type Assessment } from '../model/answers.js';
import { AnswersSchema } from '../model/answers-schema.js';
// Batches check thousands of files, invalid ones among them: the schemas are loaded from the start.
import '../model/schemas.js';
import { checkAnswers } from '../model/check-answers.js';
import type { Locale } from '../model/common.js';
import { reportFiles, type ReportFormat } from '../report/files.js';
import { presentCompact } from '../report/labels.js';
import type { CustomTemplate } from '../report/render.js';
import { readCsv, type CsvMapping } from './csv.js';
import { askedQuestions, indexed } from '../../scoring/indexed.js';
import { createHash } from 'node:crypto';
import { msg } from '../i18n/index.js';

/** What every task needs to know; sent once to each worker. */
export interface BatchSettings {
  questionnaire?: string;
  mapping?: CsvMapping;
  lang?: Locale;
  messageLang: Locale;
  out: string;
  /** The run's own folder: temporary files go there. */
  work: string;
  /** Where questionnaires come from (workers make their registry from it). */
  folders: Folder[];
  formats: ReportFormat[];
  template?: CustomTemplate;
  explain?: boolean;
  /** Answers of older versions are carried to the newest through the migrations. */
  migrate?: boolean;
  /** The mapping files, for messages. */
  mappingFiles?: string[];
  /** The CSV field separator, when given (`--delimiter`). */
  delimiter?: string;
  /** Days within which one organisation's respondents form one assessment (`--window`, default 60). */
  window?: number;
  /** The dialect of summary.csv (`--csv`), else the report language's. */
  csv?: 'excel-fr' | 'excel-en' | 'rfc4180';
}

/** One respondent read from an input, compact enough to keep for every input of a large batch. */
export interface ReadItem {
  /** `id:<organisation id>` or `name:<organisation name>`: respondents with the same key are combined. */
  key: string;
  organisation: { name: string; id?: string };
  /** The assessment as JSON, with the questionnaire it was checked against. */
  assessment: string;
  /** The questionnaire file it was checked against, and its `id@version`. */
  questionnaire: string;
  ref: string;
  /** The input it came from, for messages: the file, and the row of a CSV export. */
  file: string;
  line?: number;
  /** The date of the answers: respondents of one organisation more than the window apart are separate assessments. */
  date: string;
  /** What the answers say, the date left out: two identical submissions count once. */
  digest: string;
  /** The language the answers name, if any (the summary speaks the inputs' common language). */
  lang?: string;
}

/** What one input gave: its respondents, its problems, and how many of its answer sets (a file, CSV rows) were refused. */
export interface ReadOutcome {
  items: ReadItem[];
  problems: Located[];
  /** Answer sets read: 1 for an answers file, one per row for a CSV export. */
  sets: number;
  refused: number;
  /** One line per refused answer set (its first problem), for the summary. */
  refusals: Located[];
  /** Scored, but to check: columns ignored, answers largely missing. */
  notices: Located[];
  /** For a CSV export: the mapping's column titles it has. */
  mappedSeen?: string[];
}

export interface ReportTask {
  base: string;
  members: string[];
  questionnaire: string;
  /** The organisation's name in its report: its members' may be variants of it. */
  name: string;
}

export interface ReportOutcome {
  /** The result as one line of JSON, newline included, in UTF-8: results.jsonl's line and the JSON report. */
  line: Uint8Array;
  row: SummaryRow;
}

export interface SummaryRow {
  name: string;
  id?: string;
  base: string;
  respondents: number;
  level: number;
  practiceLevel: number;
  score: number;
  target: number;
  uncertain: number;
  unanswered: number;
  principles: { id: string; level: number; score: number | null }[];
  gaps: { principle: string; level: number }[];
}

/** A name as organisations are matched: case, accents, spaces and punctuation left out (« Café du Port » = « cafe du port. »). */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const aliasTables = new WeakMap<object, Map<string, string>>();
/** Each variant's key → its organisation's key, from the mapping's `aliases`. */
function aliasesOf(mapping: CsvMapping | undefined): Map<string, string> {
  if (!mapping?.aliases) return new Map();
  let table = aliasTables.get(mapping);
  if (!table) {
    table = new Map();
    for (const [name, variants] of Object.entries(mapping.aliases)) for (const v of variants) table.set(nameKey(v), nameKey(name));
    aliasTables.set(mapping, table);
  }
  return table;
}

/**
 * Respondents of one organisation share a key: its id, else its name as organisations are matched (or
 * the name it is an alias of). An input with an id and a name-only input meet when their names match:
 * that is settled when the groups are formed, from `name` (see the batch).
 */
function keyOf(a: Assessment, settings: BatchSettings): string {
  if (a.organisation.id !== undefined) return `id:${a.organisation.id}`;
  const key = nameKey(a.organisation.name);
  return `name:${aliasesOf(settings.mapping).get(key) ?? key}`;
}

function digestOf(a: Assessment): string {
  const { date: _date, ...rest } = a;
  return createHash('sha256').update(JSON.stringify(rest)).digest('base64url').slice(0, 22);
}

function item(assessment: Assessment, q: LoadedQuestionnaire, file: string, settings: BatchSettings, line?: number): ReadItem {
  return {
    key: keyOf(assessment, settings),
    organisation: assessment.organisation,
    assessment: JSON.stringify(assessment),
    questionnaire: q.path,
    ref: q.ref,
    file,
    ...(line !== undefined ? { line } : {}),
    date: assessment.date,
    digest: digestOf(assessment),
    ...(assessment.lang !== undefined ? { lang: assessment.lang } : {}),
  };
}

/** A respondent who left more than a fifth of the questions they were asked unanswered is scored, and flagged. */
function incomplete(q: LoadedQuestionnaire, a: Assessment, file: string, line?: number): Located | undefined {
  const asked = askedQuestions(indexed(q.questionnaire), a.context);
  if (asked.length === 0) return undefined;
  const missing = asked.filter((x) => !Object.hasOwn(a.answers, x.id)).length;
  if (missing * 5 <= asked.length) return undefined;
  return {
    file,
    ...(line !== undefined ? { line } : {}),
    message: msg('batch.incomplete', { missing, asked: asked.length, organisation: a.organisation.name }),
  };
}

/** Reads and checks one input: an answers file (one respondent) or a CSV export (one per row). */
export function readInput(path: string, display: string, settings: BatchSettings): ReadOutcome {
  try {
    const bytes = readBytes(path, display);
    if (/\.csv$/i.test(path)) return readCsvInput(bytes, display, settings);
    const source = parseSource(decodeText(bytes, display), display);
    const loaded = checkAnswersSource(source, {
      ...(settings.questionnaire !== undefined ? { questionnaire: settings.questionnaire } : {}),
      lang: settings.messageLang,
      ...(settings.migrate ? { migrate: true } : {}),
    });
    const flag = incomplete(loaded.questionnaire, loaded.assessment, display);
    return {
      items: [item(loaded.assessment, loaded.questionnaire, display, settings)],
      problems: [],
      sets: 1,
      refused: 0,
      refusals: [],
      notices: flag ? [flag] : [],
    };
  } catch (error) {
    if (error instanceof InputError)
      return { items: [], problems: capped(error.problems, display), sets: 1, refused: 1, refusals: error.problems.slice(0, 1), notices: [] };
    throw error;
  }
}

function readCsvInput(bytes: Buffer, display: string, settings: BatchSettings): ReadOutcome {
  const q = loadQuestionnaire(settings.questionnaire);
  const { rows, notices, mappedSeen } = readCsv(decodeText(bytes, display, true), display, q.questionnaire, settings.mapping, {
    ...(settings.delimiter !== undefined ? { delimiter: settings.delimiter } : {}),
  });
  const items: ReadItem[] = [];
  const problems: Located[] = [];
  const refusals: Located[] = [];
  let refused = 0;
  for (const row of rows) {
    const before = problems.length;
    const at = (path: readonly (string | number)[]) => {
      const dotted = path.slice(0, 2).join('.');
      return row.columns.get(dotted) ?? row.columns.get(String(path[0])) ?? 1;
    };
    const parsed = parseAnswersFile(row.data);
    if (!parsed.success) {
      const fake: SourceFile = { file: display, text: '', data: row.data, locate: () => ({ line: row.line, col: 1 }) };
      const located = schemaProblems(fake, AnswersSchema, parsed.error.issues, 'answers');
      parsed.error.issues.forEach((issue, i) => problems.push({ ...located[i]!, line: row.line, col: at(issue.path as (string | number)[]) }));
      refused += 1;
      refusals.push(problems[before]!);
      continue;
    }
    const { assessment, problems: found } = checkAnswers(q.questionnaire, parsed.data, q.ref, settings.messageLang);
    if (found.length > 0) {
      for (const p of found) problems.push({ file: display, line: row.line, col: at(p.path), message: p.message });
      refused += 1;
      refusals.push(problems[before]!);
      continue;
    }
    const flag = incomplete(q, assessment, display, row.line);
    if (flag) notices.push(flag);
    items.push(item(assessment, q, display, settings, row.line));
  }
  return { items, problems: capped(problems, display), sets: rows.length, refused, refusals, notices, mappedSeen };
}

/** The problems of one input shown in a batch: the first few, then how many more (a 5-million-column header prints a few lines). */
export const PROBLEMS_PER_INPUT = 10;

function capped(problems: readonly Located[], display: string): Located[] {
  if (problems.length <= PROBLEMS_PER_INPUT) return [...problems];
  return [...problems.slice(0, PROBLEMS_PER_INPUT), { file: display, message: msg('cli.more', { count: problems.length - PROBLEMS_PER_INPUT }) }];
}

/** The language every respondent who names one names, if they agree. */
function commonLang(members: readonly Assessment[]): Locale | undefined {
  const langs = new Set(members.map((m) => m.lang).filter((l): l is Locale => l !== undefined));
  return langs.size === 1 ? [...langs][0] : undefined;
}

const outputPaths = new Map<string, (name: string) => string>();
function outputPath(out: string): (name: string) => string {
  let path = outputPaths.get(out);
  if (!path) {
    path = insideFolder(out);
    outputPaths.set(out, path);
  }
  return path;
}

/** Scores one organisation (its respondents combined), writes its report files and returns its summary. */
export function reportOrganisation(task: ReportTask, settings: BatchSettings): ReportOutcome {
  const loaded = loadQuestionnaire(task.questionnaire);
  const q = loaded.questionnaire;
  const members = task.members.map((m) => {
    const a = JSON.parse(m) as Assessment;
    return a.organisation.name === task.name ? a : { ...a, organisation: { ...a.organisation, name: task.name } };
  });
  const scored = scoreGroup(q, members, { sha256: loaded.sha256, ...(settings.explain ? { explain: true } : {}) });
  const { lang } = reportLanguage(q, { flag: settings.lang, file: commonLang(members), env: settings.messageLang });
  const { result, json } = presentCompact(scored, q, lang);

  // One JSON text, encoded once, serves both results.jsonl and the organisation's JSON report.
  const line = Buffer.from(`${json}\n`, 'utf8');
  const path = outputPath(settings.out);
  const options = { ...(settings.template ? { template: settings.template } : {}), ...(settings.explain ? { explain: true } : {}), json: line };
  for (const [file, content] of reportFiles(result, q, settings.formats, task.base, options)) {
    writeFileSafely(path(file), content, { replace: true, tempDir: settings.work });
  }
  return {
    line,
    row: {
      name: result.organisation.name,
      ...(result.organisation.id !== undefined ? { id: result.organisation.id } : {}),
      base: task.base,
      respondents: members.length,
      level: result.overall.level,
      practiceLevel: result.overall.practiceLevel,
      score: result.overall.score,
      target: result.overall.target,
      uncertain: result.overall.uncertain,
      unanswered: result.uncertainty.unanswered.length,
      principles: result.principles.map((p) => ({ id: p.id, level: p.level, score: p.score })),
      gaps: result.gaps.slice(0, 3).map((g) => ({ principle: g.principle, level: g.level })),
    },
  };
}
