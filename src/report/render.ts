import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Comparison } from '../../scoring/compare.js';
import { InputError } from '../errors.js';
import { msg } from '../i18n/index.js';
import { packageRoot } from '../io/package-root.js';
import { readText } from '../io/read.js';
import type { Locale } from '../model/common.js';
import type { Questionnaire } from '../model/questionnaire.js';
import type { Result } from '../model/result.js';
import { buildCompareView } from './compare-view.js';
import { escapeHtml, escapeMarkdown } from './escape.js';
import { tidy } from './tidy.js';
import { buildView, type ViewOptions } from './view.js';
import { compileTemplate, TemplateError, type CompiledTemplate } from './template.js';

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

function templateError(error: unknown, file: string): InputError {
  if (error instanceof TemplateError) {
    return new InputError([{ file, line: error.line, col: error.col, message: msg('template.error', { detail: error.message }) }]);
  }
  throw error;
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

/** A consultant's template (`--template FILE`): which report it replaces, and its text. */
export interface CustomTemplate {
  kind: 'md' | 'html';
  file: string;
  source: string;
}

export function readTemplate(file: string): CustomTemplate {
  const source = readText(file);
  const kind = /\.html?(\.liquid)?$/i.test(file) ? 'html' : 'md';
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

export function renderMarkdown(result: Result, q: Questionnaire, lang: Locale, options: RenderOptions = {}): string {
  const custom = options.template?.kind === 'md' ? options.template : undefined;
  const view = buildView(result, q, lang, options);
  return tidy(render('md', custom?.source ?? builtinTemplate('report.md.liquid'), custom?.file ?? 'templates/report.md.liquid', view));
}

export function renderHtml(result: Result, q: Questionnaire, lang: Locale, options: RenderOptions = {}): string {
  const custom = options.template?.kind === 'html' ? options.template : undefined;
  const view = buildView(result, q, lang, { ...options, svg: true });
  return render('html', custom?.source ?? builtinTemplate('report.html.liquid'), custom?.file ?? 'templates/report.html.liquid', view);
}

export function renderCompareMarkdown(c: Comparison, q: Questionnaire, lang: Locale, images?: { radar: string; before: string; after: string }): string {
  const view = { ...buildCompareView(c, q, lang), images: images ?? null };
  return tidy(render('md', builtinTemplate('compare.md.liquid'), 'templates/compare.md.liquid', view));
}

/** The JSON result as written to disk and stdout: two-space indentation, a final newline. */
export function renderJson(result: Result): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
