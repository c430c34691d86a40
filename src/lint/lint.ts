import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { packageRoot } from '../io/package-root.js';
import { InputError } from '../errors.js';
import { msg, type Message } from '../i18n/index.js';
import { parseSource, readText, type SourceFile } from '../io/read.js';
import { schemaProblems } from '../io/schema-problems.js';
import { checkQuestionnaire, type Severity } from '../model/check-questionnaire.js';
import type { Condition, Questionnaire } from '../model/questionnaire.js';
import { questionnaireSchemas } from '../model/questionnaire-schema.js';
import '../model/schemas.js';
import { canBeTrue, shadowedBy } from './satisfiable.js';
import { checkMigration } from './migration.js';
import { hasInvisible } from '../sinks/characters.js';
import { cellKey, indexed, questionScore, type Indexed } from '../../scoring/index.js';
import type { AnswerValue } from '../model/answers.js';

export interface Finding {
  rule: string;
  severity: Severity;
  file: string;
  line: number;
  col: number;
  message: Message;
}

/** Every rule lint applies, with its severity: the ids that findings, docs and CI annotations use. */
export const RULES: Record<string, Severity> = {
  'yaml-syntax': 'error',
  schema: 'error',
  'positive-weights': 'error',
  'schema-line': 'error',
  'file-name': 'error',
  'questionnaire-id': 'error',
  'unique-ids': 'error',
  'known-refs': 'error',
  'level-ranks': 'error',
  'scale-values': 'error',
  'option-values': 'error',
  'number-range': 'error',
  'condition-refs': 'error',
  'condition-never-true': 'error',
  'recommendation-trigger': 'error',
  'recommendation-never-applies': 'error',
  'variant-never-applies': 'warning',
  'contradiction-never-true': 'warning',
  'target-rule-unreachable': 'error',
  'target-rule-shadowed': 'warning',
  'texts-complete': 'error',
  'cell-questions': 'error',
  'cell-recommendations': 'error',
  'reserved-ids': 'error',
  'text-characters': 'error',
  'weak-at-best': 'error',
  'number-scoring': 'error',
  migration: 'error',
};

/** Lints one questionnaire file: syntax, schema, then every rule; never throws for a bad file. */
export function lintFile(path: string, display = path): Finding[] {
  let source: SourceFile;
  try {
    source = parseSource(readText(path, display), display);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return error.problems.map((p) => ({ rule: 'yaml-syntax', severity: 'error', file: display, line: p.line ?? 1, col: p.col ?? 1, message: p.message }));
  }
  const findings: Finding[] = [];
  const at = (rule: string, path: (string | number)[], message: Message, key = false) => {
    findings.push({ rule, severity: RULES[rule] ?? 'error', file: display, ...source.locate(path, key), message });
  };

  // The editor's schema line must point at a questionnaire schema: a relative path to any file of that
  // name (the project's own copy, or the tool's), or a web address.
  const firstLine = source.text.split(/\r?\n/, 1)[0] ?? '';
  const schemaPath = /^# yaml-language-server: \$schema=(\S*questionnaire\.schema\.json)\s*$/.exec(firstLine)?.[1];
  const schemaFound = schemaPath !== undefined && (/^https?:\/\//.test(schemaPath) || existsSync(resolve(dirname(path), schemaPath)));
  if (!schemaFound) {
    const near = nearestSchema(dirname(resolve(path)));
    findings.push({
      rule: 'schema-line',
      severity: 'error',
      file: display,
      line: 1,
      col: 1,
      message:
        near !== undefined
          ? msg('q.schema-line', { expected: `# yaml-language-server: $schema=${near}` })
          : msg('q.schema-line-none', { expected: '# yaml-language-server: $schema=<…>/questionnaire.schema.json' }),
    });
  }

  const { QuestionnaireSchema } = questionnaireSchemas();
  const parsed = QuestionnaireSchema.safeParse(source.data);
  if (!parsed.success) {
    const located = schemaProblems(source, QuestionnaireSchema, parsed.error.issues, 'questionnaire');
    parsed.error.issues.forEach((issue, i) => {
      const weight = issue.path[issue.path.length - 1] === 'weight';
      const p = located[i]!;
      findings.push({
        rule: weight ? 'positive-weights' : 'schema',
        severity: 'error',
        file: display,
        line: p.line ?? 1,
        col: p.col ?? 1,
        message: weight ? msg('q.positive-weight') : p.message,
      });
    });
    return sortFindings(findings);
  }
  const q = parsed.data;

  // Answers files name the questionnaire as `id@version`, with an id of this form only.
  if (!/^[a-z][a-z0-9-]*$/.test(q.id)) at('questionnaire-id', ['id'], msg('q.questionnaire-id', { id: q.id }));
  const version = basename(path).replace(/\.ya?ml$/, '');
  if (version !== q.version) at('file-name', ['version'], msg('q.file-name', { version: q.version, file: basename(path), named: version }));
  const folder = basename(dirname(path));
  if (folder !== q.id && folder !== '' && folder !== '.') at('file-name', ['id'], msg('q.folder-name', { expected: q.id }));

  const checked = checkQuestionnaire(q);
  // Ranks with a gap make every level reference and every cell look wrong: say the one cause, not its echoes.
  const ranksBroken = checked.some((f) => f.rule === 'level-ranks');
  const echo = (f: (typeof checked)[number]) =>
    ranksBroken &&
    (f.rule === 'cell-questions' ||
      f.rule === 'cell-recommendations' ||
      (f.rule === 'known-refs' && (f.path[f.path.length - 1] === 'level' || f.path[0] === 'target')));
  for (const f of checked) if (!echo(f)) at(f.rule, f.path, f.message, f.key);
  walkStrings(source.data, [], (value, where, isKey) => {
    // A name JavaScript objects already carry would read or replace what every object inherits.
    const reserved = where[where.length - 1] === 'id' || isKey ? value.split('.').find((part) => RESERVED.has(part)) : undefined;
    if (reserved !== undefined) at('reserved-ids', where, msg('q.reserved-id', { id: value, part: reserved }), isKey);
    const bad = invisibleCharacter(value);
    if (bad !== undefined) at('text-characters', where, msg('q.text-character', { code: bad }), isKey);
  });
  checkMigration(q, path, (where, message, key) => at('migration', where, message, key));
  // Reachability needs sound references; skip it when they are broken.
  if (findings.some((f) => f.rule === 'known-refs' || f.rule === 'condition-refs')) return sortFindings(findings);

  q.scales.forEach((scale, i) => {
    const values = scale.values.map((v) => v.value);
    const j = values.findIndex((v, k) => k > 0 && v !== values[k - 1]! + 1);
    if (j > 0) at('scale-values', ['scales', i, 'values', j, 'value'], msg('q.scale-values', { id: scale.id, found: values.join(', ') }));
  });

  // A question even its best answer leaves weak always fires its steps (a prerequisite: always a blocking point).
  const ix = indexed(q);
  const scales = ix.scales;
  q.questions.forEach((x, i) => {
    const threshold = ix.cellByKey.get(cellKey(x.principle, x.level))?.threshold ?? q.threshold;
    const best = bestScore(x, scales);
    if (best < threshold) {
      at('weak-at-best', ['questions', i, 'id'], msg('q.weak-at-best', { id: x.id, best: round(best), threshold, blocking: x.prerequisite ? 1 : 0 }));
    }
    if (x.type === 'number' && x.scoring.from !== x.scoring.to) {
      const atMin = questionScore(x, x.min, scales);
      if (atMin === questionScore(x, x.max, scales)) {
        at(
          'number-scoring',
          ['questions', i, 'scoring'],
          msg('q.number-scoring-flat', { min: x.min, max: x.max, score: atMin, from: x.scoring.from, to: x.scoring.to }),
        );
      }
    }
  });

  const never = (c: Condition) => !canBeTrue(q, c);
  q.questions.forEach((x, i) => {
    if (x.showIf && never(x.showIf)) at('condition-never-true', ['questions', i, 'showIf'], msg('q.condition-never-true'));
  });
  q.recommendations.forEach((r, i) => {
    if (r.when && never(r.when)) at('recommendation-never-applies', ['recommendations', i, 'when'], msg('q.recommendation-never-applies'));
    r.variants?.forEach((v, j) => {
      if (never(v.when)) at('variant-never-applies', ['recommendations', i, 'variants', j, 'when'], msg('q.variant-never-applies'));
    });
  });
  q.contradictions.forEach((c, i) => {
    if (never(c.when)) at('contradiction-never-true', ['contradictions', i, 'when'], msg('q.contradiction-never-true'));
  });
  const rules = q.target.rules.map((r) => r.when);
  q.target.rules.forEach((r, i) => {
    if (never(r.when)) at('target-rule-unreachable', ['target', 'rules', i, 'when'], msg('q.target-rule-unreachable'));
    else {
      const j = shadowedBy(q, rules, i);
      if (j !== undefined) at('target-rule-shadowed', ['target', 'rules', i, 'when'], msg('q.target-rule-shadowed', { rule: q.target.rules[j]!.id }));
    }
  });
  return sortFindings(findings);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The highest score any answer to a question can get, by the scoring's own function (0–1). */
function bestScore(x: Questionnaire['questions'][number], scales: Indexed['scales']): number {
  const scoreOf = (value: AnswerValue) => questionScore(x, value, scales);
  switch (x.type) {
    case 'scale':
      return scoreOf(scales.get(x.scale)?.max ?? 0);
    case 'single':
      return Math.max(...x.options.map((o) => scoreOf(o.id)));
    case 'multiple':
      // Options that go together add up; an exclusive one stands alone.
      return Math.max(scoreOf(x.options.filter((o) => !o.exclusive).map((o) => o.id)), ...x.options.filter((o) => o.exclusive).map((o) => scoreOf([o.id])));
    case 'number':
      return Math.max(scoreOf(x.min), scoreOf(x.max));
    case 'boolean':
      return Math.max(scoreOf(true), scoreOf(false));
  }
}

/**
 * The relative path from `dir` to the closest `questionnaire.schema.json` found walking up (in a folder
 * or its `schemas/` folder), or to the tool's own when `dir` is inside the tool.
 */
function nearestSchema(dir: string): string | undefined {
  const rel = (target: string) => relative(dir, target).split(sep).join('/');
  for (let at = dir; ; at = dirname(at)) {
    for (const candidate of [join(at, 'questionnaire.schema.json'), join(at, 'schemas', 'questionnaire.schema.json')]) {
      if (existsSync(candidate)) return rel(candidate);
    }
    if (dirname(at) === at) break;
  }
  const own = join(packageRoot(), 'schemas', 'questionnaire.schema.json');
  return dir.startsWith(packageRoot() + sep) ? rel(own) : undefined;
}

/** Ids no questionnaire may use, whole or as a part between dots: names every JavaScript object already has. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype', '__definegetter__', '__definesetter__', '__lookupgetter__', '__lookupsetter__']);

/** Calls `visit` on every string of a parsed file, map keys included, with its path. */
function walkStrings(value: unknown, path: (string | number)[], visit: (s: string, path: (string | number)[], isKey: boolean) => void): void {
  if (typeof value === 'string') visit(value, path, false);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, [...path, i], visit));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      visit(k, [...path, k], true);
      walkStrings(v, [...path, k], visit);
    }
}

/** The first character of `s` a reader would not see or that would drive a terminal (line breaks of multi-line texts aside), as U+XXXX. */
function invisibleCharacter(s: string): string | undefined {
  for (const c of s) {
    if (c === '\n') continue;
    if (hasInvisible(c)) return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return undefined;
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.line - b.line || a.col - b.col || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

export type { Questionnaire };
