import type { Scored } from '../../scoring/index.js';
import type { Locale } from '../model/common.js';
import type { Questionnaire } from '../model/questionnaire.js';
import type { Labels, Result } from '../model/result.js';
import { textsFor, type Texts } from './texts.js';

/**
 * The result as it is written: scoring's ids and numbers, the report's language, and one `labels` map
 * from every id the result uses to its text in that language (`kind:id`).
 */
export function present(scored: Scored, q: Questionnaire, lang: Locale): Result & { labels: Labels } {
  const texts = textsFor(q, lang, scored.context);
  return { ...ordered(scored, lang), labels: { ...baseLabels(texts).object, ...variableLabels(scored, texts) } };
}

/**
 * The same result, and its JSON text on one line (a batch's results.jsonl and JSON reports): the labels
 * every result of the questionnaire shares are serialised once per questionnaire and language, not once
 * per organisation. `JSON.parse(json)` equals `present(...)`.
 */
export function presentCompact(scored: Scored, q: Questionnaire, lang: Locale): { result: Result; json: string } {
  const texts = textsFor(q, lang, scored.context);
  const result = ordered(scored, lang);
  const head = JSON.stringify(result);
  const variable = variableJson(scored, texts);
  const base = baseLabels(texts).json;
  return { result, json: `${head.slice(0, -1)},"labels":{${base}${base !== '' && variable !== '' ? ',' : ''}${variable}}}` };
}

/**
 * The variable labels as JSON members, in the order `variableLabels` gives them. Each answer's option
 * label is serialised once per questionnaire, language and value: a batch meets the same ones again and
 * again.
 */
function variableJson(r: Scored, texts: Texts): string {
  const base = baseLabels(texts).keys;
  const options = texts.made('labels:options', () => new Map<string, Map<string | number | boolean, [string, string]>>());
  const seen = new Set<string>();
  const out: string[] = [];
  const member = (key: string, value: () => Labels[string]) => {
    if (base.has(key) || seen.has(key)) return;
    seen.add(key);
    out.push(`${JSON.stringify(key)}:${JSON.stringify(value())}`);
  };
  const option = (question: string, value: string | number | boolean) => {
    let byValue = options.get(question);
    if (!byValue) options.set(question, (byValue = new Map<string | number | boolean, [string, string]>()));
    let entry = byValue.get(value);
    if (!entry) {
      const isUnit = typeof value === 'number' && texts.unit(question) !== '';
      const key = isUnit ? `unit:${question}` : `option:${question}:${String(value)}`;
      entry = [key, `${JSON.stringify(key)}:${JSON.stringify(isUnit ? texts.unit(question) : texts.option(question, value))}`];
      byValue.set(value, entry);
    }
    if (base.has(entry[0]) || seen.has(entry[0])) return;
    seen.add(entry[0]);
    out.push(entry[1]);
  };
  for (const [id, v] of Object.entries(r.context)) {
    member(`question:context.${id}`, () => ({ title: texts.question(`context.${id}`) }));
    for (const o of typeof v === 'string' ? [v] : v) option(`context.${id}`, o);
  }
  for (const a of r.answers) {
    if (a.value === undefined) continue;
    if (Array.isArray(a.value)) for (const v of a.value) option(a.question, v);
    else option(a.question, a.value);
  }
  for (const s of [...r.nextSteps, ...r.otherSteps]) {
    member(`recommendation:${s.id}`, () => texts.recommendation(s.id, s.variant));
    for (const a of s.actions) member(`action:${a}`, () => texts.action(a, s.variant));
    member(`role:${s.owner}`, () => texts.role(s.owner));
    for (const source of s.sources) member(`source:${source}`, () => texts.source(source));
  }
  for (const resp of r.respondents) if (resp.role !== undefined) member(`role:${resp.role}`, () => texts.respondent(resp.role!));
  for (const w of r.warnings) member(`warning:${w.id}`, () => texts.warning(w.id));
  if (r.overall.ambitionRule !== undefined) {
    const rule = r.overall.ambitionRule;
    member(`rule:${rule}`, () => texts.rule(rule));
  }
  return out.join(',');
}

/** The result's keys in the schema's order, with its language. */
function ordered(scored: Scored, lang: Locale): Result {
  const { explanations, ...rest } = scored;
  const { format, model, questionnaire, organisation, respondents, date, ...figures } = rest;
  return { format, model, questionnaire, organisation, respondents, date, lang, ...figures, ...(explanations ? { explanations } : {}) };
}

/** What every result of the questionnaire names: its principles, levels, cells and questions. */
function baseLabels(texts: Texts): { object: Labels; keys: ReadonlySet<string>; json: string } {
  return texts.made('labels:base', () => {
    const object: Labels = {};
    const ix = texts.ix;
    for (const p of ix.principles) object[`principle:${p.id}`] = texts.principle(p.id);
    object['level:0'] = texts.level(0);
    for (const l of ix.levels) object[`level:${l.rank}`] = texts.level(l.rank);
    for (const c of ix.cells) object[`cell:${c.key}`] = texts.cell(c.principle, c.level);
    for (const x of ix.questionnaire.questions) {
      const help = texts.help(x.id);
      object[`question:${x.id}`] = help ? { title: texts.question(x.id), help } : { title: texts.question(x.id) };
    }
    return { object, keys: new Set(Object.keys(object)), json: JSON.stringify(object).slice(1, -1) };
  });
}

/** What this result names beyond the base: context, chosen options, steps, roles, warnings, the target rule. */
function variableLabels(r: Scored, texts: Texts): Labels {
  const base = baseLabels(texts).keys;
  const labels: Labels = {};
  const add = (key: string, value: Labels[string]) => {
    if (!base.has(key) && !Object.hasOwn(labels, key)) labels[key] = value;
  };
  for (const [id, v] of Object.entries(r.context)) {
    add(`question:context.${id}`, { title: texts.question(`context.${id}`) });
    for (const option of typeof v === 'string' ? [v] : v) add(`option:context.${id}:${option}`, texts.option(`context.${id}`, option));
  }
  for (const a of r.answers) {
    if (a.value === undefined) continue;
    if (Array.isArray(a.value)) for (const v of a.value) add(`option:${a.question}:${v}`, texts.option(a.question, v));
    else if (typeof a.value === 'number' && texts.unit(a.question) !== '') add(`unit:${a.question}`, texts.unit(a.question));
    else add(`option:${a.question}:${String(a.value)}`, texts.option(a.question, a.value));
  }
  for (const s of [...r.nextSteps, ...r.otherSteps]) {
    add(`recommendation:${s.id}`, texts.recommendation(s.id, s.variant));
    for (const a of s.actions) add(`action:${a}`, texts.action(a, s.variant));
    add(`role:${s.owner}`, texts.role(s.owner));
    for (const source of s.sources) add(`source:${source}`, texts.source(source));
  }
  for (const resp of r.respondents) if (resp.role !== undefined) add(`role:${resp.role}`, texts.respondent(resp.role));
  for (const w of r.warnings) add(`warning:${w.id}`, texts.warning(w.id));
  if (r.overall.ambitionRule !== undefined) add(`rule:${r.overall.ambitionRule}`, texts.rule(r.overall.ambitionRule));
  return labels;
}

/** Every label of a result (the base and its own), for a library's callers who build their own. */
export function labelsFor(r: Scored, texts: Texts): Labels {
  return { ...baseLabels(texts).object, ...variableLabels(r, texts) };
}
