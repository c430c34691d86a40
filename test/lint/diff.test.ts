import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/model/result.js';
import type { Questionnaire } from '../../src/model/questionnaire.js';
import { loadQuestionnaireFile } from '../../src/io/load.js';
import { diffQuestionnaires } from '../../src/lint/diff.js';
import { cli, spawnCli } from '../helpers/cli.js';
import { FIXTURES, ROOT } from '../helpers/load.js';
import { parseJson } from '../helpers/read.js';

/** The fields of `diff --format json` that these tests read. */
interface DiffJson {
  comparisons: { required: string; ok: boolean }[];
}

const OLD = 'test/fixtures/questionnaires/tiny/1.0.0.yaml';
const fixture = (name: string) => join('test/fixtures/diff', name);

describe('diff OLD NEW: one fixture pair per row of the bump table', () => {
  const cases: [string, string, number, string[]][] = [
    ['patch/1.0.1.yaml', 'patch', 0, ['  patch     changed  question  alpha.q1  text (en)']],
    ['minor/1.1.0.yaml', 'minor', 0, ['  minor     changed  weight    alpha.q1  1 → 2', '  minor     added    question  alpha.q5  alpha.1']],
    ['major/2.0.0.yaml', 'major', 0, ['  major     removed  option  alpha.q2:yes  no migration']],
    ['too-small/1.1.0.yaml', 'major', 1, ['  major     removed  option  alpha.q2:yes  no migration']],
    [
      'rename-without-migration/2.0.0.yaml',
      'major',
      0,
      ['  major     removed  question  alpha.q1  no migration', '  minor     added    question  alpha.first  alpha.1'],
    ],
    ['rename-with-migration/2.0.0.yaml', 'major', 0, ['  major     renamed  question  alpha.q1  → alpha.first (migrated)']],
  ];
  for (const [file, bump, code, lines] of cases) {
    it(`${file}: needs a ${bump} bump, exit ${code}`, async () => {
      const r = await cli(['diff', OLD, fixture(file)]);
      expect(r.code).toBe(code);
      expect(r.stdout.split('\n').slice(1, 1 + lines.length)).toEqual(lines);
      const json = parseJson<DiffJson>((await cli(['diff', OLD, fixture(file), '--format', 'json'])).stdout);
      expect(json.comparisons[0]).toMatchObject({ required: bump, ok: code === 0 });
    });
  }

  it('says in every format when the bump is too small', async () => {
    const text = await cli(['diff', OLD, fixture('too-small/1.1.0.yaml')]);
    expect(text.stdout).toContain(
      'needed bump: major; version bump: minor (1.0.0 → 1.1.0): the version bump is too small: this change needs a major bump, so at least 2.0.0 (1.0.0 → 1.1.0 is minor)',
    );
    const github = await cli(['diff', OLD, fixture('too-small/1.1.0.yaml'), '--format', 'github']);
    expect(github).toEqual({
      code: 1,
      stdout: `::error file=${fixture('too-small/1.1.0.yaml')},line=1,title=version-bump::the version bump is too small: this change needs a major bump, so at least 2.0.0 (1.0.0 → 1.1.0 is minor)\n`,
      stderr: '',
    });
    const md = await cli(['diff', OLD, fixture('too-small/1.1.0.yaml'), '--format', 'md']);
    expect(md.stdout).toContain('| major | removed | option | `alpha.q2:yes` | no migration |');
    expect(md.stdout).toContain('❌ needed bump: major; version bump: minor (1.0.0 → 1.1.0)');
  });

  it('says that a migration carries the old answers', async () => {
    const r = await cli(['diff', OLD, fixture('rename-with-migration/2.0.0.yaml')]);
    expect(r.stdout).toContain('answers of the old version are migrated by the new version (run --migrate)');
  });
});

describe('diff with git', () => {
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });
  function repo(): string {
    const dir = mkdtempSync(join(tmpdir(), 'smd-git-'));
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.email', 'test@example.org');
    git(dir, 'config', 'user.name', 'Test');
    mkdirSync(join(dir, 'questionnaires', 'tiny'), { recursive: true });
    copyFileSync(join(ROOT, OLD), join(dir, 'questionnaires', 'tiny', '1.0.0.yaml'));
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'tiny 1.0.0');
    copyFileSync(join(ROOT, fixture('minor/1.1.0.yaml')), join(dir, 'questionnaires', 'tiny', '1.1.0.yaml'));
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'tiny 1.1.0');
    return dir;
  }

  it('reads the old side from a git ref', () => {
    const dir = repo();
    const r = spawnCli(['diff', 'HEAD~1:questionnaires/tiny/1.0.0.yaml', 'questionnaires/tiny/1.1.0.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'HEAD~1:questionnaires/tiny/1.0.0.yaml → questionnaires/tiny/1.1.0.yaml\n' +
        '  minor     changed  weight    alpha.q1  1 → 2\n' +
        '  minor     added    question  alpha.q5  alpha.1\n' +
        'needed bump: minor; version bump: minor (1.0.0 → 1.1.0): ok\n' +
        'answers of the old version stay valid; scores may move\n',
    );
  });

  it('--base checks new versions against the previous one, and catches an edited released file', () => {
    const dir = repo();
    const clean = spawnCli(['diff', '--base', 'HEAD~1'], { cwd: dir });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('HEAD~1:questionnaires/tiny/1.0.0.yaml → questionnaires/tiny/1.1.0.yaml');

    const released = join(dir, 'questionnaires', 'tiny', '1.0.0.yaml');
    writeFileSync(released, readFileSync(released, 'utf8').replace('en: Q1?', 'en: Question one?'));
    const edited = spawnCli(['diff', '--base', 'HEAD~1'], { cwd: dir });
    expect(edited.code).toBe(1);
    expect(edited.stdout.split('\n')[0]).toBe('questionnaires/tiny/1.0.0.yaml: released version file edited since HEAD~1: make a new version file instead');
    const github = spawnCli(['diff', '--base', 'HEAD~1', '--format', 'github'], { cwd: dir });
    expect(github.stdout.split('\n')[0]).toBe(
      '::error file=questionnaires/tiny/1.0.0.yaml,line=1::released version file edited since HEAD~1: make a new version file instead',
    );
  });

  it('names a ref git does not know', () => {
    const dir = repo();
    const r = spawnCli(['diff', 'nosuchref:questionnaires/tiny/1.0.0.yaml', 'questionnaires/tiny/1.1.0.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sm-diagnostic: error: cannot read nosuchref:questionnaires\/tiny\/1\.0\.0\.yaml from git: /);
  });
});

describe('migrations', () => {
  const env = { SM_DIAGNOSTIC_QUESTIONNAIRES: join(FIXTURES, 'questionnaires') };
  const answers = 'test/fixtures/questionnaires/tiny-answers.yaml';

  it('scores an old answers file exactly with its own version while the package keeps it', () => {
    const r = spawnCli(['run', '--answers', answers, '--json'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('scored with tiny@1.0.0, the version the answers name (newest: tiny@2.0.0; --migrate scores them with it)\n');
    const result = parseJson<Result>(r.stdout);
    expect(result.questionnaire.version).toBe('1.0.0');
    // The figures worked out by hand in test/scoring/hand-worked.test.ts.
    expect(result.overall).toEqual({
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
  });

  it('scores it through the 2.0.0 migration with --migrate, and says what moved', () => {
    const r = spawnCli(['run', '--answers', answers, '--json', '--migrate'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('migrated from tiny@1.0.0 to tiny@2.0.0: alpha.q1 → alpha.first, alpha.q4 → ∅, alpha.q2: some → partly\n');
    const result = parseJson<Result>(r.stdout);
    expect(result.questionnaire.version).toBe('2.0.0');
    const answer = (id: string) => result.answers.find((a) => a.question === id);
    expect(answer('alpha.first')).toMatchObject({ value: 4, score: 100, status: 'answered' });
    expect(answer('alpha.q2')).toMatchObject({ value: 'partly', score: 50 });
    expect(answer('alpha.q4')).toBeUndefined();
    // alpha.2 loses its not-applicable alpha.q4 and keeps alpha.q3: the same figures as 1.0.0.
    expect(result.overall).toEqual({
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
  });
});

describe('diff sees what moves a report beyond ids, texts and weights', () => {
  const base = () => structuredClone(loadQuestionnaireFile(OLD).questionnaire);
  const rows = (edit: (q: Questionnaire) => void) => {
    const after = base();
    after.version = '1.0.1';
    edit(after);
    return diffQuestionnaires(base(), after).changes.map((c) => `${c.bump} ${c.kind} ${c.entity} ${c.id} ${c.detail}`.trim());
  };

  it('a prerequisite, wording variants, roles, contradictions, the roadmap and the absent state', () => {
    const q0 = base().questions[0]!.id;
    expect(rows((q) => (q.questions[0]!.prerequisite = true))).toEqual([`minor changed question ${q0} prerequisite false → true`]);
    expect(rows((q) => (q.questions[0]!.wording = [{ when: { context: 'size', is: 'small' }, text: { fr: 'x', en: 'x' } }]))).toEqual([
      `minor changed question ${q0} wording variants`,
    ]);
    const role = base().roles[0]!.id;
    expect(rows((q) => (q.roles[0]!.fallback = role))).toEqual([`minor changed role ${role} when, fallback`]);
    expect(rows((q) => (q.contradictions[0]!.kind = 'plausibility'))).toEqual([`minor changed contradiction ${base().contradictions[0]!.id} rule`]);
    expect(rows((q) => (q.roadmap = { maxSteps: 3 }))).toEqual(['minor changed roadmap roadmap']);
    expect(rows((q) => (q.absent = { when: { context: 'size', is: 'small' }, title: { fr: 'a', en: 'a' }, description: { fr: 'b', en: 'b' } }))).toEqual([
      'minor changed absent when',
    ]);
  });

  it('a change no row names still counts as minor, never as nothing', () => {
    expect(rows((q) => (q.format = 2))).toEqual([`minor changed questionnaire ${base().id} other`]);
  });
});

describe('diff in French', () => {
  it('writes its colons as French does, with a space before', async () => {
    const r = await cli(['diff', OLD, fixture('too-small/1.1.0.yaml'), '--lang', 'fr']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\(1\.0\.0 → 1\.1\.0\) : la montée de version est trop petite/);
    expect(r.stdout).not.toMatch(/\S:( |$)/m);
  });
});
