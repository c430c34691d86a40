import { readFileSync, statSync } from 'node:fs';
import { combine, viewOf, type View } from '../../scoring/combine.js';
import { score } from '../../scoring/index.js';
import { InputError, type Located } from '../errors.js';
import { msg } from '../i18n/index.js';
import { checkAnswersSource, loadQuestionnaire, type LoadedQuestionnaire } from '../io/load.js';
import { decodeText, MAX_FILE_BYTES, parseSource, type SourceFile } from '../io/read.js';
import { schemaProblems } from '../io/schema-problems.js';
import { insideFolder, writeAtomicInBatch } from '../io/write.js';
import { parseAnswersFile, type Assessment } from '../model/answers.js';
import { AnswersSchema } from '../model/answers-schema.js';
// Batches check thousands of files, invalid ones among them: the schemas are loaded from the start.
import '../model/schemas.js';
import { checkAnswers } from '../model/check-answers.js';
import type { Locale } from '../model/common.js';
import type { Result } from '../model/result.js';
import type { CustomTemplate } from '../report/render.js';
import { reportFiles, type ReportFormat } from '../report/files.js';
import { decodeCsv, readCsv, type CsvMapping } from './csv.js';

/** What every task needs to know; sent once to each worker. */
export interface BatchSettings {
  questionnaire?: string;
  mapping?: CsvMapping;
  lang?: Locale;
  messageLang: Locale;
  out: string;
  formats: ReportFormat[];
  template?: CustomTemplate;
  explain?: boolean;
}

/** One respondent read from an input, compact enough to keep for every input of a large batch. */
export interface ReadItem {
  /** `id:<organisation id>` or `name:<organisation name>`: respondents with the same key are combined. */
  key: string;
  organisation: { name: string; id?: string };
  /** The assessment as JSON, with the questionnaire it was checked against. */
  assessment: string;
  questionnaire: string;
}

export type ReadOutcome = { items: ReadItem[]; problems: Located[] };

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
  score: number;
  target: number;
  levelIfConfirmed: number;
  principles: { id: string; level: number; score: number | null }[];
  gaps: { principle: string; level: number }[];
}

function keyOf(a: Assessment): string {
  return a.organisation.id !== undefined ? `id:${a.organisation.id}` : `name:${a.organisation.name.trim()}`;
}

function item(assessment: Assessment, q: LoadedQuestionnaire): ReadItem {
  return { key: keyOf(assessment), organisation: assessment.organisation, assessment: JSON.stringify(assessment), questionnaire: q.path };
}

/** Reads and checks one input: an answers file (one respondent) or a CSV export (one per row). */
export function readInput(path: string, display: string, settings: BatchSettings): ReadOutcome {
  try {
    if (statSync(path).size > MAX_FILE_BYTES) {
      return { items: [], problems: [{ file: display, message: msg('file.too-large', { size: `${(statSync(path).size / 1048576).toFixed(1)} MB`, limit: '10.0 MB' }) }] };
    }
    const bytes = readFileSync(path);
    if (/\.csv$/i.test(path)) return readCsvInput(bytes, display, settings);
    const source = parseSource(decodeText(bytes, display), display);
    const loaded = checkAnswersSource(source, {
      ...(settings.questionnaire !== undefined ? { questionnaire: settings.questionnaire } : {}),
      lang: settings.messageLang,
    });
    return { items: [item(loaded.assessment, loaded.questionnaire)], problems: [] };
  } catch (error) {
    if (error instanceof InputError) return { items: [], problems: [...error.problems] };
    const code = (error as NodeJS.ErrnoException).code;
    if (code) return { items: [], problems: [{ file: display, message: msg(code === 'ENOENT' ? 'file.not-found' : 'file.unreadable', { reason: code }) }] };
    throw error;
  }
}

function readCsvInput(bytes: Buffer, display: string, settings: BatchSettings): ReadOutcome {
  const q = loadQuestionnaire(settings.questionnaire);
  const rows = readCsv(decodeCsv(bytes), display, q.questionnaire, settings.mapping);
  const items: ReadItem[] = [];
  const problems: Located[] = [];
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
      continue;
    }
    const { assessment, problems: found } = checkAnswers(q.questionnaire, parsed.data, q.ref, settings.messageLang);
    if (found.length > 0) {
      for (const p of found) problems.push({ file: display, line: row.line, col: at(p.path), message: p.message });
      continue;
    }
    items.push(item(assessment, q));
  }
  return { items, problems };
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
  const combined = members.length > 1 ? combine(q, members) : undefined;
  const assessment = combined?.assessment ?? members[0]!;
  const lang: Locale = settings.lang ?? assessment.lang ?? settings.messageLang;
  const scoring = { sha256: loaded.sha256, lang };
  const result: Result = score(q, assessment, scoring);

  if (combined) {
    const views: NonNullable<Result['respondents']>['views'] = [];
    for (const view of ['management', 'staff'] as View[]) {
      const group = members.filter((m) => viewOf(m.respondent?.role) === view);
      if (group.length === 0 || group.length === members.length) continue;
      const r = score(q, group.length > 1 ? combine(q, group).assessment : group[0]!, scoring);
      views.push({
        view,
        count: group.length,
        overall: { level: r.overall.level, score: r.overall.score },
        principles: r.principles.map((p) => ({ id: p.id, level: p.level, score: p.score })),
      });
    }
    result.respondents = {
      count: members.length,
      roles: combined.respondents.map((r) => r.role ?? r.name ?? '?'),
      disagreements: combined.disagreements,
      views,
    };
  }

  // One JSON text, encoded once, serves both results.jsonl and the organisation's JSON report.
  const line = Buffer.from(`${JSON.stringify(result)}\n`, 'utf8');
  const path = outputPath(settings.out);
  const options = { ...(settings.template ? { template: settings.template } : {}), ...(settings.explain ? { explain: true } : {}) };
  for (const [file, content] of reportFiles(result, q, lang, settings.formats.filter((f) => f !== 'json'), task.base, options)) {
    writeAtomicInBatch(path(file), content);
  }
  if (settings.formats.includes('json')) writeAtomicInBatch(path(`${task.base}.json`), line);
  return {
    line,
    row: {
      name: result.organisation.name,
      ...(result.organisation.id !== undefined ? { id: result.organisation.id } : {}),
      base: task.base,
      respondents: members.length,
      level: result.overall.level,
      score: result.overall.score,
      target: result.overall.target,
      levelIfConfirmed: result.overall.levelIfConfirmed,
      principles: result.principles.map((p) => ({ id: p.id, level: p.level, score: p.score })),
      gaps: result.gaps.slice(0, 3).map((g) => ({ principle: g.principle, level: g.level })),
    },
  };
}
