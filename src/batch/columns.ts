import { catalogue, LANGUAGES } from '../i18n/index.js';
import type { Questionnaire } from '../model/questionnaire.js';
import { steps } from '../steps.js';

/**
 * Column titles of survey exports, read as the tools write them: a title that is a question's text in
 * any of the questionnaire's locales (or a jurisdiction's wording of it) names that question; the fields
 * every form tool adds (timestamps, e-mail, respondent name, response id) are known; the rest is
 * ignored and listed once.
 */

/** Case folded, accents kept, curly apostrophes and quotes straightened, every kind of space one space, trailing punctuation gone. */
export function normaliseTitle(s: string): string {
  return spaced(s)
    .replace(/[\s?!.:;,…*]+$/u, '')
    .replace(/^"(.*)"$/, '$1')
    .trim();
}

/** Case folded, apostrophes, quotes and spaces as in titles; punctuation kept (glob patterns end with `*`). */
function spaced(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02bc\u00b4`]/g, "'")
    .replace(/[\u201c\u201d\u00ab\u00bb]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** What a column of an export holds. */
export type ColumnTarget =
  | { kind: 'organisation' }
  | { kind: 'organisation.id' }
  | { kind: 'role' }
  | { kind: 'respondent.name' }
  | { kind: 'date' }
  | { kind: 'lang' }
  | { kind: 'questionnaire' }
  | { kind: 'context'; id: string }
  /** A context or question answered one column per option (LimeSurvey): a ticked cell adds `option`. */
  | { kind: 'option'; target: string; option: string }
  | { kind: 'question'; id: string }
  | { kind: 'note'; id: string }
  | { kind: 'ignore' };

/** Titles of the timestamp columns form tools write; the first such column is the answers' date. */
const TIMESTAMPS = [
  'timestamp',
  'horodateur',
  'horodatage',
  'heure de début',
  'heure de fin',
  'start time',
  'completion time',
  'submitdate',
  'date submitted',
  'submitted at',
  'date de soumission',
  'startdate',
  'datestamp',
  'date',
  'start date (utc)',
  'end date (utc)',
  'recorded date',
];
const ORGANISATION = [
  'organisation',
  'organization',
  'company',
  'entreprise',
  'organisme',
  'nom de votre organisation',
  'organisation name',
  'organization name',
];
const ROLE = ['role', 'rôle', 'your role', 'votre rôle', 'respondent role', 'respondent.role', 'fonction', 'votre fonction'];
/** Fields a form tool adds that say nothing the diagnostic uses. */
const KNOWN_IGNORED = [
  'id',
  'response id',
  'responseid',
  'respondent id',
  'email',
  'email address',
  'e-mail',
  'adresse de messagerie',
  'adresse e-mail',
  'adresse électronique',
  'courriel',
  'name',
  'nom',
  'respondent.name',
  'heure de la dernière modification',
  'last modified time',
  'lastpage',
  'seed',
  'ipaddr',
  'ip address',
  'refurl',
  'total time',
  'interviewtime',
  'score',
  'total score',
  'points',
  'commentaires',
  'feedback',
  'status',
  'progress',
  'duration (in seconds)',
  'finished',
  'responseid',
];

/** Every title the questionnaire's own texts give, normalised, to what it names. */
export function titleIndex(q: Questionnaire): Map<string, ColumnTarget> {
  return titleLocales(q).index;
}

const indexes = new WeakMap<Questionnaire, { index: Map<string, ColumnTarget>; locales: Map<string, string> }>();

/** The title index, and the locale each title is written in (a title two locales share has none). */
export function titleLocales(q: Questionnaire): { index: Map<string, ColumnTarget>; locales: Map<string, string> } {
  const cached = indexes.get(q);
  if (cached) return cached;
  const index = new Map<string, ColumnTarget>();
  const locales = new Map<string, string>();
  const add = (title: string | undefined, target: ColumnTarget, lang?: string) => {
    if (title === undefined || title.trim() === '') return;
    const key = normaliseTitle(title);
    if (!index.has(key)) {
      index.set(key, target);
      if (lang !== undefined) locales.set(key, lang);
    } else if (locales.get(key) !== lang) locales.delete(key);
  };
  const texts = (t: Record<string, string | undefined> | undefined) => (t ? Object.entries(t) : []);
  for (const question of q.questions) {
    for (const [lang, t] of texts(question.text)) add(t, { kind: 'question', id: question.id }, lang);
    for (const w of (question as { wording?: { text?: Record<string, string> }[] }).wording ?? [])
      for (const [lang, t] of texts(w.text)) add(t, { kind: 'question', id: question.id }, lang);
  }
  for (const c of q.context) for (const [lang, t] of texts((c as { text?: Record<string, string> }).text)) add(t, { kind: 'context', id: c.id }, lang);
  for (const lang of new Set([...q.locales, ...LANGUAGES])) {
    const words = catalogue(lang).interview;
    add(words.organisation(), { kind: 'organisation' });
    add(words.role(), { kind: 'role' });
  }
  const built = { index, locales };
  indexes.set(q, built);
  return built;
}

/** The locale most of these titles are written in, when they are the questionnaire's texts of one locale. */
export function titlesLocale(q: Questionnaire, titles: readonly string[]): string | undefined {
  const { locales } = titleLocales(q);
  const counts = new Map<string, number>();
  for (const t of titles) {
    const lang = locales.get(normaliseTitle(t));
    if (lang !== undefined) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  return ranked.length > 0 && (ranked.length === 1 || ranked[0]![1] > 2 * ranked[1]![1]) ? ranked[0]![0] : undefined;
}

const fixed = (() => {
  const map = new Map<string, ColumnTarget>();
  for (const t of ORGANISATION) map.set(t, { kind: 'organisation' });
  for (const t of ROLE) map.set(t, { kind: 'role' });
  for (const t of KNOWN_IGNORED) map.set(t, { kind: 'ignore' });
  map.set('organisation.name', { kind: 'organisation' });
  map.set('organisation.id', { kind: 'organisation.id' });
  map.set('lang', { kind: 'lang' });
  map.set('startlanguage', { kind: 'lang' });
  map.set('questionnaire', { kind: 'questionnaire' });
  return map;
})();

/** Whether a normalised title is one of a form tool's timestamp columns. */
export function isTimestampTitle(title: string): boolean {
  return TIMESTAMPS.includes(normaliseTitle(title));
}

/**
 * A target as a mapping or a title writes it: `organisation`, `organisation.id`, `respondent.role`,
 * `date`, `lang`, `ignore`, `context.<id>`, a question id, `<id>.note`, or `<id>[<option>]` for one
 * column per option. Undefined when the questionnaire has no such target.
 */
export function parseTarget(q: Questionnaire, target: string): ColumnTarget | undefined {
  const t = target.trim();
  switch (t) {
    case 'organisation':
    case 'organisation.name':
      return { kind: 'organisation' };
    case 'organisation.id':
      return { kind: 'organisation.id' };
    case 'respondent.role':
      return { kind: 'role' };
    case 'respondent.name':
      return { kind: 'respondent.name' };
    case 'date':
      return { kind: 'date' };
    case 'lang':
      return { kind: 'lang' };
    case 'questionnaire':
      return { kind: 'questionnaire' };
    case 'ignore':
      return { kind: 'ignore' };
  }
  const option = /^([^[\]]+)\[([^\]]+)\]$/.exec(t);
  if (option) {
    const [, base, id] = option as unknown as [string, string, string];
    const options = optionsOf(q, base);
    return options?.includes(id) ? { kind: 'option', target: base, option: id } : undefined;
  }
  if (t.startsWith('context.')) return q.context.some((c) => c.id === t.slice(8)) ? { kind: 'context', id: t.slice(8) } : undefined;
  if (t.endsWith('.note') && q.questions.some((x) => x.id === t.slice(0, -5))) return { kind: 'note', id: t.slice(0, -5) };
  return q.questions.some((x) => x.id === t) ? { kind: 'question', id: t } : undefined;
}

/** The option ids of a multiple-choice question or context (`context.<id>`), if it is one. */
function optionsOf(q: Questionnaire, target: string): string[] | undefined {
  if (target.startsWith('context.')) {
    const c = q.context.find((x) => x.id === target.slice(8));
    return c && c.type === 'multiple' ? c.options.map((o) => o.id) : undefined;
  }
  const question = q.questions.find((x) => x.id === target);
  return question && question.type === 'multiple' ? question.options.map((o) => o.id) : undefined;
}

/** What a column titled `title` holds without a mapping line, or undefined when nothing says. */
export function matchTitle(q: Questionnaire, index: Map<string, ColumnTarget>, title: string): ColumnTarget | undefined {
  const asTarget = parseTarget(q, title);
  if (asTarget) return asTarget;
  const key = normaliseTitle(title);
  if (isTimestampTitle(title)) return { kind: 'date' };
  return (index.has(key) ? index.get(key) : undefined) ?? fixed.get(key);
}

/** `*` any run of characters, `?` one; matched against normalised titles. */
export function globMatcher(patterns: readonly string[]): (title: string) => boolean {
  if (patterns.length === 0) return () => false;
  const globs = patterns.map((p) => [...spaced(p)]);
  return (title) => {
    const key = [...normaliseTitle(title)];
    return globs.some((g) => globMatch(g, key));
  };
}

/**
 * Whether `text` matches the glob `pattern` (both as code points). A mismatch after a `*` goes back to
 * that star only, never further: time grows with the two lengths' product at worst, never exponentially
 * (a regex `.*a.*a.*a…` backtracks for minutes on a long title).
 */
export function globMatch(pattern: readonly string[], text: readonly string[]): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    steps.columnMatch++;
    if (p < pattern.length && (pattern[p] === '?' || (pattern[p] !== '*' && pattern[p] === text[t]))) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * The best guess for a title nothing matched: the question or context whose text shares the most words
 * with it (Dice coefficient over words of three letters or more), with that share as the confidence.
 */
export function guessTitle(q: Questionnaire, index: Map<string, ColumnTarget>, title: string): { target: ColumnTarget; confidence: number } | undefined {
  const words = (s: string) =>
    new Set(
      normaliseTitle(s)
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length >= 3),
    );
  const mine = words(title);
  if (mine.size === 0) return undefined;
  let best: { target: ColumnTarget; confidence: number } | undefined;
  for (const [text, target] of index) {
    const theirs = words(text);
    if (theirs.size === 0) continue;
    let common = 0;
    for (const w of mine) if (theirs.has(w)) common++;
    const confidence = (2 * common) / (mine.size + theirs.size);
    if (!best || confidence > best.confidence) best = { target, confidence };
  }
  return best && best.confidence >= 0.3 ? best : undefined;
}

/** A target as a mapping file writes it. */
export function targetName(t: ColumnTarget): string {
  switch (t.kind) {
    case 'context':
      return `context.${t.id}`;
    case 'option':
      return `${t.target}[${t.option}]`;
    case 'question':
      return t.id;
    case 'note':
      return `${t.id}.note`;
    case 'role':
      return 'respondent.role';
    default:
      return t.kind;
  }
}
