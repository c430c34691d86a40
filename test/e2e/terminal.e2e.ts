import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/load.js';

/*
 * Every command that draws progress or colour, on a real pseudo-terminal, as a person runs the bundled
 * build: `script -qec CMD /dev/null` gives the command a terminal on stdin, stdout and stderr, and
 * returns its exit code. A batch once crashed on every real terminal while every test passed: these
 * tests are the terminal.
 */
const bin = join(ROOT, 'bin', 'sm-diagnostic.js');
const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

function onTerminal(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; screen: string } {
  const command = [process.execPath, bin, ...args].map(quote).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm-256color', LANG: 'en_US.UTF-8', ...env },
    timeout: 120_000,
  });
  return { code: r.status, screen: r.stdout };
}

const ESC = '\u001b[';

describe('on a real terminal', () => {
  it('batch: exit 0, a progress line with elapsed time, rate and time left, then where the files went', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'smd-term-')), 'out');
    const { code, screen } = onTerminal([
      'batch',
      'questionnaires/sm-maturity/examples',
      'test/fixtures/exports/ms-forms-fr.csv',
      '--migrate',
      '-o',
      out,
      '--jobs',
      '2',
    ]);
    expect(code).toBe(0);
    expect(screen).toMatch(/reading {3}\[[█░]+\] 6\/6 · \d+s elapsed · [\d.]+\/s · \d+s left/);
    expect(screen).toMatch(/reports {3}\[[█░]+\] 9\/9 · \d+s elapsed · [\d.]+\/s · \d+s left/);
    expect(screen).toContain(`9 organisations from 9 inputs: reports, summary.csv, summary.md and results.jsonl in ${out}`);
    expect(readdirSync(out)).toContain('summary.md');
  });

  it('batch in French: the same line in French, and the summary of a French export', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'smd-term-')), 'out');
    const { code, screen } = onTerminal(['batch', 'test/fixtures/exports/ms-forms-fr.csv', '-o', out], { LANG: 'fr_FR.UTF-8' });
    expect(code).toBe(0);
    expect(screen).toMatch(/lecture {3}\[[█░]+\] 1\/1 · \d+s écoulées · [\d,]+\/s · reste \d+s/);
    expect(screen).toContain(`4 organisations pour 4 entrées : rapports, summary.csv, summary.md et results.jsonl dans ${out}`);
  });

  it('compare: exit 0, rendered with colour (no raw Markdown)', () => {
    const { code, screen } = onTerminal(['compare', 'test/fixtures/compare/mairie-2025.yaml', 'questionnaires/sm-maturity/examples/mairie-saint-exemple.yaml']);
    expect(code).toBe(0);
    expect(screen).toContain(ESC);
    expect(screen).toContain('Mairie de Saint-Exemple');
    expect(screen).not.toMatch(/^## /m);
  });

  it('lint: exit 0, the summary in green', () => {
    const { code, screen } = onTerminal(['lint']);
    expect(code).toBe(0);
    // Every built-in version file, however many there are.
    expect(screen.replaceAll(ESC, '<CSI>')).toMatch(/<CSI>32m\d+ files checked: 0 errors, 0 warnings<CSI>39m/);
  });

  it('diff: exit 0, bumps in colour', () => {
    const { code, screen } = onTerminal(['diff', 'questionnaires/sm-maturity/1.0.0.yaml', 'questionnaires/sm-maturity/2.0.0.yaml']);
    expect(code).toBe(0);
    expect(screen).toContain(`${ESC}1mquestionnaires/sm-maturity/1.0.0.yaml → questionnaires/sm-maturity/2.0.0.yaml${ESC}22m`);
    expect(screen).toContain(`${ESC}31mmajor`);
  });

  it('NO_COLOR: no colour on a terminal either', () => {
    const { code, screen } = onTerminal(['lint'], { NO_COLOR: '1' });
    expect(code).toBe(0);
    expect(screen).not.toContain(ESC);
  });
});
