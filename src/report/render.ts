import type { Comparison } from '../../scoring/compare.js';
import { InputError } from '../errors.js';
import { msg } from '../i18n/index.js';
import { readText } from '../io/read.js';
import type { Locale } from '../model/common.js';
import type { Questionnaire } from '../model/questionnaire.js';
import type { Result } from '../model/result.js';
import { escapeHtml } from '../sinks/html.js';
import { escapeMarkdown } from '../sinks/markdown.js';
import { buildCompareView } from './compare-view.js';
import { builtinTemplate } from './templates.js';
import { compileTemplate, TemplateError, type CompiledTemplate } from './template.js';
import { tidy } from './tidy.js';
import { buildView, type ViewOptions } from './view.js';

const compiled = { md: new Map<string, CompiledTemplate>(), html: new Map<string, CompiledTemplate>() };

/** A template compiled once per process, however many reports it renders; its errors located in `file`. */
function compiledTemplate(kind: 'md' | 'html', source: string, file: string): CompiledTemplate {
  let tpl = compiled[kind].get(source);
  if (!tpl) {
    try {
      tpl = compileTemplate(source, kind === 'md' ? escapeMarkdown : escapeHtml);
    } catch (error) {
      throw templateError(error, file);
    }
    compiled[kind].set(source, tpl);
  }
  return tpl;
}

function templateError(error: unknown, file: string): unknown {
  if (error instanceof TemplateError) {
    return new InputError([{ file, line: error.line, col: error.col, message: msg('template.error', { detail: error.detail ?? error.message }) }]);
  }
  return error;
}

/** A consultant's template (`--template FILE`): which report it replaces, and its text. */
export interface CustomTemplate {
  kind: 'md' | 'html';
  file: string;
  source: string;
}

export function readTemplate(file: string): CustomTemplate {
  const source = readText(file);
  const kind = /\.html?(?:\.liquid)?$/i.test(file) ? 'html' : 'md';
  // Compile now, so that a broken template stops the run before anything is written.
  compiledTemplate(kind, source, file);
  return { kind, file, source };
}

function render(kind: 'md' | 'html', source: string, file: string, view: unknown): string {
  const tpl = compiledTemplate(kind, source, file);
  try {
    return tpl.render(view as Record<string, unknown>);
  } catch (error) {
    throw templateError(error, file);
  }
}

export interface RenderOptions extends ViewOptions {
  template?: CustomTemplate;
}

export function renderMarkdown(result: Result, q: Questionnaire, options: RenderOptions = {}): string {
  const custom = options.template?.kind === 'md' ? options.template : undefined;
  const view = buildView(result, q, options);
  return tidy(render('md', custom?.source ?? builtinTemplate('report.md.liquid'), custom?.file ?? 'templates/report.md.liquid', view));
}

export function renderHtml(result: Result, q: Questionnaire, options: RenderOptions = {}): string {
  const custom = options.template?.kind === 'html' ? options.template : undefined;
  const view = buildView(result, q, { ...options, svg: true });
  return render('html', custom?.source ?? builtinTemplate('report.html.liquid'), custom?.file ?? 'templates/report.html.liquid', view);
}

/** The compare report; drawn in a terminal, lists instead of wide tables. */
export function renderCompareMarkdown(
  c: Comparison,
  q: Questionnaire,
  lang: Locale,
  options: { images?: { radar: string; before: string; after: string }; terminal?: boolean } = {},
): string {
  const view = { ...buildCompareView(c, q, lang), images: options.images ?? null, terminal: options.terminal === true };
  return tidy(render('md', builtinTemplate('compare.md.liquid'), 'templates/compare.md.liquid', view));
}

/** A JSON document as written to disk and stdout: two-space indentation, a final newline. */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
