import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Comparison } from '../../scoring/compare.js';
import type { Severity } from '../../src/model/check-questionnaire.js';

/*
 * What the tests read back from files and output the tool wrote, typed as what the test expects
 * (the test's assertions are what check it): JSON.parse and YAML's parse only give `any`.
 */

/** JSON text, read as `T`. */
export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** A JSON file, read as `T`. */
export function readJson<T>(path: string): T {
  return parseJson<T>(readFileSync(path, 'utf8'));
}

/** A YAML file (an answers file, a draft, a questionnaire), read as `T`. */
export function readYaml<T>(path: string): T {
  return parse(readFileSync(path, 'utf8')) as T;
}

/** `compare --json`: the comparison, with the language it is written in and the text of its ids. */
export type ComparisonJson = Comparison & { lang: string; labels: Record<string, string> };

/** `lint --format json` (src/reporters/lint/json.ts). */
export interface LintJson {
  files: string[];
  findings: { file: string; line: number; col: number; severity: Severity; rule: string; message: string }[];
  summary: { errors: number; warnings: number; infos: number };
}
