import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { plain } from '../../src/i18n/examples.js';
import { cli } from '../helpers/cli.js';
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
});
