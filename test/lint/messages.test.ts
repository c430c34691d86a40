import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { msg, say } from '../../src/i18n/index.js';
import { plain } from '../../src/i18n/examples.js';
import { cli } from '../helpers/cli.js';
import { terminalWidth, type Io } from '../../src/io/terminal.js';
import { TINY } from '../helpers/load.js';
import { parseJson, type LintJson } from '../helpers/read.js';

/*
 * The messages an author meets first say what is wrong, what to write and where, with an example to
 * paste built from the file's own ids. Each case is the tiny questionnaire with one mistake.
 */

/** The tiny questionnaire with each edit's first occurrence replaced, in a folder of its own; its path. */
function variant(edits: [string, string][]): string {
  let text = readFileSync(TINY, 'utf8').replace(/^.*\n/, '# yaml-language-server: $schema=https://example.org/questionnaire.schema.json\n');
  for (const [from, to] of edits) {
    expect(text, from).toContain(from);
    text = text.replace(from, to);
  }
  const dir = join(mkdtempSync(join(tmpdir(), 'smd-lintmsg-')), 'tiny');
  mkdirSync(dir);
  writeFileSync(join(dir, '1.0.0.yaml'), text);
  return join(dir, '1.0.0.yaml');
}

/** What lint says under `rule`, in `lang`. */
async function said(file: string, rule: string, lang: 'en' | 'fr'): Promise<string[]> {
  const r = await cli(['lint', file, '--format', 'json', '--lang', lang]);
  return parseJson<LintJson>(r.stdout)
    .findings.filter((f) => f.rule === rule)
    .map((f) => f.message);
}

/** The YAML a message gives as its example: its second line, else what follows its last "e.g." or "write". */
function example(message: string): unknown {
  const [first, second] = message.split('\n');
  return parse(second ?? first!.split(/(?:e\.g\.|[Ww]rite) /).pop()!);
}

const BETA_Q3 = '  - { id: beta.q3, principle: beta, level: 2, type: scale, scale: ext, text: { fr: Q7 ?, en: Q7? }, source: [test-source] }\n';
const BETA_Q4 = '  - { id: beta.q4, principle: beta, level: 2, type: boolean, weight: 3, text: { fr: Q8 ?, en: Q8? }, source: [test-source] }\n';

interface Case {
  name: string;
  edits: [string, string][];
  rule: string;
  en: string;
  fr: string;
  /** The example, as YAML reads it. */
  yaml: unknown;
}

const CASES: Case[] = [
  {
    name: 'a cell with one question',
    edits: [[BETA_Q3, '']],
    rule: 'cell-questions',
    en:
      'cell beta.2 has 1 question; expected 2 to 4: add one under questions:, e.g.\n' +
      '- { id: beta.<name>, principle: beta, level: 2, type: scale, scale: ext, text: { fr: …, en: … }, source: [test-source] }',
    fr:
      'la cellule beta.2 a 1 question ; 2 à 4 attendues : ajoutez-en une sous questions:, par exemple :\n' +
      '- { id: beta.<nom>, principle: beta, level: 2, type: scale, scale: ext, text: { fr: …, en: … }, source: [test-source] }',
    yaml: [{ id: 'beta.<name>', principle: 'beta', level: 2, type: 'scale', scale: 'ext', text: { fr: '…', en: '…' }, source: ['test-source'] }],
  },
  {
    name: 'a cell with no question',
    edits: [
      [BETA_Q3, ''],
      [BETA_Q4, ''],
      ['questions: [beta.q4, alpha.q3]', 'questions: [alpha.q3]'],
      ['{ answer: beta.q4, is: true }', '{ answer: alpha.q4, is: true }'],
    ],
    rule: 'cell-questions',
    en:
      'cell beta.2 has 0 questions; expected 2 to 4: add two under questions:, e.g.\n' +
      '- { id: beta.<name>, principle: beta, level: 2, type: scale, scale: ext, text: { fr: …, en: … }, source: [test-source] }',
    fr:
      'la cellule beta.2 a 0 question ; 2 à 4 attendues : ajoutez-en deux sous questions:, par exemple :\n' +
      '- { id: beta.<nom>, principle: beta, level: 2, type: scale, scale: ext, text: { fr: …, en: … }, source: [test-source] }',
    yaml: [{ id: 'beta.<name>', principle: 'beta', level: 2, type: 'scale', scale: 'ext', text: { fr: '…', en: '…' }, source: ['test-source'] }],
  },
  {
    name: 'a cell with five questions',
    edits: [[BETA_Q4, BETA_Q4 + ['q5', 'q6', 'q7'].map((q) => BETA_Q4.replace('beta.q4', `beta.${q}`)).join('')]],
    rule: 'cell-questions',
    en: 'cell beta.2 has 5 questions; expected 2 to 4: remove 1 from questions: or move it to another cell, e.g. in question beta.q7 write level: 1',
    fr: 'la cellule beta.2 a 5 questions ; 2 à 4 attendues : retirez-en 1 de questions: ou déplacez-la vers une autre cellule, par exemple écrivez level: 1 dans la question beta.q7',
    yaml: { level: 1 },
  },
  {
    name: 'a cell with no recommendation',
    edits: [['  - id: alpha.basics\n    cell: { principle: alpha, level: 1 }\n', '  - id: alpha.basics\n    cell: { principle: beta, level: 1 }\n']],
    rule: 'cell-recommendations',
    en:
      'cell alpha.1 has no recommendation: add one under recommendations:, e.g.\n' +
      '- { id: alpha.<name>, cell: { principle: alpha, level: 1 }, title: { fr: …, en: … }, actions: [{ fr: …, en: … }], owner: owner, horizon: 0-3, effort: low, source: [test-source] }',
    fr:
      "la cellule alpha.1 n'a aucune recommandation : ajoutez-en une sous recommendations:, par exemple :\n" +
      '- { id: alpha.<nom>, cell: { principle: alpha, level: 1 }, title: { fr: …, en: … }, actions: [{ fr: …, en: … }], owner: owner, horizon: 0-3, effort: low, source: [test-source] }',
    yaml: [
      {
        id: 'alpha.<name>',
        cell: { principle: 'alpha', level: 1 },
        title: { fr: '…', en: '…' },
        actions: [{ fr: '…', en: '…' }],
        owner: 'owner',
        horizon: '0-3',
        effort: 'low',
        source: ['test-source'],
      },
    ],
  },
  {
    name: 'a text missing in a declared locale',
    edits: [['title: { fr: Petit questionnaire, en: Tiny questionnaire }', 'title: { fr: Petit questionnaire }']],
    rule: 'texts-complete',
    en: 'no "en" text here: add it beside the other languages, e.g. title: { fr: …, en: <the text in en> }',
    fr: 'pas de texte « en » ici : ajoutez-le à côté des autres langues, par exemple title: { fr: …, en: <le texte en en> }',
    yaml: { title: { fr: '…', en: '<the text in en>' } },
  },
  {
    name: 'an action missing in a declared locale',
    edits: [['actions: [{ fr: Faire A., en: Do A. }]', 'actions: [{ en: Do A. }]']],
    rule: 'texts-complete',
    en: 'no "fr" text here: add it beside the other languages, e.g. - { fr: <the text in fr>, en: … }',
    fr: 'pas de texte « fr » ici : ajoutez-le à côté des autres langues, par exemple - { fr: <le texte en fr>, en: … }',
    yaml: [{ fr: '<the text in fr>', en: '…' }],
  },
  {
    name: 'a text in a locale the questionnaire does not declare',
    edits: [
      ['title: { fr: Petit questionnaire, en: Tiny questionnaire }', 'title: { fr: Petit questionnaire, en: Tiny questionnaire, de: Kleiner Fragebogen }'],
    ],
    rule: 'texts-complete',
    en: 'text in "de", which the questionnaire does not declare: remove it, or declare de at the top of the file (every text then needs one in de), e.g. locales: [fr, en, de]',
    fr: 'texte en « de », langue que le questionnaire ne déclare pas : retirez-le, ou déclarez de en haut du fichier (chaque texte devra alors exister en de), par exemple locales: [fr, en, de]',
    yaml: { locales: ['fr', 'en', 'de'] },
  },
  {
    name: "a condition's misspelt question",
    edits: [['when: { answer: alpha.q3, lt: 10 }', 'when: { answer: alpha.q33, lt: 10 }']],
    rule: 'condition-refs',
    en: '"alpha.q33" names no question of this questionnaire: did you mean "alpha.q3"? Write answer: alpha.q3',
    fr: '« alpha.q33 » ne désigne aucune question de ce questionnaire : vouliez-vous dire « alpha.q3 » ? Écrivez answer: alpha.q3',
    yaml: { answer: 'alpha.q3' },
  },
  {
    name: "a condition's unknown question",
    edits: [['when: { answer: alpha.q3, lt: 10 }', 'when: { answer: beta.speed, lt: 10 }']],
    rule: 'condition-refs',
    en: '"beta.speed" names no question of this questionnaire: use one declared under questions:, e.g. answer: beta.q1',
    fr: '« beta.speed » ne désigne aucune question de ce questionnaire : choisissez dans la liste questions:, par exemple answer: beta.q1',
    yaml: { answer: 'beta.q1' },
  },
  {
    name: "an action's unknown question (format 2)",
    edits: [
      ['id: tiny\n', 'format: 2\nid: tiny\n'],
      ['actions: [{ fr: Faire A., en: Do A. }]', 'actions: [{ id: alpha.basics.1, question: alpha.q9, text: { fr: Faire A., en: Do A. } }]'],
    ],
    rule: 'known-refs',
    en: '"alpha.q9" names no question of this questionnaire: did you mean "alpha.q1"? Write question: alpha.q1',
    fr: '« alpha.q9 » ne désigne aucune question de ce questionnaire : vouliez-vous dire « alpha.q1 » ? Écrivez question: alpha.q1',
    yaml: { question: 'alpha.q1' },
  },
  {
    name: "a contradiction's unknown question",
    edits: [['questions: [beta.q4, alpha.q3]', 'questions: [beta.q4, gamma.speed]']],
    rule: 'known-refs',
    en: '"gamma.speed" names no question of this questionnaire: use one declared under questions:, e.g. alpha.q1',
    fr: '« gamma.speed » ne désigne aucune question de ce questionnaire : choisissez dans la liste questions:, par exemple alpha.q1',
    yaml: 'alpha.q1',
  },
  {
    name: "a recommendation's misspelt principle",
    edits: [['cell: { principle: alpha, level: 1 }', 'cell: { principle: alpah, level: 1 }']],
    rule: 'known-refs',
    en: '"alpah" names no principle of this questionnaire: did you mean "alpha"? Write principle: alpha',
    fr: '« alpah » ne désigne aucun principe de ce questionnaire : vouliez-vous dire « alpha » ? Écrivez principle: alpha',
    yaml: { principle: 'alpha' },
  },
  {
    name: "a recommendation's unknown principle",
    edits: [['cell: { principle: alpha, level: 1 }', 'cell: { principle: vision, level: 1 }']],
    rule: 'known-refs',
    en: '"vision" names no principle of this questionnaire: use one declared under principles: (alpha, beta), e.g. principle: alpha',
    fr: '« vision » ne désigne aucun principe de ce questionnaire : choisissez dans la liste principles: (alpha, beta), par exemple principle: alpha',
    yaml: { principle: 'alpha' },
  },
  {
    name: "a recommendation's unknown level",
    edits: [['cell: { principle: alpha, level: 2 }', 'cell: { principle: alpha, level: 5 }']],
    rule: 'known-refs',
    en: '"5" names no level of this questionnaire: use one declared under levels: (1, 2), e.g. level: 2',
    fr: '« 5 » ne désigne aucun niveau de ce questionnaire : choisissez dans la liste levels: (1, 2), par exemple level: 2',
    yaml: { level: 2 },
  },
  {
    name: "a recommendation's misspelt owner",
    edits: [['owner: owner', 'owner: ownr']],
    rule: 'known-refs',
    en: '"ownr" names no role of this questionnaire: did you mean "owner"? Write owner: owner',
    fr: '« ownr » ne désigne aucun rôle de ce questionnaire : vouliez-vous dire « owner » ? Écrivez owner: owner',
    yaml: { owner: 'owner' },
  },
  {
    name: "a recommendation's unknown owner",
    edits: [['owner: owner', 'owner: nobody']],
    rule: 'known-refs',
    en: '"nobody" names no role of this questionnaire: use one declared under roles: (owner), e.g. owner: owner',
    fr: '« nobody » ne désigne aucun rôle de ce questionnaire : choisissez dans la liste roles: (owner), par exemple owner: owner',
    yaml: { owner: 'owner' },
  },
];

describe('lint messages say what to write, where, with an example', () => {
  for (const c of CASES) {
    it(`${c.name}: in English and French, with valid YAML to paste`, async () => {
      const file = variant(c.edits);
      expect(await said(file, c.rule, 'en')).toEqual([c.en]);
      expect(await said(file, c.rule, 'fr')).toEqual([c.fr]);
      expect(example(c.en)).toEqual(c.yaml);
    });
  }

  it('a cell with too many questions and no other cell with room: remove or merge', () => {
    const p = { cell: 'vision.2', count: 6, extra: 2, question: 'vision.f', key: '', value: '' };
    expect(say('en', msg('q.cell-questions-many', p))).toBe(
      'cell vision.2 has 6 questions; expected 2 to 4: remove 2 from questions: (e.g. vision.f) or merge two into one',
    );
    expect(say('fr', msg('q.cell-questions-many', p))).toBe(
      'la cellule vision.2 a 6 questions ; 2 à 4 attendues : retirez-en 2 de questions: (par exemple vision.f) ou fusionnez-en deux',
    );
    const moved = { ...p, key: 'principle', value: 'legal' };
    expect(say('en', msg('q.cell-questions-many', moved))).toBe(
      'cell vision.2 has 6 questions; expected 2 to 4: remove 2 from questions: or move them to another cell, e.g. in question vision.f write principle: legal',
    );
    expect(say('fr', msg('q.cell-questions-many', moved))).toBe(
      'la cellule vision.2 a 6 questions ; 2 à 4 attendues : retirez-en 2 de questions: ou déplacez-les vers une autre cellule, par exemple écrivez principle: legal dans la question vision.f',
    );
  });

  it('an example a questionnaire without scales asks a yes/no question in', () => {
    const p = { cell: 'vision.2', count: 1, principle: 'vision', level: 2, scale: '', source: 'cefrio', locales: 'fr, en, de' };
    expect(say('en', msg('q.cell-questions', p))).toBe(
      'cell vision.2 has 1 question; expected 2 to 4: add one under questions:, e.g.\n' +
        '- { id: vision.<name>, principle: vision, level: 2, type: boolean, text: { fr: …, en: …, de: … }, source: [cefrio] }',
    );
  });

  it('quotes in an example what YAML would not read as text', () => {
    expect(['vision', 'fr-CA', 'no', 'Yes', 'true', 'null', '12', '1.5'].map(plain)).toEqual([
      'vision',
      'fr-CA',
      '"no"',
      '"Yes"',
      '"true"',
      '"null"',
      '"12"',
      '"1.5"',
    ]);
  });

  it('pasting the examples fixes the findings', async () => {
    const file = variant([
      [BETA_Q3, ''],
      ['  - id: alpha.basics\n    cell: { principle: alpha, level: 1 }\n', '  - id: alpha.basics\n    cell: { principle: beta, level: 1 }\n'],
      ['title: { fr: Petit questionnaire, en: Tiny questionnaire }', 'title: { fr: Petit questionnaire }'],
    ]);
    const r = await cli(['lint', file, '--format', 'json']);
    const messages = parseJson<LintJson>(r.stdout).findings.map((f) => f.message);
    expect(messages).toHaveLength(3);
    // Each example with its placeholders written, where its message says.
    const fill = (s: string) => s.replace('<name>', 'pasted').replace(/<the text in \w+>/, 'Pasted');
    const [title, question, recommendation] = messages.map((m) => fill(m.split('\n')[1] ?? m.split('e.g. ').pop()!));
    let text = readFileSync(file, 'utf8');
    text = text.replace('title: { fr: Petit questionnaire }', title!);
    text = text.replace('questions:\n', `questions:\n  ${question}\n`);
    text = text.replace('recommendations:\n', `recommendations:\n  ${recommendation}\n`);
    writeFileSync(file, text);
    const fixed = await cli(['lint', file]);
    expect(fixed.stdout).toContain('1 file checked: 0 errors, 0 warnings');
    expect(fixed.code).toBe(0);
  });

  it('a message on two lines: the text format indents the example, JSON keeps the line break, GitHub escapes it', async () => {
    const file = 'test/fixtures/lint/cell-questions/1.0.0.yaml';
    const first = 'cell beta.2 has 1 question; expected 2 to 4: add one under questions:, e.g.';
    const yaml = '- { id: beta.<name>, principle: beta, level: 2, type: scale, scale: ext, text: { fr: …, en: … }, source: [test-source] }';
    expect((await cli(['lint', file])).stdout).toBe(`${file}:78:5: error [cell-questions] ${first}\n    ${yaml}\n1 file checked: 1 error, 0 warnings\n`);
    expect(parseJson<LintJson>((await cli(['lint', file, '--format', 'json'])).stdout).findings[0]!.message).toBe(`${first}\n${yaml}`);
    expect((await cli(['lint', file, '--format', 'github'])).stdout).toBe(`::error file=${file},line=78,col=5,title=cell-questions::${first}%0A${yaml}\n`);
  });
});

describe('lint on a terminal', () => {
  it('wraps each finding within the terminal’s 80 columns at words; an example stays whole on its line', async () => {
    for (const c of CASES) {
      const file = variant(c.edits);
      const piped = await cli(['lint', file, '--lang', 'fr']);
      const drawn = await cli(['lint', file, '--lang', 'fr', '--no-color'], { tty: true });
      expect(drawn.code, c.name).toBe(piped.code);
      const lines = drawn.stdout.split('\n');
      expect(
        lines.filter((l) => !l.startsWith('    - {') && [...l].length > 80),
        c.name,
      ).toEqual([]);
      // The same words, only the line breaks moved.
      const words = (s: string) => s.split(/\s+/).filter(Boolean);
      expect(words(drawn.stdout), c.name).toEqual(words(piped.stdout));
    }
  });
});

describe('the width of a terminal that does not say', () => {
  it('is 80 columns when the terminal reports 0 (script with no size) or nothing (a pipe)', () => {
    const io = (columns?: number) => ({ stdout: { write: () => true, isTTY: true, ...(columns !== undefined ? { columns } : {}) } }) as unknown as Io;
    expect([terminalWidth(io(0)), terminalWidth(io()), terminalWidth(io(120))]).toEqual([80, 80, 120]);
  });
});

describe('a comma inside { … } that cuts a text', () => {
  it('says the rest is read as a language and to quote the whole text, in English and French', async () => {
    const file = variant([['label: { fr: Responsable, en: Owner }', 'label: { fr: Responsable, de la page, en: Owner }']]);
    expect(await said(file, 'schema', 'en')).toEqual([
      '"de la page" is read as a language: a comma inside { … } ends a text there; put the whole text in double quotes, e.g. fr: "…, de la page"',
    ]);
    expect(await said(file, 'schema', 'fr')).toEqual([
      '« de la page » est lu comme une langue : une virgule entre { … } y coupe le texte ; mettez tout le texte entre guillemets droits, par exemple fr: "…, de la page"',
    ]);
  });
});

describe('level ranks with a gap', () => {
  it('are the one finding: the level references and cells they upset are not listed as well', async () => {
    const file = variant([['rank: 2', 'rank: 3']]);
    const r = await cli(['lint', file, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(parseJson<LintJson>(r.stdout).findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([
      'level-ranks: level ranks must be 1 to 2 with no gap (found 1, 3)',
    ]);
  });
});

describe('a version that does not match its file, a condition on an option that does not exist', () => {
  it('say what to write, in English and French', async () => {
    const copied = variant([['version: 1.0.0', 'version: 1.0.1']]);
    expect(await said(copied, 'file-name', 'en')).toEqual([
      'version: 1.0.1 does not match the file name 1.0.0.yaml: write version: 1.0.0 (a copy for a new version), or name the file 1.0.1.yaml',
    ]);
    expect(await said(copied, 'file-name', 'fr')).toEqual([
      'version: 1.0.1 ne correspond pas au nom du fichier 1.0.0.yaml : écrivez version: 1.0.0 (une copie pour une nouvelle version), ou nommez le fichier 1.0.1.yaml',
    ]);
    const option = variant([['{ context: size, is: small }', '{ context: size, is: tiny }']]);
    expect(await said(option, 'condition-refs', 'en')).toEqual(['"tiny" is not an option of "size": expected one of small, large']);
    expect(await said(option, 'condition-refs', 'fr')).toEqual(['"tiny" n\'est pas une option de « size » : attendu l\'une de small, large']);
  });
});
