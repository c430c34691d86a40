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
  /** The input it came from, for messages. */
  file: string;
}

/** What one input gave: its respondents, its problems, and how many of its answer sets (a file, CSV rows) were refused. */
export interface ReadOutcome {
  items: ReadItem[];
  problems: Located[];
  /** Answer sets read: 1 for an answers file, one per row for a CSV export. */
  sets: number;
  refused: number;
}

export interface ReportTask {
  base: string;
  members: string[];
  questionnaire: string;
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
  principles: { id: string; level: number; score: number | null }[];
  gaps: { principle: string; level: number }[];
}

function keyOf(a: Assessment): string {
  return a.organisation.id !== undefined ? `id:${a.organisation.id}` : `name:${a.organisation.name.trim()}`;
}

function item(assessment: Assessment, q: LoadedQuestionnaire, file: string): ReadItem {
  return { key: keyOf(assessment), organisation: assessment.organisation, assessment: JSON.stringify(assessment), questionnaire: q.path, ref: q.ref, file };
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
    return { items: [item(loaded.assessment, loaded.questionnaire, display)], problems: [], sets: 1, refused: 0 };
  } catch (error) {
    if (error instanceof InputError) return { items: [], problems: [...error.problems], sets: 1, refused: 1 };
    throw error;
  }
}

function readCsvInput(bytes: Buffer, display: string, settings: BatchSettings): ReadOutcome {
  const q = loadQuestionnaire(settings.questionnaire);
  const rows = readCsv(decodeText(bytes, display, true), display, q.questionnaire, settings.mapping);
  const items: ReadItem[] = [];
  const problems: Located[] = [];
  let refused = 0;
  for (const row of rows) {
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
      continue;
    }
    const { assessment, problems: found } = checkAnswers(q.questionnaire, parsed.data, q.ref, settings.messageLang);
    if (found.length > 0) {
      for (const p of found) problems.push({ file: display, line: row.line, col: at(p.path), message: p.message });
      refused += 1;
      continue;
    }
    items.push(item(assessment, q, display));
  }
  return { items, problems, sets: rows.length, refused };
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
  const members = task.members.map((m) => JSON.parse(m) as Assessment);
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
      principles: result.principles.map((p) => ({ id: p.id, level: p.level, score: p.score })),
      gaps: result.gaps.slice(0, 3).map((g) => ({ principle: g.principle, level: g.level })),
    },
  };
}
