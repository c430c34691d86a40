import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/lint/lint.js';
import { cli } from '../helpers/cli.js';
import { parseJson, type LintJson } from '../helpers/read.js';

const DIR = 'test/fixtures/lint';
const fixtures = readdirSync(DIR).sort();

describe('lint', () => {
  it('passes on the built-in questionnaire', async () => {
    expect(await cli(['lint'])).toEqual({
      code: 0,
      stdout:
        'checked: questionnaires/sm-maturity/1.0.0.yaml, questionnaires/sm-maturity/2.0.0.yaml, questionnaires/sm-maturity/2.0.1.yaml, questionnaires/sm-maturity/2.1.0.yaml\n4 files checked: 0 errors, 0 warnings\n',
      stderr: '',
    });
  });

  it('has a failing fixture for every rule', () => {
    expect(fixtures).toEqual(Object.keys(RULES).sort());
  });

  for (const rule of fixtures) {
    const file = join(DIR, rule, '1.0.0.yaml');
    const lines = readFileSync(file, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes(`# lint: ${rule}`)) + 1;
    const severity = RULES[rule]!;
    const exit = severity === 'error' ? 1 : 0;

    it(`${rule}: reported with its id at line ${line}, in text, json and github formats`, async () => {
      expect(line).toBeGreaterThan(0);
      const text = await cli(['lint', file]);
      expect(text.code).toBe(exit);
      expect(text.stdout).toMatch(new RegExp(`^${file.replace(/\./g, '\\.')}:${line}:\\d+: ${severity} \\[${rule}\\] `, 'm'));

      const json = await cli(['lint', file, '--format', 'json']);
      expect(json.code).toBe(exit);
      const { findings } = parseJson<LintJson>(json.stdout);
      expect(findings).toContainEqual(expect.objectContaining({ rule, line, severity, file }));

      const github = await cli(['lint', file, '--format', 'github']);
      expect(github.code).toBe(exit);
      const level = severity === 'error' ? 'error' : 'warning';
      expect(github.stdout).toMatch(new RegExp(`^::${level} file=${file.replace(/\./g, '\\.')},line=${line},col=\\d+,title=${rule}::`, 'm'));
    });
  }

  it('speaks French when asked', async () => {
    const r = await cli(['lint', join(DIR, 'known-refs', '1.0.0.yaml'), '--lang', 'fr']);
    expect(r.stdout).toBe(
      `${DIR}/known-refs/1.0.0.yaml:89:12: error [known-refs] « nobody » ne désigne aucun rôle de ce questionnaire : choisissez dans la liste roles: (owner), par exemple owner: owner\n1 fichier vérifié : 1 erreur, 0 avertissement\n`,
    );
  });

  it('lints every versioned file of a folder', async () => {
    const r = await cli(['lint', 'test/fixtures/lint', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(parseJson<LintJson>(r.stdout).files).toHaveLength(fixtures.length);
  });
});
