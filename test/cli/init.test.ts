import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { GoldenOutcome } from '../../src/app/golden.js';
import { goldenText } from '../../src/reporters/golden/text.js';
import { spawnCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/load.js';
import { STARTER_GOLDEN_OK, STARTER_LINT_OK } from '../helpers/starter.js';

/*
 * `init` and `golden` as a consultant meets them: a repository of their own, outside this one, made
 * from nothing by the built binary, then checked by the commands its README and workflow name.
 */

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** How the tests start the tool, as init prints it in its next steps. */
const TOOL = `node ${join(ROOT, 'bin', 'sm-diagnostic.js')}`;
let place: string;

beforeEach(() => {
  place = mkdtempSync(join(tmpdir(), 'smd-init-'));
});
afterEach(() => rmSync(place, { recursive: true, force: true }));

const sm = (args: string[], cwd = place, lang = 'en_US.UTF-8') => spawnCli(args, { cwd, env: { LANG: lang } });

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' },
  });
}

/** Every file under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const e of readdirSync(at, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(at, e.name));
      else out.push(relative(dir, join(at, e.name)));
    }
  };
  walk(dir);
  return out.sort();
}

const FILES = [
  '.github/workflows/questionnaires.yml',
  '.gitignore',
  'README.md',
  'questionnaires/starter/1.0.0.yaml',
  'questionnaires/starter/README.md',
  'questionnaires/starter/examples/association-du-parc.yaml',
  'questionnaires/starter/examples/northwind-bakery.yaml',
  'questionnaires/starter/golden/1.0.0/association-du-parc.json',
  'questionnaires/starter/golden/1.0.0/association-du-parc.md',
  'questionnaires/starter/golden/1.0.0/northwind-bakery.json',
  'questionnaires/starter/golden/1.0.0/northwind-bakery.md',
  'schemas/answers.schema.json',
  'schemas/questionnaire.schema.json',
  'schemas/result.schema.json',
  'sm-diagnostic.config.yaml',
];

describe('init', () => {
  it('writes a questionnaire repository, lists its files and says what to do next', () => {
    const r = sm(['init', 'q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'Questionnaire repository written in q (15 files):',
        ...FILES.map((f) => `  ${f}`),
        '',
        'Next:',
        '  cd q',
        '  # keep it in git, on a branch named main: diff --base main compares with it',
        '  git init -b main && git add . && git commit -m init',
        '  # check the questionnaire',
        `  ${TOOL} lint`,
        '  # the interview; its report goes to out/, which git ignores',
        `  ${TOOL} run -q starter -o out`,
        '  # the examples still score as stored',
        `  ${TOOL} golden`,
        '',
        'How to write a questionnaire, every key explained:',
        `  ${join(ROOT, 'docs', 'authoring.md')}`,
        '',
      ].join('\n'),
    );
    const q = join(place, 'q');
    expect(tree(q)).toEqual(FILES);
    expect(existsSync(join(ROOT, 'docs', 'authoring.md'))).toBe(true);
    // Every placeholder is filled in; the workflow installs this very version.
    for (const f of FILES) expect(readFileSync(join(q, f), 'utf8'), f).not.toMatch(/\{\{(?:id|package)\}\}/);
    const workflow = parse(readFileSync(join(q, '.github/workflows/questionnaires.yml'), 'utf8')) as { jobs: { check: { env: Record<string, string> } } };
    expect(workflow.jobs.check.env.SM_DIAGNOSTIC).toBe(`sm-diagnostic@${VERSION}`);
    // The schemas are the tool's own, and each file's first line points at them.
    for (const kind of ['questionnaire', 'answers', 'result']) {
      expect(readFileSync(join(q, 'schemas', `${kind}.schema.json`), 'utf8')).toBe(sm(['schema', kind]).stdout);
    }
    expect(readFileSync(join(q, 'questionnaires/starter/1.0.0.yaml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../schemas/questionnaire.schema.json',
    );
    expect(readFileSync(join(q, 'questionnaires/starter/examples/northwind-bakery.yaml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../../schemas/answers.schema.json',
    );
    expect(readFileSync(join(q, '.gitignore'), 'utf8')).toContain('out/\n');
  });

  it('writes the workflow docs/authoring.md shows, with this version of the tool', () => {
    expect(sm(['init', 'q']).code).toBe(0);
    const workflow = readFileSync(join(place, 'q', '.github/workflows/questionnaires.yml'), 'utf8');
    const guide = readFileSync(join(ROOT, 'docs', 'authoring.md'), 'utf8');
    expect(guide).toContain(`\`\`\`yaml\n${workflow.replace(`sm-diagnostic@${VERSION}`, 'sm-diagnostic@0.1.0')}\`\`\`\n`);
  });

  it('makes a repository that lints with no finding and whose examples score as stored', () => {
    expect(sm(['init', 'q']).code).toBe(0);
    const q = join(place, 'q');
    git(q, 'init', '-q');
    git(q, 'add', '.');
    git(q, 'commit', '-qm', 'init');
    expect(sm(['lint'], q)).toEqual({ code: 0, stderr: '', stdout: STARTER_LINT_OK });
    expect(sm(['golden'], q)).toEqual({
      code: 0,
      stderr: '',
      stdout: STARTER_GOLDEN_OK,
    });
    expect(sm(['golden', '--quiet'], q)).toEqual({ code: 0, stderr: '', stdout: '' });
    // The interview's questionnaire by default is the project's own.
    const run = sm(['run', '--answers', 'questionnaires/starter/examples/northwind-bakery.yaml', '--json'], q);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { questionnaire: { id: string; version: string } }).questionnaire).toMatchObject({ id: 'starter', version: '1.0.0' });
    // What is missing most names only what is not fully in place: the association has a named person in charge.
    const md = readFileSync(join(q, 'questionnaires/starter/golden/1.0.0/association-du-parc.md'), 'utf8');
    expect(md).toContain('| 2 | Ressources | 1 — Bases en place | 50 % | 60 % | 10 % | Qui détient les accès (identifiants, mots de passe) aux comptes ? |\n');
    expect(git(q, 'status', '--porcelain')).toBe('');
  });

  it('names the questionnaire after --id, in the current folder, and speaks French', () => {
    const r = sm(['init', '--id', 'enquete-equipe'], place, 'fr_FR.UTF-8');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Dépôt de questionnaires écrit dans . (15 fichiers) :');
    expect(r.stdout).toContain(
      '\nEnsuite :\n  # le garder dans git, sur une branche main : diff --base main s’y compare\n  git init -b main && git add . && git commit -m init\n',
    );
    expect(r.stdout).not.toContain('  cd ');
    expect(existsSync(join(place, 'questionnaires/enquete-equipe/1.0.0.yaml'))).toBe(true);
    expect(readFileSync(join(place, 'questionnaires/enquete-equipe/examples/northwind-bakery.yaml'), 'utf8')).toContain(
      'questionnaire: enquete-equipe@1.0.0\n',
    );
    expect(sm(['lint'], place)).toMatchObject({ code: 0, stdout: 'checked: questionnaires/enquete-equipe/1.0.0.yaml\n1 file checked: 0 errors, 0 warnings\n' });
    expect(sm(['golden'], place).code).toBe(0);
  });

  it('accepts a folder holding only .git (a repository just made)', () => {
    git(place, 'init', '-q');
    expect(sm(['init']).code).toBe(0);
    expect(existsSync(join(place, 'sm-diagnostic.config.yaml'))).toBe(true);
  });

  it('refuses a folder that is not empty and writes nothing, unless --force', () => {
    mkdirSync(join(place, 'q'));
    writeFileSync(join(place, 'q', 'notes.txt'), 'mine\n');
    writeFileSync(join(place, 'q', 'README.md'), 'my readme\n');
    const r = sm(['init', 'q']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'sm-diagnostic: error: q is not empty (README.md, notes.txt): start the repository in a new or empty folder, or add --force to write the starter files among these (files of the same name are replaced)\n',
    });
    expect(tree(join(place, 'q'))).toEqual(['README.md', 'notes.txt']);
    expect(sm(['init', 'q', '--force']).code).toBe(0);
    expect(readFileSync(join(place, 'q', 'notes.txt'), 'utf8')).toBe('mine\n');
    expect(readFileSync(join(place, 'q', 'README.md'), 'utf8')).toContain('sm-diagnostic questionnaires');
    expect(tree(join(place, 'q'))).toEqual([...FILES, 'notes.txt'].sort());
  });

  it('refuses an id that cannot name a questionnaire, and a file given as the folder', () => {
    expect(sm(['init', 'q', '--id', 'Team Survey'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'sm-diagnostic: error: "Team Survey" cannot be a questionnaire id: use lowercase letters, digits and dashes (e.g. --id team-survey)\n',
    });
    writeFileSync(join(place, 'afile'), 'x');
    expect(sm(['init', 'afile'])).toEqual({ code: 2, stdout: '', stderr: 'sm-diagnostic: error: afile is a file: give the name of a new folder\n' });
    expect(tree(place)).toEqual(['afile']);
  });
});

describe('golden', () => {
  let q: string;
  beforeEach(() => {
    expect(sm(['init', 'q']).code).toBe(0);
    q = join(place, 'q');
  });
  const example = () => join(q, 'questionnaires/starter/examples/northwind-bakery.yaml');

  it('says which stored file moved, from which line, and --update stores the new result', () => {
    writeFileSync(example(), readFileSync(example(), 'utf8').replace('resources.time: 8', 'resources.time: 2'));
    const r = sm(['golden'], q);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('✓ questionnaires/starter/examples/association-du-parc.yaml · starter@1.0.0');
    expect(lines[1]).toBe('✗ questionnaires/starter/examples/northwind-bakery.yaml · starter@1.0.0');
    expect(lines.slice(2)).toEqual([
      '    questionnaires/starter/golden/1.0.0/northwind-bakery.md differs from line 7:',
      '      stored: …lace (overall score 82 / 100); Vision and objectives does …',
      '      now:    …lace (overall score 75 / 100); Vision and objectives and R…',
      '    questionnaires/starter/golden/1.0.0/northwind-bakery.json differs from line 30:',
      '      stored:     "score": 82.22,',
      '      now:        "score": 74.72,',
      '2 examples: 1 as stored, 1 changed.',
      'If the change is intended: sm-diagnostic golden --update, then commit the files',
      '',
    ]);
    const u = sm(['golden', '--update'], q);
    expect(u).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        '✓ questionnaires/starter/examples/association-du-parc.yaml · starter@1.0.0',
        '↻ questionnaires/starter/examples/northwind-bakery.yaml · starter@1.0.0',
        '    written: questionnaires/starter/golden/1.0.0/northwind-bakery.md',
        '    written: questionnaires/starter/golden/1.0.0/northwind-bakery.json',
        '2 examples: 1 as stored, 1 written',
        '',
      ].join('\n'),
    });
    expect(readFileSync(join(q, 'questionnaires/starter/golden/1.0.0/northwind-bakery.md'), 'utf8')).toContain('| 2 hours a week |');
    expect(sm(['golden'], q).code).toBe(0);
  });

  it('--quiet says nothing when every example is as stored, and everything when one moved', () => {
    expect(sm(['golden', '--quiet'], q)).toEqual({ code: 0, stderr: '', stdout: '' });
    writeFileSync(example(), readFileSync(example(), 'utf8').replace('resources.time: 8', 'resources.time: 2'));
    const r = sm(['golden', '--quiet'], q);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(sm(['golden'], q).stdout);
    expect(sm(['init', 'again', '--quiet'], place)).toEqual({ code: 0, stderr: '', stdout: '' });
  });

  it('finds a missing stored file, a stored file no example makes, and an example it cannot score', () => {
    rmSync(join(q, 'questionnaires/starter/golden/1.0.0/association-du-parc.json'));
    writeFileSync(join(q, 'questionnaires/starter/golden/1.0.0/gone.md'), 'old\n');
    writeFileSync(
      join(q, 'questionnaires/starter/examples/broken.yaml'),
      'questionnaire: starter@1.0.0\norganisation: { name: X }\ndate: 2026-01-01\nanswers:\n  vision.nope: 1\n',
    );
    const r = sm(['golden'], q);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        '✗ questionnaires/starter/examples/association-du-parc.yaml · starter@1.0.0',
        '    questionnaires/starter/golden/1.0.0/association-du-parc.json is missing',
        '✗ questionnaires/starter/examples/broken.yaml',
        '    questionnaires/starter/examples/broken.yaml:5:3: unknown question id "vision.nope" (see starter@1.0.0)',
        '✓ questionnaires/starter/examples/northwind-bakery.yaml · starter@1.0.0',
        '✗ questionnaires/starter/golden/1.0.0/gone.md: no example makes it any more; delete it, or run sm-diagnostic golden --update',
        '3 examples: 1 as stored, 1 changed, 1 not scored, 1 stored file without an example.',
        'If the change is intended: sm-diagnostic golden --update, then commit the files',
        '',
      ].join('\n'),
    );
    rmSync(join(q, 'questionnaires/starter/examples/broken.yaml'));
    const u = sm(['golden', '--update'], q);
    expect(u.code).toBe(0);
    expect(u.stdout).toContain('↻ removed questionnaires/starter/golden/1.0.0/gone.md: no example makes it any more\n');
    expect(existsSync(join(q, 'questionnaires/starter/golden/1.0.0/gone.md'))).toBe(false);
    expect(existsSync(join(q, 'questionnaires/starter/golden/1.0.0/association-du-parc.json'))).toBe(true);
    expect(sm(['golden'], q).code).toBe(0);
  });

  it('an example it cannot score, alone: says to correct it, not to --update', () => {
    writeFileSync(
      join(q, 'questionnaires/starter/examples/broken.yaml'),
      'questionnaire: starter@1.0.0\norganisation: { name: X }\ndate: 2026-01-01\nanswers:\n  vision.nope: 1\n',
    );
    const r = sm(['golden'], q);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').at(-2)).toBe('3 examples: 2 as stored, 1 not scored: correct it as the messages above say');
    expect(sm(['golden', '--update'], q).code).toBe(1);
  });

  it('speaks French, and says where it looks when there is no project', () => {
    const fr = sm(['golden'], q, 'fr_FR.UTF-8');
    expect(fr.stdout.split('\n').at(-2)).toBe('2 exemples : chaque résultat est conforme à l’enregistrement');
    const empty = mkdtempSync(join(tmpdir(), 'smd-empty-'));
    try {
      git(empty, 'init', '-q');
      expect(sm(['golden'], empty)).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'sm-diagnostic: error: no questionnaire folder of your own here: golden checks the examples of the folders named in sm-diagnostic.config.yaml, or of ./questionnaires; run sm-diagnostic init to start a repository\n',
      });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('a second version of the starter, as its author makes it', () => {
  let q: string;
  beforeEach(() => {
    expect(sm(['init', 'q']).code).toBe(0);
    q = join(place, 'q');
    git(q, 'init', '-q');
    git(q, 'add', '.');
    git(q, 'commit', '-qm', 'init');
  });

  /** 1.0.0 with vision.why renamed vision.purpose, at `version`, carrying 1.0.0's answers by a migration. */
  function renamed(version: string): string {
    const file = join(q, 'questionnaires/starter', `${version}.yaml`);
    const text = readFileSync(join(q, 'questionnaires/starter/1.0.0.yaml'), 'utf8')
      .replace('version: 1.0.0', `version: ${version}`)
      .replaceAll('vision.why', 'vision.purpose');
    writeFileSync(file, `${text}\nmigration:\n  from: 1.0.0\n  questions: { vision.why: vision.purpose }\n`);
    git(q, 'add', '.');
    git(q, 'commit', '-qm', `rename in ${version}`);
    return file;
  }

  it('a rename with a migration and a major bump passes diff --base, and run --migrate scores 1.0.0 answers with it', () => {
    renamed('2.0.0');
    expect(sm(['lint'], q).code).toBe(0);
    const d = sm(['diff', '--base', 'HEAD~1'], q);
    expect(d.code).toBe(0);
    expect(d.stdout).toContain('HEAD~1:questionnaires/starter/1.0.0.yaml → questionnaires/starter/2.0.0.yaml\n');
    expect(d.stdout).toContain('  major     renamed  question        vision.why  → vision.purpose (migrated)\n');
    expect(d.stdout).toContain('needed bump: major; version bump: major (1.0.0 → 2.0.0): ok\n');
    // The examples, carried by the migration as run --migrate carries them, score as before: a rename moves nothing.
    expect(d.stdout).toContain(
      'scores of the known answer sets:\n' +
        '  association-du-parc.yaml: level 0 → 0, score 20.42 → 20.42 (carried by the migration)\n' +
        '  northwind-bakery.yaml: level 1 → 1, score 82.22 → 82.22 (carried by the migration)\n',
    );
    const run = sm(['run', '--answers', 'questionnaires/starter/examples/northwind-bakery.yaml', '--migrate', '--json'], q);
    expect(run.stderr).toBe('migrated from starter@1.0.0 to starter@2.0.0: vision.why → vision.purpose\n');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { questionnaire: { version: string }; answers: { question: string; value: unknown }[] };
    expect(result.questionnaire.version).toBe('2.0.0');
    expect(result.answers.find((a) => a.question === 'vision.purpose')?.value).toBe(3);
    expect(sm(['golden'], q).code).toBe(0);
  });

  it('a question and one of its options renamed in one release: options keyed by the old id lint, migrate and diff; keyed by the new id, lint says which', () => {
    const base = readFileSync(join(q, 'questionnaires/starter/1.0.0.yaml'), 'utf8')
      .replace('version: 1.0.0', 'version: 2.0.0')
      .replaceAll('resources.access', 'resources.logins')
      .replace('- id: one-person', '- id: single-holder');
    const file = join(q, 'questionnaires/starter/2.0.0.yaml');
    const migration = (key: string) =>
      `\nmigration:\n  from: 1.0.0\n  questions: { resources.access: resources.logins }\n  options: { ${key}: { one-person: single-holder } }\n`;
    writeFileSync(file, base + migration('resources.logins'));
    const wrong = sm(['lint'], q);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(
      /^questionnaires\/starter\/2\.0\.0\.yaml:\d+:\d+: error \[migration\] "resources\.logins" is the new id of resources\.access: options are keyed by the question's id in 1\.0\.0; write resources\.access: \{ … \} here$/m,
    );
    writeFileSync(file, base + migration('resources.access'));
    expect(sm(['lint'], q).code).toBe(0);
    git(q, 'add', '.');
    git(q, 'commit', '-qm', 'rename a question and an option');
    const d = sm(['diff', '--base', 'HEAD~1'], q);
    expect(d.code).toBe(0);
    expect(d.stdout).toContain('  major     renamed  option          resources.logins:one-person  → single-holder (migrated)\n');
    const run = sm(['run', '--answers', 'questionnaires/starter/examples/association-du-parc.yaml', '--migrate', '--json', '--lang', 'en'], q);
    expect(run.code).toBe(0);
    const answers = (JSON.parse(run.stdout) as { answers: { question: string; value: unknown }[] }).answers;
    expect(answers.find((a) => a.question === 'resources.logins')?.value).toBe('single-holder');
  });

  it('the same change with a minor bump fails diff --base, naming the smallest valid version', () => {
    renamed('1.1.0');
    const d = sm(['diff', '--base', 'HEAD~1'], q);
    expect(d.code).toBe(1);
    expect(d.stdout).toContain('HEAD~1:questionnaires/starter/1.0.0.yaml → questionnaires/starter/1.1.0.yaml\n');
    expect(d.stdout).toContain(
      'needed bump: major; version bump: minor (1.0.0 → 1.1.0): the version bump is too small: this change needs a major bump, so at least 2.0.0 (1.0.0 → 1.1.0 is minor)\n',
    );
  });
});

describe('golden on a terminal', () => {
  it('wraps its lines within the width, in French too; the same words as on a pipe', () => {
    const outcome: GoldenOutcome = {
      updated: false,
      stale: ['questionnaires/starter/golden/1.0.0/gone.md'],
      examples: [
        {
          example: 'questionnaires/starter/examples/northwind-bakery.yaml',
          ref: 'starter@1.0.0',
          files: [
            {
              file: 'questionnaires/starter/golden/1.0.0/northwind-bakery.md',
              state: 'changed',
              line: 7,
              stored: '- **Where you stand:** 1',
              now: '- **Where you stand:** 2',
            },
            { file: 'questionnaires/starter/golden/1.0.0/northwind-bakery.json', state: 'missing' },
          ],
        },
      ],
    };
    for (const lang of ['fr', 'en'] as const) {
      const piped = goldenText(outcome, lang);
      const drawn = goldenText(outcome, lang, { width: 80 });
      expect(drawn.split('\n').filter((l) => [...l].length > 80)).toEqual([]);
      expect(drawn.split(/\s+/)).toEqual(piped.split(/\s+/));
      expect(piped.split('\n').some((l) => [...l].length > 80)).toBe(true);
    }
  });
});
