import { input } from '@inquirer/prompts';
import { Separator } from '@inquirer/core';
import type { Context } from '@inquirer/type';
import { askedQuestions, indexed } from '../../scoring/index.js';
import { catalogue, type Catalogue } from '../i18n/index.js';
import type { AnswerEntry, AnswersFile, AnswerValue } from '../model/answers.js';
import { ANSWER_LIMITS } from '../model/answers-schema.js';
import { text, type Locale } from '../model/common.js';
import type { ContextQuestion, Question, Questionnaire } from '../model/questionnaire.js';
import { parseDecimal } from '../io/numbers.js';
import { textsFor } from '../report/texts.js';
import { forTerminal } from '../sinks/terminal.js';
import { wordLines } from '../report/wrap.js';
import { menu, type MenuItem } from './menu.js';

type InterviewStrings = Catalogue['interview'];

/** The answers file as it grows; `organisation` is empty until the name is given. */
export type Draft = Omit<AnswersFile, 'organisation' | 'context' | 'answers'> & {
  organisation?: { name: string };
  context: Record<string, string | string[]>;
  answers: Record<string, AnswerEntry>;
};

export interface FlowIo {
  context: Context;
  /** Prints a line for the person answering (on the prompts' stream). */
  print(text: string): void;
  /** Called after every answer, so that a draft is never more than one answer behind. */
  save(draft: Draft): void;
}

/** Seconds a scored question takes, on average, for the time left. */
const SECONDS_PER_QUESTION = 15;
/** The widest line the interview draws, whatever the terminal. */
const WIDTH = 80;

type Outcome = { kind: 'answer'; entry: AnswerEntry } | { kind: 'back' };
type Special = { kind: 'unknown' } | { kind: 'na' } | { kind: 'note' } | { kind: 'help' } | { kind: 'back' };
type Pick<V> = { kind: 'value'; value: V } | Special;

/** An entry holding an answer: not missing, and not a note alone (kept for a question not answered yet). */
export function isAnswered(entry: AnswerEntry | undefined): boolean {
  return entry !== undefined && !(typeof entry === 'object' && !Array.isArray(entry) && !('value' in entry) && !('unknown' in entry) && !('na' in entry));
}

/** Minutes for `count` questions, at least one. */
export function minutesFor(count: number): number {
  return Math.max(1, Math.round((count * SECONDS_PER_QUESTION) / 60));
}

export async function runFlow(q: Questionnaire, draft: Draft, io: FlowIo, lang: Locale): Promise<Draft> {
  const t = catalogue(lang).interview;
  const ix = indexed(q);
  const asked = () => askedQuestions(ix, draft.context);

  if (!draft.organisation) {
    draft.organisation = { name: await askOrganisation(t, io.context) };
    io.save(draft);
  }
  if (!draft.respondent) {
    draft.respondent = { role: await askRole(q, lang, t, io.context) };
    io.save(draft);
  }
  const missingContext = q.context.filter((c) => draft.context[c.id] === undefined);
  if (missingContext.length > 0) {
    io.print(t.contextIntro());
    for (const c of missingContext) {
      draft.context[c.id] = await askContext(c, draft.context[c.id], lang, t, io);
      io.save(draft);
    }
    const count = asked().filter((x) => !isAnswered(draft.answers[x.id])).length;
    io.print(`\n${wrap(t.plan({ count, minutes: minutesFor(count) }))}`);
  }

  for (;;) {
    await askUnanswered(q, draft, io, lang, asked);
    const choice = await review(q, draft, lang, t, io.context, asked());
    if (choice === undefined) return draft;
    if (choice === 'organisation') draft.organisation = { name: await askOrganisation(t, io.context, draft.organisation.name) };
    else if (choice === 'role') draft.respondent = { ...draft.respondent, role: await askRole(q, lang, t, io.context, draft.respondent.role) };
    else if (choice.startsWith('context.')) {
      const c = q.context.find((x) => x.id === choice.slice('context.'.length))!;
      draft.context[c.id] = await askContext(c, draft.context[c.id], lang, t, io);
    } else {
      const list = asked();
      const question = list.find((x) => x.id === choice)!;
      const position = { n: list.indexOf(question) + 1, count: list.length, left: 0, canBack: false };
      const outcome = await askQuestion(q, question, draft, position, lang, io);
      if (outcome.kind === 'answer') draft.answers[question.id] = outcome.entry;
    }
    io.save(draft);
  }
}

/** The questions not answered yet, in order; back goes to the one before, answered or not. */
async function askUnanswered(q: Questionnaire, draft: Draft, io: FlowIo, lang: Locale, asked: () => Question[]): Promise<void> {
  let list = asked();
  const next = (after: number) => {
    const i = list.findIndex((x, j) => j > after && !isAnswered(draft.answers[x.id]));
    return i < 0 ? list.length : i;
  };
  let i = next(-1);
  while (i < list.length) {
    const question = list[i]!;
    const left = list.filter((x, j) => j >= i && !isAnswered(draft.answers[x.id])).length;
    const outcome = await askQuestion(q, question, draft, { n: i + 1, count: list.length, left, canBack: i > 0 }, lang, io);
    if (outcome.kind === 'back') {
      i -= 1;
      continue;
    }
    draft.answers[question.id] = outcome.entry;
    io.save(draft);
    list = asked();
    i = next(i);
  }
}

/**
 * A line of text typed by the person, checked against the answers file's limit as it is typed (trimmed,
 * as it is saved). The text offered (a draft's) and the text typed are shown inert: whatever they hold
 * cannot drive the terminal.
 */
async function askText(
  ctx: Context,
  t: InterviewStrings,
  config: { message: string; current?: string | undefined; max: number; required?: string },
): Promise<string> {
  const { required, max } = config;
  const answer = await input(
    {
      message: config.message,
      ...(config.current ? { default: config.current } : {}),
      theme: { style: { defaultAnswer: (s: string) => dim(`(${forTerminal(s)})`) } },
      transformer: (s: string) => forTerminal(s),
      validate: (v) => (required !== undefined && v.trim() === '' ? required : v.trim().length > max ? t.tooLong({ max, length: v.trim().length }) : true),
    },
    ctx,
  );
  return answer.trim();
}

function askOrganisation(t: InterviewStrings, ctx: Context, current?: string): Promise<string> {
  return askText(ctx, t, { message: t.organisation(), current, max: ANSWER_LIMITS.name, required: t.organisationRequired() });
}

async function askRole(q: Questionnaire, lang: Locale, t: InterviewStrings, ctx: Context, current?: string): Promise<string> {
  // The questionnaire's respondent roles (format 2), else the tool's list.
  const texts = textsFor(q, lang);
  const items = indexed(q).respondents.map((r) => ({ value: r.id, name: texts.respondent(r.id) }));
  const answer = await menu({ message: t.role(), items, help: t.keys.choose(), ...(current !== undefined ? { default: current } : {}) }, ctx);
  return answer.value;
}

async function askContext(
  c: ContextQuestion,
  current: string | string[] | undefined,
  lang: Locale,
  t: InterviewStrings,
  io: FlowIo,
): Promise<string | string[]> {
  const chosen = current === undefined ? [] : typeof current === 'string' ? [current] : current;
  const items = c.options.map((o) => ({ value: o.id, name: text(o.label, lang), checked: chosen.includes(o.id) }));
  const message = text(c.text, lang);
  if (c.help) io.print(dim(wrap(text(c.help, lang))));
  if (c.type === 'single') {
    const answer = await menu({ message, items, help: t.keys.choose(), ...(chosen[0] !== undefined ? { default: chosen[0] } : {}) }, io.context);
    return answer.value;
  }
  const answer = await menu({ message, items, multiple: true, help: t.keys.tick(), validate: (v) => (v.length === 0 ? t.atLeastOne() : true) }, io.context);
  return answer.ticked;
}

/** The question's header: where it stands, its principle and level, the time left. */
function header(q: Questionnaire, question: Question, position: { n: number; count: number; left: number }, lang: Locale, t: InterviewStrings): string {
  const principle = q.principles.find((p) => p.id === question.principle);
  const level = q.levels.find((l) => l.rank === question.level);
  const left = position.left > 0 ? t.timeLeft({ minutes: minutesFor(position.left) }) : '';
  const line = t.header({
    n: position.n,
    count: position.count,
    principle: text(principle?.title, lang),
    level: question.level,
    levelTitle: text(level?.title, lang),
  });
  return wordLines(left === '' ? line : `${line} · ${left}`, WIDTH).join('\n');
}

async function askQuestion(
  q: Questionnaire,
  question: Question,
  draft: Draft,
  position: { n: number; count: number; left: number; canBack: boolean },
  lang: Locale,
  io: FlowIo,
): Promise<Outcome> {
  const t = catalogue(lang).interview;
  // The organisation's context chooses the wording (a jurisdiction's vocabulary).
  const words = textsFor(q, lang, draft.context);
  const saved = draft.answers[question.id];
  let note = entryNote(saved);
  // Ticks made before an action (a note, help) are shown again, not saved.
  let shown = entryValue(saved);
  const na = entryReason(saved);
  const withNote = (entry: AnswerEntry): AnswerEntry => {
    if (!note) return entry;
    if (entry === 'unknown') return { unknown: true, note };
    if (typeof entry === 'object' && !Array.isArray(entry)) return { ...entry, note };
    return { value: entry, note };
  };

  for (;;) {
    io.print(`\n${dim(header(q, question, position, lang, t))}`);
    const { pick, ticks } = await pickAnswer(q, question, words.question(question.id), shown, na, note, position.canBack, lang, io);
    if (ticks !== undefined) shown = ticks;
    switch (pick.kind) {
      case 'back':
        return { kind: 'back' };
      case 'help':
        io.print(wrap(words.help(question.id) || t.noHelp()));
        continue;
      case 'note': {
        const value = await askText(io.context, t, { message: t.note(), current: note, max: ANSWER_LIMITS.note });
        note = value === '' ? undefined : value;
        // The note is kept at once, with the answer already saved or alone: Ctrl+C does not lose it.
        const kept = draft.answers[question.id];
        const bare = isAnswered(kept) ? stripNote(kept!) : undefined;
        if (bare !== undefined) draft.answers[question.id] = withNote(bare);
        else if (note) draft.answers[question.id] = { note };
        else delete draft.answers[question.id];
        io.save(draft);
        continue;
      }
      case 'unknown':
        return { kind: 'answer', entry: withNote('unknown') };
      case 'na': {
        // An empty reason undoes the choice: back to the question.
        const reason = await askText(io.context, t, { message: t.naReason(), current: na, max: ANSWER_LIMITS.reason });
        if (reason === '') continue;
        return { kind: 'answer', entry: withNote({ na: reason }) };
      }
      case 'value':
        return { kind: 'answer', entry: withNote(pick.value as AnswerEntry) };
    }
  }
}

async function pickAnswer(
  q: Questionnaire,
  question: Question,
  message: string,
  current: AnswerEntry | undefined,
  na: string | undefined,
  note: string | undefined,
  canBack: boolean,
  lang: Locale,
  io: FlowIo,
): Promise<{ pick: Pick<AnswerValue>; ticks?: string[] }> {
  const t = catalogue(lang).interview;
  const specials: MenuItem<Pick<AnswerValue>>[] = [
    { value: { kind: 'unknown' }, name: t.dontKnow(), short: t.dontKnow(), key: '?', now: true },
    {
      value: { kind: 'na' },
      name: na !== undefined ? t.notApplicableBecause({ reason: forTerminal(shorten(na, 40)) }) : t.notApplicable(),
      short: '',
      action: true,
    },
    { value: { kind: 'note' }, name: note ? t.editNote({ note: forTerminal(shorten(note, 30)) }) : t.addNote(), action: true },
    { value: { kind: 'help' }, name: t.showHelp(), key: 'h', now: true, action: true },
    ...(canBack ? [{ value: { kind: 'back' } as Special, name: t.back(), key: '<', now: true, action: true }] : []),
  ];
  const currentKind = na !== undefined ? 'na' : current === 'unknown' ? 'unknown' : 'value';

  if (question.type === 'number') {
    const hint = t.numberHint({ min: question.min, max: question.max, unit: text(question.unit, lang) });
    const initial = typeof current === 'number' ? String(current) : currentKind === 'unknown' ? '?' : currentKind === 'na' ? 'na' : '';
    const raw = await input(
      {
        message: `${message} (${hint})`,
        default: initial,
        validate: (v) => (parseNumberInput(v, question.min, question.max) === undefined ? t.numberInvalid({ min: question.min, max: question.max }) : true),
      },
      io.context,
    );
    return { pick: parseNumberInput(raw, question.min, question.max)! };
  }

  if (question.type === 'multiple') {
    const chosen = Array.isArray(current) ? current : [];
    // "Don't know" is not a tick among the options: Enter on it answers, Space does not tick it.
    const items: (MenuItem<Pick<AnswerValue>> | Separator)[] = [
      ...question.options.map((o) => ({ value: picked<AnswerValue>(o.id), name: text(o.label, lang), checked: chosen.includes(o.id) })),
      new Separator(),
      ...specials.map((s) => ({ ...s, action: true })),
    ];
    const answer = await menu(
      {
        message,
        items,
        multiple: true,
        pageSize: 14,
        help: t.keys.tickQuestion({ back: canBack }),
        ...(currentKind !== 'value' ? { default: specials.find((s) => s.value.kind === currentKind)!.value } : {}),
        validate: (ticks) => {
          const ids = ticks.flatMap((p) => (p.kind === 'value' ? [p.value as string] : []));
          const alone = question.options.find((o) => o.exclusive && ids.includes(o.id));
          return alone && ids.length > 1 ? t.specialAlone({ option: text(alone.label, lang) }) : true;
        },
      },
      io.context,
    );
    const ticks = answer.ticked.flatMap((p) => (p.kind === 'value' ? [p.value as string] : []));
    return { pick: answer.action ? answer.value : picked(ticks), ticks };
  }

  let options: MenuItem<Pick<AnswerValue>>[];
  let digits = '';
  switch (question.type) {
    case 'scale': {
      const values = q.scales.find((s) => s.id === question.scale)?.values ?? [];
      // A digit is the value it names, whatever row it is on.
      options = values.map((v) => ({
        value: picked<AnswerValue>(v.value),
        name: `${v.value} — ${text(v.label, lang)}`,
        key: String(v.value),
        ...(v.description ? { description: text(v.description, lang) } : {}),
      }));
      digits = values.length > 0 ? `${values[0]!.value}–${values[values.length - 1]!.value}` : '';
      break;
    }
    case 'single':
      options = question.options.map((o) => ({ value: picked<AnswerValue>(o.id), name: text(o.label, lang) }));
      break;
    case 'boolean':
      options = [
        { value: picked<AnswerValue>(true), name: t.yes() },
        { value: picked<AnswerValue>(false), name: t.no() },
      ];
      break;
  }
  const items = [...options, new Separator(), ...specials];
  const initial =
    currentKind === 'value' ? options.find((o) => o.value.kind === 'value' && o.value.value === current) : specials.find((s) => s.value.kind === currentKind);
  const answer = await menu(
    { message, items, pageSize: 14, help: t.keys.pick({ digits, back: canBack }), ...(initial ? { default: initial.value } : {}) },
    io.context,
  );
  return { pick: answer.value };
}

/**
 * The review: every answer under its principle, and what was said about the organisation, each line
 * within 80 columns; choosing one changes it. Gives the id chosen (`organisation`, `role`,
 * `context.<id>`, a question's id), or undefined to finish.
 */
async function review(q: Questionnaire, draft: Draft, lang: Locale, t: InterviewStrings, ctx: Context, list: Question[]): Promise<string | undefined> {
  const texts = textsFor(q, lang, draft.context);
  // Two for the cursor, one space either side of the arrow.
  const line = (label: string, answer: string) => {
    const right = shorten(answer, 28);
    return `${shorten(label, WIDTH - 2 - 3 - right.length)} → ${right}`;
  };
  const items: (MenuItem<string> | Separator)[] = [{ value: '', name: t.finish() }, new Separator(`── ${t.reviewAbout()} ──`)];
  items.push({ value: 'organisation', name: line(t.reviewOrganisation(), forTerminal(draft.organisation?.name ?? '')) });
  // A role the questionnaire does not declare is shown as the draft wrote it, inert.
  items.push({ value: 'role', name: line(t.role(), draft.respondent?.role !== undefined ? forTerminal(texts.respondent(draft.respondent.role)) : '—') });
  for (const c of q.context) {
    const v = draft.context[c.id];
    const shown = v === undefined ? t.unanswered() : (typeof v === 'string' ? [v] : v).map((o) => texts.option(`context.${c.id}`, o)).join(', ');
    items.push({ value: `context.${c.id}`, name: line(text(c.text, lang), shown) });
  }
  for (const p of q.principles) {
    const inPrinciple = list.filter((x) => x.principle === p.id);
    if (inPrinciple.length === 0) continue;
    items.push(new Separator(`── ${shorten(text(p.title, lang), WIDTH - 8)} ──`));
    for (const x of inPrinciple) {
      const n = String(list.indexOf(x) + 1).padStart(2);
      items.push({ value: x.id, name: line(`${n}. ${texts.question(x.id)}`, describeEntry(q, x, draft.answers[x.id], lang, t)) });
    }
  }
  const answer = await menu({ message: t.review(), items, pageSize: 15, help: t.keys.choose() }, ctx);
  return answer.value === '' ? undefined : answer.value;
}

/** A value picked among a question's choices. */
function picked<V>(value: V): Pick<V> {
  return { kind: 'value', value };
}

/** `12`, `12,5` (French decimal comma), `?` don't know, `na` not applicable, `n` note, `h` help, `<` back. */
export function parseNumberInput(raw: string, min: number, max: number): Pick<number> | undefined {
  const v = raw.trim().toLowerCase();
  if (v === '?') return { kind: 'unknown' };
  if (v === 'na' || v === 'n/a' || v === 'so') return { kind: 'na' };
  if (v === 'n' || v === 'note') return { kind: 'note' };
  if (v === 'h' || v === 'help' || v === 'aide') return { kind: 'help' };
  if (v === '<') return { kind: 'back' };
  const n = parseDecimal(v);
  return n !== undefined && n >= min && n <= max ? { kind: 'value', value: n } : undefined;
}

function entryNote(entry: AnswerEntry | undefined): string | undefined {
  return entry !== undefined && typeof entry === 'object' && !Array.isArray(entry) ? entry.note : undefined;
}

function entryReason(entry: AnswerEntry | undefined): string | undefined {
  return entry !== undefined && typeof entry === 'object' && !Array.isArray(entry) && 'na' in entry ? entry.na : undefined;
}

function entryValue(entry: AnswerEntry | undefined): AnswerEntry | undefined {
  if (entry !== undefined && typeof entry === 'object' && !Array.isArray(entry)) {
    if ('value' in entry) return entry.value;
    if ('unknown' in entry) return 'unknown';
    return undefined;
  }
  return entry;
}

/** An answer without its note. */
function stripNote(entry: AnswerEntry): AnswerEntry {
  if (typeof entry !== 'object' || Array.isArray(entry)) return entry;
  if ('value' in entry) return entry.value;
  if ('unknown' in entry) return 'unknown';
  if ('na' in entry) return { na: entry.na };
  return entry;
}

const DIM = /^(?:1|true)$/.test(process.env.NO_COLOR ?? '') ? false : true;
function dim(s: string): string {
  return DIM ? `\u001b[2m${s}\u001b[22m` : s;
}

/** Text wrapped at 78 columns, indented by two spaces, for help and notices. */
export function wrap(s: string, width = 78): string {
  return s
    .split('\n')
    .flatMap((paragraph) => {
      const lines = wordLines(paragraph, width - 2);
      return lines.length === 0 ? [''] : lines;
    })
    .map((line) => `  ${line}`)
    .join('\n');
}

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, Math.max(0, max - 1))}…` : s;
}

function describeEntry(q: Questionnaire, x: Question, entry: AnswerEntry | undefined, lang: Locale, t: InterviewStrings): string {
  if (!isAnswered(entry)) return t.unanswered();
  if (entry === 'unknown' || (typeof entry === 'object' && !Array.isArray(entry) && 'unknown' in entry)) return t.dontKnow();
  const reason = entryReason(entry);
  if (reason !== undefined) return t.notApplicableBecause({ reason: forTerminal(reason) });
  const v = entryValue(entry);
  if (v === undefined) return '—';
  if (Array.isArray(v) && v.length === 0) return t.noneTicked();
  return textsFor(q, lang).value(x.id, v as AnswerValue);
}
