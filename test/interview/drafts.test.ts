import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DRAFT_MARK, draftTextForTerminal } from '../../src/interview/draft.js';
import type { AnswersFile } from '../../src/model/answers.js';
import { ANSWER_LIMITS, AnswersSchema } from '../../src/model/answers-schema.js';
import { forTerminal } from '../../src/sinks/terminal.js';
import { interactive } from '../helpers/keyboard.js';
import { TINY } from '../helpers/load.js';
import { readYaml } from '../helpers/read.js';

/*
 * Drafts are never lost and never turned against the terminal: a draft that cannot be read is kept, a
 * person's answers file given to --resume is never rewritten, text typed is held to the answers file's
 * limits as it is typed, and text from a draft reaches the screen inert.
 */
const tmp = (name: string) => mkdtempSync(join(tmpdir(), `smd-drafts-${name}-`));
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The interview with a keyboard, every byte drawn kept as it was written (escape sequences included). */
function interview(args: string[], env?: NodeJS.ProcessEnv) {
  const { keyboard, done, raw } = interactive(args, env);
  return { k: keyboard, done: done.then((r) => ({ ...r, stdout: r.stdout() })), raw };
}

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Sequences a draft might hold to take over a terminal: a clipboard write, a hyperlink, clear screen, right-to-left override. */
const OSC52 = '\u001b]52;c;aGk=\u0007';
const OSC8 = '\u001b]8;;http://x\u001b\\';
const CLEAR = '\u001b[2J';
const RLO = '\u202e';
const EVIL = `Evil ${OSC52}${OSC8}${CLEAR}${RLO}end`;

describe('drafts', () => {
  it('keeps the bytes of a draft it cannot read in a file beside it, and says where, before a new interview', async () => {
    const out = tmp('unread');
    const draft = join(out, 'sm-diagnostic-draft.yaml');
    const body = 'questionnaire: tiny@0.9.0\norganisation: { name: Old }\ndate: 2026-01-01\nanswers: { alpha.q1: 4 }\n';
    writeFileSync(draft, body);
    const before = sha256(draft);
    const { k, done } = interview(['-q', TINY, '-o', out, '--lang', 'en']);
    await k.see('Name of the organisation');
    const kept = join(out, 'sm-diagnostic-draft.unread.yaml');
    expect(k.all.replace(/\n/g, ' ')).toContain(
      `The draft ${draft} cannot be resumed by this interview (another questionnaire version, or a damaged file): it is kept as ${kept}, and a new diagnostic starts.`,
    );
    expect(sha256(kept)).toBe(before);
    k.type('New');
    await k.see('Your role');
    k.ctrlC();
    expect((await done).code).toBe(130);
    expect(sha256(kept)).toBe(before);
    expect(readFileSync(draft, 'utf8').startsWith(DRAFT_MARK)).toBe(true);
  });

  it("run --resume on a person's answers file reads it, saves to a new draft, and leaves the file byte-identical", async () => {
    const out = tmp('user-file');
    const mine = join(out, 'mine.answers.yaml');
    // A person's file: comments, their own layout, one question left to answer.
    const body = [
      '# answers for the board, do not reformat',
      'questionnaire: tiny@1.0.0',
      'organisation: { name: Mine }  # as registered',
      'respondent: { role: direction }',
      'date: 2026-03-01',
      'lang: en',
      'context: { objectives: [a], size: small }',
      'answers:',
      '  alpha.q1: 2',
      '  alpha.q2: some',
      '  alpha.q3: 10',
      '  beta.q1: [x]',
      '  beta.q3: 1',
      '',
    ].join('\n');
    writeFileSync(mine, body);
    const before = sha256(mine);
    const { k, done } = interview(['run', '--resume', mine, '-q', TINY, '-o', out]);
    await k.see('[6/6]');
    const draft = join(out, 'sm-diagnostic-draft.yaml');
    expect(k.all.replace(/\n/g, ' ')).toContain(`${mine} was not written by the interview: it is read and left as it is; your answers are saved in ${draft}.`);
    k.enter(); // beta.q4: yes
    await k.see('Review your answers');
    // The progress went to the new draft, marked as the interview's; the person's file is untouched.
    expect(readFileSync(draft, 'utf8').startsWith(DRAFT_MARK)).toBe(true);
    expect(readYaml<AnswersFile>(draft).answers['beta.q4']).toBe(true);
    expect(sha256(mine)).toBe(before);
    k.enter();
    const r = await done;
    expect(r.code).toBe(0);
    expect(sha256(mine)).toBe(before);
    expect(existsSync(draft)).toBe(false);
    expect(readYaml<AnswersFile>(join(out, `mine-2026-03-01.answers.yaml`)).answers).toEqual({
      'alpha.q1': 2,
      'alpha.q2': 'some',
      'alpha.q3': 10,
      'beta.q1': ['x'],
      'beta.q3': 1,
      'beta.q4': true,
    });
  });

  it("a person's file named like a draft: progress goes to a free name, never over an existing file", async () => {
    const out = tmp('taken');
    const mine = join(out, 'sm-diagnostic-draft.yaml');
    const body = 'questionnaire: tiny@1.0.0\norganisation: { name: Mine }\ndate: 2026-03-01\nanswers: {}\n';
    writeFileSync(mine, body);
    const before = sha256(mine);
    const { k, done } = interview(['run', '--resume', mine, '-q', TINY, '-o', out, '--lang', 'fr'], { LANG: 'fr_FR.UTF-8', NO_COLOR: '1' });
    await k.see('Votre fonction');
    expect(k.all.replace(/\n/g, ' ')).toContain(
      `${mine} n'a pas été écrit par l'entretien : il est lu et laissé tel quel ; vos réponses sont enregistrées dans ${join(out, 'sm-diagnostic-draft-2.yaml')}.`,
    );
    k.enter();
    await k.see('Objectifs ?');
    k.ctrlC();
    const r = await done;
    expect(r.code).toBe(130);
    expect(sha256(mine)).toBe(before);
    expect(r.stderr().replace(/ \\\n {4}/g, ' ')).toContain(`run --resume ${join(out, 'sm-diagnostic-draft-2.yaml')} -q`);
    expect(readYaml<AnswersFile>(join(out, 'sm-diagnostic-draft-2.yaml')).respondent).toEqual({ role: 'direction' });
  });
});

describe('an autosave the system refuses', () => {
  it('is shown, does not stop the interview, and the next answer saves every answer (in French)', async () => {
    const out = tmp('refused');
    const draft = join(out, 'sm-diagnostic-draft.yaml');
    const { k, done } = interview(['-q', TINY, '-o', out, '--lang', 'fr'], { LANG: 'fr_FR.UTF-8', NO_COLOR: '1' });
    await k.see("Nom de l'organisation");
    k.type('Refus');
    await k.see('Votre fonction');
    k.enter();
    await k.see('Objectifs ?');
    k.space();
    k.enter();
    await k.see('Taille ?');
    k.enter();
    await k.see('[1/6]');
    k.enter(); // 0
    await k.see('[2/6]');
    // A folder where the draft was: the system refuses to put a file there.
    rmSync(draft);
    mkdirSync(draft);
    writeFileSync(join(draft, 'x'), '');
    k.down(2);
    k.enter(); // yes
    await k.see('[3/6]');
    expect(k.all.replace(/\n/g, ' ')).toContain(
      `Brouillon non enregistré — impossible d'écrire ${draft} : un dossier porte ce nom (EISDIR). Vos réponses sont gardées en mémoire, et enregistrées de nouveau à la prochaine réponse.`,
    );
    rmSync(draft, { recursive: true });
    k.type('5');
    await k.see('[4/6]');
    expect(k.all.replace(/\n/g, ' ')).toContain(`Brouillon de nouveau enregistré dans ${draft} : aucune réponse perdue.`);
    expect(readYaml<AnswersFile>(draft).answers).toEqual({ 'alpha.q1': 0, 'alpha.q2': 'yes', 'alpha.q3': 5 });
    k.ctrlC();
    expect((await done).code).toBe(130);
  });
});

describe('limits of typed text', () => {
  it("are the answers schema's own", () => {
    const file = (name: string, entry: unknown) => ({
      questionnaire: 'tiny@1.0.0',
      organisation: { name },
      date: '2026-01-01',
      answers: { 'alpha.q1': entry },
    });
    expect(AnswersSchema.safeParse(file('x'.repeat(ANSWER_LIMITS.name), 1)).success).toBe(true);
    expect(AnswersSchema.safeParse(file('x'.repeat(ANSWER_LIMITS.name + 1), 1)).success).toBe(false);
    expect(AnswersSchema.safeParse(file('x', { value: 1, note: 'n'.repeat(ANSWER_LIMITS.note) })).success).toBe(true);
    expect(AnswersSchema.safeParse(file('x', { value: 1, note: 'n'.repeat(ANSWER_LIMITS.note + 1) })).success).toBe(false);
    expect(AnswersSchema.safeParse(file('x', { na: 'r'.repeat(ANSWER_LIMITS.reason) })).success).toBe(true);
    expect(AnswersSchema.safeParse(file('x', { na: 'r'.repeat(ANSWER_LIMITS.reason + 1) })).success).toBe(false);
  });

  it('are checked as the organisation is typed, in French and in English', async () => {
    for (const [env, lang, words] of [
      [{ LANG: 'fr_FR.UTF-8', NO_COLOR: '1' }, 'fr', `${ANSWER_LIMITS.name} caractères au plus, s'il vous plaît : ce texte en a ${ANSWER_LIMITS.name + 1}.`],
      [{ LANG: 'en_US.UTF-8', NO_COLOR: '1' }, 'en', `At most ${ANSWER_LIMITS.name} characters, please: this text has ${ANSWER_LIMITS.name + 1}.`],
    ] as const) {
      const out = tmp(`limits-${lang}`);
      const { k, done } = interview(['-q', TINY, '-o', out, '--lang', lang], env);
      await k.see(lang === 'en' ? 'Name of the organisation' : "Nom de l'organisation");
      k.type('o'.repeat(ANSWER_LIMITS.name + 1));
      await k.see(words);
      // The text typed stays on the line: Backspace brings it to the limit.
      k.key('\u007f');
      k.type('');
      await k.see(lang === 'en' ? 'Your role' : 'Votre fonction');
      k.ctrlC();
      expect((await done).code).toBe(130);
      expect(readYaml<AnswersFile>(join(out, 'sm-diagnostic-draft.yaml')).organisation.name).toBe('o'.repeat(ANSWER_LIMITS.name));
    }
  });

  it('are checked as a note and a reason are typed: one character past the limit is refused, the limit taken', async () => {
    const out = tmp('limits-note');
    const file = {
      questionnaire: 'tiny@1.0.0',
      organisation: { name: 'Long' },
      respondent: { role: 'direction' },
      date: today(),
      lang: 'en',
      context: { objectives: ['a'], size: 'small' },
      answers: { 'alpha.q1': { na: 'r'.repeat(ANSWER_LIMITS.reason), note: 'n'.repeat(ANSWER_LIMITS.note) } },
    };
    const draft = join(out, 'sm-diagnostic-draft.yaml');
    writeFileSync(draft, `${DRAFT_MARK}${JSON.stringify(file)}\n`);
    const { k, done } = interview(['run', '--resume', draft, '-q', TINY, '-o', out]);
    const tab = () => k.input.emit('keypress', null, { name: 'tab', ctrl: false, meta: false, shift: false });
    await k.see('[2/6]');
    k.key('<');
    await k.see('[1/6]');
    k.down(); // from "not applicable" to the note
    k.enter();
    await k.see('Note (Enter to leave empty)');
    tab(); // the note offered, on the line to edit
    k.type('n');
    await k.see(`At most ${ANSWER_LIMITS.note} characters, please: this text has ${ANSWER_LIMITS.note + 1}.`);
    k.key('\u007f');
    k.type('');
    await k.see('[1/6]');
    k.enter(); // not applicable, its reason offered
    await k.see('Why does it not apply?');
    tab();
    k.type('r');
    await k.see(`At most ${ANSWER_LIMITS.reason} characters, please: this text has ${ANSWER_LIMITS.reason + 1}.`);
    k.key('\u007f');
    k.type('');
    await k.see('[2/6]');
    k.ctrlC();
    expect((await done).code).toBe(130);
    const saved = readYaml<AnswersFile>(draft);
    expect(saved.answers['alpha.q1']).toEqual(file.answers['alpha.q1']);
    expect(AnswersSchema.safeParse(saved).success).toBe(true);
  });
});

describe('text from a draft on the terminal', () => {
  it('reaches the screen inert: draft found, review, a saved answer shown again, a note and a reason offered again', async () => {
    const out = tmp('inert');
    const draft = join(out, 'sm-diagnostic-draft.yaml');
    const file = {
      questionnaire: 'tiny@1.0.0',
      organisation: { name: EVIL },
      respondent: { role: `role ${OSC52}${RLO}` },
      date: today(),
      lang: 'en',
      context: { objectives: ['a'], size: 'small' },
      answers: {
        'alpha.q1': { value: 3, note: EVIL },
        'alpha.q2': { na: EVIL },
        'alpha.q3': 10,
        'beta.q1': ['x'],
        'beta.q3': 1,
        'beta.q4': true,
      },
    };
    writeFileSync(draft, `${DRAFT_MARK}${JSON.stringify(file)}\n`);
    const { k, done, raw } = interview(['-q', TINY, '-o', out]);
    await k.see('What would you like to do?');
    expect(k.all).toContain('A draft for Evil \\u001b]52;c;aGk=\\u0007\\u001b]8;;http://x\\u001b\\\\u001b[2J\\u202eend (6 answers)');
    k.enter(); // resume
    await k.see('Review your answers');
    expect(k.screen).toContain('Name of the organisation → Evil \\u001b]52;c;aGk=\\u0007…');
    expect(k.screen).toContain('Your role → role \\u001b]52;c;aGk=\\u0007…');
    expect(k.screen).toContain('2. Q2? → not applicable: Evil \\u001b…');
    k.down(6); // question 2
    k.enter();
    await k.see('[2/6]');
    expect(k.screen.replace(/\s+/g, ' ')).toContain('❯ not applicable: Evil \\u001b]52;c;aGk=\\u0007\\u001b]8;;http://x\\u001b\\\\u001b[2J\\u202eend');
    k.enter(); // its reason, offered again
    await k.see('Why does it not apply?');
    expect(k.screen.replace(/\s+/g, ' ')).toContain('(Evil \\u001b]52;c;aGk=\\u0007\\u001b]8;;http://x\\u001b\\\\u001b[2J\\u202eend)');
    k.type(''); // kept as it was
    await k.see('Review your answers');
    k.down(5); // question 1
    k.enter();
    await k.see('[1/6]');
    k.down(4); // 4, don't know, not applicable, the note
    await k.see('❯ Change the note (“Evil \\u001b]52;c;aGk=\\u0007');
    k.enter();
    await k.see('Note (Enter to leave empty)');
    expect(k.screen.replace(/\s+/g, ' ')).toContain('(Evil \\u001b]52;c;aGk=\\u0007\\u001b]8;;http://x\\u001b\\\\u001b[2J\\u202eend)');
    k.type('');
    await k.see('[1/6]');
    k.enter(); // 3, as before
    await k.see('Review your answers');
    k.enter();
    const r = await done;
    expect(r.code).toBe(0);
    // Nothing the draft held was written to the terminal as it is.
    const drawn = raw();
    for (const sequence of ['\u001b]', '\u001b[2J', RLO, '\u0007']) expect(drawn.includes(sequence)).toBe(false);

    // The resume banner and the interruption name a draft whose file name holds the same sequences.
    const named = join(out, `d${OSC52}${RLO}.yaml`);
    writeFileSync(named, `${DRAFT_MARK}${JSON.stringify({ ...file, answers: { 'alpha.q1': { note: EVIL } } })}\n`);
    const again = interview(['run', '--resume', named, '-q', TINY, '-o', out]);
    await again.k.see('[1/6]');
    expect(again.k.all).toContain(`Resuming ${join(out, 'd\\u001b]52;c;aGk=\\u0007\\u202e.yaml')}: 0 of 6 questions already answered.`);
    again.k.ctrlC();
    const stopped = await again.done;
    expect(stopped.code).toBe(130);
    for (const text of [again.raw(), stopped.stderr()]) for (const sequence of ['\u001b]', RLO, '\u0007']) expect(text.includes(sequence)).toBe(false);
    // And the answers themselves are kept as they were.
    const answers = readYaml<AnswersFile>(
      join(
        out,
        readdirSync(out).find((f) => f.endsWith('.answers.yaml'))!,
      ),
    );
    expect(answers.organisation.name).toBe(EVIL);
    expect(answers.answers['alpha.q1']).toEqual({ value: 3, note: EVIL });
    expect(answers.answers['alpha.q2']).toEqual({ na: EVIL });
  });
});

describe('unsaved answers printed as YAML', () => {
  it('are inert on the terminal and read back to the same answers', () => {
    const draft = {
      questionnaire: 'tiny@1.0.0',
      organisation: { name: EVIL },
      respondent: { role: 'direction' },
      date: '2026-12-02',
      lang: 'en',
      context: { objectives: ['a'] },
      answers: { 'alpha.q1': { value: 3, note: `${EVIL}\u0085\u2028\u200b` }, 'alpha.q2': { na: 'plain reason' }, 'beta.q1': ['x'] },
    };
    const text = draftTextForTerminal(draft);
    // Nothing but printable characters and line ends.
    expect([...text].filter((c) => c !== '\n' && forTerminal(c) !== c)).toEqual([]);
    expect(text).toContain('alpha.q2:\n    na: plain reason\n');
    expect(parse(text)).toEqual(draft);
  });

  it('counts as already answered only the questions this context asks that hold an answer (never "53 of 52")', async () => {
    const out = tmp('count');
    const draft = join(out, 'sm-diagnostic-draft.yaml');
    // beta.q2 is asked of large organisations only; alpha.q2 holds a note alone, not an answer.
    writeFileSync(
      draft,
      `${DRAFT_MARK}questionnaire: tiny@1.0.0\norganisation: { name: Acme }\ndate: ${today()}\nlang: en\ncontext: { size: small, objectives: [a] }\nanswers:\n  alpha.q1: 2\n  beta.q2: 3\n  alpha.q2: { note: seen }\n`,
    );
    const { k, done } = interview(['run', '--resume', draft, '-q', TINY, '-o', out]);
    await k.see('Your role');
    expect(k.all).toContain(`Resuming ${draft}: 1 of 6 questions already answered.`);
    k.ctrlC();
    expect((await done).code).toBe(130);
  });
});
