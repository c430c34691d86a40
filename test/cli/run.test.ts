import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultSchema, type Result } from '../../src/model/result.js';
import { cli, spawnCli } from '../helpers/cli.js';
import { parseJson, readJson } from '../helpers/read.js';
import { ROOT, TINY } from '../helpers/load.js';

const ANSWERS = 'test/fixtures/questionnaires/tiny-answers.yaml';
const tmp = (name: string) => mkdtempSync(join(tmpdir(), `smd-${name}-`));
const TOP_LEVEL = [
  'format',
  'model',
  'questionnaire',
  'organisation',
  'respondents',
  'date',
  'lang',
  'context',
  'overall',
  'principles',
  'levels',
  'cells',
  'blockers',
  'gaps',
  'nextSteps',
  'otherSteps',
  'strengths',
  'warnings',
  'uncertainty',
  'answers',
  'views',
  'disagreements',
  'labels',
];

describe('run --answers', () => {
  it('writes the Markdown report and the JSON result, and says where', async () => {
    const out = tmp('run');
    const r = await cli(['run', '--answers', ANSWERS, '-q', TINY, '-o', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'hand-worked-example-2026-11-23.heatmap.svg',
      'hand-worked-example-2026-11-23.json',
      'hand-worked-example-2026-11-23.ladder.svg',
      'hand-worked-example-2026-11-23.md',
      'hand-worked-example-2026-11-23.radar.svg',
    ]);
    expect(r.stderr).toBe(`wrote ${join(out, 'hand-worked-example-2026-11-23.md')}\nwrote ${join(out, 'hand-worked-example-2026-11-23.json')}\n`);
    // Not a terminal: the Markdown itself goes to stdout; the file also shows the charts beside it.
    const file = readFileSync(join(out, 'hand-worked-example-2026-11-23.md'), 'utf8');
    expect(file).toContain('![Level reached by principle](hand-worked-example-2026-11-23.radar.svg)');
    expect(r.stdout).toBe(file.replace(/\n!\[[^\]]*\]\([^)]*\.svg\)\n/g, ''));
    const result = readJson<Result>(join(out, 'hand-worked-example-2026-11-23.json'));
    expect(Object.keys(result)).toEqual(TOP_LEVEL);
    expect(ResultSchema.safeParse(result).success).toBe(true);
    expect(result.format).toBe('sm-diagnostic/result@2');
    expect(result.model).toBe(2);
  });

  it('does not overwrite a report without --force, and writes nothing then', async () => {
    const out = tmp('force');
    writeFileSync(join(out, 'hand-worked-example-2026-11-23.md'), 'mine');
    const r = await cli(['run', '--answers', ANSWERS, '-q', TINY, '-o', out, '--quiet']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `sm-diagnostic: error: ${join(out, 'hand-worked-example-2026-11-23.md')} already exists; use --force to overwrite it\n`,
    });
    expect(readdirSync(out)).toEqual(['hand-worked-example-2026-11-23.md']);
    expect((await cli(['run', '--answers', ANSWERS, '-q', TINY, '-o', out, '--quiet', '--force'])).code).toBe(0);
    expect(readFileSync(join(out, 'hand-worked-example-2026-11-23.md'), 'utf8')).toMatch(/^# Tiny questionnaire — Hand-worked example\n/);
  });

  it('prints only the JSON result with --json, and writes no file without -o', async () => {
    const cwd = tmp('json');
    const r = await cli(['run', '--answers', join(ROOT, ANSWERS), '-q', TINY, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(parseJson<Result>(r.stdout).overall).toEqual({
      level: 0,
      practiceLevel: 0,
      target: 1,
      ambition: 2,
      targetSource: 'default',
      score: 66.94,
      levelRange: { min: 0, max: 2 },
      uncertain: 1,
      heldBackBy: ['beta'],
    });
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('writes only the formats asked for', async () => {
    const out = tmp('format');
    expect((await cli(['run', '--answers', ANSWERS, '-q', TINY, '-o', out, '--format', 'json', '--quiet'])).code).toBe(0);
    expect(readdirSync(out)).toEqual(['hand-worked-example-2026-11-23.json']);
  });

  it('speaks the language asked for, else the one of the answers file', async () => {
    const fr = await cli(['run', '--answers', ANSWERS, '-q', TINY, '--lang', 'fr', '--json']);
    expect(parseJson<Result>(fr.stdout).lang).toBe('fr');
    expect(parseJson<Result>(fr.stdout).labels?.['recommendation:beta.later']).toHaveProperty('title', 'Vérifier bêta');
    const en = await cli(['run', '--answers', ANSWERS, '-q', TINY, '--json'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(parseJson<Result>(en.stdout).lang).toBe('en');
  });

  it('takes --target over the questionnaire rules', async () => {
    const r = await cli(['run', '--answers', ANSWERS, '-q', TINY, '--json', '--target', '1']);
    expect(parseJson<Result>(r.stdout).overall.target).toBe(1);
  });

  it('lists unanswered questions on stderr, and fails on them with --strict', async () => {
    const dir = tmp('strict');
    const file = join(dir, 'a.yaml');
    writeFileSync(file, readFileSync(join(ROOT, ANSWERS), 'utf8').replace(/\n {2}beta\.q4:.*\n/, '\n'));
    const lenient = await cli(['run', '--answers', file, '-q', TINY, '--json']);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toBe('1 question unanswered, scored as "don\'t know": beta.q4\n');
    const strict = await cli(['run', '--answers', file, '-q', TINY, '--json', '--strict']);
    expect(strict).toEqual({ code: 2, stdout: '', stderr: `${file}: 1 question unanswered with --strict: beta.q4\n` });
  });

  it('rejects bad option values with exit 2', async () => {
    expect(await cli(['run', '--answers', ANSWERS, '-q', TINY, '--target', '5'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'sm-diagnostic: error: invalid value for --target: "5"; expected 1-2\n',
    });
    expect(await cli(['run', '--answers', ANSWERS, '--format', 'pdf'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'sm-diagnostic: error: invalid value for --format: "pdf"; expected md, json, html\n',
    });
    expect(await cli(['run', '--answers', ANSWERS, '--lang', 'fr_FR!'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'sm-diagnostic: error: invalid value for --lang: "fr_FR!"; expected fr, en, de, fr-CA…\n',
    });
    // A language tag the questionnaire has no texts in: refused rather than a half-translated report.
    expect(await cli(['run', '--answers', ANSWERS, '-q', TINY, '--lang', 'de'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "sm-diagnostic: note: no messages in de: the tool's own words are in English, the questionnaire's in de where it has them\n" +
        'sm-diagnostic: error: tiny 1.0.0 has no texts in de; its languages: fr, en (choose one with --lang)\n',
    });
    expect(await cli(['run', '--bogus'])).toEqual({ code: 2, stdout: '', stderr: 'sm-diagnostic: error: unknown option --bogus; see --help\n' });
    expect((await cli(['run', '--bogus'], { env: { LANG: 'fr_FR.UTF-8' } })).stderr).toBe('sm-diagnostic: erreur : option inconnue --bogus ; voir --help\n');
  });

  it('refuses a questionnaire other than the one the answers name', async () => {
    const r = await cli(['run', '--answers', 'test/fixtures/answers/crlf-bom.yaml', '-q', TINY]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'test/fixtures/answers/crlf-bom.yaml:1:16: this answers file is for questionnaire "sm-maturity", not "tiny"\n',
    });
  });

  it('draws the report for a terminal without colour under NO_COLOR', async () => {
    const out = tmp('tty');
    const r = await cli(['run', '--answers', ANSWERS, '-q', TINY, '-o', out], { tty: true, env: { NO_COLOR: '1', LANG: 'en' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Tiny questionnaire');
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stdout).toContain(
      '  * Where you stand: 0 — Not yet (overall score 67 / 100); Beta does not yet\n    have the basics of 1 — Basic, while your most advanced practices reach 2 —\n    Advanced (Alpha); between 0 and 2 depending on 1 answer to confirm',
    );
    expect(r.stdout).not.toContain('**');
  });
});

describe('the zod schemas, loaded only when needed', () => {
  it('an answers file that is not plainly valid still gets its located message from the built CLI', () => {
    // The built command line does not load zod for a valid file; this one needs it, loaded on the way.
    const dir = mkdtempSync(join(tmpdir(), 'smd-lazy-'));
    const example = readFileSync(join(ROOT, 'questionnaires', 'sm-maturity', 'examples', 'mairie-saint-exemple.yaml'), 'utf8');
    writeFileSync(join(dir, 'bad-date.yaml'), example.replace(/^date: .*$/m, 'date: 24-11-2026'));
    expect(spawnCli(['run', '--answers', 'bad-date.yaml', '-o', 'out'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bad-date.yaml:7:7: invalid value "24-11-2026": expected a date YYYY-MM-DD (e.g. 2026-11-23)\n',
    });
    expect(spawnCli(['run', '--answers', 'bad-date.yaml', '-o', 'out'], { cwd: dir, env: { LANG: 'fr_FR.UTF-8' } }).stderr).toBe(
      'bad-date.yaml:7:7: valeur invalide "24-11-2026" : une date AAAA-MM-JJ (ex. 2026-11-23) attendu\n',
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('without an answers file', () => {
  it('exits 2 at once when stdin is not a terminal, naming --answers, with no prompt', () => {
    const r = spawnCli([], { input: '\n' });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'sm-diagnostic: error: no terminal to ask questions on; give an answers file: sm-diagnostic run --answers FILE\n',
    });
    expect(spawnCli(['run']).code).toBe(2);
  });
});

describe('the other commands', () => {
  it('--version prints the package version', async () => {
    const { version } = readJson<{ version: string }>(join(ROOT, 'package.json'));
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--help shows the commands and examples, in French too', async () => {
    const en = await cli(['--help']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('Usage: sm-diagnostic [options] [command]');
    expect(en.stdout).toContain('Examples:');
    expect(en.stdout).toContain('$ sm-diagnostic run --answers mairie.yaml -o reports');
    const fr = await cli(['run', '--help'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(fr.stdout).toContain('Utilisation : sm-diagnostic run [options]');
    expect(fr.stdout).toContain('fichier de réponses à noter (YAML ou JSON)');
    expect(fr.stdout).toContain('Exemples:');
  });

  it('list names the built-in questionnaires and their versions', async () => {
    const r = await cli(['list', '--json']);
    expect(r.code).toBe(0);
    const list = parseJson<{ id: string; versions: string[] }[]>(r.stdout);
    expect(list.map((q) => [q.id, q.versions])).toEqual([['sm-maturity', ['1.0.0', '2.0.0', '2.0.1', '2.1.0']]]);
    const text = await cli(['list']);
    expect(text.stdout).toBe(
      'sm-maturity@2.1.0  Social media and 2.0 usage integration diagnostic\n  versions: 1.0.0, 2.0.0, 2.0.1, 2.1.0 · 64 questions · fr, en\n',
    );
  });

  it('schema prints each JSON Schema as committed, and refuses an unknown kind', async () => {
    for (const kind of ['questionnaire', 'answers', 'result']) {
      const r = await cli(['schema', kind]);
      expect(r.stdout).toBe(readFileSync(join(ROOT, 'schemas', `${kind}.schema.json`), 'utf8'));
    }
    expect(await cli(['schema', 'report'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'sm-diagnostic: error: invalid value for KIND: "report"; expected questionnaire, answers, result\n',
    });
    expect(existsSync(join(ROOT, 'schemas', 'report.schema.json'))).toBe(false);
  });
});
