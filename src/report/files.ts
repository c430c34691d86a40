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
export function reportFiles(
  result: Result,
  q: Questionnaire,
  formats: readonly ReportFormat[],
  base: string,
  options: ReportFileOptions = {},
): [string, string | Uint8Array][] {
  const common = { ...(options.template ? { template: options.template } : {}), ...(options.explain ? { explain: true } : {}) };
  const images = { radar: `${base}.radar.svg`, heatmap: `${base}.heatmap.svg`, ladder: `${base}.ladder.svg` };
  const lang = result.lang;
  const content = (name: string): string | Uint8Array => {
    switch (name.slice(base.length + 1)) {
      case 'md':
        return renderMarkdown(result, q, { ...common, images });
      case 'radar.svg':
        return radarSvg(result, q, lang);
      case 'heatmap.svg':
        return heatmapSvg(result, q, lang);
      case 'ladder.svg':
        return ladderSvg(result, q, lang);
      case 'html':
        return renderHtml(result, q, common);
      default:
        return options.json ?? renderJson(result);
    }
  };
  return reportFileNames(formats, base).map((name) => [name, content(name)]);
}
