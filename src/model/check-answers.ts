import { list, msg, say, type Message } from '../i18n/index.js';
import type { Answer, AnswersFile, AnswerValue, Assessment } from './answers.js';
import type { Question, Questionnaire } from './questionnaire.js';
import { indexed, type ScaleSpec } from '../../scoring/indexed.js';
import { emptyRecord, servingLocale, text, type Locale } from './common.js';
import { booleanWord } from './words.js';
import { steps } from '../steps.js';

export interface AnswersProblem {
  path: (string | number)[];
  key?: boolean;
  message: Message;
}

/** Checks an answers file against its questionnaire and gives the assessment it means. */
export function checkAnswers(
  q: Questionnaire,
  file: AnswersFile,
  questionnaireRef: string,
  lang: Locale,
  options: { migrated?: boolean } = {},
): { assessment: Assessment; problems: AnswersProblem[] } {
  const problems: AnswersProblem[] = [];
  const { questions, contexts, scales } = indexed(q);

  if (!isRealDate(file.date)) problems.push({ path: ['date'], message: msg('answers.date', { value: file.date }) });
  // Answers given in a language the questionnaire has no texts in were not given with this questionnaire
  // (unless they were given with an older version and carried to this one).
  if (file.lang !== undefined && !options.migrated && servingLocale(q.locales, file.lang) === undefined) {
    problems.push({ path: ['lang'], message: msg('answers.lang', { value: file.lang, questionnaire: questionnaireRef, locales: list(q.locales) }) });
  }

  const context = emptyRecord<string | string[]>();
  for (const [id, value] of Object.entries(file.context ?? {})) {
    const c = contexts.get(id);
    if (!c) {
      problems.push({ path: ['context', id], key: true, message: msg('answers.unknown-context', { id, expected: list(q.context.map((x) => x.id)) }) });
      continue;
    }
    const ids = c.options.map((o) => o.id);
    if (c.type === 'single' && typeof value !== 'string') {
      problems.push({ path: ['context', id], message: msg('answers.context-single', { id }) });
      continue;
    }
    const values = typeof value === 'string' ? [value] : value;
    let ok = true;
    values.forEach((v, i) => {
      if (!ids.includes(v)) {
        ok = false;
        problems.push({
          path: typeof value === 'string' ? ['context', id] : ['context', id, i],
          message: msg('answers.context-option', { id, value: v, expected: list(ids) }),
        });
      }
    });
    // Options are kept in questionnaire order, so the file's order never matters.
    if (ok) context[id] = c.type === 'single' ? values[0]! : ids.filter((x) => values.includes(x));
  }

  const answers = emptyRecord<Answer>();
  let known: string[] | undefined;
  let unknown = 0;
  for (const [id, entry] of Object.entries(file.answers)) {
    const question = questions.get(id);
    steps.idLookup++;
    if (!question) {
      // A likely typo is looked for among the first few unknown ids only: no one reads twenty thousand suggestions.
      known ??= [...questions.keys()];
      const hint = ++unknown <= SUGGESTIONS ? closest(id, known) : undefined;
      problems.push({ path: ['answers', id], key: true, message: msg('answers.unknown-question', { id, hint: hint ?? '', questionnaire: questionnaireRef }) });
      continue;
    }
    const note = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? entry.note : undefined;
    const withNote = <T extends object>(a: T): T => (note !== undefined ? { ...a, note } : a);
    if (entry === 'unknown' || (typeof entry === 'object' && entry !== null && 'unknown' in entry)) {
      answers[id] = withNote({ kind: 'unknown' as const });
      continue;
    }
    if (typeof entry === 'object' && entry !== null && 'na' in entry) {
      answers[id] = withNote({ kind: 'na' as const, reason: entry.na });
      continue;
    }
    // A note alone: the question is not answered yet (a draft keeps the note).
    if (typeof entry === 'object' && entry !== null && !Array.isArray(entry) && !('value' in entry)) continue;
    const raw = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? entry.value : entry;
    const path = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? ['answers', id, 'value'] : ['answers', id];
    const value = checkValue(question, raw, path, problems, lang, scales);
    if (value !== undefined) answers[id] = withNote({ kind: 'value' as const, value });
  }

  const assessment: Assessment = {
    questionnaire: { id: q.id, version: q.version },
    organisation: file.organisation.id !== undefined ? { name: file.organisation.name, id: file.organisation.id } : { name: file.organisation.name },
    ...(file.respondent ? { respondent: { ...file.respondent } } : {}),
    date: file.date,
    ...(file.lang ? { lang: file.lang } : {}),
    context,
    answers,
  };
  return { assessment, problems };
}

function checkValue(
  question: Question,
  raw: unknown,
  path: (string | number)[],
  problems: AnswersProblem[],
  lang: Locale,
  scales: ReadonlyMap<string, ScaleSpec>,
): AnswerValue | undefined {
  const id = question.id;
  const wrongType = (expected: Message) => problems.push({ path, message: msg('answers.type', { id, expected: say(lang, expected) }) });
  switch (question.type) {
    case 'scale': {
      const values = scales.get(question.scale)?.values ?? [];
      if (typeof raw !== 'number') {
        wrongType(msg('answers.kind.scale', { expected: list(values) }));
        return undefined;
      }
      if (!values.includes(raw)) {
        problems.push({ path, message: msg('answers.scale-value', { id, value: raw, expected: list(values) }) });
        return undefined;
      }
      return raw;
    }
    case 'single': {
      const ids = question.options.map((o) => o.id);
      if (typeof raw !== 'string') {
        wrongType(msg('answers.kind.single', { expected: list(ids) }));
        return undefined;
      }
      if (!ids.includes(raw)) {
        problems.push({ path, message: msg('answers.option', { id, value: raw, expected: list(ids) }) });
        return undefined;
      }
      return raw;
    }
    case 'multiple': {
      const ids = question.options.map((o) => o.id);
      const values = typeof raw === 'string' ? [raw] : raw;
      if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
        wrongType(msg('answers.kind.multiple', { expected: list(ids) }));
        return undefined;
      }
      let ok = true;
      const seen = new Set<string>();
      values.forEach((v: string, i: number) => {
        const at = typeof raw === 'string' ? path : [...path, i];
        if (!ids.includes(v)) {
          ok = false;
          problems.push({ path: at, message: msg('answers.option', { id, value: v, expected: list(ids) }) });
        } else if (seen.has(v)) {
          ok = false;
          problems.push({ path: at, message: msg('answers.duplicate-option', { value: v }) });
        }
        seen.add(v);
      });
      if (values.length > 1) {
        for (const o of question.options) {
          if (o.exclusive && seen.has(o.id)) {
            ok = false;
            problems.push({ path, message: msg('answers.exclusive-option', { value: o.id }) });
          }
        }
      }
      // Options are kept in questionnaire order, so the file's order never matters.
      return ok ? ids.filter((x) => seen.has(x)) : undefined;
    }
    case 'number': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) {
        wrongType(msg('answers.kind.number', { min: question.min, max: question.max }));
        return undefined;
      }
      if (raw < question.min || raw > question.max) {
        problems.push({
          path,
          message: msg('answers.number-range', { id, value: raw, min: question.min, max: question.max, unit: text(question.unit, lang) }),
        });
        return undefined;
      }
      return raw;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const word = typeof raw === 'string' ? booleanWord(raw) : undefined;
      if (word !== undefined) return word;
      wrongType(msg('answers.kind.boolean'));
      return undefined;
    }
  }
}

export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[mo - 1]!;
}

/** How many unknown ids get a "did you mean" (the messages printed are fewer still). */
const SUGGESTIONS = 20;

/** The known id nearest to a mistyped one, when it is close enough to be a likely typo. */
export function closest(id: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(id, c);
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(id.length / 4)) ? best : undefined;
}

/** Edits from one to the other: an insertion, a deletion, a substitution or a swap of two neighbours counts one. */
function distance(a: string, b: string): number {
  let before = Array.from({ length: b.length + 1 }, () => 0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    [before, prev] = [prev, row];
  }
  return prev[b.length]!;
}
