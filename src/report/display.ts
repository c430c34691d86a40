import type { Questionnaire } from '../model/questionnaire.js';
import type { Result } from '../model/result.js';
import { renderMarkdown, type RenderOptions } from './render.js';

export interface DisplayOptions extends RenderOptions {
  /** Drawn for a terminal of this width; else raw Markdown (a pipe, a file). */
  width?: number;
}

/** The report as stdout shows it: drawn for a terminal, raw Markdown on a pipe. */
export async function displayReport(result: Result, q: Questionnaire, options: DisplayOptions): Promise<string> {
  const { width, ...render } = options;
  if (width === undefined) return renderMarkdown(result, q, render);
  const { renderTerminal } = await import('./terminal.js');
  return renderTerminal(renderMarkdown(result, q, { ...render, terminal: true }), { width, color: render.color === true });
}
