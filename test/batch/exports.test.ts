import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv, splitChoices, sniffDelimiter } from '../../src/batch/csv.js';
import { readMappings } from '../../src/batch/mapping.js';
import { normaliseTitle } from '../../src/batch/columns.js';
import { provenOrder, readDate } from '../../src/batch/dates.js';
import { loadBuiltin } from '../../src/io/load.js';
import type { Result } from '../../src/model/result.js';
import { cli } from '../helpers/cli.js';
import type { InputError } from '../../src/errors.js';
import { parseJson } from '../helpers/read.js';

/**
 * Survey exports as the tools write them (test/fixtures/exports/README.md says how each was made):
 * read as exported, with no conversion and, where the titles are the questionnaire's own texts, no
 * mapping.
 */
const EXPORTS = 'test/fixtures/exports';
const tmp = (name: string) => mkdtempSync(join(tmpdir(), `smd-exports-${name}-`));
const q = loadBuiltin('sm-maturity@2.0.0').questionnaire;

function results(out: string): Result[] {
  return readFileSync(join(out, 'results.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => parseJson<Result>(l));
}

/** The five Google Forms responses (four organisations), as both Google exports must give them. */
const GOOGLE_RESPONDENTS = [
  { name: 'Harbourview Dental Group', date: '2026-11-10', objectives: ['listen', 'sell', 'serve'], roles: ['marketing'] },
  { name: 'Maple Ridge Public Library', date: '2026-11-13', objectives: ['listen', 'serve', 'learn', 'collaborate'], roles: ['community-manager', 'it'] },
  { name: 'Open Trails Alliance', date: '2026-11-11', objectives: ['listen', 'sell', 'advocate'], roles: ['direction'] },
  { name: 'Brightline Analytics', date: '2026-11-12', objectives: ['sell', 'innovate', 'recruit'], roles: ['communication'] },
];

const brief = (r: Result) => ({ name: r.organisation.name, date: r.date, objectives: r.context.objectives, roles: r.respondents.map((x) => x.role) });

describe('survey exports read as exported', () => {
  it('Google Forms download: English question texts as titles, every field quoted, AM/PM GMT timestamps, no mapping', async () => {
    const out = join(tmp('google'), 'out');
    const r = await cli(['batch', `${EXPORTS}/google-forms.csv`, '-o', out, '--jobs', '1']);
    expect(r.stderr).toBe(`4 organisations from 5 inputs: reports, summary.csv, summary.md and results.jsonl in ${out}\n`);
    expect(r.code).toBe(0);
    const all = results(out);
    expect(all.map(brief)).toEqual(GOOGLE_RESPONDENTS);
    // Every question asked was read: none is unanswered (the curly apostrophe and the non-breaking space matched too).
    expect(all.map((x) => x.uncertainty.unanswered)).toEqual([[], [], [], []]);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('5 answer sets from 1 file; 0 refused; 4 assessments of 4 organisations.\n\n## Levels');
  });

  it('the linked Google Sheet: checkbox labels holding commas joined by ", ", month-first dates proven by a row', async () => {
    const out = join(tmp('sheet'), 'out');
    const r = await cli(['batch', `${EXPORTS}/google-forms-sheet.csv`, '-o', out, '--jobs', '1']);
    expect(r.code).toBe(0);
    const all = results(out);
    expect(all.map(brief)).toEqual(GOOGLE_RESPONDENTS);
    expect(all.map((x) => x.uncertainty.unanswered)).toEqual([[], [], [], []]);
  });

  it('Microsoft Forms saved from French Excel: ";", BOM, CRLF, ID/Heure/Adresse columns, trailing ";" — no mapping, in French', async () => {
    const out = join(tmp('msforms'), 'out');
    const r = await cli(['batch', `${EXPORTS}/ms-forms-fr.csv`, '-o', out, '--jobs', '1']);
    expect(r.stderr).toBe(`4 organisations from 4 inputs: reports, summary.csv, summary.md and results.jsonl in ${out}\n`);
    expect(r.code).toBe(0);
    const all = results(out);
    expect(all.map(brief)).toEqual([
      { name: 'Mutuelle des Artisans du Rhône', date: '2026-11-10', objectives: ['listen', 'serve', 'recruit'], roles: ['communication'] },
      { name: 'Ville de Sainte-Aurore', date: '2026-11-12', objectives: ['listen', 'serve', 'learn', 'collaborate'], roles: ['community-manager'] },
      { name: 'Fondation Lumen', date: '2026-11-17', objectives: ['sell', 'advocate'], roles: ['direction'] },
      { name: 'Atelier Numérique Liégeois', date: '2026-12-03', objectives: ['sell', 'innovate'], roles: ['marketing'] },
    ]);
    expect(all.map((x) => [x.lang, x.uncertainty.unanswered.length])).toEqual([
      ['fr', 0],
      ['fr', 0],
      ['fr', 0],
      ['fr', 0],
    ]);
    // The summary speaks the respondents' language, and its CSV is the French spreadsheet's.
    expect(readFileSync(join(out, 'summary.md'), 'utf8').split('\n')[0]).toBe(
      "# Diagnostic d'intégration des médias sociaux et des usages 2.0 — synthèse du portefeuille, 4 organisations",
    );
    expect(readFileSync(join(out, 'summary.csv'), 'utf8').startsWith('\uFEFForganisation;identifiant;')).toBe(true);
  });

  it('LimeSurvey (question codes, answer codes, one column per option) with the skeleton `mapping` wrote, finished by hand', async () => {
    const skeleton = await cli(['mapping', `${EXPORTS}/limesurvey.csv`]);
    expect(skeleton.code).toBe(0);
    const lines = skeleton.stdout.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      `# Mapping of ${EXPORTS}/limesurvey.csv for sm-maturity@2.1.0, written by sm-diagnostic mapping.`,
      '# 8 matched (no line needed), 0 guessed (check each), 45 left to you.',
      '# A target is a question id, context.<id>, <id>[<option>] (one column per option), organisation,',
      '# organisation.id, respondent.role, date, lang or ignore. Uncomment a line to use it.',
      'columns:',
      '  # "id": ignore  # matched',
    ]);
    expect(lines).toContain('  # "submitdate": date  # matched');
    expect(lines).toContain('  # "startdate": ignore  # matched');
    expect(lines).toContain('  # "CTXOBJ[SQ001]":   # no match: write a target, or ignore cells seen: Y');
    expect(lines).toContain('  # "VIS1":   # no match: write a target, or ignore cells seen: AO03 · AO04 · AO02');

    const out = join(tmp('lime'), 'out');
    const r = await cli(['batch', `${EXPORTS}/limesurvey.csv`, '--mapping', `${EXPORTS}/limesurvey.mapping.yaml`, '-o', out, '--jobs', '1']);
    expect(r.code).toBe(0);
    const all = results(out);
    expect(all.map(brief)).toEqual([
      { name: "Coopérative funéraire de l'Estrie", date: '2026-11-10', objectives: ['listen', 'serve'], roles: ['communication'] },
      { name: 'CISSS des Hautes-Terres', date: '2026-11-10', objectives: ['listen', 'serve', 'learn', 'recruit', 'collaborate'], roles: ['community-manager'] },
      { name: 'Microbrasserie Le Bateau Ivre', date: '2026-11-14', objectives: ['listen', 'sell'], roles: ['direction'] },
      { name: 'Gatineau Arts Festival', date: '2026-11-16', objectives: ['sell', 'advocate'], roles: ['marketing'] },
    ]);
    const answer = (x: Result, id: string) => x.answers.find((a) => a.question === id);
    expect(all.map((x) => answer(x, 'technology.access-management')?.status)).toEqual(['answered', 'answered', 'unknown', 'answered']);
    expect(all.map((x) => answer(x, 'legal.public-duties')?.status)).toEqual(['hidden', 'answered', 'hidden', 'hidden']);
  });

  it('a Google Sheet with US dates all ambiguous: refused with a message asking for dateFormat; read month first with it', async () => {
    const refused = await cli(['batch', `${EXPORTS}/google-sheets-us.csv`, '-o', join(tmp('us1'), 'out'), '--jobs', '1']);
    expect(refused.code).toBe(2);
    expect(refused.stderr.split('\n')[0]).toBe(
      `${EXPORTS}/google-sheets-us.csv:2:3: "11/10/2026" in column "date" can be read day first or month first, and no row says which: add dateFormat: DD/MM/YYYY (or MM/DD/YYYY) to a --mapping file`,
    );
    const out = join(tmp('us2'), 'out');
    const r = await cli(['batch', `${EXPORTS}/google-sheets-us.csv`, '--mapping', `${EXPORTS}/google-sheets-us.mapping.yaml`, '-o', out, '--jobs', '1']);
    expect(r.code).toBe(0);
    expect(results(out).map((x) => x.date)).toEqual(['2026-11-10', '2026-03-04', '2026-12-01', '2026-10-12']);
  });
});

describe('a messy portfolio', () => {
  it('says what was done to each input; exit 1 for the refused row only', async () => {
    const out = join(tmp('messy'), 'out');
    const r = await cli(['batch', `${EXPORTS}/messy`, '--mapping', `${EXPORTS}/messy/mapping.yaml`, '-o', out, '--jobs', '1', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `${EXPORTS}/messy/responses.csv:7:24: wrong kind of answer for "governance.roles": expected a whole number among 0, 1, 2, 3, 4\n` +
        '1 input refused out of 10; the others were scored\n' +
        '6 notes on inputs scored with care (duplicates, names merged, answers missing…): see summary.md\n' +
        `6 assessments of 5 organisations from 10 inputs: reports, summary.csv, summary.md and results.jsonl in ${out}\n`,
    );
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    const read = md.slice(md.indexOf('## What was read'), md.indexOf('## Levels'));
    expect(read).toBe(
      [
        '## What was read',
        '',
        '10 answer sets from 5 files; 1 refused; 6 assessments of 5 organisations.',
        '',
        '### Refused (not scored)',
        '',
        'Each input below was left out of the portfolio; fix it and rerun the batch.',
        '',
        '| Where | What |',
        '|---|---|',
        `| ${EXPORTS}/messy/responses.csv:7 | wrong kind of answer for "governance.roles": expected a whole number among 0, 1, 2, 3, 4 |`,
        '',
        '### Done with care (scored, to check)',
        '',
        '| Where | What |',
        '|---|---|',
        `| ${EXPORTS}/messy/responses.csv:6 | Boulangerie Fournil & Fils: 32 of 56 questions unanswered (more than a fifth): scored, to check |`,
        `| ${EXPORTS}/messy/mapping.yaml | the mapping names a column "Commentaire sur la charte" that no export of this batch has |`,
        `| ${EXPORTS}/messy/cafe-du-port.yaml | « Café du Port », « Cafe du Port »: read as one organisation |`,
        `| ${EXPORTS}/messy/moulin-2025.yaml | Les Ateliers du Moulin: answers more than 60 days apart (2025-10-01, 2026-10-01), scored as 2 separate assessments |`,
        `| ${EXPORTS}/messy/responses.csv:4 | Garage Solidaire des Collines: the same answers as ${EXPORTS}/messy/responses.csv:3, counted once |`,
        // Some organisations answered 2.0.0 only: the cohort mixes two versions' scores, and says so.
        '| sm-maturity\\@2.0.0, sm-maturity\\@2.1.0 | organisations scored with different versions of the questionnaire (sm-maturity\\@2.0.0 (2), sm-maturity\\@2.1.0 (4)): each with the newest its respondents answered; compare their scores with care, or score them all with the newest using --migrate |',
        '',
        '',
      ].join('\n'),
    );
    const all = results(out);
    const by = (name: string) => all.filter((x) => x.organisation.name === name);
    // A year apart: two assessments, each in its own files.
    expect(by('Les Ateliers du Moulin').map((x) => x.date)).toEqual(['2025-10-01', '2026-10-01']);
    expect(readFileSync(join(out, 'ateliers-du-moulin-2025-10-01.md'), 'utf8')).toContain('2025-10-01');
    // Two weeks apart, across a file and a CSV row: one assessment of two respondents.
    expect(by('Médiathèque intercommunale du Val').map((x) => x.respondents.map((p) => p.role))).toEqual([['community-manager', 'direction']]);
    // The name variant joined its organisation, under the alias's name.
    expect(by('Café du Port').map((x) => x.respondents.length)).toEqual([2]);
    // The double submission counted once.
    expect(by('Garage Solidaire des Collines').map((x) => x.respondents.length)).toEqual([1]);

    // The catch-all table turned the scale's 1–5 into 0–4 and left the number question's `2` (hours) alone.
    const alone = join(tmp('messy-row'), 'out');
    await cli(['batch', `${EXPORTS}/messy/responses.csv`, '--mapping', `${EXPORTS}/messy/mapping.yaml`, '-o', alone, '--jobs', '1']);
    const cafe = results(alone).find((x) => x.organisation.name === 'Café du Port')!;
    expect(cafe.answers.find((a) => a.question === 'value.response-time')?.value).toBe(2);
  });

  it('a catch-all value table leaves number questions as written', () => {
    const csv = 'organisation,date,vision.objectives,value.response-time\nA,2026-11-10,2,2\n';
    const { rows } = readCsv(csv, 'x.csv', q, { values: { '*': { '2': 1 } } });
    expect(rows[0]!.data.answers).toEqual({ 'vision.objectives': 1, 'value.response-time': 2 });
  });
});

describe('summary.csv dialects', () => {
  const expected = {
    'excel-fr':
      '\uFEFForganisation;id;respondents;level;practice_level;score;target;answers_to_confirm;unanswered;Strategic vision;Governance;Make initiatives known and demonstrate value;Resources;Technological excellence;Legal issues and risks;gap_1;gap_2;gap_3\r\n' +
      '"\'=HYPERLINK(""http://example.com"",""clic"")";;1;0;0;6,1;1;59;59;10,7;10,0;5,0;0,0;11,1;0,0;Make initiatives known and demonstrate value, level 1;Resources, level 1;Legal issues and risks, level 1\r\n' +
      'Café du Port, SARL;;1;0;0;0,6;1;59;59;3,6;0,0;0,0;0,0;0,0;0,0;Governance, level 1;Make initiatives known and demonstrate value, level 1;Resources, level 1\r\n',
    'excel-en':
      '\uFEFForganisation,id,respondents,level,practice_level,score,target,answers_to_confirm,unanswered,Strategic vision,Governance,Make initiatives known and demonstrate value,Resources,Technological excellence,Legal issues and risks,gap_1,gap_2,gap_3\r\n' +
      '"\'=HYPERLINK(""http://example.com"",""clic"")",,1,0,0,6.1,1,59,59,10.7,10.0,5.0,0.0,11.1,0.0,"Make initiatives known and demonstrate value, level 1","Resources, level 1","Legal issues and risks, level 1"\r\n' +
      '"Café du Port, SARL",,1,0,0,0.6,1,59,59,3.6,0.0,0.0,0.0,0.0,0.0,"Governance, level 1","Make initiatives known and demonstrate value, level 1","Resources, level 1"\r\n',
  };
  expected['rfc4180' as keyof typeof expected] = expected['excel-en'].slice(1);

  for (const dialect of ['excel-fr', 'excel-en', 'rfc4180'] as const) {
    it(`--csv ${dialect}: the exact bytes, a name starting with "=" written as '=…`, async () => {
      const out = join(tmp(dialect), 'out');
      const r = await cli(['batch', `${EXPORTS}/dialects.csv`, '-o', out, '--csv', dialect, '--jobs', '1']);
      expect(r.code).toBe(0);
      expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe(expected[dialect as keyof typeof expected]);
    });
  }

  it('defaults from the report language: French gets excel-fr, English excel-en', async () => {
    const fr = join(tmp('fr'), 'out');
    await cli(['batch', `${EXPORTS}/dialects.csv`, '-o', fr, '--lang', 'fr', '--jobs', '1']);
    expect(readFileSync(join(fr, 'summary.csv'), 'utf8').split('\r\n')[2]).toBe(
      'Café du Port, SARL;;1;0;0;0,6;1;59;59;3,6;0,0;0,0;0,0;0,0;0,0;Gouvernance, niveau 1;Faire connaître et démontrer la valeur, niveau 1;Ressources, niveau 1',
    );
    const en = join(tmp('en'), 'out');
    await cli(['batch', `${EXPORTS}/dialects.csv`, '-o', en, '--jobs', '1']);
    expect(readFileSync(join(en, 'summary.csv'), 'utf8')).toBe(expected['excel-en']);
  });

  it('refuses a dialect it does not know', async () => {
    const r = await cli(['batch', `${EXPORTS}/dialects.csv`, '-o', join(tmp('bad'), 'out'), '--csv', 'excel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--csv');
  });
});

describe('reading cells and titles', () => {
  it('splits a multi-select cell by the labels, longest first, whatever joins them', () => {
    const objectives = q.context.find((c) => c.id === 'objectives')!.options;
    expect(splitChoices(objectives, 'Sell, prospect, attract customers or donors, Listen to what is said (monitoring, e-reputation)')).toEqual([
      'sell',
      'listen',
    ]);
    expect(splitChoices(objectives, 'Écouter ce qui se dit (veille, e-réputation);Recruter;')).toEqual(['listen', 'recruit']);
    expect(splitChoices(objectives, 'sell | nonsense')).toEqual(['sell', 'nonsense']);
  });

  it('tells the separator from the data rows, not from a header full of commas', () => {
    expect(sniffDelimiter('Quel type, au juste ?;Et, encore, ceci ?\r\na;b\r\nc;d\r\n')).toBe(';');
    expect(sniffDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(sniffDelimiter('a\tb\n1\t2\n')).toBe('\t');
  });

  it('normalises titles: curly apostrophes, non-breaking spaces, trailing punctuation, case — accents kept', () => {
    expect(normaliseTitle('Quel type d’organisation\u00a0?')).toBe("quel type d'organisation");
    expect(normaliseTitle('Écouter  ce qui se dit\u202f:')).toBe('écouter ce qui se dit');
    expect(normaliseTitle('  Effectif  ')).toBe('effectif');
  });

  it('reads dates as the tools write them, and proves the order of slash dates from the column', () => {
    expect(readDate('2026/11/10 8:37:19 AM GMT-5', undefined)).toEqual({ date: '2026-11-10' });
    expect(readDate('2026-11-10T08:37:19Z', undefined)).toEqual({ date: '2026-11-10' });
    expect(readDate('13/11/2026 08:00', undefined)).toEqual({ date: '2026-11-13' });
    expect(readDate('11/10/2026', undefined)).toEqual({ ambiguous: true });
    expect(readDate('11/10/2026', 'MDY')).toEqual({ date: '2026-11-10' });
    expect(readDate('31/02/2026', 'DMY')).toEqual({ invalid: true });
    expect(provenOrder(['11/10/2026', '11/13/2026'])).toBe('MDY');
    expect(provenOrder(['13/11/2026', '11/13/2026'])).toBe('conflict');
  });

  it('merges several mappings in order, and refuses two that disagree', () => {
    const dir = tmp('maps');
    writeFileSync(join(dir, 'a.yaml'), 'columns:\n  Nom: organisation\nvalues:\n  "*": { Oui: 4 }\naliases:\n  "Café du Port": ["Cafe du Port"]\n');
    writeFileSync(join(dir, 'b.yaml'), 'columns:\n  Quand: date\nignore: ["Adresse*"]\ndateFormat: DD/MM/YYYY\n');
    writeFileSync(join(dir, 'c.yaml'), 'columns:\n  Nom: organisation.id\n');
    expect(readMappings([join(dir, 'a.yaml'), join(dir, 'b.yaml')])).toEqual({
      columns: { Nom: 'organisation', Quand: 'date' },
      values: { '*': { Oui: 4 } },
      aliases: { 'Café du Port': ['Cafe du Port'] },
      ignore: ['Adresse*'],
      dateFormat: 'DD/MM/YYYY',
    });
    let problem: unknown;
    try {
      readMappings([join(dir, 'a.yaml'), join(dir, 'c.yaml')]);
    } catch (error) {
      problem = (error as InputError).problems[0];
    }
    expect(problem).toEqual({
      file: join(dir, 'c.yaml'),
      message: {
        key: 'mapping.conflict',
        params: { key: 'columns."Nom"', first: '"organisation"', second: '"organisation.id"', a: join(dir, 'a.yaml'), b: join(dir, 'c.yaml') },
      },
    });
  });

  it('ignores columns by glob, and lists the columns it could not place once', () => {
    const csv = 'organisation,date,Adresse de courriel,Commentaire libre,vision.objectives\nA,2026-11-10,a@b.c,rien,3\n';
    const { rows, notices } = readCsv(csv, 'x.csv', q, { ignore: ['Adresse*'] });
    expect(rows[0]!.data.answers).toEqual({ 'vision.objectives': 3 });
    expect(notices.map((n) => n.message)).toEqual([{ key: 'csv.ignored-columns', params: { count: 1, columns: '"Commentaire libre"' } }]);
  });
});

describe('deterministic', () => {
  it('two runs, on one thread or two, write the same bytes from the exports and the messy portfolio', async () => {
    const inputs = [`${EXPORTS}/google-forms.csv`, `${EXPORTS}/ms-forms-fr.csv`, `${EXPORTS}/messy`, '--mapping', `${EXPORTS}/messy/mapping.yaml`];
    const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    const one = join(tmp('det1'), 'out');
    const two = join(tmp('det2'), 'out');
    expect((await cli(['batch', ...inputs, '-o', one, '--jobs', '1'])).code).toBe(1);
    const first = snapshot(one);
    expect((await cli(['batch', ...inputs, '-o', one, '--jobs', '1'])).code).toBe(1);
    expect(snapshot(one)).toEqual(first);
    expect((await cli(['batch', ...inputs, '-o', two, '--jobs', '2'])).code).toBe(1);
    expect(snapshot(two)).toEqual(first);
    expect(Object.keys(first).filter((f) => f.endsWith('.md')).length).toBe(15);
  });
});
