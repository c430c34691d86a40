import { reportLanguage } from './language.js';
import { compareResults, practiceQuorum, score, type Comparable, type Comparison } from '../../scoring/index.js';
import { InputError, UsageError } from '../errors.js';
import { msg } from '../i18n/index.js';
import { checkAnswersSource, loadBuiltin } from '../io/load.js';
import { readSource } from '../io/read.js';
import { slug } from '../io/write.js';
import type { Locale } from '../model/common.js';
import type { Questionnaire } from '../model/questionnaire.js';
import { RESULT_FORMAT, RESULT_FORMAT_V1 } from '../model/result-format.js';
import { ResultSchema } from '../model/result.js';
import { ResultV1Schema, type ResultV1 } from '../model/result-v1.js';
import '../model/schemas.js';
import { compareRadarSvg, heatmapSvg } from '../report/charts.js';
import { renderCompareMarkdown, renderJson } from '../report/render.js';
import { textsFor } from '../report/texts.js';

export interface Assessed {
  result: Comparable;
  questionnaire: Questionnaire;
  /** The language the file was written in (a result) or asks for (answers). */
  lang?: Locale;
}

/** An answers file (scored now) or a result file, result@2 or result@1 (as it was scored then). */
export function assessmentOf(path: string, options: { questionnaire?: string; lang: Locale; migrate?: boolean }): Assessed {
  const source = readSource(path);
  const data = source.data as { format?: unknown } | null;
  const format = data && typeof data === 'object' ? data.format : undefined;
  if (format === RESULT_FORMAT || format === RESULT_FORMAT_V1) {
    const parsed = format === RESULT_FORMAT ? ResultSchema.safeParse(data) : ResultV1Schema.safeParse(data);
    if (!parsed.success)
      throw new InputError([{ file: path, ...source.locate(parsed.error.issues[0]!.path as (string | number)[]), message: msg('schema.invalid') }]);
    const result = format === RESULT_FORMAT ? (parsed.data as Comparable & { lang: Locale }) : fromV1(parsed.data as ResultV1);
    return {
      result,
      questionnaire: loadBuiltin(`${result.questionnaire.id}@${result.questionnaire.version}`).questionnaire,
      lang: (parsed.data as { lang: Locale }).lang,
    };
  }
  const loaded = checkAnswersSource(source, {
    ...(options.questionnaire !== undefined ? { questionnaire: options.questionnaire } : {}),
    lang: options.lang,
    ...(options.migrate ? { migrate: true } : {}),
  });
  const q = loaded.questionnaire.questionnaire;
  return {
    result: score(q, loaded.assessment, { sha256: loaded.questionnaire.sha256 }),
    questionnaire: q,
    ...(loaded.assessment.lang ? { lang: loaded.assessment.lang } : {}),
  };
}

/** A result@1 read as a comparison needs it: cell scores out of 100, the practice level from the principles. */
function fromV1(r: ResultV1): Comparable {
  const applicable = r.principles.filter((p) => p.score !== null).map((p) => p.level);
  const practiceLevel = applicable.length === 0 ? 0 : [...applicable].sort((a, b) => b - a)[practiceQuorum(applicable.length) - 1]!;
  return {
    organisation: r.organisation,
    date: r.date,
    questionnaire: r.questionnaire,
    context: r.context,
    overall: { level: r.overall.level, practiceLevel, score: r.overall.score, target: r.overall.target },
    principles: r.principles,
    cells: r.cells.map((c) => ({
      principle: c.principle,
      level: c.level,
      score: c.score === null ? null : Math.round(c.score * 10000) / 100,
      status: c.status,
    })),
    gaps: r.gaps,
    nextSteps: r.nextSteps,
    strengths: r.strengths,
  };
}

export interface CompareOutcome {
  comparison: Comparison & { lang: Locale; labels: Record<string, string> };
  questionnaire: Questionnaire;
  lang: Locale;
  /** The files of the comparison, by name, when they are asked for. */
  files: [string, string][];
}

/** The progress of one organisation between two assessments, older first whatever the order given. */
export function compareAssessments(a: Assessed, b: Assessed, wanted: { flag?: Locale | undefined; env: Locale }): CompareOutcome {
  const same =
    a.result.organisation.id !== undefined && b.result.organisation.id !== undefined
      ? a.result.organisation.id === b.result.organisation.id
      : a.result.organisation.name === b.result.organisation.name;
  if (!same) throw new UsageError(msg('compare.other-organisation', { old: a.result.organisation.name, new: b.result.organisation.name }));
  const [older, newer] = a.result.date <= b.result.date ? [a, b] : [b, a];
  const q = newer.questionnaire;
  // The files' own language, unless one is asked for; the newer questionnaire must have texts in it.
  const { lang } = reportLanguage(q, { flag: wanted.flag, file: newer.lang ?? older.lang, env: wanted.env });
  const comparison = compareResults(older.result, newer.result);
  const x = textsFor(q, lang, newer.result.context);
  const labels: Record<string, string> = {};
  for (const p of comparison.principles) labels[`principle:${p.id}`] = x.principle(p.id);
  for (const id of [...comparison.nextStepsDone, ...comparison.nextStepsNew]) labels[`recommendation:${id}`] = x.recommendation(id, null).title;
  for (const c of comparison.contextChanges) labels[`question:context.${c.id}`] = x.question(`context.${c.id}`);
  const base = `${slug(comparison.organisation.id ?? comparison.organisation.name)}-compare-${older.result.date}-${newer.result.date}`;
  const images = { radar: `${base}.radar.svg`, before: `${base}.heatmap-before.svg`, after: `${base}.heatmap-after.svg` };
  const full = { ...comparison, lang, labels };
  return {
    comparison: full,
    questionnaire: q,
    lang,
    files: [
      [`${base}.md`, renderCompareMarkdown(comparison, q, lang, { images })],
      [images.radar, compareRadarSvg(older.result, newer.result, q, lang)],
      [images.before, heatmapSvg(older.result, older.questionnaire, lang, older.result.date)],
      [images.after, heatmapSvg(newer.result, q, lang, newer.result.date)],
      [`${base}.json`, renderJson(full)],
    ],
  };
}
