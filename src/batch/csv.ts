import { parse } from 'csv-parse/sync';
import { InputError, type Located } from '../errors.js';
import { catalogue, LANGUAGES, msg } from '../i18n/index.js';
import type { AnswerEntry } from '../model/answers.js';
import type { Question, Questionnaire } from '../model/questionnaire.js';
import { emptyRecord } from '../model/common.js';
import { parseDecimal } from '../io/numbers.js';
import { booleanWord, isUnknownWord } from '../model/words.js';
import { steps } from '../steps.js';
import { globMatcher, matchTitle, normaliseTitle, parseTarget, titleIndex, titlesLocale, type ColumnTarget } from './columns.js';
import { frenchTimestampTitle, parseDateFormat, provenOrder, readDate, type DateOrder } from './dates.js';

/** A form tool's column titles and answer texts, mapped to question ids and values (`--mapping`, several merged in order). */
export interface CsvMapping {
  /** Column title → `organisation`, `organisation.id`, `respondent.role`, `date`, `lang`, `ignore`, `context.<id>`, a question id, `<id>.note`, or `<id>[<option>]` (one column per option). */
  columns?: Record<string, string>;
  /** Per question id, `context.<id>`, `respondent.role`, `scale:<scale id>`, or `*` (every question that is not a number): answer text → value. */
  values?: Record<string, Record<string, string | number | boolean>>;
  /** Column titles to leave out, as globs (`*`, `?`). */
  ignore?: string[];
  /** Organisation name → the other names it is written under. */
  aliases?: Record<string, string[]>;
  /** How slash dates are written: `DD/MM/YYYY` or `MM/DD/YYYY`. */
  dateFormat?: string;
}

export interface CsvOptions {
  /** The field separator, when the export's own cannot be told (`--delimiter`). */
  delimiter?: string;
}

export interface CsvRow {
  /** Line of the row in the file (1-based; a quoted field may span lines). */
  line: number;
  /** The row as an answers file would hold it, before checking against the questionnaire. */
  data: Record<string, unknown>;
  /** Where each answers-file path came from: `answers.vision.objectives` → column number (1-based). */
  columns: Map<string, number>;
}

export interface CsvRead {
  rows: CsvRow[];
  /** What was done to the file as a whole: columns ignored. */
  notices: Located[];
  /** The mapping's column titles this export has (a title no export of the batch has is said once). */
  mappedSeen: string[];
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

type Labelled = { id: string; label: Record<string, string | undefined> };

/** An options list's ids and labels, normalised once: by text (first option wins), and longest first for splitting. */
interface OptionTexts {
  byText: Map<string, string>;
  longestFirst: { text: string; id: string }[];
}
const optionTexts = new WeakMap<readonly Labelled[], OptionTexts>();
function textsOf(options: readonly Labelled[]): OptionTexts {
  let texts = optionTexts.get(options);
  if (!texts) {
    const all: { text: string; id: string }[] = [];
    for (const o of options) {
      all.push({ text: normaliseTitle(o.id), id: o.id });
      for (const l of Object.values(o.label)) if (l) all.push({ text: normaliseTitle(l), id: o.id });
    }
    const byText = new Map<string, string>();
    for (const t of all) if (!byText.has(t.text)) byText.set(t.text, t.id);
    texts = { byText, longestFirst: [...all].sort((a, b) => b.text.length - a.text.length) };
    optionTexts.set(options, texts);
  }
  return texts;
}

/** An option by its id or its label in any locale, compared as titles are (case, apostrophes, spaces). */
export function optionByText(options: readonly Labelled[], value: string): string | undefined {
  const exact = options.find((o) => o.id === value.trim());
  return exact ? exact.id : textsOf(options).byText.get(normaliseTitle(value));
}

/**
 * A multiple-choice cell split by the options' own labels, longest first, so that a label holding a
 * comma stays whole (`Sell, attract customers or donors, Listen to …`); between labels, any of `,` `;`
 * `|` or a line end. A piece no label starts is kept as written (the check then says so).
 */
export function splitChoices(options: readonly Labelled[], cell: string): string[] {
  const candidates = textsOf(options).longestFirst;
  const s = normaliseTitle(cell.replace(/[;,|\s]+$/, ''));
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /[\s,;|]/.test(s[i]!)) i++;
    if (i >= s.length) break;
    const hit = candidates.find((c) => c.text !== '' && s.startsWith(c.text, i) && (i + c.text.length === s.length || /[\s,;|]/.test(s[i + c.text.length]!)));
    if (hit) {
      if (!out.includes(hit.id)) out.push(hit.id);
      i += hit.text.length;
      continue;
    }
    const end = s.slice(i).search(/[,;|]/);
    const piece = end < 0 ? s.slice(i) : s.slice(i, i + end);
    out.push(piece.trim());
    i = end < 0 ? s.length : i + end;
  }
  return out;
}

/** Cells that tick an option in a one-column-per-option export: `Y`, `yes`, `oui`, `1`, `x`, `✓`, `true`. */
function ticked(cell: string): boolean {
  const t = cell.trim().toLowerCase();
  return t !== '' && (booleanWord(t) === true || t === 'x' || t === '✓' || t === '✔');
}

/** A value table lookup by the cell as written, then as titles are compared. */
type ValueTable = Record<string, string | number | boolean>;
const normalisedTables = new WeakMap<ValueTable, Map<string, string | number | boolean>>();
function lookup(table: ValueTable | undefined, cell: string): string | number | boolean | undefined {
  if (!table) return undefined;
  if (Object.hasOwn(table, cell)) return table[cell];
  let normalised = normalisedTables.get(table);
  if (!normalised) {
    normalised = new Map();
    for (const key of Object.keys(table)) if (!normalised.has(normaliseTitle(key))) normalised.set(normaliseTitle(key), table[key]!);
    normalisedTables.set(table, normalised);
  }
  return normalised.get(normaliseTitle(cell));
}

/** One cell as an answer: ids or labels in any locale, decimal commas, "don't know", "na: reason". */
export function cellToAnswer(q: Questionnaire, question: Question, cell: string, mapped: unknown): AnswerEntry | undefined {
  if (mapped !== undefined) return mapped as AnswerEntry;
  // Microsoft Forms ends every choice with `;`, single ones included.
  const value = question.type === 'number' ? cell.trim() : cell.trim().replace(/\s*;$/, '');
  if (value === '') return undefined;
  if (isUnknownWord(value)) return 'unknown';
  const na = naReason(value);
  if (na !== undefined) return { na };
  switch (question.type) {
    case 'scale': {
      const n = parseDecimal(value) ?? parseDecimal(/^(\d+)\s*[—–-]/.exec(value)?.[1] ?? '');
      if (n !== undefined) return n;
      const scale = q.scales.find((s) => s.id === question.scale);
      const byLabel = scale?.values.find((v) => Object.values(v.label).some((l) => l !== undefined && normaliseTitle(l) === normaliseTitle(value)));
      return byLabel ? byLabel.value : value;
    }
    case 'number':
      return parseDecimal(value) ?? value;
    case 'boolean':
      return booleanWord(value) ?? value;
    case 'single':
      return optionByText(question.options, value) ?? value;
    case 'multiple': {
      const whole = optionByText(question.options, value);
      return whole ? [whole] : splitChoices(question.options, value);
    }
  }
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

type Parsed = { record: string[]; info: { lines: number } }[];

function parseWith(text: string, delimiter: string, to?: number): Parsed {
  return parse(text, {
    delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: false,
    ...(to !== undefined ? { to } : {}),
  }) as unknown as Parsed;
}

/**
 * The separator the export uses, told from its first rows, data included: the one that parses, gives
 * more than one column and the same number of fields on most rows. A header of question texts holds
 * more commas than a `;` file has separators; its data rows say which is right.
 */
export function sniffDelimiter(text: string): string {
  let best: { delimiter: string; score: number } | undefined;
  for (const delimiter of DELIMITERS) {
    let rows: Parsed;
    try {
      rows = parseWith(text, delimiter, 30);
    } catch {
      continue;
    }
    const width = rows[0]?.record.length ?? 0;
    if (width < 2) continue;
    const same = rows.filter((r) => r.record.length === width).length;
    const score = same / rows.length + width / 1e4;
    if (!best || score > best.score) best = { delimiter, score };
  }
  return best?.delimiter ?? ',';
}

/** Every record of an export with its line; a malformed file is an input error at its line and column. */
export function parseRecords(text: string, file: string, delimiter: string): Parsed {
  let records: Parsed;
  try {
    records = parseWith(text, delimiter);
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
  return records;
}

/** The slash-date order of a date column: `dateFormat`, else what its cells prove, else a French title, else undefined. */
function dateOrderOf(records: Parsed, col: number, title: string, mapping: CsvMapping, file: string, line: number): DateOrder | 'YMD' | undefined {
  if (mapping.dateFormat !== undefined) {
    const order = parseDateFormat(mapping.dateFormat);
    if (!order) throw new InputError([{ file, message: msg('csv.date-format', { format: mapping.dateFormat }) }]);
    return order;
  }
  const proven = provenOrder(records.slice(1).map((r) => r.record[col] ?? ''));
  if (proven === 'conflict') throw new InputError([{ file, line, col: col + 1, message: msg('csv.date-conflict', { column: title }) }]);
  if (proven) return proven;
  return frenchTimestampTitle(normaliseTitle(title)) ? 'DMY' : undefined;
}

/**
 * Reads a CSV export: one respondent per row, columns named by question id, by a question's text in any
 * locale, or by the mapping. Returns one answers-file-shaped object per row; checking against the
 * questionnaire happens later, located by the row's line and the column's number.
 */
export function readCsv(textIn: string, file: string, q: Questionnaire, mapping: CsvMapping = {}, options: CsvOptions = {}): CsvRead {
  const records = parseRecords(textIn, file, options.delimiter ?? sniffDelimiter(textIn));
  const headerLine = records[0]!.info.lines;
  const header = records[0]!.record.map((h) => h.replace(/^\uFEFF/, '').trim());
  const questions = new Map(q.questions.map((x) => [x.id, x]));
  const contexts = new Map(q.context.map((c) => [c.id, c]));
  const index = titleIndex(q);
  const ignored = globMatcher(mapping.ignore ?? []);
  const mappedTitles = new Map(Object.entries(mapping.columns ?? {}).map(([title, target]) => [normaliseTitle(title), { title, target }]));

  const problems: Located[] = [];
  const notices: Located[] = [];
  const unknown: string[] = [];
  let dateSeen = false;
  const targets: (ColumnTarget | undefined)[] = header.map((title, i) => {
    steps.columnMatch++;
    const mapped = mappedTitles.get(normaliseTitle(title));
    if (mapped) {
      const target = parseTarget(q, mapped.target);
      if (!target) problems.push({ file, line: headerLine, col: i + 1, message: msg('csv.bad-target', { column: title, target: mapped.target }) });
      return target?.kind === 'date' ? ((dateSeen = true), target) : target;
    }
    if (ignored(title)) return { kind: 'ignore' };
    const target = matchTitle(q, index, title);
    if (target?.kind === 'date') {
      // The first timestamp column is the answers' date; the others say nothing the diagnostic uses.
      if (dateSeen) return { kind: 'ignore' };
      dateSeen = true;
    }
    // A title written as an id of this questionnaire (`vision.objectivs`, `context.typ`) is a mistake, not a column to ignore.
    if (target === undefined && looksLikeId(q, title))
      problems.push({ file, line: headerLine, col: i + 1, message: msg('csv.unknown-column', { column: title, questionnaire: `${q.id}@${q.version}` }) });
    else if (target === undefined && title !== '') unknown.push(title);
    return target ?? { kind: 'ignore' };
  });
  const headerTitles = new Set(header.map((h) => normaliseTitle(h)));
  const mappedSeen = [...mappedTitles.entries()].filter(([key]) => (steps.columnMatch++, headerTitles.has(key))).map(([, { title }]) => title);
  if (unknown.length > 0) {
    // The first few titles, then how many more: a header of millions of columns makes one short line.
    const shown = unknown.slice(0, IGNORED_SHOWN).map((u) => `"${u.length > 60 ? `${u.slice(0, 59)}…` : u}"`);
    notices.push({
      file,
      line: headerLine,
      message: msg('csv.ignored-columns', {
        count: unknown.length,
        columns: shown.join(', '),
        ...(unknown.length > IGNORED_SHOWN ? { more: unknown.length - IGNORED_SHOWN } : {}),
      }),
    });
  }
  if (!targets.some((t) => t?.kind === 'organisation')) problems.push({ file, line: headerLine, col: 1, message: msg('csv.no-organisation') });
  if (problems.length > 0) throw new InputError(problems);

  // Titles that are the questionnaire's texts in one locale say the respondents' language, unless a column does.
  const titlesLang = targets.some((t) => t?.kind === 'lang') ? undefined : titlesLocale(q, header);
  const dateCol = targets.findIndex((t) => t?.kind === 'date');
  const order = dateCol >= 0 ? dateOrderOf(records, dateCol, header[dateCol]!, mapping, file, headerLine) : undefined;

  const valuesFor = (target: ColumnTarget, cell: string): string | number | boolean | undefined => {
    const key = cell.trim();
    const tables = mapping.values ?? {};
    if (target.kind === 'context') return lookup(tables[`context.${target.id}`], key);
    if (target.kind === 'role') return lookup(tables['respondent.role'], key);
    if (target.kind !== 'question') return undefined;
    const own = lookup(tables[target.id], key);
    if (own !== undefined) return own;
    const question = questions.get(target.id)!;
    // A number question is read as written: only its own table changes it.
    if (question.type === 'number') return undefined;
    if (question.type === 'scale') {
      const byScale = lookup(tables[`scale:${question.scale}`], key);
      if (byScale !== undefined) return byScale;
    }
    return lookup(tables['*'], key);
  };

  const rows = records.slice(1).map(({ record, info }): CsvRow => {
    const data: Record<string, unknown> = { answers: {} };
    const organisation = emptyRecord<string>();
    const respondent = emptyRecord<string>();
    const context = emptyRecord<unknown>();
    const answers = data.answers as Record<string, unknown>;
    const notes = emptyRecord<string>();
    const ticks = new Map<string, string[]>();
    const columns = new Map<string, number>();
    record.forEach((raw, i) => {
      const target = targets[i];
      if (target === undefined || target.kind === 'ignore') return;
      const cell = raw.trim();
      const mapped = valuesFor(target, cell);
      if (cell === '' && mapped === undefined) return;
      const col = i + 1;
      switch (target.kind) {
        case 'organisation':
          organisation.name = cell;
          columns.set('organisation.name', col);
          return;
        case 'organisation.id':
          organisation.id = cell;
          columns.set('organisation.id', col);
          return;
        case 'role':
          respondent.role = roleOf(q, String(mapped ?? cell));
          columns.set('respondent.role', col);
          return;
        case 'respondent.name':
          respondent.name = cell;
          columns.set('respondent.name', col);
          return;
        case 'date': {
          const reading = readDate(cell, order);
          if ('date' in reading) data.date = reading.date;
          else if ('ambiguous' in reading)
            throw new InputError([{ file, line: info.lines, col, message: msg('csv.date-ambiguous', { cell, column: header[i] ?? '' }) }]);
          else data.date = cell;
          columns.set('date', col);
          return;
        }
        case 'lang':
        case 'questionnaire':
          data[target.kind] = String(mapped ?? cell).toLowerCase();
          columns.set(target.kind, col);
          return;
        case 'context': {
          const c = contexts.get(target.id)!;
          const value = cell.replace(/\s*;$/, '');
          const one = mapped !== undefined ? String(mapped) : optionByText(c.options, value);
          if (c.type === 'single') context[target.id] = one ?? value;
          else context[target.id] = one !== undefined ? [one] : splitChoices(c.options, value);
          columns.set(`context.${target.id}`, col);
          return;
        }
        case 'option': {
          if (!ticked(cell) && mapped === undefined) return;
          const list = ticks.get(target.target) ?? [];
          list.push(target.option);
          ticks.set(target.target, list);
          columns.set(target.target.startsWith('context.') ? target.target : `answers.${target.target}`, col);
          return;
        }
        case 'note':
          notes[target.id] = cell;
          return;
        case 'question': {
          const answer = cellToAnswer(q, questions.get(target.id)!, cell, mapped);
          if (answer !== undefined) answers[target.id] = answer;
          columns.set(`answers.${target.id}`, col);
          return;
        }
      }
    });
    for (const [target, options] of ticks) {
      if (target.startsWith('context.')) context[target.slice(8)] = options;
      else answers[target] = options;
    }
    for (const [id, note] of Object.entries(notes)) {
      const a = answers[id];
      if (a === undefined) continue;
      answers[id] = typeof a === 'object' && a !== null && !Array.isArray(a) ? { ...a, note } : a === 'unknown' ? { unknown: true, note } : { value: a, note };
    }
    data.organisation = organisation;
    if (Object.keys(respondent).length > 0) data.respondent = respondent;
    if (Object.keys(context).length > 0) data.context = context;
    data.questionnaire ??= `${q.id}@${q.version}`;
    if (titlesLang !== undefined) data.lang ??= titlesLang;
    return { line: info.lines, data, columns };
  });
  return { rows, notices, mappedSeen };
}

/** How many ignored column titles a notice names. */
const IGNORED_SHOWN = 20;

function looksLikeId(q: Questionnaire, title: string): boolean {
  const m = /^([a-z][a-z0-9-]*)\.[a-z0-9.-]+$/.exec(title.trim());
  return m !== null && (m[1] === 'context' || m[1] === 'organisation' || m[1] === 'respondent' || q.principles.some((p) => p.id === m[1]));
}

/** A respondent role by its id or its label in any locale, else as written. */
function roleOf(q: Questionnaire, cell: string): string {
  return optionByText((q as { respondents?: Labelled[] }).respondents ?? builtInRoles(), cell) ?? cell;
}

/** Format 1 declares no roles: the interview's own, in every language the tool speaks (made once). */
let rolesOfTheTool: Labelled[] | undefined;
function builtInRoles(): Labelled[] {
  rolesOfTheTool ??= Object.keys(catalogue('en').interview.roles).map((id) => ({
    id,
    label: Object.fromEntries(LANGUAGES.map((l) => [l, catalogue(l).interview.roles[id]])),
  }));
  return rolesOfTheTool;
}
