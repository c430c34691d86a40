import type { Answer, AnswerValue, Assessment } from '../src/model/answers.js';
import type { Question, Questionnaire } from '../src/model/questionnaire.js';
import type { Result } from '../src/model/result.js';
import { emptyRecord, own } from '../src/model/common.js';
import { indexed, viewOfRole, type ScaleSpec } from './indexed.js';
import { questionScore } from './questions.js';
import { round, score, type ScoreOptions, type Scored } from './score.js';

export type View = 'management' | 'staff';

export type Disagreement = Result['disagreements'][number];

/** Respondents of one organisation combined into one assessment, with where they disagree. */
export interface Combined {
  assessment: Assessment;
  respondents: { role?: string; name?: string }[];
  disagreements: Disagreement[];
}

const NOTE_SEPARATOR = ' · ';

function lowerMedian<T>(sorted: readonly T[]): T {
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/**
 * The median answer per question: the lower median of known answers by score (so a value the scale
 * really has), an option chosen by at least half for multiple choice, the mean of the two middle values
 * for numbers; "don't know" only when nobody knows; not applicable when most say so. The context is
 * each key's most common value. Deterministic and independent of the order of respondents.
 */
export function combine(q: Questionnaire, members: readonly Assessment[]): Combined {
  const scales = indexed(q).scales;
  const ordered = [...members].sort((a, b) => {
    const ka = `${a.respondent?.role ?? ''}\u0000${a.respondent?.name ?? ''}\u0000${JSON.stringify(a.answers)}`;
    const kb = `${b.respondent?.role ?? ''}\u0000${b.respondent?.name ?? ''}\u0000${JSON.stringify(b.answers)}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const first = ordered[0]!;
  const answers = emptyRecord<Answer>();
  const disagreements: Disagreement[] = [];

  for (const question of q.questions) {
    const given = ordered.map((m) => own(m.answers, question.id)).filter((a): a is Answer => a !== undefined);
    if (given.length === 0) continue;
    const known = given.filter((a): a is Extract<Answer, { kind: 'value' }> => a.kind === 'value');
    const na = given.filter((a): a is Extract<Answer, { kind: 'na' }> => a.kind === 'na');
    const notes = given.map((a) => a.note).filter((n): n is string => n !== undefined && n !== '');
    const note = notes.length > 0 ? [...new Set(notes)].join(NOTE_SEPARATOR) : undefined;
    const withNote = <T extends Answer>(a: T): T => (note !== undefined ? { ...a, note } : a);
    if (na.length * 2 > given.length) {
      answers[question.id] = withNote({ kind: 'na', reason: [...new Set(na.map((a) => a.reason))].join(NOTE_SEPARATOR) });
      continue;
    }
    if (known.length === 0) {
      answers[question.id] = withNote({ kind: 'unknown' });
      continue;
    }
    answers[question.id] = withNote({
      kind: 'value',
      value: medianValue(
        question,
        known.map((a) => a.value),
        scales,
      ),
    });

    if (known.length >= 2) {
      const scores = known.map((a) => questionScore(question, a.value, scales));
      const low = Math.min(...scores);
      const high = Math.max(...scores);
      // Two points apart on a 0–4 scale: half the range.
      if (high - low >= 0.5 - 1e-9) {
        disagreements.push({
          question: question.id,
          low: round(100 * low),
          high: round(100 * high),
          answers: ordered
            .map((m) => ({ m, a: own(m.answers, question.id) }))
            .filter(({ a }) => a?.kind === 'value')
            .map(({ m, a }) => {
              const value = (a as Extract<Answer, { kind: 'value' }>).value;
              return {
                respondent: m.respondent?.role ?? m.respondent?.name ?? '?',
                value: Array.isArray(value) ? [...(value as string[])] : (value as string | number | boolean),
              };
            }),
        });
      }
    }
  }

  const context: Record<string, string | readonly string[]> = {};
  for (const c of q.context) {
    const counts = new Map<string, { value: string | readonly string[]; n: number }>();
    for (const m of ordered) {
      const v = own(m.context, c.id);
      if (v === undefined) continue;
      const key = JSON.stringify(v);
      counts.set(key, { value: v, n: (counts.get(key)?.n ?? 0) + 1 });
    }
    const best = [...counts.entries()].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1))[0];
    if (best) context[c.id] = best[1].value;
  }

  const dates = ordered.map((m) => m.date).sort();
  return {
    assessment: {
      questionnaire: first.questionnaire,
      organisation: first.organisation,
      date: dates[dates.length - 1]!,
      ...(first.lang ? { lang: first.lang } : {}),
      context,
      answers,
    },
    respondents: ordered.map((m) => ({ ...m.respondent })),
    disagreements,
  };
}

function medianValue(question: Question, values: AnswerValue[], scales: ReadonlyMap<string, ScaleSpec>): AnswerValue {
  switch (question.type) {
    case 'number': {
      const sorted = (values as number[]).slice().sort((a, b) => a - b);
      const mid = sorted.length / 2;
      return sorted.length % 2 === 1 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    }
    case 'multiple': {
      const lists = values as readonly (readonly string[])[];
      return question.options.map((o) => o.id).filter((id) => lists.filter((l) => l.includes(id)).length * 2 >= lists.length);
    }
    default: {
      const scored = values.map((v) => ({ v, s: questionScore(question, v, scales) })).sort((a, b) => a.s - b.s || (String(a.v) < String(b.v) ? -1 : 1));
      return lowerMedian(scored).v;
    }
  }
}

/**
 * One organisation's respondents scored as one assessment: their answers combined, with who they are,
 * where they disagree, and management's and staff's own figures when both answered.
 */
export function scoreGroup(q: Questionnaire, members: readonly Assessment[], options: ScoreOptions): Scored {
  if (members.length === 1) return score(q, members[0]!, options);
  const ix = indexed(q);
  const combined = combine(q, members);
  const result = score(q, combined.assessment, options);
  const views: Result['views'] = [];
  for (const view of ['management', 'staff'] as const) {
    const group = members.filter((m) => viewOfRole(ix, m.respondent?.role) === view);
    if (group.length === 0 || group.length === members.length) continue;
    const r = score(q, group.length > 1 ? combine(q, group).assessment : group[0]!, { sha256: options.sha256 });
    views.push({
      view,
      count: group.length,
      overall: { level: r.overall.level, practiceLevel: r.overall.practiceLevel, score: r.overall.score },
      principles: r.principles.map((p) => ({ id: p.id, level: p.level, score: p.score })),
    });
  }
  result.respondents = combined.respondents;
  result.views = views;
  result.disagreements = combined.disagreements;
  return result;
}
