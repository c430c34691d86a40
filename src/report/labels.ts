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
  const { explanations, ...rest } = scored;
  const { format, model, questionnaire, organisation, respondents, date, ...figures } = rest;
  return {
    format,
    model,
    questionnaire,
    organisation,
    respondents,
    date,
    lang,
    ...figures,
    ...(explanations ? { explanations } : {}),
    labels: labelsFor(scored, textsFor(q, lang)),
  };
}

export function labelsFor(r: Scored, texts: Texts): Labels {
  const labels: Labels = {};
  const add = (key: string, value: Labels[string]) => {
    if (!Object.hasOwn(labels, key)) labels[key] = value;
  };
  for (const p of r.principles) add(`principle:${p.id}`, texts.principle(p.id));
  add('level:0', texts.level(0));
  for (const l of r.levels) add(`level:${l.level}`, texts.level(l.level));
  for (const c of r.cells) add(`cell:${c.principle}.${c.level}`, texts.cell(c.principle, c.level));
  for (const [id, v] of Object.entries(r.context)) {
    add(`question:context.${id}`, { title: texts.question(`context.${id}`) });
    for (const option of typeof v === 'string' ? [v] : v) add(`option:context.${id}:${option}`, texts.option(`context.${id}`, option));
  }
  for (const a of r.answers) {
    const help = texts.help(a.question);
    add(`question:${a.question}`, help ? { title: texts.question(a.question), help } : { title: texts.question(a.question) });
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
  for (const resp of r.respondents) if (resp.role !== undefined) add(`role:${resp.role}`, texts.role(resp.role));
  for (const w of r.warnings) add(`warning:${w.id}`, texts.warning(w.id));
  if (r.overall.ambitionRule !== undefined) add(`rule:${r.overall.ambitionRule}`, texts.rule(r.overall.ambitionRule));
  return labels;
}
