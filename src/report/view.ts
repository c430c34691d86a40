import { text, type Locale } from '../model/common.js';
import type { Question, Questionnaire } from '../model/questionnaire.js';
import type { Result } from '../model/result.js';
import { formatNumber, formatPercent, STRINGS, type Strings } from './strings.js';
import { heatmapSvg, ladderSvg, radarSvg } from './charts.js';

/**
 * What a report template sees: plain data, every text already in the report's language and every
 * number already formatted. Text from answers is raw here; templates escape all output.
 */
export interface ViewOptions {
  /** Drawn in a terminal: lists instead of wide tables. */
  terminal?: boolean;
  /** File names of the chart images beside a Markdown report. */
  images?: { radar: string; heatmap: string; ladder: string };
  /** Inline SVG charts, for HTML. */
  svg?: boolean;
  /** Every cell's answers, weights and rule, and every next step's triggering answers. */
  explain?: boolean;
}

export interface ReportView {
  brand: { name: string; accent: string };
  images: ViewOptions['images'] | null;
  svg: { radar: string; heatmap: string; ladder: string } | null;
  explain: {
    cells: { title: string; status: string; statusText: string; rule: string; terms: { question: string; answer: string; score: string; weight: string }[]; excluded: string[] }[];
    steps: { title: string; because: string }[];
  } | null;
  t: Strings;
  /** Drawn in a terminal: lists instead of wide tables. */
  terminal: boolean;
  lang: Locale;
  title: string;
  organisation: string;
  respondent: string;
  date: string;
  questionnaire: { id: string; version: string; title: string; sha256: string };
  summary: {
    level: string;
    score: string;
    target: string;
    targetReason: string;
    heldBack: string[];
    atTop: boolean;
    uncertain: boolean;
    levelIfConfirmed: string;
    priorities: { rank: number; title: string; horizon: string; owner: string }[];
    strengths: string[];
  };
  ladder: { rank: number; title: string; description: string; reached: boolean; current: boolean; target: boolean }[];
  heatmap: {
    levels: { rank: number; title: string }[];
    rows: { principle: string; level: number; cells: { text: string; status: string }[] }[];
    threshold: string;
  };
  chart: string[];
  strengths: { principle: string; level: string; score: string; principleLevel: string }[];
  gaps: { rank: number; principle: string; level: string; score: string; threshold: string; missing: string; weakest: string[] }[];
  roadmap: {
    horizon: string;
    steps: {
      rank: number;
      title: string;
      why: string;
      actions: string[];
      owner: string;
      effort: string;
      cell: string;
      sources: string[];
      because: string[];
    }[];
  }[];
  respondents?: {
    count: number;
    roles: string;
    views: { headers: string[]; rows: { label: string; cells: string[] }[] } | undefined;
    disagreements: { question: string; range: string; answers: string }[];
  };
  warnings: { message: string; questions: string[] }[];
  uncertainty: {
    unknown: number;
    unanswered: number;
    notApplicable: number;
    levelIfConfirmed: string;
    unknownList: string[];
    unansweredList: string[];
    naList: string[];
  };
  context: { question: string; answer: string }[];
  appendix: {
    principle: string;
    questions: { id: string; level: number; text: string; answer: string; score: string; note: string }[];
  }[];
  explanations: { overallLevel: string; overallScore: string; principles: { principle: string; level: string; score: string }[] };
  sources: { id: string; title: string }[];
}

/** Questions by id, and by principle in level order: made once per questionnaire. */
const indexes = new WeakMap<Questionnaire, { questions: Map<string, Question>; byPrinciple: Map<string, Question[]> }>();
function questionnaireIndex(q: Questionnaire) {
  let found = indexes.get(q);
  if (!found) {
    found = {
      questions: new Map(q.questions.map((x) => [x.id, x])),
      byPrinciple: new Map(q.principles.map((p) => [p.id, q.questions.filter((x) => x.principle === p.id).sort((a, b) => a.level - b.level)])),
    };
    indexes.set(q, found);
  }
  return found;
}

export function buildView(result: Result, q: Questionnaire, lang: Locale, options: ViewOptions = {}): ReportView {
  const terminal = options.terminal === true;
  const t = STRINGS[lang];
  const num = (x: number, d = 1) => formatNumber(x, d, lang);
  const levelTitle = (rank: number) =>
    rank === 0 ? text(q.notEngaged.title, lang) : text(q.levels.find((l) => l.rank === rank)?.title, lang);
  const levelLabel = (rank: number) => `${rank} — ${levelTitle(rank)}`;
  const principleTitle = (id: string) => text(q.principles.find((p) => p.id === id)?.title, lang) || id;
  const { questions, byPrinciple } = questionnaireIndex(q);
  const questionLabel = (id: string) => `${id} — ${text(questions.get(id)?.text, lang)}`;
  const horizonLabel = (h: string) => `${h.replace('-', '–')} ${t.horizon}`;
  const effortLabel = { low: t.effortLow, medium: t.effortMedium, high: t.effortHigh } as const;
  const levels = [...q.levels].sort((a, b) => a.rank - b.rank);
  const o = result.overall;

  const targetReason =
    result.explanations.target.source === 'rule'
      ? (result.explanations.target.reason ?? '')
      : result.explanations.target.source === 'option'
        ? t.targetFromOption
        : t.targetFromDefault;

  const chart = chartLines(result, q, lang);

  const roadmap: ReportView['roadmap'] = (['0-3', '3-6', '6-12'] as const)
    .map((h) => ({
      horizon: horizonLabel(h),
      steps: result.nextSteps
        .filter((s) => s.horizon === h)
        .map((s) => ({
          rank: s.rank,
          title: s.title,
          why: s.why ?? '',
          actions: s.actions,
          owner: s.owner.label,
          effort: effortLabel[s.effort],
          cell: `${principleTitle(s.principle)} · ${levelLabel(s.level)}`,
          sources: s.source.map((id) => q.sources.find((x) => x.id === id)?.title ?? id),
          because: s.trigger.answers.map(questionLabel),
        })),
    }))
    .filter((h) => h.steps.length > 0);

  const explained = result.explanations.questions;
  const appendix: ReportView['appendix'] = q.principles.map((p) => ({
    principle: principleTitle(p.id),
    questions: byPrinciple.get(p.id)!.map((x) => {
      const e = explained[x.id];
      return {
        id: x.id,
        level: x.level,
        text: text(x.text, lang),
        answer: e ? answerText(x, e, q, lang, t) : '',
        score: e && e.score !== null && e.status !== 'hidden' ? formatPercent(e.score, lang) : '—',
        note: e?.note ?? '',
      };
    }),
  }));

  return {
    brand: { name: 'sm-diagnostic', accent: '#1f4e79' },
    images: options.images ?? null,
    svg: options.svg ? { radar: radarSvg(result, q, lang), heatmap: heatmapSvg(result, q, lang), ladder: ladderSvg(result, q, lang) } : null,
    explain: options.explain ? explainView(result, q, lang, t, principleTitle, levelLabel, questionLabel) : null,
    t,
    terminal,
    lang,
    title: t.reportTitle,
    organisation: result.organisation.name,
    respondent: result.respondent?.role ?? result.respondent?.name ?? '',
    date: result.date,
    questionnaire: {
      id: result.questionnaire.id,
      version: result.questionnaire.version,
      title: text(q.title, lang),
      sha256: result.questionnaire.sha256,
    },
    summary: {
      level: levelLabel(o.level),
      score: num(o.score),
      target: levelLabel(o.target),
      targetReason,
      heldBack: o.heldBackBy.map(
        (id) => `${principleTitle(id)} (${t.level.toLowerCase()} ${result.principles.find((p) => p.id === id)?.level ?? 0})`,
      ),
      atTop: o.heldBackBy.length === 0,
      uncertain: result.uncertainty.unknown.length + result.uncertainty.unanswered.length > 0,
      levelIfConfirmed: levelLabel(o.levelIfConfirmed),
      priorities: result.nextSteps.slice(0, 3).map((s) => ({
        rank: s.rank,
        title: s.title,
        horizon: horizonLabel(s.horizon),
        owner: s.owner.label,
      })),
      strengths: result.strengths.map((s) => `${principleTitle(s.principle)} · ${levelLabel(s.level)}`),
    },
    ladder: [...levels]
      .reverse()
      .map((l) => ({
        rank: l.rank,
        title: text(l.title, lang),
        description: text(l.description, lang),
        reached: o.level >= l.rank,
        current: o.level === l.rank,
        target: o.target === l.rank,
      }))
      .concat([
        {
          rank: 0,
          title: text(q.notEngaged.title, lang),
          description: text(q.notEngaged.description, lang),
          reached: true,
          current: o.level === 0,
          target: false,
        },
      ]),
    heatmap: {
      levels: levels.map((l) => ({ rank: l.rank, title: text(l.title, lang) })),
      rows: result.principles.map((p) => ({
        principle: principleTitle(p.id),
        level: p.level,
        cells: levels.map((l) => {
          const c = result.cells.find((x) => x.principle === p.id && x.level === l.rank)!;
          const mark = c.status === 'reached' ? '✔' : c.status === 'below' ? '✘' : '—';
          return { text: c.score === null ? mark : `${mark} ${formatPercent(c.score, lang)}`, status: c.status };
        }),
      })),
      threshold: formatPercent(q.threshold, lang),
    },
    chart,
    strengths: result.strengths.map((s) => ({
      principle: principleTitle(s.principle),
      level: levelLabel(s.level),
      score: formatPercent(s.score, lang),
      principleLevel: levelLabel(s.principleLevel),
    })),
    gaps: result.gaps.map((g) => ({
      rank: g.rank,
      principle: principleTitle(g.principle),
      level: levelLabel(g.level),
      score: formatPercent(g.score, lang),
      threshold: formatPercent(g.threshold, lang),
      missing: formatPercent(g.missing, lang),
      weakest: g.weakest.slice(0, 2),
    })),
    roadmap,
    ...(result.respondents ? { respondents: respondentsView(result, q, principleTitle, questionLabel, t, lang) } : {}),
    warnings: result.warnings.map((w) => ({ message: w.message, questions: w.questions })),
    uncertainty: {
      unknown: result.uncertainty.unknown.length,
      unanswered: result.uncertainty.unanswered.length,
      notApplicable: result.uncertainty.notApplicable.length,
      levelIfConfirmed: levelLabel(o.levelIfConfirmed),
      unknownList: result.uncertainty.unknown.map(questionLabel),
      unansweredList: result.uncertainty.unanswered.map(questionLabel),
      naList: result.uncertainty.notApplicable.map((n) => `${n.question} — ${naReason(n.reason, t)}`),
    },
    context: q.context
      .filter((c) => result.context[c.id] !== undefined)
      .map((c) => {
        const v = result.context[c.id]!;
        const ids = typeof v === 'string' ? [v] : v;
        return {
          question: text(c.text, lang),
          answer: ids.map((id) => text(c.options.find((op) => op.id === id)?.label, lang) || id).join(', '),
        };
      }),
    appendix,
    explanations: {
      overallLevel: result.explanations.overall.level,
      overallScore: result.explanations.overall.score,
      principles: result.principles.map((p) => ({
        principle: principleTitle(p.id),
        level: result.explanations.principles[p.id]?.level ?? '',
        score: result.explanations.principles[p.id]?.score ?? '',
      })),
    },
    sources: q.sources.map((s) => ({ id: s.id, title: s.title })),
  };
}

function respondentsView(
  result: Result,
  q: Questionnaire,
  principleTitle: (id: string) => string,
  questionLabel: (id: string) => string,
  t: Strings,
  lang: Locale,
): NonNullable<ReportView['respondents']> {
  const r = result.respondents!;
  const views = r.views;
  const score = (x: number | null | undefined) => (x === null || x === undefined ? '—' : formatNumber(x, 1, lang));
  return {
    count: r.count,
    roles: r.roles.join(', '),
    views:
      views.length > 0
        ? {
            headers: views.map((v) => `${v.view === 'management' ? t.management : t.staff} (${v.count})`),
            rows: [
              ...result.principles.map((p) => ({
                label: principleTitle(p.id),
                cells: views.map((v) => {
                  const x = v.principles.find((y) => y.id === p.id);
                  return `${score(x?.score)} (${t.level.toLowerCase()} ${x?.level ?? 0})`;
                }),
              })),
              { label: t.overallScoreShort, cells: views.map((v) => `${score(v.overall.score)} (${t.level.toLowerCase()} ${v.overall.level})`) },
            ],
          }
        : undefined,
    disagreements: r.disagreements.map((d) => ({
      question: questionLabel(d.question),
      range: `${formatNumber(d.low, 0, lang)}–${formatNumber(d.high, 0, lang)} / 4`,
      answers: d.answers.map((a) => `${a.respondent}${t.sep} ${rawAnswerText(q, d.question, a.value, lang, t)}`).join(' ; '),
    })),
  };
}

/** A raw value as a disagreement lists it (`3`, `true`, `x+z`), in words. */
function rawAnswerText(q: Questionnaire, id: string, raw: string, lang: Locale, t: Strings): string {
  const x = q.questions.find((y) => y.id === id);
  if (!x) return raw;
  switch (x.type) {
    case 'boolean':
      return raw === 'true' ? t.yes : t.no;
    case 'number':
      return `${formatNumber(Number(raw), Number.isInteger(Number(raw)) ? 0 : 1, lang)} ${text(x.unit, lang)}`;
    case 'single':
      return text(x.options.find((o) => o.id === raw)?.label, lang) || raw;
    case 'multiple':
      return raw
        .split('+')
        .map((id) => text(x.options.find((o) => o.id === id)?.label, lang) || id)
        .join(', ');
    case 'scale':
      return `${raw} — ${text(q.scales.find((s) => s.id === x.scale)?.values.find((v) => String(v.value) === raw)?.label, lang)}`;
  }
}

function explainView(
  result: Result,
  q: Questionnaire,
  lang: Locale,
  t: Strings,
  principleTitle: (id: string) => string,
  levelLabel: (rank: number) => string,
  questionLabel: (id: string) => string,
): NonNullable<ReportView['explain']> {
  const { questions, byPrinciple } = questionnaireIndex(q);
  return {
    cells: result.cells.map((c) => {
      const e = result.explanations.cells[`${c.principle}.${c.level}`]!;
      return {
        title: `${principleTitle(c.principle)} · ${levelLabel(c.level)}`,
        status: c.status,
        statusText: c.status === 'reached' ? t.reached : c.status === 'below' ? t.threshold.toLowerCase() : t.notApplicable,
        rule: e.rule,
        terms: e.terms.map((term) => {
          const x = questions.get(term.question)!;
          const ex = result.explanations.questions[term.question]!;
          return {
            question: questionLabel(term.question),
            answer: answerText(x, ex, q, lang, t),
            score: formatPercent(term.score, lang),
            weight: formatNumber(term.weight, Number.isInteger(term.weight) ? 0 : 1, lang),
          };
        }),
        excluded: e.excluded.map((x) => `${x.question} (${x.status === 'hidden' ? t.hidden : t.notApplicable})`),
      };
    }),
    steps: result.nextSteps.map((s) => ({
      title: `${s.rank}. ${s.title}`,
      because: [
        ...(s.trigger.gap ? [`${principleTitle(s.principle)} · ${levelLabel(s.level)} — ${t.gapOnly}`] : []),
        ...s.trigger.answers.map((id) => {
          const ex = result.explanations.questions[id];
          const x = questions.get(id);
          return x && ex ? `${id} = ${answerText(x, ex, q, lang, t)}` : id;
        }),
      ].join(' ; '),
    })),
  };
}

function naReason(reason: string, t: Strings): string {
  return reason.startsWith('objectives: ') ? t.notAiming : reason;
}

function answerText(
  x: Question,
  e: Result['explanations']['questions'][string],
  q: Questionnaire,
  lang: Locale,
  t: Strings,
): string {
  switch (e.status) {
    case 'unknown':
      return t.dontKnow;
    case 'unanswered':
      return t.unanswered;
    case 'hidden':
      return t.hidden;
    case 'not-applicable':
      return `${t.notApplicable}${lang === 'fr' ? ' : ' : ': '}${naReason(e.reason ?? '', t)}`;
    case 'answered':
      break;
  }
  const v = e.value;
  switch (x.type) {
    case 'scale': {
      const label = q.scales.find((s) => s.id === x.scale)?.values.find((sv) => sv.value === v)?.label;
      return `${String(v)} — ${text(label, lang)}`;
    }
    case 'single':
      return text(x.options.find((op) => op.id === v)?.label, lang) || String(v);
    case 'multiple':
      return (Array.isArray(v) ? v : [])
        .map((id) => text(x.options.find((op) => op.id === id)?.label, lang) || id)
        .join(' ; ');
    case 'number':
      return `${formatNumber(Number(v), Number.isInteger(v) ? 0 : 1, lang)} ${text(x.unit, lang)}`;
    case 'boolean':
      return v === true ? t.yes : t.no;
  }
}

const BAR = 20;
/** Text bars of the principle scores, with the target mark; all labels padded to the same width. */
function chartLines(result: Result, q: Questionnaire, lang: Locale): string[] {
  const titles = result.principles.map((p) => text(q.principles.find((x) => x.id === p.id)?.title, lang) || p.id);
  const width = Math.max(...titles.map((s) => [...s].length));
  return result.principles.map((p, i) => {
    const score = p.score ?? 0;
    const filled = Math.round((score / 100) * BAR);
    const bar = '█'.repeat(filled) + '░'.repeat(BAR - filled);
    const label = titles[i]!;
    return `${label}${' '.repeat(width - [...label].length)}  ${bar}  ${p.score === null ? '—' : formatNumber(score, 1, lang).padStart(5)}`;
  });
}
