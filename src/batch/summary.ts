import type { Located } from '../errors.js';
import { catalogue, formatNumber, say } from '../i18n/index.js';
import { text, type Locale } from '../model/common.js';
import type { Questionnaire } from '../model/questionnaire.js';
import { csvCell } from '../sinks/csv.js';
import { escapeMarkdown } from '../sinks/markdown.js';
import type { SummaryRow } from './work.js';

/** The q-th quantile by linear interpolation between closest ranks (the spreadsheet QUARTILE.INC rule). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * What the summary needs of the whole cohort, kept as numbers: rows themselves are read again, one at a
 * time, so that memory does not grow with the number of organisations.
 */
export class Cohort {
  count = 0;
  readonly levels: number[];
  readonly scores: number[] = [];
  private readonly principles: Map<string, number[]>;
  constructor(q: Questionnaire) {
    this.levels = new Array<number>(q.levels.length + 1).fill(0);
    this.principles = new Map(q.principles.map((p) => [p.id, []]));
  }
  add(row: SummaryRow): void {
    this.count += 1;
    this.levels[row.level] = (this.levels[row.level] ?? 0) + 1;
    this.scores.push(row.score);
    for (const p of row.principles) if (typeof p.score === 'number') this.principles.get(p.id)?.push(p.score);
  }
  principleScores(id: string): number[] {
    return this.principles.get(id) ?? [];
  }
}

/** How summary.csv is written: the spreadsheet that opens it by a double click decides. */
export type CsvDialect = 'excel-fr' | 'excel-en' | 'rfc4180';
export const CSV_DIALECTS: readonly CsvDialect[] = ['excel-fr', 'excel-en', 'rfc4180'];

/** The dialect of the report language: French Excel reads `;` and decimal commas, the others `,`. */
export function defaultDialect(lang: Locale): CsvDialect {
  return formatNumber(1.5, 1, lang).includes(',') ? 'excel-fr' : 'excel-en';
}

const DIALECT: Record<CsvDialect, { delimiter: string; bom: string; comma: boolean }> = {
  'excel-fr': { delimiter: ';', bom: '\uFEFF', comma: true },
  'excel-en': { delimiter: ',', bom: '\uFEFF', comma: false },
  rfc4180: { delimiter: ',', bom: '', comma: false },
};

/**
 * One row per organisation, in the dialect a spreadsheet opens by a double click: `excel-fr` (`;`, UTF-8
 * byte-order mark, decimal commas), `excel-en` (`,`, byte-order mark, decimal points), `rfc4180` (`,`, no
 * mark); CRLF line ends in all three; no cell can be read as a formula. Yields the file in pieces.
 */
export function* summaryCsv(rows: Iterable<SummaryRow>, q: Questionnaire, lang: Locale, dialect: CsvDialect = defaultDialect(lang)): Generator<string> {
  const w = catalogue(lang).summary;
  const d = DIALECT[dialect];
  const cell = (s: string) => csvCell(s, d.delimiter);
  const num = (x: number | null) => (x === null ? '' : formatNumber(x, 1, 'en').replace('.', d.comma ? ',' : '.'));
  const principleTitle = new Map(q.principles.map((p) => [p.id, text(p.title, lang)]));
  const header = [
    w.organisation,
    w.id,
    w.respondents,
    w.level,
    w.practiceLevel,
    w.score,
    w.target,
    w.uncertain,
    w.unanswered,
    ...q.principles.map((p) => text(p.title, lang)),
    `${w.gap}_1`,
    `${w.gap}_2`,
    `${w.gap}_3`,
  ];
  yield `${d.bom}${header.map(cell).join(d.delimiter)}\r\n`;
  for (const r of rows) {
    const gaps = [0, 1, 2].map((i) => (r.gaps[i] ? `${principleTitle.get(r.gaps[i].principle) ?? r.gaps[i].principle}, ${w.level} ${r.gaps[i].level}` : ''));
    const principles = q.principles.map((p) => num(r.principles.find((x) => x.id === p.id)?.score ?? null));
    const fields = [
      cell(r.name),
      cell(r.id ?? ''),
      String(r.respondents),
      String(r.level),
      String(r.practiceLevel),
      num(r.score),
      String(r.target),
      String(r.uncertain),
      String(r.unanswered),
      ...principles.map(cell),
      ...gaps.map(cell),
    ];
    yield `${fields.join(d.delimiter)}\r\n`;
  }
}

/** What the batch read, and what it refused or did with care: said at the top of summary.md. */
export interface ReadLog {
  files: number;
  sets: number;
  refused: number;
  refusals: Located[];
  notices: Located[];
}

function located(lang: Locale, p: Located): [string, string] {
  return [p.line !== undefined ? `${p.file}:${p.line}` : p.file, say(lang, p.message)];
}

/**
 * The distribution of levels, quartiles per principle, and each organisation's place in the cohort:
 * `cohort` holds every row's numbers, `rows` gives the rows again in order. Yields the file in pieces.
 */
export function* summaryMarkdown(
  cohort: Cohort,
  rows: Iterable<SummaryRow>,
  q: Questionnaire,
  lang: Locale,
  formats: readonly string[],
  read?: ReadLog & { organisations: number; assessments: number },
): Generator<string> {
  const w = catalogue(lang).summary;
  const n = (x: number) => formatNumber(x, 1, lang);
  // The questionnaire's title first: a portfolio is read by what it measured.
  const out: string[] = [`# ${escapeMarkdown(text(q.title, lang))} — ${w.title.toLowerCase()}, ${w.count(cohort.count)}`, '', `${q.id} ${q.version}`, ''];
  if (read) {
    out.push(`## ${w.inputs}`, '', w.inputsLine(read), '');
    const table = (title: string, intro: string | undefined, items: Located[]) => {
      if (items.length === 0) return;
      out.push(`### ${title}`, '');
      if (intro) out.push(intro, '');
      out.push(`| ${w.where} | ${w.what} |`, '|---|---|');
      for (const p of items) {
        const [where, what] = located(lang, p);
        out.push(`| ${escapeMarkdown(where)} | ${escapeMarkdown(what)} |`);
      }
      out.push('');
    };
    table(w.refused, w.refusedIntro, read.refusals);
    table(w.flags, undefined, read.notices);
  }

  out.push(`## ${w.levels}`, '', `| ${w.level} | | ${w.organisations} | |`, '|--:|---|--:|---|');
  const levelTitle = (rank: number) => (rank === 0 ? text(q.notEngaged.title, lang) : text(q.levels.find((l) => l.rank === rank)?.title, lang));
  for (let rank = 0; rank <= q.levels.length; rank++) {
    const count = cohort.levels[rank] ?? 0;
    const bar = '█'.repeat(cohort.count > 0 ? Math.round((20 * count) / cohort.count) : 0);
    out.push(`| ${rank} | ${escapeMarkdown(levelTitle(rank))} | ${count} | ${bar} |`);
  }
  out.push('');

  const stats = (values: number[]) => {
    const s = Float64Array.from(values).sort();
    return { min: s[0]!, q1: quantile(s, 0.25), median: quantile(s, 0.5), q3: quantile(s, 0.75), max: s[s.length - 1]! };
  };
  const overall = stats(cohort.scores);
  const byPrinciple = q.principles.map((p) => {
    const values = cohort.principleScores(p.id);
    return { id: p.id, title: text(p.title, lang), stats: values.length > 0 ? stats(values) : undefined };
  });
  out.push(`## ${w.principles}`, '', `| | ${w.min} | ${w.q1} | ${w.median} | ${w.q3} | ${w.max} |`, '|---|--:|--:|--:|--:|--:|');
  for (const p of byPrinciple) {
    if (!p.stats) continue;
    out.push(`| ${escapeMarkdown(p.title)} | ${n(p.stats.min)} | ${n(p.stats.q1)} | ${n(p.stats.median)} | ${n(p.stats.q3)} | ${n(p.stats.max)} |`);
  }
  if (cohort.count > 0) out.push(`| **${w.score}** | ${n(overall.min)} | ${n(overall.q1)} | ${n(overall.median)} | ${n(overall.q3)} | ${n(overall.max)} |`);
  out.push('');

  const quartileOf = (score: number) => (score >= overall.q3 ? 3 : score >= overall.median ? 2 : score >= overall.q1 ? 1 : 0);
  out.push(
    `## ${w.cohort}`,
    '',
    `| ${w.organisations} | ${w.level} | ${w.score} | ${w.quartile} | ${w.ahead} | ${w.behind} | ${w.report} |`,
    '|---|--:|--:|---|---|---|---|',
  );
  yield `${out.join('\n')}\n`;
  for (const r of rows) {
    const ahead: string[] = [];
    const behind: string[] = [];
    for (const p of byPrinciple) {
      const score = r.principles.find((x) => x.id === p.id)?.score;
      if (score === null || score === undefined || !p.stats) continue;
      if (score > p.stats.median) ahead.push(p.title);
      else if (score < p.stats.median) behind.push(p.title);
    }
    const link = formats.includes('md') ? `[${r.base}.md](${encodeURI(`${r.base}.md`)})` : formats.includes('json') ? `${r.base}.json` : w.none;
    yield `| ${escapeMarkdown(r.name)} | ${r.level} | ${n(r.score)} | ${w.quartiles[quartileOf(r.score)]} | ${escapeMarkdown(ahead.join(', ')) || w.none} | ${escapeMarkdown(behind.join(', ')) || w.none} | ${link} |\n`;
  }
}
