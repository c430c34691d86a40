import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswersFile } from '../../src/model/answers.js';
import { ROOT } from '../helpers/load.js';
import { readYaml } from '../helpers/read.js';
import { Terminal } from '../helpers/tmux.js';

/*
 * The interview as a person meets it: a shell in an 80×24 terminal, the tool started the way they were
 * told (`node bin/…` from a clone, `npx --package` on the packed tarball), keys typed, Ctrl+C, and the
 * resume command copied from the screen and typed back verbatim. The built-in questionnaire, in French
 * and in English.
 */
const t = new Terminal(`smd-iv80-${process.pid}`);
const bin = join(ROOT, 'bin', 'sm-diagnostic.js');
let tarball = '';

beforeAll(() => {
  const dest = mkdtempSync(join(tmpdir(), 'smd-iv80-pack-'));
  // dist/ is built (npm run test:e2e builds first); packing must not rebuild it under the other tests.
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
  ) as { filename: string }[];
  tarball = join(dest, packed[0]!.filename);
});
afterAll(() => t.stop());

const WORDS = {
  fr: {
    locale: 'fr_FR.UTF-8',
    language: 'Langue du questionnaire',
    organisation: "Nom de l'organisation",
    tick: 'espace cocher',
    na: '❯ Sans objet…',
    why: 'Pourquoi est-ce sans objet',
    addNote: '❯ Ajouter une note',
    notePrompt: 'Note (Entrée',
    noted: 'Modifier la note',
    resume: 'pour reprendre, tapez :',
    resumed: 'Reprise de out/sm-diagnostic-draft.yaml',
    review: 'Relisez vos réponses',
    number: /un\s+nombre\s+de\s+(\d+)/,
    priorities: 'Vos priorités :',
    open: 'Pour ouvrir le rapport :',
    print: 'Pour afficher le rapport complet ici :',
    files: 'Fichiers écrits dans out :',
  },
  en: {
    locale: 'en_US.UTF-8',
    language: 'Language of the questionnaire',
    organisation: 'Name of the organisation',
    tick: 'space tick',
    na: '❯ Not applicable…',
    why: 'Why does it not apply',
    addNote: '❯ Add a note',
    notePrompt: 'Note (Enter',
    noted: 'Change the note',
    resume: 'to resume, type:',
    resumed: 'Resuming out/sm-diagnostic-draft.yaml',
    review: 'Review your answers',
    number: /a\s+number\s+from\s+(\d+)/,
    priorities: 'Your priorities:',
    open: 'To open the report:',
    print: 'To show the whole report here:',
    files: 'Files written in out:',
  },
};

const width = (line: string) => [...line].length;

/** The command printed under `label`: its line, and the lines a trailing backslash continues it on. */
function commandAfter(lines: string[], label: string): string {
  const out: string[] = [];
  for (let i = lines.findLastIndex((l) => l.trim() === label) + 1; i < lines.length; i++) {
    out.push(lines[i]!.trimEnd());
    if (!lines[i]!.trimEnd().endsWith('\\')) break;
  }
  return out.join('\n').trim();
}
const oneLine = (command: string) => command.replace(/ \\\n\s+/g, ' ');
const count = (s: string, part: string) => s.split(part).length - 1;

/** Waits until the screen differs from `before`: the program has drawn its answer to the last key. */
async function changed(before: string): Promise<string> {
  const start = Date.now();
  for (;;) {
    const now = t.screen();
    if (now !== before) return now;
    if (Date.now() - start > 10_000) throw new Error(`the screen did not change:\n${now}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

/** The screen once a prompt waits for a key: a list's key hints, or a question to type an answer to. */
async function prompt(): Promise<string> {
  const start = Date.now();
  for (;;) {
    const screen = t.screen();
    const last = screen.trimEnd().split('\n').pop() ?? '';
    // A list's key hints, a number question's hints (wrapped), or a line to type into.
    if (last.includes('⏎') || /(?:retour|back)\)$/.test(last) || last.startsWith('? ')) return screen;
    if (Date.now() - start > 10_000) throw new Error(`no prompt:\n${screen}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

/** Answers whatever is asked (ticks the first option of a list of ticks, the minimum of a number), until `until` shows. */
async function answerUntil(w: (typeof WORDS)['fr'], until: RegExp): Promise<string> {
  let screen = await prompt();
  for (let guard = 0; guard < 200; guard++) {
    const lines = screen.trimEnd().split('\n');
    const tail = lines.slice(-3).join('\n');
    if (until.test(lines.slice(-30).join('\n'))) return screen;
    // A number question's hint, the last one on screen (its text wraps over several lines).
    const hints = [...lines.slice(-8).join(' ').matchAll(new RegExp(w.number.source, 'g'))];
    const number = tail.includes('⏎') ? undefined : hints[hints.length - 1];
    if (tail.includes(w.tick)) t.keys('Space', 'Enter');
    else if (number) {
      t.type(number[1]!);
      t.keys('Enter');
    } else t.keys('Enter');
    await changed(screen);
    screen = await prompt();
  }
  throw new Error('too many prompts');
}

describe('the interview at 80×24', () => {
  for (const [lang, start] of [
    ['fr', 'node'],
    ['en', 'npx'],
  ] as const) {
    it(`${lang}, started with ${start}: 3 saves 3, N/A undone, a note kept across Ctrl+C, the printed resume command run verbatim, the closing block last`, async () => {
      const w = WORDS[lang];
      const dir = mkdtempSync(join(tmpdir(), `smd-iv80-${lang}-`));
      copyFileSync(tarball, join(dir, basename(tarball)));
      await t.shell(dir, {
        LANG: w.locale,
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        TERM: 'xterm-256color',
        npm_config_cache: join(dir, '.npm'),
        npm_config_update_notifier: 'false',
        npm_config_fund: 'false',
      });
      const started = start === 'node' ? `node ${bin}` : `npx --yes --package ./${basename(tarball)} sm-diagnostic`;
      t.run(`${started} -o out`);
      await t.see(w.language, 60_000);
      t.keys('Enter'); // the language of LANG is chosen
      await t.see(w.organisation);
      t.type(`E2E ${lang}`);
      t.keys('Enter');
      const draftFile = join(dir, 'out', 'sm-diagnostic-draft.yaml');
      await answerUntil(w, /\[1\/\d+\]/);

      // A scale question: the digit 3 is the value 3, whatever its row.
      t.type('3');
      await t.see('❯ 3 —');
      t.keys('Enter');
      await t.see('[2/');
      const first = readYaml<AnswersFile>(draftFile).answers;
      expect(Object.values(first)).toEqual([3]);

      // "Not applicable" chosen, then undone with an empty reason: the question is asked again.
      t.keys('Up', 'Up', 'Up', 'Up'); // round the list: back, help, note, not applicable
      await t.see(w.na);
      t.keys('Enter');
      await t.see(w.why);
      const before = count(t.screen(), '[2/');
      t.keys('Enter');
      for (let i = 0; count(t.screen(), '[2/') === before && i < 250; i++) await new Promise((r) => setTimeout(r, 40));
      expect(count(t.screen(), '[2/')).toBe(before + 1);
      t.keys('Enter'); // its first option
      await t.see('[3/');
      const second = readYaml<AnswersFile>(draftFile).answers;
      expect(Object.keys(second)).toHaveLength(2);
      expect(JSON.stringify(second)).not.toContain('"na"');

      // A note on a question not answered yet, then Ctrl+C: the note is in the draft.
      t.keys('Up', 'Up', 'Up'); // back, help, note
      await t.see(w.addNote);
      t.keys('Enter');
      await t.see(w.notePrompt);
      t.type('Vu en comité, mars 2026');
      t.keys('Enter');
      await t.see(w.noted);
      t.keys('C-c');
      expect(await t.ran()).toBe(130);
      const third = readYaml<AnswersFile>(draftFile).answers;
      expect(Object.values(third)).toContainEqual({ note: 'Vu en comité, mars 2026' });

      // The resume command, as printed, typed back.
      const lines = t.lines();
      expect(lines.filter((l) => width(l) > 80)).toEqual([]);
      const command = commandAfter(lines, w.resume);
      const as = start === 'node' ? `node ${bin}` : `npx --yes --package ./${basename(tarball)} sm-diagnostic`;
      expect(oneLine(command)).toBe(`${as} run --resume out/sm-diagnostic-draft.yaml -o out`);
      t.clear();
      t.run(command);
      await t.see(w.resumed, 60_000);
      await t.see('Vu en comité, mars 2026'); // the note, offered to change on the question it was left on
      const review = await answerUntil(w, new RegExp(w.review));
      const shown = review.split('\n').slice(review.split('\n').findLastIndex((l) => l.includes(w.review)));
      expect(shown.filter((l) => width(l) > 80)).toEqual([]);
      t.keys('Enter');
      expect(await t.ran()).toBe(0);

      // The closing block is what the screen ends on; its lines fit 80 columns but for the commands, kept whole to be copied.
      const after = t.lines();
      while (after.length > 0 && after[after.length - 1]!.trim() === '') after.pop();
      const block = after.slice(after.findLastIndex((l) => l === '─'.repeat(80)));
      expect(block[1]).toContain(`E2E ${lang} — `);
      expect(block).toContain(w.priorities);
      expect(block).toContain(w.files);
      const print = commandAfter(block, w.print);
      expect(oneLine(print)).toMatch(/ run --answers out\/e2e-[a-z]+-\d{4}-\d{2}-\d{2}\.answers\.yaml --print$/);
      expect(block.slice(-print.split('\n').length).join('\n').trim()).toBe(print);
      expect(block.filter((l) => width(l) > 80)).toEqual([]);
      // The HTML report is written by default; the draft is gone; every file but the charts is named in the block.
      const files = readdirSync(join(dir, 'out')).filter((f) => !f.endsWith('.svg'));
      const base = files.find((f) => f.endsWith('.answers.yaml'))!.replace('.answers.yaml', '');
      expect(base).toMatch(new RegExp(`^e2e-${lang}-\\d{4}-\\d{2}-\\d{2}$`));
      expect(files.sort()).toEqual([`${base}.answers.yaml`, `${base}.html`, `${base}.json`, `${base}.md`]);
      for (const f of files) expect(block.join('\n')).toContain(f);

      // The whole report, asked for with the printed command: every line fits 80 columns.
      t.clear();
      t.run(print);
      expect(await t.ran()).toBe(0);
      const report = t.lines().filter((l) => l.trim() !== '');
      expect(report.length).toBeGreaterThan(100);
      expect(report.filter((l) => width(l) > 80)).toEqual([]);
    });
  }
});
