import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../src/model/result.js';
import { spawnCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/load.js';
import { parseJson } from '../helpers/read.js';

/*
 * A consultant's own repository, outside this one: questionnaires in a folder its config names
 * (`forms/`), four releases of one questionnaire (1.0.0, a patch, a minor, a major with its migration),
 * an answers file of 1.0.0, the schema written by the tool itself. Everything runs the built binary
 * from inside that repository, as its user would.
 */

let repo: string;

function git(...args: string[]): string {
  return execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' },
  });
}

function sm(args: string[], cwd = repo) {
  return spawnCli(args, { cwd, env: { LANG: 'en_US.UTF-8' } });
}

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'smd-project-'));
  cpSync(join(ROOT, 'test', 'fixtures', 'project'), repo, { recursive: true });
  writeFileSync(join(repo, 'questionnaire.schema.json'), sm(['schema', 'questionnaire']).stdout);
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'four releases of tiny');
});

describe('a project of its own, in a git repository outside this one', () => {
  it('lints its own folders with no argument, naming the files it checked', () => {
    expect(sm(['lint'])).toEqual({
      code: 0,
      stdout: 'checked: forms/tiny/1.0.0.yaml, forms/tiny/1.0.1.yaml, forms/tiny/1.1.0.yaml, forms/tiny/2.0.0.yaml\n4 files checked: 0 errors, 0 warnings\n',
      stderr: '',
    });
  });

  it('run --migrate scores answers of 1.0.0 with 2.0.0 through 1.0.1 and 1.1.0, from any folder of the project', () => {
    const r = sm(['run', '--answers', 'mairie-1.0.0.yaml', '--migrate', '-o', 'out', '--json'], join(repo, 'answers'));
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe('migrated from tiny@1.0.0 to tiny@2.0.0 (through 1.0.1, 1.1.0): alpha.q1 → alpha.first, alpha.q2: some → partly');
    const result = parseJson<Result>(r.stdout);
    expect(result.questionnaire.version).toBe('2.0.0');
    expect(result.answers.find((a) => a.question === 'alpha.first')?.value).toBe(4);
    expect(result.answers.find((a) => a.question === 'alpha.q2')?.value).toBe('partly');
    expect(result.answers.some((a) => a.question === 'alpha.q1')).toBe(false);
    // Without --migrate, the answers are scored with the version they name, and the notice says there is a newer one.
    const plain = sm(['run', '--answers', 'answers/mairie-1.0.0.yaml', '--json']);
    expect(plain.code).toBe(0);
    expect(parseJson<Result>(plain.stdout).questionnaire.version).toBe('1.0.0');
    expect(plain.stderr).toContain('scored with tiny@1.0.0, the version the answers name (newest: tiny@2.0.0; --migrate scores them with it)');
  });

  it('run -q with a file of the project and --migrate finds the versions beside it', () => {
    const r = sm(['run', '--answers', 'answers/mairie-1.0.0.yaml', '-q', 'forms/tiny/2.0.0.yaml', '--migrate', '--json']);
    expect(r.code).toBe(0);
    expect(parseJson<Result>(r.stdout).questionnaire.version).toBe('2.0.0');
  });

  it('batch --migrate scores answers of 1.0.0 with 2.0.0; without it, the newest major is not mixed with the older', () => {
    writeFileSync(
      join(repo, 'answers', 'other-2.0.0.yaml'),
      'questionnaire: tiny@2.0.0\norganisation: { name: Autre }\ndate: 2026-11-24\nanswers:\n  alpha.first: 2\n',
    );
    const r = sm(['batch', 'answers', '--migrate', '-o', 'out']);
    // « Autre » answers one question of four: scored, and flagged in summary.md.
    expect(r.stderr).toBe(
      '1 note on inputs scored with care (duplicates, names merged, answers missing…): see summary.md\n' +
        '2 organisations from 2 inputs: reports, summary.csv, summary.md and results.jsonl in out\n',
    );
    expect(r.code).toBe(0);
    const results = readFileSync(join(repo, 'out', 'results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => parseJson<Result>(l));
    expect(results.map((x) => `${x.organisation.name} ${x.questionnaire.version}`).sort()).toEqual(['Autre 2.0.0', 'Mairie de Test 2.0.0']);
    const mixed = sm(['batch', 'answers', '-o', 'out2']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('tiny@1 (answers/mairie-1.0.0.yaml); tiny@2 (answers/other-2.0.0.yaml)');
    expect(existsSync(join(repo, 'out2', 'summary.csv'))).toBe(false);
  });

  it('lint fails a migration naming a missing id, at its line', () => {
    const file = join(repo, 'forms', 'tiny', '2.0.0.yaml');
    const text = readFileSync(file, 'utf8').replace('alpha.q5: null', 'alpha.q9: null');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('alpha.q9')) + 1;
    const r = sm(['lint', 'forms']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `forms/tiny/2.0.0.yaml:${line}:39: error [migration] "alpha.q9" is not a question of version 1.1.0, which the migration comes from\n` +
        '4 files checked: 1 error, 0 warnings\n',
    );
  });

  it('lint fails a migration from a version that does not exist', () => {
    const file = join(repo, 'forms', 'tiny', '2.0.0.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('from: 1.1.0', 'from: 1.2.0'));
    const r = sm(['lint']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error [migration] the migration comes from tiny 1.2.0, which does not exist (versions found: 1.0.0, 1.0.1, 1.1.0)');
  });

  it('diff --base HEAD~1 fails when a released file was deleted, naming it', () => {
    rmSync(join(repo, 'forms', 'tiny', '1.0.1.yaml'));
    git('commit', '-qam', 'delete a release');
    const r = sm(['diff', '--base', 'HEAD~1']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(
      'forms/tiny/1.0.1.yaml: released version file deleted since HEAD~1: answers naming tiny@1.0.1 can no longer be scored; restore it',
    );
    // From a subfolder, the same.
    expect(sm(['diff', '--base', 'HEAD~1'], join(repo, 'answers')).stdout.split('\n')[0]).toBe(
      '../forms/tiny/1.0.1.yaml: released version file deleted since HEAD~1: answers naming tiny@1.0.1 can no longer be scored; restore it',
    );
  });

  it('diff --base names a moved released file, and checks a new version against the one before it', () => {
    const text = readFileSync(join(repo, 'forms', 'tiny', '2.0.0.yaml'), 'utf8');
    // A patch copied from 2.0.0, its migration still in it: lint says it no longer applies; diff does not apply it.
    const patch = text.replace('version: 2.0.0', 'version: 2.0.1').replace('{ fr: Q2 ?, en: Q2? }', '{ fr: Q2 ?, en: Q2 — reworded? }');
    writeFileSync(join(repo, 'forms', 'tiny', '2.0.1.yaml'), patch);
    expect(sm(['lint', 'forms/tiny/2.0.1.yaml']).stdout.split('\n')[0]).toMatch(
      /^forms\/tiny\/2\.0\.1\.yaml:\d+:9: error \[migration\] the migration comes from 1\.1\.0, but 2\.0\.0 comes between: it no longer applies; remove it/,
    );
    const r = sm(['diff', '--base', 'HEAD']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'checked: 5 files (forms/tiny/1.0.0.yaml, forms/tiny/1.0.1.yaml, forms/tiny/1.1.0.yaml, forms/tiny/2.0.0.yaml, forms/tiny/2.0.1.yaml)\n',
    );
    expect(r.stdout).toContain('HEAD:forms/tiny/2.0.0.yaml → forms/tiny/2.0.1.yaml\n  patch     changed  question  alpha.q2  text (en)\n');
  });

  it('diff --base refuses a ref that looks like an option, and writes nothing', () => {
    const before = readdirSync(repo).sort();
    const r = sm(['diff', '--base', '--output=x']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'sm-diagnostic: error: "--output=x" is not a git ref: a ref cannot start with "-"\n' });
    expect(readdirSync(repo).sort()).toEqual(before);
  });

  it('diff --base refuses a layout it cannot read', () => {
    writeFileSync(join(repo, 'sm-diagnostic.config.yaml'), 'questionnaires: [answers]\n');
    const r = sm(['diff', '--base', 'HEAD']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'sm-diagnostic: error: answers holds no questionnaire as <id>/<version>.yaml, here or at the base: nothing could be compared\n',
    });
  });

  it('an untouched copy of a questionnaire lints wherever it is, with a schema line to its own schema', () => {
    expect(sm(['lint', 'forms/tiny/1.0.0.yaml']).code).toBe(0);
    // Without any schema around, the message says how to get one, not a path into the tool's install.
    rmSync(join(repo, 'questionnaire.schema.json'));
    const r = sm(['lint', 'forms/tiny/1.0.0.yaml']);
    expect(r.stdout.split('\n')[0]).toBe(
      'forms/tiny/1.0.0.yaml:1:1: error [schema-line] the first line must name the questionnaire schema: # yaml-language-server: $schema=<…>/questionnaire.schema.json (write one next to your questionnaires with: sm-diagnostic schema questionnaire > questionnaire.schema.json)',
    );
  });
});
