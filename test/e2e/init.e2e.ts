import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/load.js';
import { STARTER_GOLDEN_OK, STARTER_LINT_OK } from '../helpers/starter.js';

/*
 * A questionnaire repository from nothing, as a consultant makes it: the packed tarball installed as
 * the registry's package would be, `init` in a fresh folder outside this repository, the first commit,
 * lint and golden, a second commit that renames a question in a major release, then every `run:` step
 * of the workflow `init` wrote, in order, in bash as GitHub runs them, with the tarball in place of
 * the registry's package and HEAD~1 in place of the base branch.
 */

const work = mkdtempSync(join(tmpdir(), 'smd-init-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The tarball, and a global install of it in a prefix of its own (what `npm install --global sm-diagnostic` makes). */
function packAndInstall(): { tarball: string; bin: string } {
  const dest = join(work, 'pack');
  mkdirSync(dest);
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
  ) as { filename: string }[];
  const tarball = join(dest, packed[0]!.filename);
  const prefix = join(work, 'global');
  execFileSync('npm', ['install', '--global', '--no-audit', '--no-fund', tarball], {
    env: { ...process.env, npm_config_prefix: prefix },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { tarball, bin: join(prefix, 'bin') };
}

/** A bash command in `cwd` with the installed tool first on the PATH, as a person types it. */
function shell(script: string, cwd: string, env: NodeJS.ProcessEnv) {
  const r = spawnSync('bash', ['-e', '-c', script], { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, LANG: 'en_US.UTF-8', ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('a questionnaire repository from nothing, with the packed package', () => {
  const { tarball, bin } = packAndInstall();
  const PATH = `${bin}:${process.env.PATH}`;
  const fresh = join(work, 'fresh');
  mkdirSync(fresh);
  const q = join(fresh, 'q');

  it('init, the first commit, lint naming the file with 0 errors, golden passing', () => {
    const made = shell('command -v sm-diagnostic; sm-diagnostic init q && cd q && git init -q && git add . && git commit -qm init', fresh, { PATH });
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout.split('\n')[0]).toBe(join(bin, 'sm-diagnostic'));
    expect(made.stdout).toContain('Questionnaire repository written in q (15 files):\n');
    const lint = shell('sm-diagnostic lint', q, { PATH });
    expect(lint).toEqual({ code: 0, stderr: '', stdout: STARTER_LINT_OK });
    const golden = shell('sm-diagnostic golden', q, { PATH });
    expect(golden.code).toBe(0);
    expect(golden.stdout).toBe(STARTER_GOLDEN_OK);
  });

  it('a second commit renaming a question in 2.0.0 with its migration; then every run: step of the workflow, in order, exits 0', () => {
    const v1 = readFileSync(join(q, 'questionnaires/starter/1.0.0.yaml'), 'utf8');
    const v2 = v1.replace('version: 1.0.0', 'version: 2.0.0').replaceAll('vision.why', 'vision.purpose');
    writeFileSync(join(q, 'questionnaires/starter/2.0.0.yaml'), `${v2}\nmigration:\n  from: 1.0.0\n  questions: { vision.why: vision.purpose }\n`);
    expect(shell('git add . && git commit -qm "vision.why is now vision.purpose"', q, {}).code).toBe(0);

    const workflow = parse(readFileSync(join(q, '.github/workflows/questionnaires.yml'), 'utf8')) as {
      jobs: { check: { env: Record<string, string>; steps: { name?: string; run?: string; uses?: string }[] } };
    };
    const job = workflow.jobs.check;
    expect(job.env.SM_DIAGNOSTIC).toBe(`sm-diagnostic@${VERSION}`);
    const steps = job.steps.filter((s) => s.run !== undefined);
    expect(steps.map((s) => s.name)).toEqual([
      'Install sm-diagnostic',
      'Lint every questionnaire',
      'Versions and breaking changes against the base branch',
      "Changes, in the pull request's summary",
      'Stored results of the examples',
    ]);
    // The steps that are not run here only fetch the repository and set up Node.
    expect(job.steps.filter((s) => s.run === undefined).map((s) => s.uses)).toEqual(['actions/checkout@v4', 'actions/setup-node@v4']);

    // What the runner gives: the job's env with the tarball and HEAD~1, a fresh global prefix, the summary file.
    const prefix = join(work, 'runner-global');
    const summary = join(work, 'step-summary.md');
    writeFileSync(summary, '');
    const env = {
      SM_DIAGNOSTIC: tarball,
      BASE: 'HEAD~1',
      GITHUB_STEP_SUMMARY: summary,
      npm_config_prefix: prefix,
      PATH: `${join(prefix, 'bin')}:${process.env.PATH}`,
    };
    const outputs = steps.map((step) => ({ name: step.name, ...shell(step.run!, q, env) }));
    for (const o of outputs) expect({ name: o.name, code: o.code, stderr: o.code === 0 ? '' : o.stderr }).toEqual({ name: o.name, code: 0, stderr: '' });
    const [, lint, diff, , golden] = outputs;
    expect(lint!.stdout).toBe('');
    expect(diff!.stdout).toBe(
      '::notice file=questionnaires/starter/2.0.0.yaml,line=1,title=version-bump::needed bump: major; version bump: major (1.0.0 → 2.0.0)\n',
    );
    expect(readFileSync(summary, 'utf8')).toContain('questionnaires/starter/2.0.0.yaml');
    expect(readFileSync(summary, 'utf8')).toContain('vision.purpose');
    expect(golden!.stdout.split('\n').at(-2)).toBe('2 examples: every result as stored');
    // The tool the steps ran is the one the install step put in the runner's prefix.
    expect(shell('command -v sm-diagnostic', q, env).stdout.trim()).toBe(join(prefix, 'bin', 'sm-diagnostic'));
  });

  it('the same change with a minor bump fails diff --base, naming the smallest valid version; run --migrate scores 1.0.0 answers with 2.0.0', () => {
    const d = shell('sm-diagnostic diff --base HEAD~1', q, { PATH });
    expect(d.code).toBe(0);
    expect(d.stdout).toContain('HEAD~1:questionnaires/starter/1.0.0.yaml → questionnaires/starter/2.0.0.yaml\n');
    const run = shell('sm-diagnostic run --answers questionnaires/starter/examples/northwind-bakery.yaml --migrate --json', q, { PATH });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('migrated from starter@1.0.0 to starter@2.0.0: vision.why → vision.purpose\n');
    expect((JSON.parse(run.stdout) as { questionnaire: { version: string } }).questionnaire.version).toBe('2.0.0');

    const minor = shell(
      'cp questionnaires/starter/2.0.0.yaml ../v2.yaml && git reset -q --hard HEAD~1 && sed "s/^version: 2.0.0$/version: 1.1.0/" ../v2.yaml > questionnaires/starter/1.1.0.yaml && git add . && git commit -qm minor && sm-diagnostic diff --base HEAD~1',
      q,
      { PATH },
    );
    expect(minor.code).toBe(1);
    expect(minor.stdout).toContain('the version bump is too small: this change needs a major bump, so at least 2.0.0 (1.0.0 → 1.1.0 is minor)');
  });
});
