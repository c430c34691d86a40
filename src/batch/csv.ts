import { parse } from 'csv-parse/sync';
import { InputError, type Located } from '../errors.js';
import { msg } from '../i18n/index.js';
import type { AnswerEntry } from '../model/answers.js';
import type { Question, Questionnaire } from '../model/questionnaire.js';
import { emptyRecord, own, text } from '../model/common.js';
import { parseDecimal } from '../io/numbers.js';
import { booleanWord, isUnknownWord } from '../model/words.js';

/** A form tool's column titles and answer texts, mapped to question ids and values. */
export interface CsvMapping {
  /** Column title → `organisation`, `organisation.id`, `respondent.role`, `date`, `lang`, `context.<id>`, a question id, or `<id>.note`. */
  columns?: Record<string, string>;
  /** Per target (question id, `context.<id>`, or `*` for all): answer text → value. */
  values?: Record<string, Record<string, string | number | boolean>>;
}

export interface CsvRow {
  /** Line of the row in the file (1-based; a quoted field may span lines). */
  line: number;
  /** The row as an answers file would hold it, before checking against the questionnaire. */
  data: Record<string, unknown>;
  /** Where each answers-file path came from: `answers.vision.objectives` → column number (1-based). */
  columns: Map<string, number>;
}

/** "na", "n/a", "sans objet"…, then an optional reason after `:`, `-`, `–` or in brackets. */
const NA_WORD = /^(?:na|n\/a|sans objet|s\/o|not applicable|non applicable)(?=$|[\s:\-–(])/i;

/** The reason of a "not applicable" cell (the cell itself when it gives none), or undefined when it is not one. */
function naReason(value: string): string | undefined {
  const word = NA_WORD.exec(value);
  if (!word) return undefined;
  let rest = value.slice(word[0].length).trim();
  if (rest === '') return value;
  if (!/^[:\-–(]/.test(rest)) return undefined;
  const bracket = rest.startsWith('(');
  rest = rest.slice(1).trim();
  if (bracket && rest.endsWith(')')) rest = rest.slice(0, -1).trim();
  return rest === '' ? value : rest;
}

function normalise(s: string): string {
  return s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** `2026-11-23`, `2026-11-23 10:32`, `23/11/2026` (day first, as in French exports). */
export function parseDate(s: string): string | undefined {
  const t = s.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})/.exec(t);
  if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return undefined;
}

function optionByText(question: { options: { id: string; label: { fr?: string; en?: string } }[] }, value: string): string | undefined {
  const n = normalise(value);
  return question.options.find((o) => o.id === n || normalise(text(o.label, 'fr')) === n || normalise(text(o.label, 'en')) === n)?.id;
}

/** One cell as an answer: ids or labels in French or English, decimal commas, "don't know", "na: reason". */
export function cellToAnswer(q: Questionnaire, question: Question, cell: string, mapped: unknown): AnswerEntry | undefined {
  if (mapped !== undefined) return mapped as AnswerEntry;
  const value = cell.trim();
  if (value === '') return undefined;
  if (isUnknownWord(value)) return 'unknown';
  const na = naReason(value);
  if (na !== undefined) return { na };
  switch (question.type) {
    case 'scale': {
      const n = parseDecimal(value) ?? parseDecimal(/^(\d+)\s*[—–-]/.exec(value)?.[1] ?? '');
      if (n !== undefined) return n;
      const scale = q.scales.find((s) => s.id === question.scale);
      const byLabel = scale?.values.find((v) => [text(v.label, 'fr'), text(v.label, 'en')].some((l) => normalise(l) === normalise(value)));
      return byLabel ? byLabel.value : value;
    }
    case 'number':
      return parseDecimal(value) ?? value;
    case 'boolean':
      return booleanWord(value) ?? value;
    case 'single':
      return optionByText(question, value) ?? value;
    case 'multiple': {
      const whole = optionByText(question, value);
      if (whole) return [whole];
      const parts = value.split(/\s*[;|\n]\s*/).filter(Boolean);
      const split = parts.length > 1 ? parts : value.split(/\s*,\s*/).filter(Boolean);
      return split.map((p) => optionByText(question, p) ?? p);
    }
  }
}

/**
 * Reads a CSV export: one respondent per row, columns named by question id (or mapped). Returns one
 * answers-file-shaped object per row; checking against the questionnaire happens later, located by
 * the row's line and the column's number.
 */
export function readCsv(textIn: string, file: string, q: Questionnaire, mapping: CsvMapping = {}): CsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  const firstLine = textIn.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    records = parse(textIn, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as { lines?: number; column?: number; message?: string };
    throw new InputError([
      {
        file,
        line: e.lines ?? 1,
        col: typeof e.column === 'number' ? e.column + 1 : 1,
        message: msg('csv.syntax', { detail: (e.message ?? '').split('\n')[0] ?? '' }),
      },
    ]);
  }
  if (records.length === 0) throw new InputError([{ file, message: msg('file.empty') }]);
  const header = records[0]!.record.map((h) => h.replace(/^\uFEFF/, '').trim());
  const questions = new Map(q.questions.map((x) => [x.id, x]));
  const contexts = new Map(q.context.map((c) => [c.id, c]));
  const columnTarget = header.map((h) => own(mapping.columns, h) ?? h);

  const problems: Located[] = [];
  columnTarget.forEach((target, i) => {
    const base = target.replace(/\.note$/, '');
    const known =
      ['organisation', 'organisation.name', 'organisation.id', 'respondent.role', 'respondent.name', 'date', 'lang', 'questionnaire'].includes(target) ||
      (target.startsWith('context.') && contexts.has(target.slice(8))) ||
      questions.has(base);
    if (!known)
      problems.push({
        file,
        line: records[0]!.info.lines,
        col: i + 1,
        message: msg('csv.unknown-column', { column: header[i] ?? '', questionnaire: `${q.id}@${q.version}` }),
      });
  });
  if (!columnTarget.some((t) => t === 'organisation' || t === 'organisation.name')) {
    problems.push({ file, line: records[0]!.info.lines, col: 1, message: msg('csv.no-organisation') });
  }
  if (problems.length > 0) throw new InputError(problems);

  const valuesFor = (target: string, cell: string): string | number | boolean | undefined => {
    const table = mapping.values?.[target];
    const any = mapping.values?.['*'];
    const key = cell.trim();
    if (table && Object.hasOwn(table, key)) return table[key];
    if (any && Object.hasOwn(any, key)) return any[key];
    return undefined;
  };

  return records.slice(1).map(({ record, info }) => {
    const data: Record<string, unknown> = { answers: {} };
    const organisation = emptyRecord<string>();
    const respondent = emptyRecord<string>();
    const context = emptyRecord<unknown>();
    const answers = data.answers as Record<string, unknown>;
    const notes = emptyRecord<string>();
    const columns = new Map<string, number>();
    record.forEach((raw, i) => {
      const target = columnTarget[i];
      if (target === undefined) return;
      const cell = raw.trim();
      const mapped = valuesFor(target, cell);
      if (cell === '' && mapped === undefined) return;
      const col = i + 1;
      if (target === 'organisation' || target === 'organisation.name') {
        organisation.name = cell;
        columns.set('organisation.name', col);
      } else if (target === 'organisation.id') {
        organisation.id = cell;
        columns.set('organisation.id', col);
      } else if (target === 'respondent.role' || target === 'respondent.name') {
        respondent[target.slice(11)] = String(mapped ?? cell);
        columns.set(target, col);
      } else if (target === 'date') {
        data.date = parseDate(cell) ?? cell;
        columns.set('date', col);
      } else if (target === 'lang' || target === 'questionnaire') {
        data[target] = String(mapped ?? cell).toLowerCase();
        columns.set(target, col);
      } else if (target.startsWith('context.')) {
        const id = target.slice(8);
        const c = contexts.get(id)!;
        const asOption = (v: string) => (mapped !== undefined ? String(mapped) : (optionByText(c, v) ?? v));
        context[id] =
          c.type === 'single'
            ? asOption(cell)
            : cell
                .split(/\s*[;|\n]\s*/)
                .filter(Boolean)
                .map(asOption);
        columns.set(`context.${id}`, col);
      } else if (target.endsWith('.note') && questions.has(target.slice(0, -5))) {
        notes[target.slice(0, -5)] = cell;
      } else {
        const answer = cellToAnswer(q, questions.get(target)!, cell, mapped);
        if (answer !== undefined) answers[target] = answer;
        columns.set(`answers.${target}`, col);
      }
    });
    for (const [id, note] of Object.entries(notes)) {
      const a = answers[id];
      if (a === undefined) continue;
      answers[id] = typeof a === 'object' && a !== null && !Array.isArray(a) ? { ...a, note } : a === 'unknown' ? { unknown: true, note } : { value: a, note };
    }
    data.organisation = organisation;
    if (Object.keys(respondent).length > 0) data.respondent = respondent;
    if (Object.keys(context).length > 0) data.context = context;
    data.questionnaire ??= `${q.id}@${q.version}`;
    return { line: info.lines, data, columns };
  });
}
