import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/load.js';

/*
 * The package as a user gets it: packed, installed in an empty folder without development
 * dependencies, run with npx, imported as a library by a TypeScript project.
 */
const npm = (args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env });
const WANTED =
  /^(?:package\.json|README\.md|npm-shrinkwrap\.json|bin\/sm-diagnostic\.js|dist\/THIRD-PARTY\.md|dist\/(?:bundle|questionnaires)\/.+|questionnaires\/.+|scaffold\/.+|docs\/[a-z]+\.md|schemas\/[a-z]+\.schema\.json|templates\/[a-z.]+\.liquid)$/;
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('the package', () => {
  const dest = mkdtempSync(join(tmpdir(), 'smd-pack-'));
  // --ignore-scripts: dist/ is already built (npm run test:e2e builds first); a rebuild here would pull it
  // from under the other tests.
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dest], ROOT)) as { filename: string; files: { path: string }[] }[];
  const tarball = join(dest, packed[0]!.filename);
  const fromTarball = (path: string) => execFileSync('tar', ['-xOzf', tarball, `package/${path}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

  /** An app that installed the tarball without development dependencies (made once, for the tests that need it). */
  let app: string | undefined;
  const installed = () => {
    if (app) return app;
    app = mkdtempSync(join(tmpdir(), 'smd-app-'));
    writeFileSync(join(app, 'package.json'), '{ "name": "app", "version": "1.0.0", "private": true, "type": "module" }\n');
    npm(['install', '--omit=dev', '--no-audit', '--no-fund', tarball], app);
    return app;
  };

  it('holds only what a user needs', () => {
    const files = packed[0]!.files.map((f) => f.path);
    expect(files.filter((f) => !WANTED.test(f))).toEqual([]);
    expect(files).toContain('dist/bundle/cli.js');
    expect(files).toContain('dist/bundle/index.js');
    expect(files).toContain('dist/bundle/index.d.ts');
    expect(files).toContain('dist/THIRD-PARTY.md');
    expect(files).toContain('dist/questionnaires/sm-maturity/1.0.0.json');
    expect(files.some((f) => f.startsWith('test/') || f.startsWith('src/') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toBe(false);
    const dry = (JSON.parse(npm(['publish', '--dry-run', '--json', '--ignore-scripts'], ROOT)) as Record<string, { files: { path: string }[] }>)[
      'sm-diagnostic'
    ]!;
    expect(dry.files.map((f) => f.path).sort()).toEqual([...files].sort());
  });

  it('has no install scripts and installs no dependency: what it runs is in the tarball', () => {
    const pkg = JSON.parse(fromTarball('package.json')) as Record<string, unknown> & { scripts?: Record<string, string> };
    expect(Object.keys(pkg.scripts ?? {}).filter((s) => ['preinstall', 'install', 'postinstall'].includes(s))).toEqual([]);
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies', 'bundledDependencies']) {
      expect(pkg[field], field).toBeUndefined();
    }
  });

  it('runs cold with npx in an empty npm cache, installing at most 3 packages', () => {
    const cache = mkdtempSync(join(tmpdir(), 'smd-cache-'));
    const cwd = mkdtempSync(join(tmpdir(), 'smd-npx-'));
    try {
      const started = performance.now();
      const r = spawnSync('npx', ['--yes', '--package', tarball, 'sm-diagnostic', '--version'], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, npm_config_cache: cache, npm_config_update_notifier: 'false' },
      });
      const seconds = (performance.now() - started) / 1000;
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(`${VERSION}\n`);
      const [npx] = readdirSync(join(cache, '_npx'));
      const lock = JSON.parse(readFileSync(join(cache, '_npx', npx!, 'node_modules', '.package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
      const packages = Object.keys(lock.packages).filter(Boolean);
      console.log(`cold npx: ${packages.length} package(s) in ${seconds.toFixed(1)} s: ${packages.join(', ')}`);
      expect(packages).toContain('node_modules/sm-diagnostic');
      expect(packages.length).toBeLessThanOrEqual(3);
    } finally {
      rmSync(cache, { recursive: true, force: true });
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('installs without development dependencies and runs with npx: --version, run --answers, lint', () => {
    const app = installed();
    expect(readdirSync(join(app, 'node_modules')).filter((f) => !f.startsWith('.'))).toEqual(['sm-diagnostic']);
    const npx = (args: string[]) =>
      spawnSync('npx', ['--no-install', 'sm-diagnostic', ...args], { cwd: app, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' } });
    const version = npx(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`${VERSION}\n`);
    const run = npx(['run', '--answers', 'node_modules/sm-diagnostic/questionnaires/sm-maturity/examples/mairie-saint-exemple.yaml', '-o', 'out', '--quiet']);
    expect(run.status).toBe(0);
    expect(readdirSync(join(app, 'out'))).toContain('mairie-st-exemple-2026-11-23.md');
    const lint = npx(['lint']);
    expect(lint.status).toBe(0);
    expect(lint.stdout).toBe(
      'checked: questionnaires/sm-maturity/1.0.0.yaml, questionnaires/sm-maturity/2.0.0.yaml, questionnaires/sm-maturity/2.0.1.yaml, questionnaires/sm-maturity/2.1.0.yaml\n4 files checked: 0 errors, 0 warnings\n',
    );
  });

  it('works as a library, and a strict TypeScript project with skipLibCheck: false type-checks against it', () => {
    const app = installed();
    const script = [
      "import { loadAnswers, score, present, renderMarkdown } from 'sm-diagnostic';",
      "const { assessment, questionnaire } = loadAnswers('node_modules/sm-diagnostic/questionnaires/sm-maturity/examples/mairie-saint-exemple.yaml', { lang: 'en' });",
      'const scored = score(questionnaire.questionnaire, assessment, { sha256: questionnaire.sha256 });',
      "const result = present(scored, questionnaire.questionnaire, 'en');",
      'console.log(typeof result.overall.practiceLevel, renderMarkdown(result, questionnaire.questionnaire).split("\\n")[0]);',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^number # .+\n$/);

    writeFileSync(
      join(app, 'index.ts'),
      [
        "import { loadAnswers, score, present, type Result } from 'sm-diagnostic';",
        '',
        'export function practiceLevel(file: string): number {',
        "  const { assessment, questionnaire } = loadAnswers(file, { lang: 'fr' });",
        '  const scored = score(questionnaire.questionnaire, assessment, { sha256: questionnaire.sha256 });',
        "  const result: Result = present(scored, questionnaire.questionnaire, 'fr');",
        '  const level: number = result.overall.practiceLevel;',
        '  return Math.min(level, scored.overall.practiceLevel);',
        '}',
        '',
        '// @ts-expect-error: practiceLevel is a number',
        "export const wrong: string = score(loadAnswers('x').questionnaire.questionnaire, loadAnswers('x').assessment, { sha256: '' }).overall.practiceLevel;",
        '',
      ].join('\n'),
    );
    // No @types/node, nor zod: the declarations must stand alone.
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, skipLibCheck: false, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: [], noEmit: true },
        files: ['index.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], { cwd: app, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    expect(readdirSync(join(app, 'node_modules')).filter((f) => !f.startsWith('.'))).toEqual(['sm-diagnostic']);
  });

  it('lists the packages bundled in it with the versions bundled, their licences and licence texts', () => {
    const list = fromTarball('dist/THIRD-PARTY.md');
    const rows = [...list.matchAll(/^\| (\S+) \| (\d\S*) \| ([^|]+) \|$/gm)].map((m) => ({ name: m[1]!, version: m[2]!, licence: m[3]!.trim() }));
    // What the bundle holds, read from esbuild's record of the build, at the versions the lockfile installed.
    const meta = JSON.parse(readFileSync(join(ROOT, 'dist', 'esbuild-meta.json'), 'utf8')) as { inputs: Record<string, unknown> };
    const lock = JSON.parse(readFileSync(join(ROOT, 'npm-shrinkwrap.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    const bundled = new Set<string>();
    for (const input of Object.keys(meta.inputs)) {
      const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (!m) continue;
      const name = m[1]!.replace(/^.*node_modules\//, '');
      bundled.add(`${name}@${lock.packages[m[1]!]!.version}`);
    }
    expect(bundled.size).toBeGreaterThan(10);
    expect(new Set(rows.map((r) => `${r.name}@${r.version}`))).toEqual(bundled);
    expect(rows.find((r) => r.name === 'zod')?.version).toBe(lock.packages['node_modules/zod']!.version);
    for (const r of rows) {
      expect(r.licence, r.name).toMatch(/^[A-Za-z0-9.+-]+(?: OR [A-Za-z0-9.+-]+)*$/);
      expect(list, r.name).toContain(`## ${r.name} ${r.version}\n\nLicence: ${r.licence}\n`);
    }
    expect(list.match(/^`{3,}text$/gm)?.length).toBe(rows.length);
  });
});
