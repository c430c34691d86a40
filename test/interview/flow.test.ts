import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNumberInput } from '../../src/interview/flow.js';
import type { AnswersFile } from '../../src/model/answers.js';
import type { Result } from '../../src/model/result.js';
import { interactive, type Keyboard } from '../helpers/keyboard.js';
import { TINY } from '../helpers/load.js';
import { readJson, readYaml } from '../helpers/read.js';

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
const tmp = (name: string) => mkdtempSync(join(tmpdir(), `smd-iv-${name}-`));

/** Answers every scored question with its first choice (a number prompt gets its minimum), then finishes. */
async function answerAll(k: Keyboard, review: RegExp): Promise<number> {
  let count = 0;
  for (;;) {
    await k.see(/\[\d+\/\d+\][\s\S]*\? |Review your answers|Relisez vos réponses/);
    if (review.test(k.screen) && !/\[\d+\/\d+\]/.test(k.screen.split(review)[1] ?? '')) break;
    const screen = k.screen;
    const number = /\((?:a\s+number\s+from|un\s+nombre\s+de)\s+(\d+)/.exec(screen);
    if (number) k.type(number[1]!);
    else k.enter();
    count += 1;
  }
  k.enter();
  return count;
}

/** The tiny questionnaire's opening: its name, the first role, objective "a", and the size given (large asks 7 questions, small 6). */
async function open(k: Keyboard, name: string, size: 'small' | 'large'): Promise<void> {
  await k.see('Name of the organisation');
  k.type(name);
  await k.see('Your role');
  k.enter();
  await k.see('Objectives?');
  k.space();
  k.enter();
  await k.see('Size?');
  if (size === 'large') k.down();
  k.enter();
}

describe('the interview, driven key by key', () => {
  it('names a choice by its meaning: a digit is a scale value, ? is "don\'t know"; N/A undone; notes saved at once and ticks kept; an exclusive option named; a closing block last', async () => {
    const out = tmp('keys');
    const { keyboard: k, done } = interactive(['-q', TINY, '-o', out]);
    const draft = () => readYaml<AnswersFile>(join(out, 'sm-diagnostic-draft.yaml')).answers;
    await k.see('Language of the questionnaire');
    k.enter();
    await open(k, 'Keys Org', 'large');
    await k.see('7 questions for this organisation, about 2 minutes.');

    await k.see('[1/7] Alpha · level 1 — Basic · about 2 min left');
    expect(k.screen).toContain("↑↓ or 0–4 then ⏎ · ? don't know · h help");
    k.key('3');
    await k.see('❯ 3 — Largely');
    k.enter();
    await k.see('[2/7]');
    expect(draft()).toEqual({ 'alpha.q1': 3 });

    k.up(4); // round the list: back, help, note, not applicable
    await k.see('❯ Not applicable…');
    k.enter();
    await k.see('Why does it not apply? (Enter alone: back to the question)');
    k.type('');
    await k.see('[2/7]');
    k.up(3); // back, help, note
    await k.see('❯ Add a note');
    k.enter();
    await k.see('Note (Enter to leave empty)');
    k.type('a note');
    await k.see('Change the note (“a note”)');
    expect(draft()).toEqual({ 'alpha.q1': 3, 'alpha.q2': { note: 'a note' } });
    k.key('<'); // back at once
    await k.see('[1/7]');
    expect(k.screen).toContain('❯ 3 — Largely'); // the saved answer, shown
    k.enter();
    await k.see('[2/7]');
    k.enter(); // No
    await k.see('[3/7]');
    k.type('40');

    await k.see('[4/7]');
    k.space(); // X
    k.up(3); // back, help, note
    await k.see('❯ Add a note');
    k.enter();
    await k.see('Note (Enter to leave empty)');
    k.type('ticks kept');
    await k.see('[4/7]');
    expect(k.screen).toContain('◉ X');
    k.down(3); // None
    k.space();
    k.enter();
    await k.see('“None” goes alone: untick it or the others.');
    k.space();
    k.enter();
    for (const n of [5, 6, 7]) {
      await k.see(`[${n}/7]`);
      k.enter();
    }
    await k.see('Review your answers');
    k.enter();
    const r = await done;
    expect(r.code).toBe(0);
    const base = `keys-org-${today()}`;
    expect(readYaml<AnswersFile>(join(out, `${base}.answers.yaml`)).answers).toEqual({
      'alpha.q1': 3,
      'alpha.q2': { value: 'no', note: 'a note' },
      'alpha.q3': 40,
      'beta.q1': { value: ['x'], note: 'ticks kept' },
      'beta.q2': 0,
      'beta.q3': 0,
      'beta.q4': true,
    });
    // stdout is not a terminal: the report goes there; the terminal ends on the closing block.
    expect(r.stdout()).toMatch(/^# /);
    const closing = r.stderr().trimEnd().split('\n');
    expect(closing).toContain(`Files written in ${out}:`);
    expect(closing).toContain(`  ${base}.html          the report (browser)`);
    // The command is broken with a backslash to fit 80 columns, and still one command when copied.
    expect(closing.slice(-4)).toEqual([
      '',
      'To show the whole report here:',
      '  sm-diagnostic run --answers \\',
      `    ${join(out, `${base}.answers.yaml`)} --print`,
    ]);
  });

  it("runs in English with going back, don't know, not applicable with a reason, a note and the review screen", async () => {
    const out = tmp('en');
    const { keyboard: k, done } = interactive(['-q', TINY, '-o', out]);

    await k.see('Language of the questionnaire');
    k.enter(); // English, detected from LANG
    await k.see('Name of the organisation');
    k.type('Test Org');
    await k.see('Your role');
    k.enter(); // Top management
    await k.see('Objectives?');
    k.space(); // a
    k.enter();
    await k.see('Size?');
    k.down(); // large: beta.q2 is shown
    k.enter();

    await k.see('[1/7] Alpha · level 1 — Basic');
    expect(k.screen).toContain("Don't know");
    expect(k.screen).toContain('Not applicable…');
    k.down(4); // 4 — Fully
    k.enter();

    await k.see('[2/7]');
    k.down(5); // no, some, yes, don't know, not applicable, add a note
    k.enter();
    await k.see('Note (Enter to leave empty)');
    k.type('minutes of the board, 2026');
    await k.see('[2/7]');
    expect(k.screen).toContain('Change the note (“minutes of the board, 2026”)');
    k.down(); // some
    k.enter();

    await k.see('[3/7]');
    expect(k.screen).toContain('a number from 0 to 100 (%)');
    k.type('<'); // back to the previous question
    await k.see('[2/7]');
    k.enter(); // "some" is preselected
    await k.see('[3/7]');
    k.type('30');

    await k.see('[4/7]');
    k.space(); // x
    k.down(2);
    k.space(); // z
    k.enter();

    await k.see('[5/7]');
    k.down(5); // don't know
    k.enter();

    await k.see('[6/7]');
    k.down(6); // not applicable
    k.enter();
    await k.see('Why does it not apply?');
    k.type('we have no such thing');

    await k.see('[7/7]');
    k.down(5); // yes, no, don't know, not applicable, add a note, help
    k.enter();
    await k.see('No help for this question.');
    k.enter(); // yes

    await k.see('Review your answers');
    expect(k.screen).toContain("Q6? → Don't know");
    expect(k.screen).toContain('Name of the organisation → Test Org');
    expect(k.screen).toContain('Size? → Large');
    k.down(5); // from "Finish" past the name, the role and two context answers to question 1 (separators are skipped)
    k.enter();
    await k.see('[1/7]');
    k.up(); // from 4 to 3
    k.enter();
    await k.see('Review your answers');
    expect(k.screen).toContain('Q1? → 3 — Largely');
    k.enter();

    const r = await done;
    expect(r.code).toBe(0);
    const base = `test-org-${today()}`;
    expect(readdirSync(out).sort()).toEqual([
      `${base}.answers.yaml`,
      `${base}.heatmap.svg`,
      `${base}.html`,
      `${base}.json`,
      `${base}.ladder.svg`,
      `${base}.md`,
      `${base}.radar.svg`,
    ]);
    expect(readYaml<AnswersFile>(join(out, `${base}.answers.yaml`))).toEqual({
      questionnaire: 'tiny@1.0.0',
      organisation: { name: 'Test Org' },
      respondent: { role: 'direction' },
      date: today(),
      lang: 'en',
      context: { objectives: ['a'], size: 'large' },
      answers: {
        'alpha.q1': 3,
        'alpha.q2': { value: 'some', note: 'minutes of the board, 2026' },
        'alpha.q3': 30,
        'beta.q1': ['x', 'z'],
        'beta.q2': 'unknown',
        'beta.q3': { na: 'we have no such thing' },
        'beta.q4': true,
      },
    });
    const report = readFileSync(join(out, `${base}.md`), 'utf8');
    expect(report).toContain('| 1 · Q2? | Some | 50% | minutes of the board, 2026 |');
    expect(report).toContain('| 2 · Q7? | not applicable: we have no such thing | — |  |');
    expect(r.stdout()).toBe(report.replace(/\n!\[[^\]]*\]\([^)]*\.svg\)\n/g, ''));
    expect(existsSync(join(out, 'sm-diagnostic-draft.yaml'))).toBe(false);
  });

  it('runs a full French diagnostic on the built-in questionnaire to a report', async () => {
    const out = tmp('fr');
    const { keyboard: k, done } = interactive(['-q', 'sm-maturity@1.0.0', '-o', out], { LANG: 'fr_FR.UTF-8', NO_COLOR: '1' });
    await k.see('Langue du questionnaire');
    k.enter(); // Français
    await k.see("Nom de l'organisation");
    k.type('Commune de Test');
    await k.see('Votre fonction');
    k.down(); // Communication
    k.enter();
    for (const [prompt, keys] of [
      ["Quel type d'organisation", 'down3'],
      ['Combien de personnes', 'down2'],
      ['À qui vous adressez-vous', 'down2'],
      ["Qu’attendez-vous|Qu'attendez-vous", 'objectives'],
      ['Quels moyens', 'down1'],
    ] as const) {
      await k.see(new RegExp(prompt));
      if (keys === 'objectives') {
        k.space(); // listen
        k.down(2);
        k.space(); // serve
      } else k.down(Number(keys.slice(4)));
      k.enter();
    }
    const asked = await answerAll(k, /Relisez vos réponses/);
    const r = await done;
    expect(r.code).toBe(0);
    const base = `commune-de-test-${today()}`;
    const answers = readYaml<AnswersFile>(join(out, `${base}.answers.yaml`));
    expect(answers.lang).toBe('fr');
    expect(answers.context).toEqual({ type: 'public', headcount: '50-249', audience: 'public', objectives: ['listen', 'serve'], capacity: 'part-time' });
    expect(Object.keys(answers.answers)).toHaveLength(asked);
    const result = readJson<Result>(join(out, `${base}.json`));
    expect(result.lang).toBe('fr');
    expect(result.uncertainty.unanswered).toEqual([]);
    expect(readFileSync(join(out, `${base}.md`), 'utf8')).toMatch(/^# Diagnostic d'intégration des médias sociaux et des usages 2\.0 — Commune de Test\n/);
  });

  it('runs a full English diagnostic on the built-in questionnaire to a report', async () => {
    const out = tmp('en-full');
    const { keyboard: k, done } = interactive(['-q', 'sm-maturity@1.0.0', '-o', out, '--lang', 'en']);
    await k.see('Name of the organisation');
    k.type('Acme Widgets');
    await k.see('Your role');
    k.enter();
    for (const prompt of ['What kind of organisation', 'How many people', 'Who do you mainly address', 'What do you expect', 'What means']) {
      await k.see(prompt);
      if (prompt === 'What do you expect') k.space();
      k.enter();
    }
    const asked = await answerAll(k, /Review your answers/);
    const r = await done;
    expect(r.code).toBe(0);
    const result = readJson<Result>(join(out, `acme-widgets-${today()}.json`));
    expect(result.lang).toBe('en');
    expect(result.answers.filter((a) => a.status === 'answered')).toHaveLength(asked);
  });

  it('stops on Ctrl+C with exit 130, keeps the answers given, and resumes where it stopped', async () => {
    const out = tmp('resume');
    const first = interactive(['-q', TINY, '-o', out, '--lang', 'en']);
    let k = first.keyboard;
    await open(k, 'Resumed Org', 'small'); // beta.q2 hidden, 6 questions
    await k.see('[1/6]');
    k.down(2);
    k.enter();
    await k.see('[2/6]');
    k.ctrlC();
    const stopped = await first.done;
    expect(stopped.code).toBe(130);
    const draft = join(out, 'sm-diagnostic-draft.yaml');
    // The command printed names the questionnaire and the folder the interview was started with.
    const resume = `sm-diagnostic run --resume ${draft} -q ${TINY} -o ${out}`;
    // On a terminal the message fits 80 columns: wrapped at words, the command broken with backslashes.
    const said = stopped.stderr();
    expect(said.split('\n').filter((l) => [...l].length > 80)).toEqual([]);
    expect(said.replace(/ \\\n {4}/g, ' ').replace(/\n {2}(?=\/)/g, ' ')).toBe(
      `interrupted; your answers are kept in ${draft}\nto resume, type:\n  ${resume}\n`,
    );
    expect(readYaml<AnswersFile>(draft).answers).toEqual({ 'alpha.q1': 2 });

    const second = interactive(resume.split(' ').slice(1));
    k = second.keyboard;
    await k.see('Resuming');
    expect(k.all).toContain('1 of 6 questions already answered');
    await k.see('[2/6]');
    k.enter();
    await k.see('[3/6]');
    k.type('12,5');
    for (const n of [4, 5, 6]) {
      await k.see(`[${n}/6]`);
      k.enter();
    }
    await k.see('Review your answers');
    k.enter();
    const r = await second.done;
    expect(r.code).toBe(0);
    const answers = readYaml<AnswersFile>(join(out, `resumed-org-${today()}.answers.yaml`)).answers;
    expect(answers).toEqual({ 'alpha.q1': 2, 'alpha.q2': 'no', 'alpha.q3': 12.5, 'beta.q1': [], 'beta.q3': 0, 'beta.q4': true });
    expect(existsSync(draft)).toBe(false);
  });

  it('sets aside a draft it cannot resume before a new interview, never overwriting it', async () => {
    const out = tmp('unread');
    const body = 'questionnaire: tiny@0.9.0\norganisation: { name: Old }\ndate: 2026-01-01\nanswers: { alpha.q1: 4 }\n';
    writeFileSync(join(out, 'sm-diagnostic-draft.yaml'), body);
    const { keyboard: k, done } = interactive(['-q', TINY, '-o', out]);
    await k.see('Language of the questionnaire');
    expect(k.all.replace(/\s+/g, ' ')).toContain(`The draft ${join(out, 'sm-diagnostic-draft.yaml')} cannot be resumed by this interview`);
    expect(readFileSync(join(out, 'sm-diagnostic-draft.unread.yaml'), 'utf8')).toBe(body);
    k.enter();
    await k.see('Name of the organisation');
    k.type('New');
    await k.see('Your role');
    k.ctrlC();
    expect((await done).code).toBe(130);
    expect(readFileSync(join(out, 'sm-diagnostic-draft.unread.yaml'), 'utf8')).toBe(body);
    expect(readYaml<AnswersFile>(join(out, 'sm-diagnostic-draft.yaml')).organisation.name).toBe('New');
  });

  it('refuses a draft made for another questionnaire version', async () => {
    const out = tmp('other');
    const draft = join(out, 'old-draft.yaml');
    writeFileSync(draft, 'questionnaire: tiny@0.9.0\norganisation: { name: Old }\ndate: 2026-01-01\nanswers: {}\n');
    const { done } = interactive(['-q', TINY, '--resume', draft]);
    const r = await done;
    expect(r.code).toBe(2);
    expect(r.stderr().replace(/\n {2}/g, ' ')).toBe(
      `sm-diagnostic: error: ${draft} was made for questionnaire tiny@0.9.0; this interview asks tiny@1.0.0. Score the draft with run --answers ${draft}, or start a new diagnostic\n`,
    );
  });
});

describe('number answers typed in the interview', () => {
  it('accept decimal commas and the shortcuts', () => {
    expect(parseNumberInput('12,5', 0, 100)).toEqual({ kind: 'value', value: 12.5 });
    expect(parseNumberInput(' 7 ', 0, 100)).toEqual({ kind: 'value', value: 7 });
    expect(parseNumberInput('?', 0, 100)).toEqual({ kind: 'unknown' });
    expect(parseNumberInput('na', 0, 100)).toEqual({ kind: 'na' });
    expect(parseNumberInput('<', 0, 100)).toEqual({ kind: 'back' });
    expect(parseNumberInput('h', 0, 100)).toEqual({ kind: 'help' });
    expect(parseNumberInput('101', 0, 100)).toBeUndefined();
    expect(parseNumberInput('douze', 0, 100)).toBeUndefined();
  });
});
