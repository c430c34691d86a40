import { compareResults } from '../../scoring/compare.js';
import { score } from '../../scoring/index.js';
import { EXIT, InputError, UsageError } from '../errors.js';
import { detectLang, msg, say } from '../i18n/index.js';
import { checkAnswersSource, loadBuiltin } from '../io/load.js';
import { readSource } from '../io/read.js';
import type { Io } from '../io/terminal.js';
import { checkOverwrite, inside, slug, writeAtomic } from '../io/write.js';
import type { Locale } from '../model/common.js';
import type { Questionnaire } from '../model/questionnaire.js';
import { RESULT_FORMAT, ResultSchema, type Result } from '../model/result.js';
import { renderCompareMarkdown } from '../report/render.js';
import { compareRadarSvg, heatmapSvg } from '../report/charts.js';
import { parseLang } from './run.js';
import '../model/schemas.js';

export interface CompareOptions {
  lang?: string;
  json?: boolean;
  out?: string;
  force?: boolean;
  quiet?: boolean;
  questionnaire?: string;
}

/** An answers file (scored now) or a result file (as it was scored then). */
function resultOf(path: string, options: CompareOptions, lang: Locale): { result: Result; questionnaire: Questionnaire } {
  const source = readSource(path);
  const data = source.data as { format?: unknown } | null;
  if (data && typeof data === 'object' && data.format === RESULT_FORMAT) {
    const parsed = ResultSchema.safeParse(data);
    if (!parsed.success) throw new InputError([{ file: path, ...source.locate(parsed.error.issues[0]!.path as (string | number)[]), message: msg('schema.invalid') }]);
    const result = parsed.data;
    return { result, questionnaire: loadBuiltin(`${result.questionnaire.id}@${result.questionnaire.version}`).questionnaire };
  }
  const loaded = checkAnswersSource(source, { ...(options.questionnaire !== undefined ? { questionnaire: options.questionnaire } : {}), lang });
  const result = score(loaded.questionnaire.questionnaire, loaded.assessment, { sha256: loaded.questionnaire.sha256, lang });
  return { result, questionnaire: loaded.questionnaire.questionnaire };
}

/** `compare OLD NEW`: the progress of one organisation between two assessments. */
export async function compareCommand(oldPath: string, newPath: string, options: CompareOptions, io: Io): Promise<number> {
  const lang = detectLang(parseLang(options.lang), io.env);
  const before = resultOf(oldPath, options, lang);
  const after = resultOf(newPath, options, lang);
  const same = (a: Result, b: Result) => (a.organisation.id !== undefined && b.organisation.id !== undefined ? a.organisation.id === b.organisation.id : a.organisation.name === b.organisation.name);
  if (!same(before.result, after.result)) {
    throw new UsageError(msg('compare.other-organisation', { old: before.result.organisation.name, new: after.result.organisation.name }));
  }
  const [older, newer] = before.result.date <= after.result.date ? [before, after] : [after, before];
  const comparison = compareResults(older.result, newer.result);
  const json = `${JSON.stringify(comparison, null, 2)}\n`;
  const q = newer.questionnaire;
  if (options.out !== undefined) {
    const base = `${slug(newer.result.organisation.id ?? newer.result.organisation.name)}-compare-${older.result.date}-${newer.result.date}`;
    const images = { radar: `${base}.radar.svg`, before: `${base}.heatmap-before.svg`, after: `${base}.heatmap-after.svg` };
    const files: [string, string][] = [
      [inside(options.out, `${base}.md`), renderCompareMarkdown(comparison, q, lang, images)],
      [inside(options.out, images.radar), compareRadarSvg(older.result, newer.result, q, lang)],
      [inside(options.out, images.before), heatmapSvg(older.result, older.questionnaire, lang, older.result.date)],
      [inside(options.out, images.after), heatmapSvg(newer.result, q, lang, newer.result.date)],
      [inside(options.out, `${base}.json`), json],
    ];
    checkOverwrite(files.map(([f]) => f), options.force === true);
    for (const [file, content] of files) {
      writeAtomic(file, content);
      if (!options.quiet && !file.endsWith('.svg')) io.stderr.write(`${say(lang, msg('cli.wrote', { file }))}\n`);
    }
  }
  if (options.json) io.stdout.write(json);
  else if (!options.quiet) io.stdout.write(renderCompareMarkdown(comparison, q, lang));
  return EXIT.ok;
}
