import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { ROOT, TINY } from './helpers/load.js';

describe('the library API', () => {
  it('loads, parses, scores and renders without the command line', () => {
    const questionnaire = api.loadQuestionnaireFile(TINY);
    const loaded = api.parseAnswers(
      'questionnaire: tiny@1.0.0\norganisation: { name: API }\ndate: 2026-11-23\ncontext: { size: small }\nanswers:\n  alpha.q1: 4\n',
      { file: 'inline.yaml', questionnaire: TINY, lang: 'en' },
    );
    const scored = api.score(questionnaire.questionnaire, loaded.assessment, { sha256: questionnaire.sha256 });
    expect(scored.overall.target).toBe(1);
    expect(scored.uncertainty.unanswered).toEqual(['alpha.q2', 'alpha.q3', 'alpha.q4', 'beta.q1', 'beta.q3', 'beta.q4']);
    const result = api.present(scored, questionnaire.questionnaire, 'en');
    expect(result.labels['principle:alpha']).toBe('Alpha');
    expect(api.renderMarkdown(result, questionnaire.questionnaire)).toMatch(/^# Tiny questionnaire — API\n/);
    expect(JSON.parse(api.renderJson(result))).toEqual(result);
  });

  it('reports bad answers as a typed error with located problems', () => {
    expect.assertions(2);
    try {
      api.parseAnswers('questionnaire: tiny@1.0.0\norganisation: { name: API }\ndate: 2026-11-23\nanswers:\n  alpha.q1: 9\n', {
        file: 'inline.yaml',
        questionnaire: TINY,
        lang: 'fr',
      });
    } catch (error) {
      expect(error).toBeInstanceOf(api.InputError);
      expect((error as api.InputError).describe('fr')).toBe(
        "inline.yaml:5:13: 9 est hors échelle pour « alpha.q1 » : attendu l'une des valeurs 0, 1, 2, 3, 4, ou unknown",
      );
    }
  });

  it('is the package main entry, importable by its name', () => {
    const script = "import('sm-diagnostic').then((m) => console.log(typeof m.score, typeof m.loadAnswers, m.listBuiltin().map((q) => q.id).join()))";
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('function function sm-maturity\n');
  });
});
