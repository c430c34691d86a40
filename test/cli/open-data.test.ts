import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/model/result.js';
import { cli } from '../helpers/cli.js';
import { interactive } from '../helpers/keyboard.js';
import { parseJson } from '../helpers/read.js';

/*
 * A questionnaire of another topic and shape (open data: 4 principles × 4 levels, a 3-point scale),
 * committed in format 1 before format 2 existed, and its format-2 release in German and English with an
 * interview intro and respondent roles. The engine knows nothing of social media: none of the built-in
 * questionnaire's words may appear in what it says about this one.
 */

const DIR = 'test/fixtures/questionnaires/open-data';
const FOLDER = ['--questionnaires', 'test/fixtures/questionnaires'];
const V1 = `${DIR}/1.0.0.yaml`;
const V2 = `${DIR}/2.0.0.yaml`;
const tmp = (name: string) => mkdtempSync(join(tmpdir(), `smd-od-${name}-`));

/** Words of the built-in questionnaire (sm-maturity), in its two languages, and of its model. */
const BUILT_IN_WORDS = [
  'social media',
  'médias sociaux',
  'réseaux sociaux',
  'soziale Medien',
  'Social Media',
  'community manager',
  'Community manager',
  'Marketing 2.0',
  'Organisation 2.0',
  'usages 2.0',
  '2.0 usage',
  'Découverte',
  'Discovery',
  'CEFRIO',
  'Facebook',
  'LinkedIn',
  'sm-maturity',
  'Responsable communication',
  'Head of communication',
];

function expectNoBuiltInWords(text: string, where: string) {
  for (const word of BUILT_IN_WORDS) expect(text.includes(word), `"${word}" in ${where}`).toBe(false);
}

const TITLE_DE = 'Reifegradanalyse offene Daten';
const INTRO_DE = 'Diese Befragung richtet sich an eine Person, die weiß, wie Ihre Organisation ihre Daten';
const ROLE_DE = 'Open-Data-Koordination';
const NOTICE = "sm-diagnostic: note: no messages in de: the tool's own words are in English, the questionnaire's in de where it has them\n";

describe('a questionnaire of another shape, format 1 (committed before format 2)', () => {
  it('lints with no finding', async () => {
    expect(await cli(['lint', V1])).toEqual({ code: 0, stdout: '1 file checked: 0 errors, 0 warnings\n', stderr: '' });
  });

  it('runs both its answers files, with its own title and none of the built-in words', async () => {
    for (const [file, title] of [
      ['answers-city.yaml', '# Diagnostic de maturité en données ouvertes — Ville de Saint-Exemple\n'],
      ['answers-company.yaml', '# Open data maturity diagnostic — Example Logistics Ltd\n'],
    ] as const) {
      const out = tmp('v1');
      const r = await cli(['run', '--answers', `${DIR}/${file}`, '-q', V1, '-o', out, '--format', 'md,json,html']);
      expect(r.code, r.stderr).toBe(0);
      for (const f of readdirSync(out).filter((x) => !x.endsWith('.svg'))) {
        const text = readFileSync(join(out, f), 'utf8');
        if (f.endsWith('.md')) expect(text.startsWith(title)).toBe(true);
        expectNoBuiltInWords(text, f);
      }
      expectNoBuiltInWords(r.stdout, 'the terminal');
    }
  });
});

describe('its format-2 release: German and English, an intro, respondent roles', () => {
  it('lints with no finding', async () => {
    expect(await cli(['lint', V2])).toEqual({ code: 0, stdout: '1 file checked: 0 errors, 0 warnings\n', stderr: '' });
  });

  it('runs with --lang de: the questionnaire speaks German, the tool says once that its own words are English', async () => {
    const out = tmp('de');
    const r = await cli(['run', '--answers', `${DIR}/answers-verein-2.0.0.yaml`, '-q', V2, '--lang', 'de', '-o', out, '--format', 'md,json,html']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `${NOTICE}wrote ${out}/naturbeobachtung-hessen-2026-11-12.md\nwrote ${out}/naturbeobachtung-hessen-2026-11-12.html\nwrote ${out}/naturbeobachtung-hessen-2026-11-12.json\n`,
    );
    const md = readFileSync(join(out, 'naturbeobachtung-hessen-2026-11-12.md'), 'utf8');
    expect(md.split('\n')[0]).toBe(`# ${TITLE_DE} — Landesverband Naturbeobachtung Hessen e. V.`);
    expect(md).toContain(`respondent: ${ROLE_DE}`);
    const html = readFileSync(join(out, 'naturbeobachtung-hessen-2026-11-12.html'), 'utf8');
    expect(html).toContain(TITLE_DE);
    expect(html).toContain(ROLE_DE);
    const result = parseJson<Result>(readFileSync(join(out, 'naturbeobachtung-hessen-2026-11-12.json'), 'utf8'));
    expect(result.lang).toBe('de');
    expect(result.labels?.['role:data-lead']).toBe(ROLE_DE);
    const outputs: [string, string][] = [
      ['md', md],
      ['html', html],
      ['json', JSON.stringify(result)],
      ['terminal', r.stdout],
    ];
    for (const [f, text] of outputs) expectNoBuiltInWords(text, f);
  });

  it('refuses a language it has no texts in, naming the ones it has', async () => {
    expect(await cli(['run', '--answers', `${DIR}/answers-verein-2.0.0.yaml`, '-q', V2, '--lang', 'fr'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "sm-diagnostic: erreur : open-data 2.0.0 n'a pas de textes en fr ; ses langues : de, en (choisissez-en une avec --lang)\n",
    });
  });

  it('batches two respondents of one organisation: its roles decide the views, and every output keeps its words', async () => {
    const out = join(tmp('batch'), 'out');
    const r = await cli(['batch', `${DIR}/answers-verein-2.0.0.yaml`, `${DIR}/answers-verein-2.0.0-staff.yaml`, ...FOLDER, '--lang', 'de', '-o', out]);
    expect(r.stderr).toBe(`${NOTICE}1 organisation from 2 inputs: reports, summary.csv, summary.md and results.jsonl in ${out}\n`);
    expect(r.code).toBe(0);
    const result = parseJson<Result>(readFileSync(join(out, 'results.jsonl'), 'utf8'));
    expect(result.respondents).toEqual([{ role: 'data-lead' }, { role: 'data-producer' }]);
    // data-lead counts for management, as the questionnaire declares; data-producer for staff.
    expect(result.views.map((v) => [v.view, v.count])).toEqual([
      ['management', 1],
      ['staff', 1],
    ]);
    const report = readFileSync(join(out, 'naturbeobachtung-hessen.md'), 'utf8');
    expect(report.split('\n')[0]).toBe(`# ${TITLE_DE} — Landesverband Naturbeobachtung Hessen e. V.`);
    expect(report).toContain(ROLE_DE);
    const summary = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(summary.split('\n')[0]).toBe(`# ${TITLE_DE} — portfolio summary, 1 organisation`);
    for (const f of readdirSync(out).filter((x) => !x.endsWith('.svg'))) expectNoBuiltInWords(readFileSync(join(out, f), 'utf8'), f);
  });

  it('compares two assessments of one organisation, under its own title', async () => {
    const dir = tmp('compare');
    const later = readFileSync(`${DIR}/answers-verein-2.0.0.yaml`, 'utf8').replace('date: 2026-11-12', 'date: 2027-05-12');
    writeFileSync(join(dir, 'later.yaml'), later);
    const r = await cli(['compare', `${DIR}/answers-verein-2.0.0.yaml`, join(dir, 'later.yaml'), ...FOLDER, '--lang', 'de']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      '# Progress — Landesverband Naturbeobachtung Hessen e. V.',
      '',
      `${TITLE_DE} · 2026-11-12 (open-data\\@2.0.0) → 2027-05-12 (open-data\\@2.0.0)`,
    ]);
    expectNoBuiltInWords(r.stdout, 'the comparison');
  });

  it('migrates the format-1 answers to 2.0.0 with --migrate, a French file reported in English with a notice', async () => {
    const r = await cli(['run', '--answers', `${DIR}/answers-city.yaml`, ...FOLDER, '--migrate', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([
      'the answers ask for fr, which open-data 2.0.0 has no texts in: report in en',
      'migrated from open-data@1.0.0 to open-data@2.0.0: people.time → people.dedicated-time, strategy.public-duty → ∅',
    ]);
    const result = parseJson<Result>(r.stdout);
    expect([result.questionnaire.version, result.lang]).toEqual(['2.0.0', 'en']);
  });

  it('interviews in German: its title, intro and respondent roles, and none of the built-in words', async () => {
    // An output folder that does not exist yet: made before the first question, so the draft has a home.
    const out = join(tmp('iv'), 'berichte', '2026');
    const { keyboard: k, done } = interactive(['-q', V2, '-o', out], { LANG: 'de_DE.UTF-8', NO_COLOR: '1' });
    await k.see('Language of the questionnaire');
    expect(k.screen).toContain('Deutsch (de)');
    expect(k.screen).toContain('English (en)');
    k.enter(); // Deutsch, from LANG
    await k.see('Name of the organisation');
    expect(k.screen).toContain(`sm-diagnostic — ${TITLE_DE}`);
    expect(k.screen.replace(/\s+/g, ' ')).toContain(INTRO_DE);
    k.type('Stadtwerke Test');
    await k.see('Your role');
    await k.see('Leitung (Geschäftsführung, Vorstand oder Behördenleitung)');
    expect(existsSync(join(out, 'sm-diagnostic-draft.yaml'))).toBe(true);
    expect(k.all).toContain("sm-diagnostic: note: no messages in de: the tool's own words are in English");
    expect(k.screen).toContain(ROLE_DE);
    expectNoBuiltInWords(k.screen, 'the interview');
    k.ctrlC();
    expect((await done).code).toBe(130);
  });
});

describe('one questionnaire per batch, and a diff of a file with itself', () => {
  it('refuses a batch over two questionnaire ids, naming both, and writes nothing', async () => {
    const out = join(tmp('mixed'), 'out');
    const r = await cli(['batch', `${DIR}/answers-company.yaml`, 'questionnaires/sm-maturity/examples/northwind-industries.yaml', ...FOLDER, '-o', out]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'sm-diagnostic: error: a batch scores one questionnaire; these inputs name several: open-data (test/fixtures/questionnaires/open-data/answers-company.yaml); ' +
        'sm-maturity (questionnaires/sm-maturity/examples/northwind-industries.yaml). Run one batch per questionnaire\n',
    });
    expect(readdirSync(join(out, '..'))).toEqual([]);
  });

  it('diff X X: no change, exit 0', async () => {
    expect(await cli(['diff', V2, V2])).toEqual({
      code: 0,
      stdout: `${V2} → ${V2}\n  no change\nneeded bump: none; version bump: none (2.0.0 → 2.0.0): ok\nnothing changed\n`,
      stderr: '',
    });
  });
});
