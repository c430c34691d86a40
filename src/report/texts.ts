import { CONFIRM_STEP, holds, indexed, type Indexed } from '../../scoring/index.js';
import type { Context } from '../model/answers.js';

import { catalogue, formatNumber } from '../i18n/index.js';
import type { AnswerValue } from '../model/answers.js';
import { actionIdOf, actionText } from '../model/actions.js';
import { text, type LocalText, type Locale } from '../model/common.js';
import type { Questionnaire, Recommendation } from '../model/questionnaire.js';

/**
 * The words of one questionnaire in one language: what every id of a result means. The `labels` map of
 * the written result and every report view take their texts from here, so that they never differ.
 */
export class Texts {
  readonly ix: Indexed;
  private readonly memo = new Map<string, Map<string | number, string>>();
  constructor(
    readonly q: Questionnaire,
    readonly lang: Locale,
    /** The wording each question uses for this organisation's context (its index among the question's `wording`). */
    private readonly wordings: ReadonlyMap<string, number> = new Map(),
  ) {
    this.ix = indexed(q);
  }

  private readonly things = new Map<string, unknown>();

  /** Anything made once per questionnaire and language (a chart's frame…). */
  made<T>(key: string, make: () => T): T {
    let v = this.things.get(key) as T | undefined;
    if (v === undefined) {
      v = make();
      this.things.set(key, v);
    }
    return v;
  }

  /** A word made once: by kind, then by id (no key is built by joining strings). */
  private once(kind: string, id: string | number, make: () => string): string {
    let byId = this.memo.get(kind);
    if (!byId) this.memo.set(kind, (byId = new Map<string | number, string>()));
    let v = byId.get(id);
    if (v === undefined) {
      v = make();
      byId.set(id, v);
    }
    return v;
  }

  t(value: LocalText | undefined): string {
    return text(value, this.lang);
  }

  principle(id: string): string {
    return this.once('#p', id, () => this.t(this.ix.principles[this.ix.principleIndex.get(id) ?? -1]?.title) || id);
  }

  /** A level's name; level 0 is the questionnaire's "not engaged" stage. */
  level(rank: number): string {
    return this.once('#l', rank, () => (rank === 0 ? this.t(this.q.notEngaged.title) : this.t(this.ix.levelByRank.get(rank)?.title)) || String(rank));
  }

  levelDescription(rank: number): string {
    return rank === 0 ? this.t(this.q.notEngaged.description) : this.t(this.ix.levelByRank.get(rank)?.description);
  }

  /** `2 — Marketing 2.0` */
  levelLabel(rank: number): string {
    return this.once('#ll', rank, () => `${rank} — ${this.level(rank)}`);
  }

  cell(principle: string, level: number): string {
    return this.once('#c', `${principle}.${level}`, () => this.t(this.q.cells.find((c) => c.principle === principle && c.level === level)?.description));
  }

  /** `Governance · 2 — Marketing 2.0` */
  cellLabel(principle: string, level: number): string {
    return this.once('#cl', `${principle}.${level}`, () => `${this.principle(principle)} · ${this.levelLabel(level)}`);
  }

  question(id: string): string {
    return this.once('#q', id, () => {
      if (id.startsWith('context.')) return this.t(this.ix.contexts.get(id.slice(8))?.text) || id;
      const x = this.ix.questions.get(id);
      return this.t(this.worded(id)?.text ?? x?.text) || id;
    });
  }

  help(id: string): string {
    const x = id.startsWith('context.') ? this.ix.contexts.get(id.slice(8)) : this.ix.questions.get(id);
    return this.t(this.worded(id)?.help ?? x?.help);
  }

  /** The wording a question uses for this context (a jurisdiction's words), if one applies. */
  private worded(id: string) {
    const i = this.wordings.get(id);
    return i === undefined ? undefined : this.ix.questions.get(id)?.wording?.[i];
  }

  unit(id: string): string {
    const x = this.ix.questions.get(id);
    return x?.type === 'number' ? this.t(x.unit) : '';
  }

  /** The label of one option of a question (`context.<id>` for a context question), a scale value or yes/no. */
  option(questionId: string, value: string | number | boolean): string {
    return this.once(questionId, String(value), () => {
      if (questionId.startsWith('context.')) {
        return this.t(this.ix.contexts.get(questionId.slice(8))?.options.find((o) => o.id === value)?.label) || String(value);
      }
      const x = this.ix.questions.get(questionId);
      const words = catalogue(this.lang).report;
      switch (x?.type) {
        case 'scale':
          return this.t(this.ix.scales.get(x.scale)?.scale.values.find((v) => v.value === value)?.label) || String(value);
        case 'single':
        case 'multiple':
          return this.t(x.options.find((o) => o.id === value)?.label) || String(value);
        case 'boolean':
          return value === true ? words.yes : words.no;
        default:
          return String(value);
      }
    });
  }

  /** An answer value in words: `3 — Largely`, `Sell, Listen`, `12 hours`, `yes`. */
  value(questionId: string, value: AnswerValue): string {
    const x = this.ix.questions.get(questionId);
    if (Array.isArray(value)) return (value as readonly string[]).map((v) => this.option(questionId, v)).join(' ; ');
    switch (x?.type) {
      case 'scale':
        return `${String(value)} — ${this.option(questionId, value as number)}`;
      case 'number':
        return `${formatNumber(Number(value), Number.isInteger(value) ? 0 : 1, this.lang)} ${this.unit(questionId)}`.trim();
      default:
        return this.option(questionId, value as string | boolean);
    }
  }

  private recommendationOf(id: string): Recommendation | undefined {
    return this.made('recommendations', () => new Map(this.ix.recommendations.map((r) => [r.recommendation.id, r.recommendation]))).get(id);
  }

  /** A recommendation's title and reason, in the wording its variant chose. */
  recommendation(id: string, variant: number | null): { title: string; why?: string } {
    if (id === CONFIRM_STEP) {
      const t = catalogue(this.lang).report;
      return { title: t.confirmTitle, why: t.confirmWhy };
    }
    const rec = this.recommendationOf(id);
    if (!rec) return { title: id };
    const wording = variant === null ? undefined : rec.variants?.[variant];
    const why = this.t(wording?.why ?? rec.why);
    return { title: this.t(wording?.title ?? rec.title) || id, ...(why ? { why } : {}) };
  }

  /** The text of an action (its own id, or `RECOMMENDATION#N`) in the wording its variant chose. */
  action(actionId: string, variant: number | null): string {
    if (actionId === `${CONFIRM_STEP}#1`) return catalogue(this.lang).report.confirmAction;
    const owned = this.made('actions', () => {
      const byId = new Map<string, string>();
      for (const { recommendation: rec } of this.ix.recommendations) rec.actions.forEach((a, i) => byId.set(actionIdOf(rec.id, a, i), rec.id));
      return byId;
    });
    const recId = owned.get(actionId) ?? actionId.slice(0, actionId.lastIndexOf('#'));
    const rec = this.recommendationOf(recId);
    if (!rec) return actionId;
    const wording = variant === null ? undefined : rec.variants?.[variant];
    for (const list of [wording?.actions, rec.actions]) {
      const i = list?.findIndex((a, n) => actionIdOf(rec.id, a, n) === actionId) ?? -1;
      if (list && i >= 0) return this.t(actionText(list[i]!)) || actionId;
    }
    return actionId;
  }

  /** A respondent's role: the questionnaire's (format 2); else an owner role of the same id, the tool's list, or as written. */
  respondent(id: string): string {
    return this.once('#resp', id, () => {
      const declared = this.ix.respondents.find((r) => r.id === id);
      if (declared?.label) return this.t(declared.label) || id;
      return this.role(id);
    });
  }

  /** A role of the questionnaire (owners of steps), or a respondent's role of the interview, or the id itself. */
  role(id: string): string {
    return this.once('#r', id, () => this.t(this.ix.roles.get(id)?.label) || catalogue(this.lang).interview.roles[id] || id);
  }

  warning(id: string): string {
    return this.t(this.q.contradictions.find((c) => c.id === id)?.message) || id;
  }

  rule(id: string): string {
    return this.t(this.q.target.rules.find((r) => r.id === id)?.reason) || id;
  }

  source(id: string): string {
    return this.ix.sources.get(id)?.title ?? id;
  }
}

const cache = new WeakMap<Questionnaire, Map<string, Texts>>();

/** The texts of a questionnaire in a language, made once per process. */
/**
 * The words of `q` in `lang`, for an organisation whose context chooses some questions' wordings (a
 * jurisdiction's vocabulary): one instance per questionnaire, language and choice of wordings.
 */
export function textsFor(q: Questionnaire, lang: Locale, context: Context = {}): Texts {
  let byKey = cache.get(q);
  if (!byKey) {
    byKey = new Map();
    cache.set(q, byKey);
  }
  const wordings = chosenWordings(q, context);
  const key = `${lang}\u0000${[...wordings].map(([id, i]) => `${id}:${i}`).join(',')}`;
  let texts = byKey.get(key);
  if (!texts) {
    texts = new Texts(q, lang, wordings);
    byKey.set(key, texts);
  }
  return texts;
}

/** For each question with wordings, the first whose context condition holds. */
function chosenWordings(q: Questionnaire, context: Context): Map<string, number> {
  const out = new Map<string, number>();
  for (const x of indexed(q).worded) {
    const i = x.wording!.findIndex((w) => holds(w.when, { context, answers: {} }));
    if (i >= 0) out.set(x.id, i);
  }
  return out;
}
