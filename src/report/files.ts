import type { Questionnaire } from '../model/questionnaire.js';
import type { Result } from '../model/result.js';
import { heatmapSvg, ladderSvg, radarSvg } from './charts.js';
import { renderHtml, renderJson, renderMarkdown, type CustomTemplate } from './render.js';

export const REPORT_FORMATS = ['md', 'json', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportFileOptions {
  template?: CustomTemplate;
  explain?: boolean;
  /** The JSON text already made (a batch encodes it once for results.jsonl too). */
  json?: string | Uint8Array;
}

/** The names of one report's files, from `base`, in the order they are written: the JSON last. */
export function reportFileNames(formats: readonly ReportFormat[], base: string): string[] {
  const names: string[] = [];
  if (formats.includes('md')) names.push(`${base}.md`, `${base}.radar.svg`, `${base}.heatmap.svg`, `${base}.ladder.svg`);
  if (formats.includes('html')) names.push(`${base}.html`);
  if (formats.includes('json')) names.push(`${base}.json`);
  return names;
}

/**
 * Every file of one report, named from `base`: the Markdown report with the three SVG charts it shows,
 * the self-contained HTML report, and the JSON result last (a report set is complete when its JSON
 * exists).
 */
export function reportFiles(result: Result, q: Questionnaire, formats: readonly ReportFormat[], base: string, options: ReportFileOptions = {}): [string, string | Uint8Array][] {
  const files: [string, string | Uint8Array][] = [];
  const common = { ...(options.template ? { template: options.template } : {}), ...(options.explain ? { explain: true } : {}) };
  if (formats.includes('md')) {
    const images = { radar: `${base}.radar.svg`, heatmap: `${base}.heatmap.svg`, ladder: `${base}.ladder.svg` };
    files.push(
      [`${base}.md`, renderMarkdown(result, q, { ...common, images })],
      [images.radar, radarSvg(result, q, result.lang)],
      [images.heatmap, heatmapSvg(result, q, result.lang)],
      [images.ladder, ladderSvg(result, q, result.lang)],
    );
  }
  if (formats.includes('html')) files.push([`${base}.html`, renderHtml(result, q, common)]);
  if (formats.includes('json')) files.push([`${base}.json`, options.json ?? renderJson(result)]);
  return files;
}
