import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/model/result.js';
import { cli, spawnCli } from '../helpers/cli.js';
import { parseJson, type ComparisonJson } from '../helpers/read.js';

const tmp = (name: string) => mkdtempSync(join(tmpdir(), `smd-batch-${name}-`));
// The examples answer 1.0.0; the CSV export, which names no questionnaire, is read with the same version.
const INPUTS = ['questionnaires/sm-maturity/examples', 'test/fixtures/batch', '--mapping', 'test/fixtures/batch/form-mapping.yaml', '-q', 'sm-maturity@1.0.0'];

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex'),
      ]),
  );
}

describe('batch', () => {
  it('writes every valid report and the summaries, names the invalid inputs, exits 1, and reruns to the same bytes', () => {
    const out = join(tmp('main'), 'portfolio');
    const first = spawnCli(['batch', ...INPUTS, '-o', out, '--lang', 'fr'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(first.code).toBe(1);
    expect(first.stderr).toBe(
      'test/fixtures/batch/invalid-broken.json:6:1: JSON invalide : un guillemet, un crochet ou une accolade fermante manque\n' +
        "test/fixtures/batch/invalid-scale.yaml:6:33: 9 est hors échelle pour « governance.account-inventory » : attendu l'une des valeurs 0, 1, 2, 3, 4, ou unknown\n" +
        '2 entrées refusées sur 12 ; les autres ont été notées\n' +
        '5 remarques sur des entrées traitées avec précaution (doublons, noms rapprochés, réponses manquantes…) : voir summary.md\n' +
        `8 organisations pour 12 entrées : rapports, summary.csv, summary.md et results.jsonl dans ${out}\n`,
    );
    const organisations = [
      'jardins-partages-faubourg',
      'atelier-bois-durable',
      'clinique-des-lilas',
      'mairie-st-exemple',
      'northwind-industries',
      'epicerie-les-mures',
      'coop-horizon',
      'theatre-quai',
    ];
    expect(readdirSync(out).sort()).toEqual(
      [
        '.sm-diagnostic-batch.json',
        'results.jsonl',
        'summary.csv',
        'summary.md',
        ...organisations.flatMap((o) => [`${o}.json`, `${o}.md`, `${o}.radar.svg`, `${o}.heatmap.svg`, `${o}.ladder.svg`]),
      ].sort(),
    );

    // results.jsonl: one result per organisation, in input order.
    const results = readFileSync(join(out, 'results.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => parseJson<Result>(l));
    expect(results.map((r) => r.organisation.id)).toEqual(organisations);
    // Each organisation's JSON report is its results.jsonl line, written once.
    const lines = readFileSync(join(out, 'results.jsonl'), 'utf8').split('\n');
    organisations.forEach((o, i) => expect(readFileSync(join(out, `${o}.json`), 'utf8')).toBe(`${lines[i]}\n`));

    // The French form export, Windows-1252 and BOM included, reached its reports.
    expect(results.find((r) => r.organisation.id === 'epicerie-les-mures')!.organisation.name).toBe('Épicerie solidaire Les Mûres');
    const coop = results.find((r) => r.organisation.id === 'coop-horizon')!;
    expect(coop.respondents).toEqual([{ role: 'direction' }, { role: 'staff' }, { role: 'staff' }]);
    expect(coop.views.map((v) => [v.view, v.count])).toEqual([
      ['management', 1],
      ['staff', 2],
    ]);
    expect(coop.disagreements.map((d) => d.question)).toEqual([
      'vision.objectives',
      'governance.account-inventory',
      'value.response-time',
      'technology.two-factor',
      'legal.charter',
    ]);
    // Median answers: 3, 1, 2 → 2; 12.5, 48, 24 hours → 24.
    const answer = (id: string) => coop.answers.find((a) => a.question === id)!;
    expect(answer('vision.objectives').value).toBe(2);
    expect(answer('value.response-time').value).toBe(24);
    const report = readFileSync(join(out, 'coop-horizon.md'), 'utf8');
    expect(report).toContain('| Principe | Direction (1) | Équipes (2) |');
    expect(report).toContain(
      '- technology.two-factor — La double authentification est-elle activée sur tous vos comptes officiels ? (0 %–100 %) : Direction générale : oui ; Collaborateur ou agent : non',
    );

    // summary.csv opens in a French spreadsheet: BOM, semicolons, decimal commas, CRLF.
    const csv = readFileSync(join(out, 'summary.csv'), 'utf8');
    expect(
      csv.startsWith('\uFEFForganisation;identifiant;répondants;niveau;niveau_de_pratique;score;cible;réponses_à_confirmer;sans_réponse;Vision stratégique;'),
    ).toBe(true);
    expect(csv).toContain(
      '\r\nMairie de Saint-Exemple;mairie-st-exemple;1;1;1;46,6;2;1;0;50,3;51,5;36,4;46,1;45,2;50,1;Faire connaître et démontrer la valeur, niveau 2;Excellence technologique, niveau 2;Ressources, niveau 2\r\n',
    );
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(md.split('\n')[0]).toBe("# Diagnostic d'intégration des médias sociaux et des usages 2.0 — synthèse du portefeuille, 8 organisations");
    expect(md).toContain('| 0 | Pas encore engagée | 4 | ██████████ |');
    expect(md).toMatch(/\| Vision stratégique \| 7,1 \| [\d,]+ \| [\d,]+ \| [\d,]+ \| 86,0 \|/);

    const before = snapshot(out);
    const second = spawnCli(['batch', ...INPUTS, '-o', out, '--lang', 'fr'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(second.code).toBe(1);
    expect(snapshot(out)).toEqual(before);

    // One thread or several: the same bytes.
    const single = join(tmp('single'), 'portfolio');
    expect(spawnCli(['batch', ...INPUTS, '-o', single, '--lang', 'fr', '--jobs', '1']).code).toBe(1);
    expect(snapshot(single)).toEqual(before);
  });

  it('refuses a non-empty folder it did not make, unless --force', async () => {
    const out = tmp('foreign');
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const r = await cli(['batch', 'questionnaires/sm-maturity/examples', '-o', out, '--jobs', '1']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `sm-diagnostic: error: ${out} is not empty and was not made by sm-diagnostic batch; use --force to write into it\n`,
    });
    expect(readdirSync(out)).toEqual(['notes.txt']);
    expect((await cli(['batch', 'questionnaires/sm-maturity/examples', '-o', out, '--jobs', '1', '--force', '--quiet'])).code).toBe(0);
    expect(readdirSync(out)).toContain('notes.txt');
  });

  it('completes an interrupted run and removes what an earlier run wrote that no input makes any more', async () => {
    const dir = tmp('rerun');
    const inputs = join(dir, 'inputs');
    mkdirSync(inputs);
    for (const f of ['mairie-saint-exemple.yaml', 'atelier-bois-durable.yaml']) {
      writeFileSync(join(inputs, f), readFileSync(join('questionnaires/sm-maturity/examples', f)));
    }
    const out = join(dir, 'out');
    expect((await cli(['batch', inputs, '-o', out, '--jobs', '1', '--quiet'])).code).toBe(0);
    const complete = snapshot(out);
    // A killed run leaves some outputs missing (never half-written: every write is atomic).
    writeFileSync(join(out, 'summary.md'), '');
    readdirSync(out)
      .filter((f) => f.startsWith('atelier'))
      .forEach((f) => writeFileSync(join(out, f), ''));
    expect((await cli(['batch', inputs, '-o', out, '--jobs', '1', '--quiet'])).code).toBe(0);
    expect(snapshot(out)).toEqual(complete);
    // An input gone: its reports go too.
    writeFileSync(join(inputs, 'atelier-bois-durable.yaml'), readFileSync(join('questionnaires/sm-maturity/examples', 'mairie-saint-exemple.yaml')));
    expect((await cli(['batch', inputs, '-o', out, '--jobs', '1', '--quiet'])).code).toBe(0);
    expect(readdirSync(out).filter((f) => f.startsWith('atelier'))).toEqual([]);
  });

  it('stops at the first invalid input with --fail-fast', async () => {
    const out = join(tmp('fail'), 'out');
    const r = await cli(['batch', 'test/fixtures/batch/invalid-scale.yaml', 'questionnaires/sm-maturity/examples', '-o', out, '--jobs', '1', '--fail-fast']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'test/fixtures/batch/invalid-scale.yaml:6:33: 9 is out of range for "governance.account-inventory": expected one of 0, 1, 2, 3, 4, or unknown\n',
    );
    // Nothing was written: the folder the batch made is gone again.
    expect(existsSync(out)).toBe(false);
  });

  it('locates an unknown CSV column and a bad cell by line and column', async () => {
    const dir = tmp('csv');
    writeFileSync(join(dir, 'a.csv'), 'organisation;date;vision.objectivs\nA;2026-11-23;3\n');
    writeFileSync(join(dir, 'b.csv'), 'organisation;date;vision.objectives;value.response-time\nB;2026-11-23;3;12,5\nC;2026-11-23;beaucoup;4\n');
    const r = await cli(['batch', dir, '-o', join(dir, 'out'), '--jobs', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([
      `${join(dir, 'a.csv')}:1:3: unknown column "vision.objectivs": expected a question id of sm-maturity@2.1.0, context.<id>, organisation, organisation.id, respondent.role, date or lang (or map it with --mapping)`,
      `${join(dir, 'b.csv')}:3:3: wrong kind of answer for "vision.objectives": expected a whole number among 0, 1, 2, 3, 4`,
    ]);
  });
});

describe('compare', () => {
  it('shows the moves of one organisation a year apart', async () => {
    const r = await cli(['compare', 'test/fixtures/compare/mairie-2025.yaml', 'questionnaires/sm-maturity/examples/mairie-saint-exemple.yaml', '--json']);
    expect(r.code).toBe(0);
    const c = parseJson<ComparisonJson>(r.stdout);
    expect(c.overall.level).toEqual({ before: 0, after: 1, delta: 1 });
    expect(c.overall.score).toEqual({ before: 34.88, after: 46.58, delta: 11.7 });
    expect(c.overall.practiceLevel).toEqual({ before: 1, after: 1, delta: 0 });
    expect(c.gapsClosed).toEqual([
      { principle: 'governance', level: 1 },
      { principle: 'technology', level: 1 },
      { principle: 'vision', level: 2 },
    ]);
    expect(c.gapsOpened).toEqual([]);
    expect(c.nextStepsDone).toContain('technology.enable-two-factor');
    expect(c.labels['recommendation:technology.enable-two-factor']).toBe('Activer sans attendre la double authentification sur tous vos comptes');
    const md = await cli([
      'compare',
      'test/fixtures/compare/mairie-2025.yaml',
      'questionnaires/sm-maturity/examples/mairie-saint-exemple.yaml',
      '--lang',
      'fr',
    ]);
    expect(md.stdout).toContain('- **Niveau :** 0 → 1 (+1)');
    expect(md.stdout).toContain('| Gouvernance | 0 → 1 (+1) | 28,1 → 51,5 (+23,3) |');
  });

  it('refuses two different organisations', async () => {
    const r = await cli([
      'compare',
      'questionnaires/sm-maturity/examples/atelier-bois-durable.yaml',
      'questionnaires/sm-maturity/examples/mairie-saint-exemple.yaml',
    ]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'sm-diagnostic: error: these are two organisations ("Atelier Bois Durable" and "Mairie de Saint-Exemple"); compare two assessments of the same one\n',
    });
  });
});
