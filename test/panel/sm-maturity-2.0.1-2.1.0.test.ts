import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeReport } from '../../src/app/report.js';
import { loadAnswers } from '../../src/io/load.js';
import { ROOT } from '../helpers/load.js';

/*
 * sm-maturity 2.0.1, a patch of 2.0.0, and 2.1.0, which gives public bodies their own examples: a law is cited only to the organisations it binds (a blind
 * director found the French electoral code, Québec's Loi 96 and the Swiss data law in a Belgian commune's
 * report), the respondents' notes are quoted under the steps their answers call for, and nothing else
 * moves: the same levels, scores and steps as 2.0.0 for every organisation of the panel.
 */
const SM = join(ROOT, 'questionnaires', 'sm-maturity');
const PANEL = join(SM, 'panel');

function scored(name: string, version: string) {
  const loaded = loadAnswers(join(PANEL, name, 'answers.yaml'), { lang: 'fr', questionnaire: join(SM, `${version}.yaml`) });
  const made = makeReport({ loaded, lang: 'fr', formats: ['md', 'json'] });
  return { result: made.result, md: made.files.find(([f]) => f.endsWith('.md'))![1] as string };
}

describe('sm-maturity 2.0.1 and 2.1.0', () => {
  it.each(readdirSync(PANEL).sort())('%s: the same levels, scores and steps as 2.0.0, in 2.0.1 and 2.1.0', (name) => {
    const a = scored(name, '2.0.0').result;
    for (const version of ['2.0.1', '2.1.0']) {
      const b = scored(name, version).result;
      expect(b.overall).toEqual(a.overall);
      expect(b.principles).toEqual(a.principles);
      expect(b.nextSteps.map((s) => [s.id, s.horizon, s.owner, s.actions])).toEqual(a.nextSteps.map((s) => [s.id, s.horizon, s.owner, s.actions]));
    }
  });

  it("2.1.0 gives a public body a public body's examples: no quote requests, no selling", () => {
    for (const name of ['petite-commune', 'reseau-sante-quebec', 'mairie-saint-exemple']) {
      const before = scored(name, '2.0.1').md;
      const after = scored(name, '2.1.0').md;
      expect(after, name).not.toContain('demandes de devis');
      expect(after, name).not.toContain('(écouter, informer, vendre, recruter, apprendre)');
      if (before.includes('(écouter, informer, vendre, recruter, apprendre)'))
        expect(after, name).toContain('(informer, écouter, servir les usagers, recruter, mobiliser)');
    }
    // A company keeps the company's examples.
    expect(scored('pme-industrielle', '2.1.0').md).toBe(
      scored('pme-industrielle', '2.0.1')
        .md.replaceAll('2.0.1', '2.1.0')
        .replace(/sha256 [0-9a-f]{12}/, scored('pme-industrielle', '2.1.0').md.match(/sha256 [0-9a-f]{12}/)![0]),
    );
  });

  const foreign: [string, string, string[], string[]][] = [
    ['petite-commune', 'Belgium', ['Code électoral (France)', 'Loi 96', 'nLPD, Suisse', 'Loi 25', 'LCAP'], ['RGPD']],
    ['reseau-sante-quebec', 'Québec', ['Code électoral (France)', 'RGPD', 'RGAA', 'nLPD', 'Loi n° 2023-451'], ['Loi 25']],
    ['saas-startup', 'France', ['Loi 25', 'LCAP', 'nLPD', 'Loi sur la concurrence (Canada)', 'Loi 96'], ['Loi n° 2023-451', 'RGPD']],
  ];
  it.each(foreign)('%s (%s): cites no other country’s law, and its own', (name, _where, absent, present) => {
    const { result, md } = scored(name, '2.0.1');
    for (const law of absent) expect(md, law).not.toContain(law);
    for (const law of present) expect(md, law).toContain(law);
    // The result says the same: a step's sources are those that bind the organisation.
    const cited = new Set(result.nextSteps.flatMap((s) => s.sources));
    expect([...cited].filter((id) => ['code-electoral-l52-1', 'loi96-2022', 'nlpd-2023', 'lcap-2014'].includes(id) && name !== 'reseau-sante-quebec')).toEqual(
      [],
    );
  });

  it('a start-up whose blocking points hold it at level 0 is told the level its practices reach beyond them', () => {
    const { result, md } = scored('saas-startup', '2.0.1');
    expect([result.overall.practiceLevel, result.overall.practiceBeyondBlockers, result.blockers.length]).toEqual([0, 1, 6]);
    expect(md).toContain(
      '- **Où vous en êtes :** 0 — Présence non pilotée (score global 55 / 100) ; vos pratiques relèvent du niveau 1 — Découverte, mais 6 points bloquants les retiennent tant qu’ils restent ouverts, alors que vos pratiques les plus avancées atteignent 3 — Organisation 2.0 — approche intégrée (Faire connaître et démontrer la valeur)',
    );
    // A case at its level with no blocking point holding it: no such line.
    expect(scored('grand-groupe', '2.0.1').result.overall.practiceBeyondBlockers).toBeUndefined();
  });

  it('quotes what the respondent noted under the step the answer calls for, once', () => {
    const { md } = scored('petite-commune', '2.0.1');
    expect(md).toContain("> *Ce que vous avez noté :* J'administre la page depuis mon profil personnel ; le bourgmestre aussi, depuis le sien.");
    expect(md).toContain('> *Ce que vous avez noté :* Photos de la fête de l’école et du repas des aînés publiées sans accord écrit.'.replace('’', "'"));
    const quotes = md.split('\n').filter((l) => l.startsWith('> *Ce que vous avez noté :*'));
    expect(new Set(quotes).size).toBe(quotes.length);
  });
});
