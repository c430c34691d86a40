import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/load.js';

/*
 * The package as a user gets it: packed, installed in an empty folder without development
 * dependencies, run with npx.
 */
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const WANTED =
  /^(?:package\.json|README\.md|npm-shrinkwrap\.json|bin\/sm-diagnostic\.js|dist\/(?:src|scoring|bundle|questionnaires)\/.+|questionnaires\/.+|schemas\/[a-z]+\.schema\.json|templates\/[a-z.]+\.liquid)$/;

describe('the package', () => {
  const dest = mkdtempSync(join(tmpdir(), 'smd-pack-'));
  // --ignore-scripts: dist/ is already built (npm run test:e2e builds first); a rebuild here would pull it
  // from under the other tests.
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dest], ROOT)) as { filename: string; files: { path: string }[] }[];
  const tarball = join(dest, packed[0]!.filename);

  it('holds only what a user needs', () => {
    const files = packed[0]!.files.map((f) => f.path);
    expect(files.filter((f) => !WANTED.test(f))).toEqual([]);
    expect(files).toContain('dist/bundle/cli.js');
    expect(files).toContain('dist/questionnaires/sm-maturity/1.0.0.json');
    expect(files.some((f) => f.startsWith('test/') || f.startsWith('src/') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toBe(false);
    const dry = (JSON.parse(npm(['publish', '--dry-run', '--json', '--ignore-scripts'], ROOT)) as Record<string, { files: { path: string }[] }>)[
      'sm-diagnostic'
    ]!;
    expect(dry.files.map((f) => f.path).sort()).toEqual([...files].sort());
  });

  it('has no install scripts', () => {
    const pkg = JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' })) as { scripts?: Record<string, string> };
    expect(Object.keys(pkg.scripts ?? {}).filter((s) => ['preinstall', 'install', 'postinstall'].includes(s))).toEqual([]);
  });

  it('installs without development dependencies and runs with npx: --version, run --answers, lint', () => {
    const app = mkdtempSync(join(tmpdir(), 'smd-app-'));
    writeFileSync(join(app, 'package.json'), '{ "name": "app", "version": "1.0.0", "private": true }\n');
    npm(['install', '--omit=dev', '--no-audit', '--no-fund', tarball], app);
    const installed = readdirSync(join(app, 'node_modules'));
    for (const dev of ['vitest', 'typescript', 'fast-check', 'esbuild', 'playwright-core']) expect(installed).not.toContain(dev);
    const npx = (args: string[]) =>
      spawnSync('npx', ['--no-install', 'sm-diagnostic', ...args], { cwd: app, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' } });
    const version = npx(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`${JSON.parse(npm(['pkg', 'get', 'version'], ROOT))}\n`);
    const run = npx(['run', '--answers', 'node_modules/sm-diagnostic/questionnaires/sm-maturity/examples/mairie-saint-exemple.yaml', '-o', 'out', '--quiet']);
    expect(run.status).toBe(0);
    expect(readdirSync(join(app, 'out'))).toContain('mairie-st-exemple-2026-11-23.md');
    const lint = npx(['lint']);
    expect(lint.status).toBe(0);
    expect(lint.stdout).toBe(
      'checked: questionnaires/sm-maturity/1.0.0.yaml, questionnaires/sm-maturity/2.0.0.yaml, questionnaires/sm-maturity/2.0.1.yaml, questionnaires/sm-maturity/2.1.0.yaml\n4 files checked: 0 errors, 0 warnings\n',
    );
  });
});
