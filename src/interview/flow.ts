import { checkbox, input, select, Separator } from '@inquirer/prompts';
import type { Context } from '@inquirer/type';
import { askedQuestions, indexed } from '../../scoring/index.js';
import { catalogue, type Catalogue } from '../i18n/index.js';
import type { AnswerEntry, AnswersFile, AnswerValue } from '../model/answers.js';
import { text, type Locale } from '../model/common.js';
import type { ContextQuestion, Question, Questionnaire } from '../model/questionnaire.js';
import { parseDecimal } from '../io/numbers.js';
import { textsFor } from '../report/texts.js';
import { forTerminal } from '../sinks/terminal.js';
import { wordLines } from '../report/wrap.js';

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

type Outcome = { kind: 'answer'; entry: AnswerEntry } | { kind: 'back' };
type Special = { kind: 'unknown' } | { kind: 'na' } | { kind: 'note' } | { kind: 'help' } | { kind: 'back' };
type Pick<V> = { kind: 'value'; value: V } | Special;

export async function runFlow(q: Questionnaire, draft: Draft, io: FlowIo, lang: Locale): Promise<Draft> {
  const t = catalogue(lang).interview;
  const ctx = io.context;

  if (!draft.organisation) {
    const name = await input({ message: t.organisation(), validate: (v) => (v.trim() === '' ? t.organisationRequired() : true) }, ctx);
    draft.organisation = { name: name.trim() };
    io.save(draft);
  }
  if (!draft.respondent) {
    // The questionnaire's respondent roles (format 2), else the tool's list.
    const texts = textsFor(q, lang);
    const choices = indexed(q).respondents.map((r) => ({ value: r.id, name: texts.respondent(r.id) }));
    const role = await select({ message: t.role(), theme: theme(lang), choices }, ctx);
    draft.respondent = { role };
    io.save(draft);
  }

  const missingContext = q.context.filter((c) => draft.context[c.id] === undefined);
  if (missingContext.length > 0) io.print(t.contextIntro());
  for (const c of missingContext) {
    draft.context[c.id] = await askContext(c, lang, t, ctx, (s) => io.print(s));
    io.save(draft);
  }

  const ix = indexed(q);
  const asked = () => askedQuestions(ix, draft.context);
  let list = asked();
  let i = list.findIndex((x) => draft.answers[x.id] === undefined);
  if (i < 0) i = list.length;
  while (i < list.length) {
    const question = list[i]!;
    const outcome = await askQuestion(q, question, draft.answers[question.id], { n: i + 1, count: list.length, canBack: i > 0 }, lang, io, draft.context);
    if (outcome.kind === 'back') {
      i -= 1;
      continue;
    }
    draft.answers[question.id] = outcome.entry;
    io.save(draft);
    list = asked();
    i = list.findIndex((x, j) => j > i && draft.answers[x.id] === undefined);
    if (i < 0) i = list.length;
  }

  // Review: change any answer, then finish.
  for (;;) {
    list = asked();
    const choice = await select<string>(
      {
        message: t.review(),
        pageSize: 15,
        theme: theme(lang),
        choices: [
          { value: '', name: t.finish() },
          new Separator(),
          ...list.map((x, n) => ({
            value: x.id,
            name: `${String(n + 1).padStart(2)}. ${shorten(text(x.text, lang), 60)} → ${describeEntry(q, x, draft.answers[x.id], lang, t)}`,
          })),
        ],
      },
      ctx,
    );
    if (choice === '') break;
    const question = list.find((x) => x.id === choice)!;
    const outcome = await askQuestion(
      q,
      question,
      draft.answers[question.id],
      { n: list.indexOf(question) + 1, count: list.length, canBack: false },
      lang,
      io,
      draft.context,
    );
    if (outcome.kind === 'answer') {
      draft.answers[question.id] = outcome.entry;
      io.save(draft);
    }
  }
  return draft;
}

async function askContext(c: ContextQuestion, lang: Locale, t: InterviewStrings, ctx: Context, print: (s: string) => void): Promise<string | string[]> {
  const choices = c.options.map((o) => ({ value: o.id, name: text(o.label, lang) }));
  const message = text(c.text, lang);
  if (c.help) print(dim(wrap(text(c.help, lang))));
  if (c.type === 'single') return select({ message, choices, theme: theme(lang) }, ctx);
  return checkbox({ message, choices, theme: theme(lang), validate: (v) => (v.length === 0 ? t.atLeastOne() : true) }, ctx);
}

async function askQuestion(
  q: Questionnaire,
  question: Question,
  current: AnswerEntry | undefined,
  position: { n: number; count: number; canBack: boolean },
  lang: Locale,
  io: FlowIo,
  context: Record<string, string | string[]> = {},
): Promise<Outcome> {
  const t = catalogue(lang).interview;
  // The organisation's context chooses the wording (a jurisdiction's vocabulary).
  const words = textsFor(q, lang, context);
  const principle = q.principles.find((p) => p.id === question.principle);
  const level = q.levels.find((l) => l.rank === question.level);
  const header = t.header({
    n: position.n,
    count: position.count,
    principle: text(principle?.title, lang),
    level: question.level,
    levelTitle: text(level?.title, lang),
  });
  let note = entryNote(current);
  const currentValue = entryValue(current);

  for (;;) {
    io.print(`\n${dim(header)}`);
    const message = words.question(question.id);
    const pick = await pickAnswer(q, question, message, currentValue, note, position.canBack, lang, io);
    switch (pick.kind) {
      case 'back':
        return { kind: 'back' };
      case 'help':
        io.print(wrap(words.help(question.id) || t.noHelp()));
        continue;
      case 'note': {
        const value = await input({ message: t.note(), default: note ?? '' }, io.context);
        note = value.trim() === '' ? undefined : value.trim();
        continue;
      }
      case 'unknown':
        return { kind: 'answer', entry: note ? { unknown: true, note } : 'unknown' };
      case 'na': {
        const reason = await input({ message: t.naReason(), validate: (v) => (v.trim() === '' ? t.naReasonRequired() : true) }, io.context);
        return { kind: 'answer', entry: note ? { na: reason.trim(), note } : { na: reason.trim() } };
      }
      case 'value':
        return { kind: 'answer', entry: note ? { value: pick.value, note } : pick.value };
    }
  }
}

async function pickAnswer(
  q: Questionnaire,
  question: Question,
  message: string,
  current: AnswerEntry | undefined,
  note: string | undefined,
  canBack: boolean,
  lang: Locale,
  io: FlowIo,
): Promise<Pick<number | string | boolean | string[]>> {
  const t = catalogue(lang).interview;
  const specials: { value: Special; name: string }[] = [
    { value: { kind: 'unknown' }, name: t.dontKnow() },
    { value: { kind: 'na' }, name: t.notApplicable() },
    { value: { kind: 'note' }, name: note ? t.editNote({ note: forTerminal(shorten(note, 30)) }) : t.addNote() },
    { value: { kind: 'help' }, name: t.showHelp() },
    ...(canBack ? [{ value: { kind: 'back' } as Special, name: t.back() }] : []),
  ];
  const currentSpecial = current === 'unknown' ? 'unknown' : undefined;

  if (question.type === 'number') {
    const hint = t.numberHint({ min: question.min, max: question.max, unit: text(question.unit, lang) });
    const raw = await input(
      {
        message: `${message} (${hint})`,
        default: typeof current === 'number' ? String(current) : currentSpecial === 'unknown' ? '?' : '',
        validate: (v) => (parseNumberInput(v, question.min, question.max) === undefined ? t.numberInvalid({ min: question.min, max: question.max }) : true),
      },
      io.context,
    );
    const parsed = parseNumberInput(raw, question.min, question.max)!;
    return parsed;
  }

  if (question.type === 'multiple') {
    const chosen = Array.isArray(current) ? current : [];
    const values = await checkbox<Pick<string>>(
      {
        message,
        pageSize: 14,
        theme: theme(lang),
        choices: [
          ...question.options.map((o) => ({
            value: picked(o.id),
            name: text(o.label, lang),
            checked: chosen.includes(o.id),
          })),
          new Separator(),
          ...specials.map((s): { value: Pick<string>; name: string } => ({ value: s.value, name: s.name })),
        ],
        validate: (picked) => {
          const special = picked.filter((p) => p.value.kind !== 'value');
          const exclusive = picked.filter(
            (p) => p.value.kind === 'value' && question.options.find((o) => o.id === (p.value as { value: string }).value)?.exclusive,
          );
          if ((special.length > 0 || exclusive.length > 0) && picked.length > 1) return t.specialAlone();
          return true;
        },
      },
      io.context,
    );
    const special = values.find((v) => v.kind !== 'value');
    if (special) return special;
    return { kind: 'value', value: values.map((v) => (v as { value: string }).value) };
  }

  let options: { value: number | string | boolean; name: string; description?: string }[];
  switch (question.type) {
    case 'scale':
      options = (q.scales.find((s) => s.id === question.scale)?.values ?? []).map((v) => ({
        value: v.value,
        name: `${v.value} — ${text(v.label, lang)}`,
        ...(v.description ? { description: text(v.description, lang) } : {}),
      }));
      break;
    case 'single':
      options = question.options.map((o) => ({ value: o.id, name: text(o.label, lang) }));
      break;
    case 'boolean':
      options = [
        { value: true, name: t.yes() },
        { value: false, name: t.no() },
      ];
      break;
  }
  const choices = [
    ...options.map((o) => ({ value: picked(o.value), name: o.name, ...(o.description ? { description: o.description } : {}) })),
    new Separator(),
    ...specials.map((s): { value: Pick<number | string | boolean>; name: string } => ({ value: s.value, name: s.name })),
  ];
  const defaultChoice = choices.find(
    (c) =>
      !(c instanceof Separator) &&
      ((c.value.kind === 'value' && c.value.value === current) || (currentSpecial !== undefined && c.value.kind === currentSpecial)),
  );
  return select(
    { message, choices, pageSize: 14, theme: theme(lang), ...(defaultChoice && !(defaultChoice instanceof Separator) ? { default: defaultChoice.value } : {}) },
    io.context,
  );
}

/** A value picked among a question's choices. */
function picked<V>(value: V): Pick<V> {
  return { kind: 'value', value };
}

/** `12`, `12,5` (French decimal comma), `?` don't know, `na` not applicable, `h` help, `<` back. */
export function parseNumberInput(raw: string, min: number, max: number): Pick<number> | undefined {
  const v = raw.trim().toLowerCase();
  if (v === '?') return { kind: 'unknown' };
  if (v === 'na' || v === 'n/a' || v === 'so') return { kind: 'na' };
  if (v === 'h' || v === 'help' || v === 'aide') return { kind: 'help' };
  if (v === '<') return { kind: 'back' };
  const n = parseDecimal(v);
  return n !== undefined && n >= min && n <= max ? { kind: 'value', value: n } : undefined;
}

function entryNote(entry: AnswerEntry | undefined): string | undefined {
  return entry !== undefined && typeof entry === 'object' && !Array.isArray(entry) ? entry.note : undefined;
}

function entryValue(entry: AnswerEntry | undefined): AnswerEntry | undefined {
  if (entry !== undefined && typeof entry === 'object' && !Array.isArray(entry)) {
    if ('value' in entry) return entry.value;
    if ('unknown' in entry) return 'unknown';
    return undefined;
  }
  return entry;
}

/** Prompt themes: the key tips in the user's language. */
export function theme(lang: Locale) {
  const words = catalogue(lang).interview.keys;
  return {
    style: {
      keysHelpTip: (keys: [string, string][]) => keys.map(([key, action]) => `${key} ${words[action] ?? action}`).join(' • '),
    },
  };
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
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function describeEntry(q: Questionnaire, x: Question, entry: AnswerEntry | undefined, lang: Locale, t: InterviewStrings): string {
  if (entry === undefined) return t.unanswered();
  if (entry === 'unknown' || (typeof entry === 'object' && !Array.isArray(entry) && 'unknown' in entry)) return t.dontKnow();
  if (typeof entry === 'object' && !Array.isArray(entry) && 'na' in entry) return t.notApplicableBecause({ reason: forTerminal(shorten(entry.na, 30)) });
  const v = entryValue(entry);
  if (v === undefined || (Array.isArray(v) && v.length === 0)) return '—';
  return textsFor(q, lang).value(x.id, v as AnswerValue);
}
