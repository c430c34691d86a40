import { catalogue, formatNumber, formatPercent, type Catalogue } from '../i18n/index.js';
import { HORIZONS, type Locale } from '../model/common.js';
import type { Questionnaire } from '../model/questionnaire.js';
import type { Result, ResultAnswer } from '../model/result.js';
import { inert } from '../sinks/characters.js';
import { fenceFor } from '../sinks/markdown.js';
import { heatmapMark, heatmapSvg, ladderSvg, radarSvg } from './charts.js';
import { cellTone, scoreRgb, tinted } from './colour.js';
import { textsFor, type Texts } from './texts.js';
import { wordLines } from './wrap.js';
import { CONFIRM_STEP, holds, resolveOwner } from '../../scoring/index.js';

/**
 * What a report template sees: plain data, every text already in the report's language and every
 * number already formatted. Text from answers is raw here; templates escape all output.
 */
export interface ViewOptions {
  /** Drawn in a terminal: lists instead of wide tables. */
  terminal?: boolean;
  /** Colour on the terminal: what carries a score is coloured from its score, not from its text. */
  color?: boolean;
  /** File names of the chart images beside a Markdown report. */
  images?: { radar: string; heatmap: string; ladder: string };
  /** Inline SVG charts, for HTML. */
  svg?: boolean;
  /** Every cell's answers, weights and rule, and every next step's triggering answers. */
  explain?: boolean;
}

type Report = Catalogue['report'];

export function buildView(result: Result, q: Questionnaire, options: ViewOptions = {}) {
  const lang = result.lang;
  const x = textsFor(q, lang, result.context);
  const t = catalogue(lang).report;
  const num = (v: number, d = 1) => formatNumber(v, d, lang);
  const o = result.overall;
  const color = options.terminal === true && options.color === true;

  const targetReason =
    o.targetSource === 'rule' && o.ambitionRule !== undefined ? x.rule(o.ambitionRule) : o.targetSource === 'option' ? t.targetFromOption : t.targetFromDefault;

  const answers = new Map(result.answers.map((a) => [a.question, a]));
  const explainIds = options.explain === true;
  const cited = new Set([...result.nextSteps, ...result.otherSteps].flatMap((st) => st.sources));
  // A note is quoted once, under the first step that its answer calls for.
  const quoted = new Set<string>();
  const notesOf = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const note = answers.get(id)?.note ?? '';
      if (note.trim() === '' || quoted.has(id)) return [];
      quoted.add(id);
      return [note];
    });
  // The steps as the roadmap shows them, by horizon, and numbered in that order.
  const shown = HORIZONS.flatMap((h) => result.nextSteps.filter((s) => s.horizon === h));
  const number = new Map(shown.map((s, i) => [s.id, i + 1]));
  const roadmap = HORIZONS.map((h) => ({
    horizon: horizonLabel(h, t),
    steps: shown
      .filter((s) => s.horizon === h)
      .map((s) => {
        const rec = x.recommendation(s.id, s.variant);
        return {
          rank: number.get(s.id)!,
          title: rec.title,
          why: rec.why ?? '',
          kind:
            s.kind === 'blocker' ? t.stepKindBlocker : s.kind === 'consolidate' ? t.stepKindConsolidate : s.kind === 'next-level' ? t.stepKindNextLevel : '',
          actions: s.actions.map((a) => x.action(a, s.variant)),
          owner: x.role(s.owner),
          effort: effortLabel(s.effort, t),
          cell: s.principle !== undefined && s.level !== undefined ? x.cellLabel(s.principle, s.level) : '',
          sources: s.sources.map((id) => x.source(id)),
          because: s.kind === 'confirm' ? [] : s.because.map((id) => answeredLabel(x, answers.get(id), id, t, explainIds)),
          // What the respondents wrote on the answers behind the step: the report speaks of their own case.
          notes: s.kind === 'confirm' ? [] : notesOf(s.because),
          // The confirm step: the questions to confirm, by whom to ask.
          asks: s.kind === 'confirm' ? asksView(result, q, x, t, explainIds) : [],
        };
      }),
  })).filter((h) => h.steps.length > 0);

  const explained = options.explain ? explainView(result, x, t, number) : null;
  // With --explain, each answer's weight in its cell.
  const weights = new Map(
    (result.explanations?.cells ?? []).flatMap((c) =>
      c.terms.map((term) => [term.question, formatNumber(term.weight, Number.isInteger(term.weight) ? 0 : 1, lang)]),
    ),
  );
  const appendix = x.ix.principles.map((p) => {
    const questions = (x.ix.questionsByPrinciple.get(p.id) ?? []).map((question) => {
      const a = answers.get(question.id);
      return {
        id: explainIds ? question.id : '',
        level: question.level,
        text: x.question(question.id),
        answer: a ? answerText(x, a, t) : '',
        score: a && a.score !== null && a.status !== 'hidden' ? formatPercent(a.score, lang) : '—',
        weight: options.explain ? (weights.get(question.id) ?? '') : '',
        note: a?.note ?? '',
      };
    });
    return {
      principle: x.principle(p.id),
      questions,
      // The same answers by cell, each cell with its status (and with --explain, its rule): the HTML's appendix.
      cells: x.ix.levels.map((l) => {
        const c = cellOf(result, p.id, l.rank);
        const status = c?.status ?? 'not-applicable';
        return {
          title: x.levelLabel(l.rank),
          status,
          statusText: `${status === 'reached' ? t.reached : status === 'below' ? t.belowThreshold : t.notApplicable}${c?.score === null || c?.score === undefined ? '' : ` (${formatPercent(c.score, lang)})`}`,
          rule: explained?.cells.find((e) => e.principle === p.id && e.level === l.rank)?.rule ?? '',
          questions: questions.filter((question) => question.level === l.rank),
        };
      }),
    };
  });
  const chart = chartLines(result, x, lang, color, options.terminal === true ? LABEL : Infinity);
  const grid = options.terminal === true ? heatmapGrid(result, x, t, lang, color) : [];
  const answerScore = new Map(result.answers.map((a) => [a.question, a.score]));

  return {
    brand: { name: 'sm-diagnostic', accent: '#1f4e79' },
    images: options.images ?? null,
    svg: options.svg ? { radar: radarSvg(result, q, lang), heatmap: heatmapSvg(result, q, lang), ladder: ladderSvg(result, q, lang) } : null,
    explain: explained,
    t,
    terminal: options.terminal === true,
    lang,
    title: x.t(q.title),
    organisation: result.organisation.name,
    respondent: result.respondents
      .map((r) => (r.role !== undefined ? x.respondent(r.role) : (r.name ?? '')))
      .filter((s) => s !== '')
      .join(', '),
    date: result.date,
    questionnaire: { id: result.questionnaire.id, version: result.questionnaire.version, title: x.t(q.title), sha256: result.questionnaire.sha256 },
    brief: briefView(result, q, x, t, answers, shown),
    blockers: result.blockers.map((b) => ({
      question: explainIds ? questionLabel(x, b.question) : x.question(b.question),
      reason:
        b.reason === 'weak'
          ? `${t.blockerWeak} (${t.yourAnswer}${t.sep} ${answerText(x, answers.get(b.question)!, t)})`
          : b.reason === 'unknown'
            ? t.blockerUnknown
            : t.blockerUnanswered,
    })),
    summary: {
      level: x.levelLabel(o.level),
      practiceLevel: x.levelLabel(o.practiceLevel),
      score: num(o.score),
      target: x.levelLabel(o.target),
      targetReason,
      // Why this level is aimed at: the questionnaire's reason, and the step when the ambition is further.
      targetWhy: t.targetWhy(x.levelLabel(o.target), targetReason, o.targetSource !== 'option' && o.ambition > o.target ? x.levelLabel(o.ambition) : undefined),
      heldBack: o.heldBackBy.map((id) => `${x.principle(id)} (${t.level.toLowerCase()} ${result.principles.find((p) => p.id === id)?.level ?? 0})`),
      atTop: o.heldBackBy.length === 0,
      uncertain: o.uncertain > 0,
      range: t.levelRange(x.levelLabel(o.levelRange.min), x.levelLabel(o.levelRange.max), o.uncertain),
      priorities: shown
        .slice(0, 3)
        .map((s) => ({ rank: number.get(s.id)!, title: x.recommendation(s.id, s.variant).title, horizon: horizonLabel(s.horizon, t), owner: x.role(s.owner) })),
      strengths: result.strengths.map((s) => x.cellLabel(s.principle, s.level)),
    },
    ladder: [...x.ix.levels]
      .reverse()
      .map((l) => ({
        rank: l.rank,
        title: x.level(l.rank),
        description: x.levelDescription(l.rank),
        reached: o.practiceLevel >= l.rank,
        current: o.practiceLevel === l.rank,
        target: o.target === l.rank,
      }))
      .concat([{ rank: 0, title: x.level(0), description: x.levelDescription(0), reached: true, current: o.practiceLevel === 0, target: false }]),
    heatmap: {
      levels: x.ix.levels.map((l) => ({ rank: l.rank, title: x.level(l.rank) })),
      rows: result.principles.map((p) => ({
        principle: x.principle(p.id),
        level: p.level,
        cells: x.ix.levels.map((l) => {
          const c = cellOf(result, p.id, l.rank);
          return { text: heatmapMark(c, lang), status: c?.status ?? 'not-applicable' };
        }),
      })),
      threshold: formatPercent(100 * q.threshold, lang),
      // The terminal's heat map: aligned text, narrower than a table.
      grid,
      fence: fenceFor(grid.join('\n')),
    },
    // The principle scores in figures, with what places each one on the radar.
    scores: result.principles.map((p) => {
      const next = p.level < x.ix.levels.length ? cellOf(result, p.id, p.level + 1) : undefined;
      return {
        principle: x.principle(p.id),
        level: p.level,
        next: next?.score === null || next?.score === undefined ? '—' : formatPercent(next.score, lang),
        score: p.score === null ? t.notApplicable : num(p.score),
      };
    }),
    chart,
    chartFence: fenceFor(chart.join('\n')),
    strengths: result.strengths.map((s) => ({
      principle: x.principle(s.principle),
      level: x.levelLabel(s.level),
      score: formatPercent(s.score, lang),
      principleLevel: x.levelLabel(s.principleLevel),
    })),
    gaps: result.gaps.map((g) => ({
      rank: g.position,
      principle: x.principle(g.principle),
      level: x.levelLabel(g.level),
      score: formatPercent(g.score, lang),
      threshold: formatPercent(g.threshold, lang),
      missing: formatPercent(g.missing, lang),
      // What is missing: a question fully in place is not, even when it is among the cell's lowest.
      weakest: g.weakest
        .filter((id) => (answerScore.get(id) ?? 0) < 100)
        .slice(0, 2)
        .map((id) => (explainIds ? questionLabel(x, id) : x.question(id))),
    })),
    roadmap,
    respondents: result.respondents.length > 1 ? respondentsView(result, x, t, lang) : null,
    warnings: result.warnings.map((w) => ({ message: x.warning(w.id), questions: explainIds ? w.questions : [] })),
    uncertainty: {
      // Where the roadmap lists the questions to confirm already (the HTML does not list them twice).
      listed: shown.some((s) => s.kind === 'confirm') ? t.uncertainListed(number.get(CONFIRM_STEP)!) : '',
      unknown: result.uncertainty.unknown.length,
      unanswered: result.uncertainty.unanswered.length,
      notApplicable: result.uncertainty.notApplicable.length,
      range:
        o.levelRange.min === o.levelRange.max
          ? `${x.levelLabel(o.practiceLevel)}${t.semi} ${t.levelRange(x.levelLabel(o.levelRange.min), x.levelLabel(o.levelRange.max), o.uncertain)}`
          : t.levelRange(x.levelLabel(o.levelRange.min), x.levelLabel(o.levelRange.max), o.uncertain),
      unknownList: result.uncertainty.unknown.map((id) => (explainIds ? questionLabel(x, id) : x.question(id))),
      unansweredList: result.uncertainty.unanswered.map((id) => (explainIds ? questionLabel(x, id) : x.question(id))),
      naList: result.uncertainty.notApplicable.map((id) => `${explainIds ? questionLabel(x, id) : x.question(id)} — ${naReason(answers.get(id), t)}`),
    },
    context: x.ix.questionnaire.context
      .filter((c) => result.context[c.id] !== undefined)
      .map((c) => {
        const v = result.context[c.id]!;
        return { question: x.question(`context.${c.id}`), answer: (typeof v === 'string' ? [v] : v).map((id) => x.option(`context.${c.id}`, id)).join(', ') };
      }),
    appendix,
    explanations: {
      overallLevel: t.ruleConsolidated(result.principles.map((p) => `${x.principle(p.id)} ${p.level}`).join(', '), o.level),
      practiceLevel: t.rulePractice(o.practiceLevel, applicableQuorum(result), result.principles.filter((p) => p.score !== null).length),
      overallScore: t.ruleScore(num(o.score)),
      principles: result.principles.map((p) => ({
        principle: x.principle(p.id),
        level: `${x.ix.levels
          .map((l) => {
            const c = result.cells.find((cell) => cell.principle === p.id && cell.level === l.rank)!;
            return `${l.rank} ${c.status === 'reached' ? '✓' : c.status === 'below' ? '✗' : '–'}`;
          })
          .join(', ')} → ${p.level}`,
        score: p.score === null ? t.notApplicable : num(p.score),
      })),
    },
    // The bibliography: the articles the questionnaire comes from, and the texts this report's steps cite
    // (a law of another country, or one no step calls on, is not listed); ids only with --explain.
    sources: q.sources
      .filter((s) => s.seed !== undefined || cited.has(s.id))
      .filter((s) => s.when === undefined || holds(s.when, { context: result.context, answers: {} }))
      .map((s) => ({ id: explainIds ? s.id : '', title: s.title })),
  };
}

export type ReportView = ReturnType<typeof buildView>;

function applicableQuorum(result: Result): number {
  const n = result.principles.filter((p) => p.score !== null).length;
  return Math.ceil((2 * n) / 3);
}

/** A question with the answer given: what a step answers to, in words (ids only with --explain). */
function answeredLabel(x: Texts, a: ResultAnswer | undefined, id: string, t: Report, ids: boolean): string {
  const label = ids ? questionLabel(x, id) : x.question(id);
  return a ? `${label} (${t.yourAnswer}${t.sep} ${answerText(x, a, t)})` : label;
}

/** The uncertain questions, grouped by whom to ask: the owner of the step that would improve each. */
function asksView(result: Result, q: Questionnaire, x: Texts, t: Report, ids: boolean) {
  const owners = new Map<string, string>();
  const context = { context: result.context, answers: {} };
  for (const rec of q.recommendations) {
    for (const a of rec.actions) {
      const question = typeof (a as { question?: unknown }).question === 'string' ? (a as { question: string }).question : undefined;
      if (question !== undefined && !owners.has(question)) owners.set(question, resolveOwner(x.ix.roles, rec.owner, context));
    }
  }
  const groups = new Map<string, string[]>();
  for (const id of [...result.uncertainty.unknown, ...result.uncertainty.unanswered]) {
    const owner = x.role(owners.get(id) ?? result.nextSteps.find((s) => s.kind === 'confirm')?.owner ?? '');
    const list = groups.get(owner) ?? [];
    list.push(ids ? questionLabel(x, id) : x.question(id));
    groups.set(owner, list);
  }
  return [...groups.entries()].map(([owner, questions]) => ({ who: t.askWho(owner), questions }));
}

/** The five lines a director reads first: where you stand, what you do well, what exposes you, three priorities, the effort. */
function briefView(result: Result, q: Questionnaire, x: Texts, t: Report, answers: ReadonlyMap<string, ResultAnswer>, shown: Result['nextSteps']) {
  const o = result.overall;
  const lang = result.lang;
  let where = t.briefWhereText(x.levelLabel(o.practiceLevel), formatNumber(o.score, 0, lang));
  if (o.absent === true && q.absent) where = t.briefAbsent(x.t(q.absent.title));
  else {
    // What keeps the organisation at its level, and how far its best practices go: the headline explains itself.
    const applicable = result.principles.filter((p) => p.score !== null);
    const top = x.ix.levels.length;
    const held = applicable.filter((p) => p.level <= o.practiceLevel).map((p) => x.principle(p.id));
    // Blocking points hold the level down: the practices' own level first, and what keeps it from counting.
    if (o.practiceBeyondBlockers !== undefined) where += t.briefCapped(x.levelLabel(o.practiceBeyondBlockers), result.blockers.length);
    else if (o.practiceLevel < top && held.length > 0)
      where += t.briefHeld(held.length <= 3 ? held : [], held.length, applicable.length, x.levelLabel(o.practiceLevel + 1));
    const best = Math.max(0, ...applicable.map((p) => p.level));
    if (best >= (o.practiceBeyondBlockers ?? o.practiceLevel) + 2)
      where += t.briefBest(
        x.levelLabel(best),
        applicable.filter((p) => p.level === best).map((p) => x.principle(p.id)),
      );
    if (o.levelRange.min !== o.levelRange.max) where += `${t.semi} ${t.levelRange(String(o.levelRange.min), String(o.levelRange.max), o.uncertain)}`;
  }
  const solid = result.principles
    .filter((p) => p.level >= 1 && p.score !== null)
    .sort((a, b) => b.level - a.level || b.score! - a.score! || 0)
    .slice(0, 3)
    .map((p) => `${x.principle(p.id)} (${x.levelLabel(p.level)})`);
  const well = solid.length > 0 ? `${solid.join(', ')}${result.strengths.length > 0 ? t.briefWellAhead(result.strengths.length) : ''}` : t.briefWellNone;
  // A blocking point said as a finding where the answer is one (a chosen option), else as the question.
  const exposed = result.blockers.slice(0, 3).map((b) => {
    const a = answers.get(b.question);
    return a?.status === 'answered' && typeof a.value === 'string' && x.ix.questions.get(b.question)?.type === 'single'
      ? x.option(b.question, a.value)
      : x.question(b.question);
  });
  const exposes =
    exposed.length > 0 ? `${exposed.join(' ; ')}${result.blockers.length > 3 ? t.briefMoreBlockers(result.blockers.length - 3) : ''}` : t.briefNoBlocker;
  const priorities = shown.slice(0, 3).map((s) => x.recommendation(s.id, s.variant).title);
  const now = result.nextSteps.filter((s) => s.horizon === '0-3');
  const count = (e: string) => now.filter((s) => s.effort === e).length;
  const capacityId = q.roadmap?.capacity?.context ?? 'capacity';
  const capacityValue = result.context[capacityId];
  // Means are mentioned only when the questionnaire asks about them.
  const asksCapacity = q.context.some((c) => c.id === capacityId);
  const capacity = !asksCapacity
    ? undefined
    : typeof capacityValue === 'string'
      ? x.option(`context.${capacityId}`, capacityValue).toLowerCase()
      : t.briefCapacityUnknown;
  const effort = t.briefEffortText(now.length, t.effortMix(count('low'), count('medium'), count('high')), capacity, x.levelLabel(o.target));
  // One person's answers: the director is told before reading on.
  const single = result.respondents.length <= 1;
  return { where, well, exposes, priorities, effort, single };
}

function horizonLabel(h: (typeof HORIZONS)[number], t: Report): string {
  return `${h.replace('-', '–')} ${t.horizon}`;
}

function effortLabel(effort: 'low' | 'medium' | 'high', t: Report): string {
  return effort === 'low' ? t.effortLow : effort === 'medium' ? t.effortMedium : t.effortHigh;
}

function questionLabel(x: Texts, id: string): string {
  return `${id} — ${x.question(id)}`;
}

function naReason(a: ResultAnswer | undefined, t: Report): string {
  return a?.cause === 'objectives' ? t.notAiming : (a?.reason ?? '');
}

function answerText(x: Texts, a: ResultAnswer, t: Report): string {
  switch (a.status) {
    case 'unknown':
      return t.dontKnow;
    case 'unanswered':
      return t.unanswered;
    case 'hidden':
      return t.hidden;
    case 'not-applicable':
      return `${t.notApplicable}${t.sep} ${naReason(a, t)}`;
    case 'answered':
      return a.value === undefined ? '' : x.value(a.question, a.value);
  }
}

function respondentsView(result: Result, x: Texts, t: Report, lang: Locale) {
  const score = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatNumber(v, 1, lang));
  const views = result.views;
  return {
    count: result.respondents.length,
    roles: result.respondents.map((r) => (r.role !== undefined ? x.respondent(r.role) : (r.name ?? '?'))).join(', '),
    views:
      views.length > 0
        ? {
            headers: views.map((v) => `${v.view === 'management' ? t.management : t.staff} (${v.count})`),
            rows: [
              ...result.principles.map((p) => ({
                label: x.principle(p.id),
                cells: views.map((v) => {
                  const y = v.principles.find((z) => z.id === p.id);
                  return `${score(y?.score)} (${t.level.toLowerCase()} ${y?.level ?? 0})`;
                }),
              })),
              { label: t.overallScoreShort, cells: views.map((v) => `${score(v.overall.score)} (${t.level.toLowerCase()} ${v.overall.level})`) },
            ],
          }
        : null,
    disagreements: result.disagreements.map((d) => ({
      question: questionLabel(x, d.question),
      range: `${formatPercent(d.low, lang)}–${formatPercent(d.high, lang)}`,
      answers: d.answers.map((a) => `${x.respondent(a.respondent)}${t.sep} ${x.value(d.question, a.value)}`).join(' ; '),
    })),
  };
}

function explainView(result: Result, x: Texts, t: Report, number: ReadonlyMap<string, number>) {
  const e = result.explanations;
  if (!e) return null;
  const answers = new Map(result.answers.map((a) => [a.question, a]));
  const lang = result.lang;
  return {
    cells: e.cells.map((c) => ({
      principle: c.principle,
      level: c.level,
      title: x.cellLabel(c.principle, c.level),
      status: c.status,
      statusText: c.status === 'reached' ? t.reached : c.status === 'below' ? t.belowThreshold : t.notApplicable,
      rule:
        c.score === null
          ? t.explainNoQuestion
          : t.explainCellRule(
              formatNumber(c.weightedSum, 2, lang),
              formatNumber(c.totalWeight, 2, lang),
              formatNumber(c.score, 2, lang),
              c.status === 'reached',
              formatNumber(c.threshold, 0, lang),
            ),
      terms: c.terms.map((term) => {
        const a = answers.get(term.question);
        return {
          question: questionLabel(x, term.question),
          answer: a ? answerText(x, a, t) : '',
          score: formatPercent(term.score, lang),
          weight: formatNumber(term.weight, Number.isInteger(term.weight) ? 0 : 1, lang),
        };
      }),
      excluded: c.excluded.map((q) => `${q.question} (${q.status === 'hidden' ? t.hidden : t.notApplicable})`),
    })),
    steps: e.steps.map((s) => {
      const step = result.nextSteps.find((n) => n.id === s.id);
      return {
        title: `${number.get(s.id) ?? ''}. ${x.recommendation(s.id, step?.variant ?? null).title}`,
        because: [
          ...(s.trigger === 'gap' && step?.principle !== undefined && step.level !== undefined
            ? [`${x.cellLabel(step.principle, step.level)} — ${t.gapOnly}`]
            : []),
          ...s.answers.map((id) => {
            const a = answers.get(id);
            return a ? `${id} = ${answerText(x, a, t)}` : id;
          }),
        ].join(' ; '),
      };
    }),
  };
}

function cellOf(result: Result, principle: string, level: number) {
  return result.cells.find((c) => c.principle === principle && c.level === level);
}

const BAR = 20;
/** The widest principle name the terminal's heat map and bars keep on one line. */
const LABEL = 28;

const pad = (s: string, width: number) => `${s}${' '.repeat(Math.max(0, width - [...s].length))}`;

/** Text bars of the principle scores, names longer than `wrap` on two lines; on a colour terminal, each bar in its score's colour. */
function chartLines(result: Result, x: Texts, lang: Locale, color: boolean, wrap: number): string[] {
  const titles = result.principles.map((p) => wordLines(inert(x.principle(p.id)), wrap));
  const width = Math.max(...titles.flat().map((s) => [...s].length));
  return result.principles.flatMap((p, i) => {
    const score = p.score ?? 0;
    const filled = Math.round((score / 100) * BAR);
    const bar = '█'.repeat(filled);
    const [first, ...more] = titles[i]!;
    const line = `${pad(first!, width)}  ${color && p.score !== null ? tinted(scoreRgb(score), bar) : bar}${'░'.repeat(BAR - filled)}  ${p.score === null ? '    —' : formatNumber(score, 1, lang).padStart(5)}`;
    return [line, ...more];
  });
}

/**
 * The heat map as aligned text for a terminal: a long principle name on two lines, each cell coloured
 * from its score against its threshold on a colour terminal.
 */
function heatmapGrid(result: Result, x: Texts, t: Report, lang: Locale, color: boolean): string[] {
  const titles = result.principles.map((p) => wordLines(inert(x.principle(p.id)), LABEL));
  const width = Math.max([...t.principle].length, ...titles.flat().map((s) => [...s].length));
  const cells = x.ix.levels.map((l) => result.principles.map((p) => heatmapMark(cellOf(result, p.id, l.rank), lang)));
  const cellWidth = Math.max(...cells.flat().map((s) => [...s].length));
  const head = `${pad(t.principle, width)}  ${x.ix.levels.map((l) => pad(String(l.rank), cellWidth)).join('  ')}  ${t.level}`;
  return [
    head,
    ...result.principles.flatMap((p, i) => {
      const [first, ...more] = titles[i]!;
      const row = x.ix.levels.map((l, j) => {
        const c = cellOf(result, p.id, l.rank);
        const text = cells[j]![i]!;
        const painted = color && c ? tinted(cellTone(c.score, c.threshold).rgb, text) : text;
        return `${painted}${' '.repeat(cellWidth - [...text].length)}`;
      });
      return [`${pad(first!, width)}  ${row.join('  ')}  ${p.level}`, ...more];
    }),
  ];
}
