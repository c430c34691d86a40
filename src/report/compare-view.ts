import type { Comparison, Move } from '../../scoring/compare.js';
import { catalogue, formatNumber } from '../i18n/index.js';
import type { Locale } from '../model/common.js';
import type { Questionnaire } from '../model/questionnaire.js';
import { textsFor } from './texts.js';

/** What the compare template sees: words in the report's language, numbers formatted, arrows drawn. */
export function buildCompareView(c: Comparison, q: Questionnaire, lang: Locale) {
  const t = catalogue(lang).compare;
  const x = textsFor(q, lang);
  const arrow = (m: Move, digits: number, percent = false) => {
    const unit = percent ? catalogue(lang).percent : (s: string) => s;
    const f = (v: number | null) => (v === null ? '—' : unit(formatNumber(v, digits, lang)));
    const d = m.delta === null || m.delta === 0 ? '' : ` (${m.delta > 0 ? '+' : '−'}${unit(formatNumber(Math.abs(m.delta), digits, lang))})`;
    return `${f(m.before)} → ${f(m.after)}${d}`;
  };
  const cell = (y: { principle: string; level: number }) => x.cellLabel(y.principle, y.level);
  const status = (s: string) => (s === 'reached' ? t.reached : s === 'below' ? t.below : t['not-applicable']);
  const contextValue = (id: string, v: string | string[] | null) =>
    v === null ? '—' : (typeof v === 'string' ? [v] : v).map((o) => x.option(`context.${id}`, o)).join(', ');
  return {
    t,
    title: x.t(q.title),
    organisation: c.organisation.name,
    before: `${c.before.date} (${c.before.questionnaire})`,
    after: `${c.after.date} (${c.after.questionnaire})`,
    overall: [
      { label: t.level, value: arrow(c.overall.level, 0) },
      { label: t.practiceLevel, value: arrow(c.overall.practiceLevel, 0) },
      { label: t.score, value: arrow(c.overall.score, 1) },
      { label: t.target, value: arrow(c.overall.target, 0) },
    ],
    principles: c.principles.map((p) => ({ title: x.principle(p.id), level: arrow(p.level, 0), score: arrow(p.score, 1) })),
    cells: c.cells.map((y) => ({ title: cell(y), score: arrow(y.score, 0, true), status: `${status(y.before)} → ${status(y.after)}` })),
    gapsClosed: c.gapsClosed.map(cell),
    gapsOpened: c.gapsOpened.map(cell),
    stepsDone: c.nextStepsDone.map((id) => x.recommendation(id, null).title),
    stepsNew: c.nextStepsNew.map((id) => x.recommendation(id, null).title),
    strengthsNew: c.strengthsNew.map(cell),
    contextChanges: c.contextChanges.map((y) => ({
      question: x.question(`context.${y.id}`),
      before: contextValue(y.id, y.before),
      after: contextValue(y.id, y.after),
    })),
  };
}
