import type { Locale } from '../model/common.js';
import type { Questionnaire } from '../model/questionnaire.js';
import type { Result } from '../model/result.js';
import { heatmapSvg, ladderSvg, radarSvg } from './charts.js';
import { renderHtml, renderJson, renderMarkdown, type CustomTemplate } from './render.js';

export const REPORT_FORMATS = ['md', 'json', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportFileOptions {
  template?: CustomTemplate;
  explain?: boolean;
}

/**
 * Every file of one report, named from `base`: the Markdown report with its three SVG charts beside it,
 * the JSON result, the self-contained HTML report.
 */
export function reportFiles(result: Result, q: Questionnaire, lang: Locale, formats: readonly ReportFormat[], base: string, options: ReportFileOptions = {}): [string, string][] {
  const files: [string, string][] = [];
  const common = { ...(options.template ? { template: options.template } : {}), ...(options.explain ? { explain: true } : {}) };
  if (formats.includes('md')) {
    const images = { radar: `${base}.radar.svg`, heatmap: `${base}.heatmap.svg`, ladder: `${base}.ladder.svg` };
    files.push(
      [`${base}.md`, renderMarkdown(result, q, lang, { ...common, images })],
      [images.radar, radarSvg(result, q, lang)],
      [images.heatmap, heatmapSvg(result, q, lang)],
      [images.ladder, ladderSvg(result, q, lang)],
    );
  }
  if (formats.includes('json')) files.push([`${base}.json`, renderJson(result)]);
  if (formats.includes('html')) files.push([`${base}.html`, renderHtml(result, q, lang, common)]);
  return files;
}
