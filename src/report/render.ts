import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Liquid, type Template } from 'liquidjs';
import { packageRoot } from '../io/load.js';
import type { Locale } from '../model/common.js';
import type { Questionnaire } from '../model/questionnaire.js';
import type { Result } from '../model/result.js';
import { escapeMarkdown } from './escape.js';
import { buildView } from './view.js';
import { buildCompareView } from './compare-view.js';
import type { Comparison } from '../../scoring/compare.js';

/**
 * A sandboxed engine: templates cannot read files (no include, render or layout resolves), reach
 * object prototypes, or run code; every output is escaped unless a template says `| raw`.
 */
function engine(escape: (value: unknown) => string): Liquid {
  return new Liquid({
    templates: {},
    outputEscape: escape,
    strictFilters: true,
    strictVariables: true,
    lenientIf: true,
    ownPropertyOnly: true,
    greedy: false,
  });
}

let markdownEngine: Liquid | undefined;
const parsedTemplates = new Map<string, Template[]>();

/** A template is parsed once per process, however many reports it renders. */
function parsed(liquid: Liquid, source: string): Template[] {
  let tpl = parsedTemplates.get(source);
  if (!tpl) {
    tpl = liquid.parse(source);
    parsedTemplates.set(source, tpl);
  }
  return tpl;
}
const templateCache = new Map<string, string>();

export function builtinTemplate(name: string): string {
  let source = templateCache.get(name);
  if (source === undefined) {
    source = readFileSync(join(packageRoot(), 'templates', name), 'utf8');
    templateCache.set(name, source);
  }
  return source;
}

export function renderMarkdown(
  result: Result,
  q: Questionnaire,
  lang: Locale,
  options: { template?: string; terminal?: boolean } = {},
): string {
  markdownEngine ??= engine(escapeMarkdown);
  const template = options.template ?? builtinTemplate('report.md.liquid');
  const view = buildView(result, q, lang, options.terminal === true);
  const out = markdownEngine.renderSync(parsed(markdownEngine, template), view as unknown as Record<string, unknown>);
  return tidy(out);
}

export function renderCompareMarkdown(c: Comparison, q: Questionnaire, lang: Locale): string {
  markdownEngine ??= engine(escapeMarkdown);
  const view = buildCompareView(c, q, lang);
  return tidy(markdownEngine.renderSync(parsed(markdownEngine, builtinTemplate('compare.md.liquid')), view as unknown as Record<string, unknown>));
}

/** At most one blank line in a row and exactly one newline at the end, whatever the template's spacing. */
function tidy(text: string): string {
  return `${text.replace(/[ \t]+\n/g, (m) => (m === '  \n' ? m : '\n')).replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/** The JSON result as written to disk and stdout: two-space indentation, a final newline. */
export function renderJson(result: Result): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
