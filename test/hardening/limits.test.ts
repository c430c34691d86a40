import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { inside, slug } from '../../src/io/write.js';
import { cli } from '../helpers/cli.js';
import { TINY } from '../helpers/load.js';
import { parseJson, readYaml, type LintJson } from '../helpers/read.js';

/** The fields of a questionnaire file that these tests change. */
interface QuestionnaireYaml {
  questions: { id: string; type: string; options?: unknown[] }[];
}

const tmp = (name: string) => mkdtempSync(join(tmpdir(), `smd-limits-${name}-`));

describe('limits', () => {
  it('refuses a questionnaire with more than 500 questions, located', async () => {
    const q = readYaml<QuestionnaireYaml>(TINY);
    const first = q.questions[0]!;
    q.questions = Array.from({ length: 501 }, (_, i) => ({ ...first, id: `alpha.g${i}` }));
    const dir = tmp('questions');
    mkdirSync(join(dir, 'tiny'));
    writeFileSync(join(dir, 'tiny', '1.0.0.yaml'), stringify(q, { aliasDuplicateObjects: false }));
    const r = await cli(['run', '--answers', 'test/fixtures/questionnaires/tiny-answers.yaml', '-q', join(dir, 'tiny', '1.0.0.yaml'), '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/1\.0\.0\.yaml:\d+:\d+: too long: expected at most 500 items or characters\n/);
  });

  it('refuses more than 50 options to a question', async () => {
    const q = readYaml<QuestionnaireYaml>(TINY);
    const single = q.questions.find((x) => x.type === 'single')!;
    single.options = Array.from({ length: 51 }, (_, i) => ({ id: `o${i}`, score: 0, label: { fr: `o${i}`, en: `o${i}` } }));
    const dir = tmp('options');
    writeFileSync(join(dir, 'q.yaml'), stringify(q, { aliasDuplicateObjects: false }));
    const r = await cli(['lint', join(dir, 'q.yaml'), '--format', 'json']);
    expect(r.code).toBe(1);
    expect(parseJson<LintJson>(r.stdout).findings.map((f) => [f.rule, f.message])).toContainEqual([
      'schema',
      'too long: expected at most 50 items or characters',
    ]);
  });
});

describe('paths', () => {
  it('makes file names from organisation names that cannot leave the output folder', async () => {
    expect(slug('../../../etc/passwd')).toBe('etc-passwd');
    expect(slug('..')).toBe('organisation');
    expect(slug('C:\\Windows\\System32')).toBe('c-windows-system32');
    expect(slug('Mairie de Saint-Étienne-du-Rouvray')).toBe('mairie-de-saint-etienne-du-rouvray');
    expect(() => inside('/tmp/out', '../x.md')).toThrow();
    expect(() => inside('/tmp/out', '/etc/passwd')).toThrow();
    expect(inside('/tmp/out', 'ok.md')).toBe(resolve('/tmp/out/ok.md'));

    const dir = tmp('escape');
    const out = join(dir, 'out');
    writeFileSync(join(dir, 'evil.yaml'), 'questionnaire: sm-maturity@1.0.0\norganisation: { name: "../../../../tmp/pwned" }\ndate: 2026-11-23\nanswers: {}\n');
    expect((await cli(['run', '--answers', join(dir, 'evil.yaml'), '-o', out, '--quiet'])).code).toBe(0);
    expect((await cli(['batch', join(dir, 'evil.yaml'), '-o', join(dir, 'batch'), '--jobs', '1', '--quiet'])).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'tmp-pwned-2026-11-23.heatmap.svg',
      'tmp-pwned-2026-11-23.json',
      'tmp-pwned-2026-11-23.ladder.svg',
      'tmp-pwned-2026-11-23.md',
      'tmp-pwned-2026-11-23.radar.svg',
    ]);
    expect(readdirSync(join(dir, 'batch'))).toContain('tmp-pwned.md');
    expect(readdirSync(dir).sort()).toEqual(['batch', 'evil.yaml', 'out']);
  });
});
